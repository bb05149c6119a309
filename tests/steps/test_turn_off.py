"""Steps of turn_off.feature: Turn Off after a current code, and the secret forgotten."""

from pytest_bdd import parsers, scenarios, then, when

from tests.drivers import Driver, Screen, Seen
from tests.drivers.stage import Stage
from tests.steps.conftest import NAME, actor, is_turned_off, no_qr_code_kept, phone_of
from tests.steps.test_turn_on import secret_of

scenarios("turn_off.feature")


@when(parsers.re(rf"enters the current code of {NAME}'s application"), target_fixture="typed_code")
def enters_code_of(stage: Stage, name: str) -> object:
    return phone_of(stage.people[name]).code()


@when(parsers.re(rf"{NAME} opens the Turn Off page by its address"), target_fixture="seen")
def opens_turn_off(driver: Driver, stage: Stage, name: str) -> Seen:
    return driver.open_address(stage.people[name], Screen.TURN_OFF)


@then("two-factor authentication is turned off and no secret is kept")
def turned_off(driver: Driver, stage: Stage, seen: Seen) -> None:
    is_turned_off(seen)
    assert seen.application is None, seen
    no_qr_code_kept(driver, actor(stage, seen))


@then(parsers.re(rf"the authentication page shows a secret other than the one {NAME} turned off"))
def new_secret(seen: Seen, old_secret: str, name: str) -> None:
    assert secret_of(seen) != old_secret
