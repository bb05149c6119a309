"""Steps of beyond_the_article/trust_browser.feature: a trusted browser skips the code step."""

import secrets
from datetime import timedelta

from pytest_bdd import given, parsers, scenarios, then, when

from tests.drivers import Driver, Screen, Seen, on_page
from tests.drivers.stage import PASSWORD, Stage
from tests.steps.codes_typed import CODE_FORM, CODE_FORMS
from tests.steps.conftest import APP, COMPANY, NAME, PRONOUN, is_signed_in, phone_of

scenarios("beyond_the_article/trust_browser.feature")


@given(parsers.re(rf"{NAME} has allowed trusting a browser for (?P<days>\d+) days at {COMPANY}"))
def has_allowed(stage: Stage, name: str, days: str, company: str) -> None:
    admin = stage.people[name]
    assert admin.company == company
    stage.allow_trusted_browsers(admin, int(days))


@when(
    parsers.re(rf"{NAME} sets Trust this browser for (?P<days>\d+) days in Configuration → .+"),
    target_fixture="seen",
)
def sets_trust_period(driver: Driver, stage: Stage, name: str, days: str) -> Seen:
    admin = stage.people[name]
    driver.open_account_settings(admin)
    return driver.set_trust_period(admin, int(days))


@then('the code step offers no "Trust this browser" box')
def no_trust_box(seen: Seen) -> None:
    assert on_page(seen).screen is Screen.CODE_STEP, seen
    assert "Sign in" in seen.buttons and "Trust this browser" not in seen.boxes, seen


@when(parsers.re(rf"{NAME} enters {CODE_FORM} and trusts this browser"), target_fixture="seen")
def enters_code_and_trusts(driver: Driver, stage: Stage, name: str, form: str) -> Seen:
    person = stage.people[name]
    return driver.enter_code_and_trust_browser(person, CODE_FORMS[form](phone_of(person)))


@given(parsers.re(rf"{NAME} has signed in and trusted {PRONOUN} browser"))
def has_trusted(driver: Driver, stage: Stage, name: str) -> None:
    person = stage.people[name]
    asked = driver.sign_in(person, person.login, PASSWORD)
    assert asked.screen is Screen.CODE_STEP, asked
    is_signed_in(stage, driver.enter_code_and_trust_browser(person, phone_of(person).code()), name)


@when(
    parsers.re(rf"{NAME} signs in again in the browser (?:she|he) trusted"), target_fixture="seen"
)
def signs_in_again(driver: Driver, stage: Stage, name: str) -> Seen:
    return driver.sign_in_again(stage.people[name])


@given(parsers.re(rf"{NAME} has turned off and on two-factor authentication"))
def has_turned_off_and_on(stage: Stage, name: str) -> None:
    person = stage.people[name]
    stage.clock.advance(timedelta(seconds=30))  # the code of her sign-in was used
    stage.turn_off(person)
    stage.clock.advance(timedelta(seconds=30))
    stage.turn_on(person, "Google Authenticator")


@given(parsers.re(rf"{NAME} has changed {PRONOUN} authentication application to {APP}"))
def has_changed_application(stage: Stage, name: str, app: str) -> None:
    stage.clock.advance(timedelta(seconds=30))  # the code of her sign-in was used
    stage.change_application(stage.people[name], app)


@given(parsers.re(rf"{NAME} has changed {PRONOUN} password"))
def has_changed_password(stage: Stage, name: str) -> None:
    """A new password hash (the scenario signs in with the same words again)."""
    stage.precoro.change_password(stage.people[name].login, PASSWORD)


@when(
    parsers.re(rf"{NAME} presses Forget trusted browsers on {PRONOUN} two-factor .+ page"),
    target_fixture="seen",
)
def forgets(driver: Driver, stage: Stage, name: str) -> Seen:
    return driver.forget_trusted_browsers(stage.people[name])


@when(parsers.re(rf"(?P<owner>[A-Z][a-z]+)'s trust cookie is copied into {NAME}'s browser"))
def cookie_copied(driver: Driver, stage: Stage, owner: str, name: str) -> None:
    driver.copy_trusted_browser(stage.people[owner], stage.people[name])


@when(parsers.re(rf"{NAME}'s browser is given a made-up trust cookie"))
def cookie_forged(driver: Driver, stage: Stage, name: str) -> None:
    driver.forge_trusted_browser(stage.people[name], secrets.token_urlsafe(32))
