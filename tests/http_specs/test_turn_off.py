"""turn_off.feature over HTTP: Turn Off after a current code, and the secret forgotten."""

from flask import Flask
from pytest_bdd import given, parsers, scenarios, then, when

from precoro_2fa.entrypoints.web.two_factor import TURNED_OFF
from tests.conftest import NAME, Phone, login_of
from tests.http_specs.browser import Page
from tests.http_specs.people import (
    CONFIRM,
    SETTINGS,
    Person,
    ProfileSettings,
    assert_accepted,
    signed_in_browser,
    turn_off,
    two_factor_of,
)

scenarios("turn_off.feature")


@given(parsers.re(rf"{NAME} has turned off two-factor authentication"), target_fixture="old_secret")
def has_turned_off(
    web_app: Flask, people: dict[str, Person], phones: dict[str, Phone], name: str
) -> str:
    """Turn Off with a current code; the phone keeps the old secret, Precoro forgets it."""
    person = people[name]
    browser = signed_in_browser(web_app, person)
    browser.open(SETTINGS)
    assert_accepted(turn_off(browser, phones[person.login].code()))
    return phones[person.login].secret


@when(parsers.re(rf"enters the current code of {NAME}'s application"))
def enters_code_of(profile_settings: ProfileSettings, phones: dict[str, Phone], name: str) -> None:
    profile_settings.typed = phones[login_of(name)].code()


@then("two-factor authentication is turned off and no secret is kept")
def turned_off(web_app: Flask, profile_settings: ProfileSettings, verdict: Page) -> None:
    assert_accepted(verdict)
    assert TURNED_OFF in verdict.notices("success")
    assert two_factor_of(web_app, profile_settings.person) == ("off", None)
    assert profile_settings.browser.peek(CONFIRM).secret is None


@then(parsers.re(rf"the authentication page shows a secret other than the one {NAME} turned off"))
def new_secret(profile_settings: ProfileSettings, old_secret: str, name: str) -> None:
    shown = profile_settings.browser.peek(CONFIRM).secret
    assert shown is not None
    assert shown.replace(" ", "") != old_secret
