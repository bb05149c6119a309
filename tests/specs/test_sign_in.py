"""Steps of sign_in.feature: login and password, then the 6-digit code of that attempt."""

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from precoro_2fa import (
    CodeRejected,
    CodeRequired,
    Precoro,
    SignedIn,
    SignInBlocked,
    SignInRefused,
)
from tests.conftest import NAME, PASSWORD, PRONOUN, Phone, login_of
from tests.specs.conftest import sign_in_with_code

scenarios("sign_in.feature")

PASSWORDS: dict[str, object] = {
    "Eve's password": PASSWORD,
    "a wrong password": "wrong horse battery",
    "an empty password": "",
    "no password": None,
}
PASSWORD_FORM = "(?P<password>" + "|".join(PASSWORDS) + ")"
SignInAnswer = SignedIn | CodeRequired | SignInRefused | SignInBlocked
PERSON = "[A-Z][a-z]+"


@when(
    parsers.re(rf'someone signs in as "(?P<login>[^"]*)" with {PASSWORD_FORM}'),
    target_fixture="signed_in",
)
def someone_signs_in(precoro: Precoro, login: str, password: str) -> SignInAnswer:
    return precoro.sign_in(login, PASSWORDS[password])


@when(
    parsers.re(
        rf'someone signs in as "(?P<login>[^"]*)" with {PASSWORD_FORM} (?P<times>\d+) times'
    ),
    target_fixture="guesses",
)
def someone_guesses(precoro: Precoro, login: str, password: str, times: str) -> list[SignInAnswer]:
    return [precoro.sign_in(login, PASSWORDS[password]) for _ in range(int(times))]


@when(
    parsers.re(rf"(?P<owner>{PERSON})'s current code is entered in {NAME}'s code step"),
    target_fixture="sign_in_answer",
)
def code_of_another_user(
    precoro: Precoro,
    phones: dict[str, Phone],
    signed_in: SignInAnswer,
    owner: str,
    name: str,
) -> SignedIn | CodeRejected:
    assert isinstance(signed_in, CodeRequired), signed_in
    return precoro.enter_code(signed_in.attempt_id, phones[login_of(owner)].code())


@when(
    parsers.re(rf"{NAME}'s current code is entered in a sign-in attempt nobody opened"),
    target_fixture="sign_in_answer",
)
def code_without_attempt(
    precoro: Precoro, phones: dict[str, Phone], name: str
) -> SignedIn | CodeRejected:
    return precoro.enter_code("an attempt nobody opened", phones[login_of(name)].code())


# --- A browser Eve signed in from before: the device id the service gave it.


@pytest.fixture
def browsers() -> dict[str, str]:
    """The device id of each person's own browser, by name, once they signed in from it."""
    return {}


@given(parsers.re(rf"{NAME} has signed in from {PRONOUN} browser"))
def has_signed_in_from_browser(
    precoro: Precoro, phones: dict[str, Phone], browsers: dict[str, str], name: str
) -> None:
    signed_in = sign_in_with_code(precoro, login_of(name), phones[login_of(name)].code())
    assert isinstance(signed_in, SignedIn), signed_in
    browsers[name] = signed_in.device


@when(
    parsers.re(rf"{NAME} enters {PRONOUN} unique login and password in {PRONOUN} browser"),
    target_fixture="signed_in",
)
def enters_login_and_password_in_browser(
    precoro: Precoro, browsers: dict[str, str], name: str
) -> SignInAnswer:
    return precoro.sign_in(login_of(name), PASSWORD, browsers[name])


@when(
    parsers.re(rf"{NAME} enters a wrong password in {PRONOUN} browser (?P<times>\d+) times"),
    target_fixture="guesses",
)
def wrong_passwords_in_browser(
    precoro: Precoro, browsers: dict[str, str], name: str, times: str
) -> list[SignInAnswer]:
    wrong = PASSWORDS["a wrong password"]
    return [precoro.sign_in(login_of(name), wrong, browsers[name]) for _ in range(int(times))]


@then(parsers.re(r"the sign-in is refused as temporarily blocked until (?P<time>\d\d:\d\d) UTC"))
def sign_in_blocked(signed_in: SignInAnswer, time: str) -> None:
    assert isinstance(signed_in, SignInBlocked), signed_in
    assert f"{signed_in.until:%H:%M}" == time
    assert_says_blocked(signed_in.message, time)


def assert_says_blocked(message: str, time: str) -> None:
    """Blocked for now, until when, and what to do meanwhile."""
    assert message.startswith("Sign-in is temporarily blocked"), message
    assert f"Try again after {time} UTC" in message, message
    assert "a browser you have signed in from before" in message, message
    assert "contact your company's admin" in message, message
