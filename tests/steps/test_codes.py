"""Steps of codes.feature: what a code is, once only, the window, and the lock."""

from datetime import UTC, datetime, timedelta

from pytest_bdd import given, parsers, scenarios, when

from tests.drivers import Driver, Seen
from tests.drivers.stage import PASSWORD, Stage
from tests.steps.conftest import NAME, PRONOUN

scenarios("codes.feature")

TIME = r"(?P<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC"


def utc(time: str) -> datetime:
    return datetime.fromisoformat(time).replace(tzinfo=UTC)


@given(
    parsers.re(
        rf"{NAME} turned on two-factor authentication with the RFC 6238 secret"
        rf' "(?P<secret>[A-Z2-7]+)" 2 minutes before {TIME}'
    )
)
def turned_on_with_secret(stage: Stage, name: str, secret: str, time: str) -> None:
    stage.clock.move_to(utc(time) - timedelta(minutes=2))
    stage.turn_on_with_secret(stage.people[name], secret)


@given(
    parsers.re(rf"{NAME} has entered {PRONOUN} unique login and password at {TIME}"),
    target_fixture="seen",
)
def signs_in_at(driver: Driver, stage: Stage, name: str, time: str) -> Seen:
    stage.clock.move_to(utc(time))
    person = stage.people[name]
    return driver.sign_in(person, person.login, PASSWORD)


@when(parsers.re(rf'{NAME} types "(?P<code>[0-9]*)" to sign in'), target_fixture="seen")
def types_code(driver: Driver, stage: Stage, name: str, code: str) -> Seen:
    return driver.enter_code(stage.people[name], code)
