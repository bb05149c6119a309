"""Steps of sign_in.feature: login and password, then the 6-digit code of that attempt."""

from pytest_bdd import parsers, scenarios, when

from tests.drivers import Driver, Seen
from tests.drivers.stage import PASSWORD, Stage
from tests.steps.conftest import NAME, phone_of

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
    return driver.sign_in(None, stage.as_typed(login), PASSWORDS[password])


@when(
    parsers.re(
        rf'someone signs in as "(?P<login>[^"]*)" with {PASSWORD_FORM} (?P<times>\d+) times'
    ),
    target_fixture="seen",
)
def someone_guesses(driver: Driver, stage: Stage, login: str, password: str, times: str) -> Seen:
    tries = [
        driver.sign_in(None, stage.as_typed(login), PASSWORDS[password]) for _ in range(int(times))
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
