"""Steps of change_application.feature: turn off and set up again, or confirm the new app first."""

from pytest_bdd import parsers, scenarios, then, when

from tests.drivers import Driver, Screen, Seen
from tests.drivers.phone import Phone
from tests.drivers.stage import Stage
from tests.steps.codes_typed import CODE_FORM, CODE_FORMS, NEW_APP_CODE, NEW_APP_CODES, REASON
from tests.steps.conftest import (
    APP,
    NAME,
    PRONOUN,
    actor,
    no_qr_code_kept,
    phone_of,
    refused_as,
    set_up_two_factor,
)
from tests.steps.test_turn_on import secret_of

scenarios("change_application.feature")


@when(
    parsers.re(rf"{NAME} configures two-factor authentication again with {APP}"),
    target_fixture="seen",
)
def configures_again(driver: Driver, stage: Stage, name: str, app: str) -> Seen:
    """Turn On, the application, Next, the QR code scanned by her new app, Confirm."""
    person = stage.people[name]
    old_phone = person.phone
    seen = set_up_two_factor(driver, stage, person, app)
    person.phone, person.new_phone = old_phone, person.phone
    return seen


@when(
    parsers.re(rf"chooses to change the authentication application to {APP}"),
    target_fixture="new_application",
)
def chooses_change(app: str) -> str:
    return app


@when(parsers.re(rf"enters {CODE_FORM} to change the application"), target_fixture="seen")
def enters_code_to_change(
    driver: Driver, stage: Stage, seen: Seen, new_application: str, form: str
) -> Seen:
    person = actor(stage, seen)
    return driver.change_application(person, CODE_FORMS[form](phone_of(person)), new_application)


@when(parsers.parse('enters the code "{code}" to change the application'), target_fixture="seen")
def enters_literal_code_to_change(
    driver: Driver, stage: Stage, seen: Seen, new_application: str, code: str
) -> Seen:
    return driver.change_application(actor(stage, seen), code, new_application)


@when(parsers.re(rf"{NAME} scans the new QR code with {PRONOUN} new app"))
def scans_new_qr_code(stage: Stage, seen: Seen, name: str) -> None:
    assert seen.screen is Screen.SET_UP, seen
    stage.people[name].new_phone = Phone(secret_of(seen), stage.clock)


@when(
    parsers.re(rf"(?:{NAME} )?enters {NEW_APP_CODE} and presses the Confirm button"),
    target_fixture="seen",
)
def confirms_new_app(driver: Driver, stage: Stage, seen: Seen, what: str) -> Seen:
    person = actor(stage, seen)
    assert person.new_phone is not None, f"{person.name} has not scanned the new QR code"
    return driver.confirm(person, NEW_APP_CODES[what](phone_of(person), person.new_phone))


@then(parsers.re(rf"the page shows the QR code and the secret to set up {APP}"))
def shows_new_qr_code(driver: Driver, stage: Stage, seen: Seen, app: str) -> None:
    person = actor(stage, seen)
    shown = driver.look(person, Screen.SET_UP)
    assert (shown.screen, shown.application) == (Screen.SET_UP, app), shown
    assert shown.grouped_secret is not None, shown
    assert secret_of(shown) == shown.grouped_secret.replace(" ", "")
    assert person.new_phone is None or person.new_phone.secret == secret_of(shown)
    assert secret_of(shown) != phone_of(person).secret


@then("no QR code of a new application is shown")
def no_new_qr_code(driver: Driver, stage: Stage, seen: Seen) -> None:
    assert (seen.qr_uri, seen.grouped_secret) == (None, None), seen
    no_qr_code_kept(driver, actor(stage, seen))


@then(parsers.re(rf"the change is refused as {REASON}"))
def change_refused_as(seen: Seen, reason: str) -> None:
    assert seen.screen is Screen.CHANGE, seen
    refused_as(seen, reason)


@then(
    parsers.re(
        rf"{NAME} (?P<can>can|can still|cannot) sign in with a code from {PRONOUN} "
        r"(?P<which>old|new) app"
    )
)
def signs_in_with_app(driver: Driver, stage: Stage, name: str, can: str, which: str) -> None:
    """Signed in (or not) in another window: the page she has open stays as it is."""
    person = stage.people[name]
    app = person.new_phone if which == "new" else person.phone
    assert app is not None, f"{name} has no {which} app"
    seen = driver.try_sign_in(person, app.code())
    if can == "cannot":
        assert seen.screen is Screen.CODE_STEP, seen
        refused_as(seen, "wrong")
    else:
        assert (seen.signed_in_as, seen.errors) == (person.login, ()), seen
