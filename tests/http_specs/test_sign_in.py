"""sign_in.feature over HTTP: login and password, then the 6-digit code of that attempt."""

from flask import Flask
from pytest_bdd import parsers, scenarios, when

from tests.conftest import NAME, PASSWORD, Phone, login_of
from tests.http_specs.browser import Browser, Page
from tests.http_specs.people import (
    CODE,
    SIGN_IN,
    Person,
    enter_code,
)

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
    assert {(page.status, page.path) for page in pages} == {(422, SIGN_IN)}
    return pages


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
