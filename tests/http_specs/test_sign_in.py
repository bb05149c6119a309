"""sign_in.feature over HTTP: login and password, then the 6-digit code of that attempt."""

import pytest
from flask import Flask
from pytest_bdd import given, parsers, scenarios, then, when

from tests.conftest import NAME, PASSWORD, PRONOUN, Phone, login_of
from tests.http_specs.browser import Browser, Page
from tests.http_specs.people import (
    CODE,
    SIGN_IN,
    SIGN_OUT,
    Person,
    enter_code,
    signed_in_browser,
)
from tests.specs.test_sign_in import assert_says_blocked

scenarios("sign_in.feature")

PASSWORDS: dict[str, str | None] = {
    "Eve's password": PASSWORD,
    "a wrong password": "wrong horse battery",
    "an empty password": "",
    "no password": None,  # the browser sends no password field at all
}
PASSWORD_FORM = "(?P<password>" + "|".join(PASSWORDS) + ")"
PERSON = "[A-Z][a-z]+"


def someone_at_the_sign_in_page(web_app: Flask) -> Browser:
    browser = Browser(web_app)
    browser.open(SIGN_IN)
    return browser


@when(
    parsers.re(rf'someone signs in as "(?P<login>[^"]*)" with {PASSWORD_FORM}'),
    target_fixture="signed_in",
)
def someone_signs_in(web_app: Flask, login: str, password: str) -> Page:
    browser = someone_at_the_sign_in_page(web_app)
    return browser.press("Sign in", SIGN_IN, login=login, password=PASSWORDS[password])


@when(
    parsers.re(
        rf'someone signs in as "(?P<login>[^"]*)" with {PASSWORD_FORM} (?P<times>\d+) times'
    ),
    target_fixture="guesses",
)
def someone_guesses(web_app: Flask, login: str, password: str, times: str) -> list[Page]:
    """Again and again from one browser, each time from the page the last refusal showed."""
    browser = someone_at_the_sign_in_page(web_app)
    pages = [
        browser.press("Sign in", SIGN_IN, login=login, password=PASSWORDS[password])
        for _ in range(int(times))
    ]
    assert_refused_then_blocked(pages)
    return pages


def assert_refused_then_blocked(pages: list[Page]) -> None:
    """Refused (422) until the try that starts the block, blocked (429) from it on."""
    statuses = [page.status for page in pages]
    assert statuses == sorted(statuses) and set(statuses) <= {422, 429}, statuses
    assert {page.path for page in pages} == {SIGN_IN}


@when(
    parsers.re(rf"(?P<owner>{PERSON})'s current code is entered in {NAME}'s code step"),
    target_fixture="sign_in_answer",
)
def code_of_another_user(
    people: dict[str, Person], phones: dict[str, Phone], owner: str, name: str
) -> Page:
    return enter_code(people[name], phones[login_of(owner)].code())


@when(
    parsers.re(rf"{NAME}'s current code is entered in a sign-in attempt nobody opened"),
    target_fixture="sign_in_answer",
)
def code_without_attempt(web_app: Flask, phones: dict[str, Phone], name: str) -> Page:
    """The code form sent from a browser that never passed the password step."""
    browser = someone_at_the_sign_in_page(web_app)
    return browser.send("post", CODE, code=phones[login_of(name)].code())


# --- A browser Eve signed in from before: it holds her signed device cookie.


@pytest.fixture
def own_browsers() -> dict[str, Browser]:
    """Each person's own browser, by name, signed out after they signed in from it."""
    return {}


@given(parsers.re(rf"{NAME} has signed in from {PRONOUN} browser"))
def has_signed_in_from_browser(
    web_app: Flask, people: dict[str, Person], own_browsers: dict[str, Browser], name: str
) -> None:
    """The browser she signed in from (to turn 2FA on, say), signed out now."""
    person = people[name]
    browser = signed_in_browser(web_app, person)
    assert browser.press("Sign out", SIGN_OUT).path == SIGN_IN
    person.browser, own_browsers[name] = None, browser


def sign_in_from(browser: Browser, person: Person, password: str | None) -> Page:
    browser.open(SIGN_IN)
    page = browser.press("Sign in", SIGN_IN, login=person.login, password=password)
    person.attempt, person.attempt_session = browser, browser.session_id
    return page


@when(
    parsers.re(rf"{NAME} enters {PRONOUN} unique login and password in {PRONOUN} browser"),
    target_fixture="signed_in",
)
def enters_login_and_password_in_browser(
    people: dict[str, Person], own_browsers: dict[str, Browser], name: str
) -> Page:
    return sign_in_from(own_browsers[name], people[name], PASSWORD)


@when(
    parsers.re(rf"{NAME} enters a wrong password in {PRONOUN} browser (?P<times>\d+) times"),
    target_fixture="guesses",
)
def wrong_passwords_in_browser(
    people: dict[str, Person], own_browsers: dict[str, Browser], name: str, times: str
) -> list[Page]:
    wrong = PASSWORDS["a wrong password"]
    browser, person = own_browsers[name], people[name]
    pages = [sign_in_from(browser, person, wrong) for _ in range(int(times))]
    assert_refused_then_blocked(pages)
    return pages


@then(parsers.re(r"the sign-in is refused as temporarily blocked until (?P<time>\d\d:\d\d) UTC"))
def sign_in_blocked(signed_in: Page, time: str) -> None:
    assert (signed_in.status, signed_in.path) == (429, SIGN_IN)
    [message] = signed_in.notices("error")
    assert_says_blocked(message, time)
