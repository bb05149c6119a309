"""Steps of sign_in.feature: login and password, then the 6-digit code of that attempt."""

from pytest_bdd import given, parsers, scenarios, then, when

from tests.drivers import Driver, Screen, Seen, reached
from tests.drivers.stage import PASSWORD, Stage
from tests.steps.conftest import NAME, PRONOUN, phone_of

scenarios("sign_in.feature")

PASSWORDS: dict[str, str | None] = {
    "Eve's password": PASSWORD,
    "a wrong password": "wrong horse battery",
    "an empty password": "",
    "no password": None,
}
PASSWORD_FORM = "(?P<password>" + "|".join(PASSWORDS) + ")"


@when(
    parsers.re(rf'someone signs in as "(?P<login>[^"]*)" with {PASSWORD_FORM}'),
    target_fixture="seen",
)
def someone_signs_in(driver: Driver, stage: Stage, login: str, password: str) -> Seen:
    return driver.sign_in(None, stage.typed_at_sign_in(login), PASSWORDS[password])


@when(
    parsers.re(
        r'someone signs in as "(?P<login>[^"]*)" with a password of (?P<length>\d+) characters'
    ),
    target_fixture="seen",
)
def signs_in_with_long_password(driver: Driver, stage: Stage, login: str, length: str) -> Seen:
    return driver.sign_in(None, stage.typed_at_sign_in(login), "x" * int(length))


@when(
    parsers.re(
        rf'someone signs in as "(?P<login>[^"]*)" with {PASSWORD_FORM} (?P<times>\d+) times'
    ),
    target_fixture="seen",
)
def someone_guesses(driver: Driver, stage: Stage, login: str, password: str, times: str) -> Seen:
    tries = [
        driver.sign_in(None, stage.typed_at_sign_in(login), PASSWORDS[password])
        for _ in range(int(times))
    ]
    return tries[-1]


@when(
    parsers.re(rf"(?P<owner>[A-Z][a-z]+)'s current code is entered in {NAME}'s code step"),
    target_fixture="seen",
)
def code_of_another_user(driver: Driver, stage: Stage, owner: str, name: str) -> Seen:
    return driver.enter_code(stage.people[name], phone_of(stage.people[owner]).code())


@when(
    parsers.re(rf"{NAME}'s current code is entered in a sign-in attempt nobody opened"),
    target_fixture="seen",
)
def code_without_attempt(driver: Driver, stage: Stage, name: str) -> Seen:
    person = stage.people[name]
    return driver.enter_code_without_attempt(person, phone_of(person).code())


# --- A browser Eve signed in from before: it keeps her device cookie.


@given(parsers.re(rf"{NAME} has signed in from {PRONOUN} browser"))
def has_signed_in_from_browser(driver: Driver, stage: Stage, name: str) -> None:
    driver.sign_in_and_out_in_own_browser(stage.people[name])


@when(
    parsers.re(rf"{NAME} enters {PRONOUN} unique login and password in {PRONOUN} browser"),
    target_fixture="seen",
)
def enters_login_and_password_in_browser(driver: Driver, stage: Stage, name: str) -> Seen:
    return driver.sign_in_in_own_browser(stage.people[name], PASSWORD)


@when(
    parsers.re(rf"{NAME} enters a wrong password in {PRONOUN} browser (?P<times>\d+) times"),
    target_fixture="seen",
)
def wrong_passwords_in_browser(driver: Driver, stage: Stage, name: str, times: str) -> Seen:
    wrong = PASSWORDS["a wrong password"]
    tries = [driver.sign_in_in_own_browser(stage.people[name], wrong) for _ in range(int(times))]
    return tries[-1]


@then(parsers.re(r"the sign-in is refused as temporarily blocked until (?P<time>\d\d:\d\d) UTC"))
def sign_in_blocked(seen: Seen, time: str) -> None:
    """Blocked for now, until when, and what to do meanwhile."""
    assert (seen.screen, seen.signed_in_as) == (Screen.SIGN_IN, None), seen
    [message] = seen.errors
    assert message.startswith("Sign-in is temporarily blocked"), message
    assert f"Try again after {time} UTC" in message, message
    assert "a browser you have signed in from before" in message, message
    assert "contact your company's admin" in message, message


# --- while Precoro cannot save


@when("Precoro cannot save for a moment")
def cannot_save(stage: Stage) -> None:
    stage.cannot_save()


@when("Precoro can save again")
def saves_again(stage: Stage) -> None:
    stage.saves_again()


@when(parsers.re(rf"{NAME} clicks Try again"), target_fixture="seen")
def clicks_try_again(driver: Driver, stage: Stage, name: str) -> Seen:
    return driver.try_again(stage.people[name])


@when(parsers.re(rf"{NAME} signs out"), target_fixture="seen")
def signs_out(driver: Driver, stage: Stage, name: str) -> Seen:
    return reached(driver.click(stage.people[name], Screen.SIGN_IN), Screen.SIGN_IN)
