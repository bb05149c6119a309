"""change_application.feature over HTTP: turn off and set up again, or confirm the new one first."""

from dataclasses import dataclass

import pyotp
from flask import Flask
from pytest_bdd import parsers, scenarios, then, when

from tests.conftest import NAME, PRONOUN, Phone, login_of
from tests.http_specs.browser import Browser, Page, decode_qr
from tests.http_specs.people import (
    CHANGE,
    CODE,
    CONFIRM,
    SETTINGS,
    Person,
    ProfileSettings,
    assert_refused,
    assert_signed_in,
    enter_code,
    refused_as,
    scan,
    set_up,
    sign_in,
    signed_in_browser,
    submit_code,
    turn_off,
)
from tests.specs.conftest import (
    APP,
    CODE_FORM,
    CODE_FORMS,
    NEW_APP_CODE,
    NEW_APP_CODES,
    REASON,
    REASONS,
    application,
)

scenarios("change_application.feature")


@dataclass
class ApplicationChange:
    """The change page, open in the person's browser, with the new application chosen."""

    person: Person
    browser: Browser
    application: str


@when(
    parsers.re(rf"{NAME} presses the Turn Off button and enters {CODE_FORM}"),
    target_fixture="verdict",
)
def turns_off_with(
    web_app: Flask, people: dict[str, Person], phones: dict[str, Phone], name: str, form: str
) -> Page:
    person = people[name]
    browser = signed_in_browser(web_app, person)
    browser.open(SETTINGS)
    return turn_off(browser, CODE_FORMS[form](phones[person.login]))


@when(
    parsers.re(rf"{NAME} configures two-factor authentication again with {APP}"),
    target_fixture="verdict",
)
def configures_again(
    web_app: Flask, people: dict[str, Person], new_apps: dict[str, Phone], name: str, app: str
) -> Page:
    """Turn On, choose the application, Next, scan the QR code, Confirm."""
    person = people[name]
    new_apps[person.login], page = set_up(signed_in_browser(web_app, person), application(app))
    return page


@when(
    parsers.re(rf"chooses to change the authentication application to {APP}"),
    target_fixture="application_change",
)
def chooses_change(profile_settings: ProfileSettings, app: str) -> ApplicationChange:
    """The page's Change authentication application button (its address, if not offered)."""
    browser = profile_settings.browser
    page = browser.press_or_send("Change authentication application", CHANGE, "get")
    assert (page.status, page.path) == (200, CHANGE)
    return ApplicationChange(profile_settings.person, browser, app)


def change(asked: ApplicationChange, code: object) -> Page:
    """The current code, the new application's radio button, and Next."""
    chosen = application(asked.application).name
    return submit_code(asked.browser, "Next", CHANGE, code, application=chosen)


@when(parsers.re(rf"enters {CODE_FORM} to change the application"), target_fixture="change")
def enters_code_to_change(
    phones: dict[str, Phone], application_change: ApplicationChange, form: str
) -> Page:
    return change(application_change, CODE_FORMS[form](phones[application_change.person.login]))


@when(parsers.parse('enters the code "{code}" to change the application'), target_fixture="change")
def enters_literal_code_to_change(application_change: ApplicationChange, code: str) -> Page:
    return change(application_change, code)


@when(parsers.re(rf"{NAME} scans the new QR code with {PRONOUN} new app"))
def scans_new_qr_code(new_apps: dict[str, Phone], change: Page, name: str) -> None:
    new_apps[login_of(name)] = scan(change)


@when(
    parsers.re(rf"(?:{NAME} )?enters {NEW_APP_CODE} and presses the Confirm button"),
    target_fixture="verdict",
)
def confirms_new_app(
    phones: dict[str, Phone],
    new_apps: dict[str, Phone],
    application_change: ApplicationChange,
    what: str,
) -> Page:
    login = application_change.person.login
    code = NEW_APP_CODES[what](phones[login], new_apps[login])
    return submit_code(application_change.browser, "Confirm", CONFIRM, code)


@then(parsers.re(rf"the page shows the QR code and the secret to set up {APP}"))
def shows_new_qr_code(application_change: ApplicationChange, change: Page, app: str) -> None:
    """The authentication page, reloaded: the new application, the QR code and secret of the
    page the change answered with."""
    page = application_change.browser.open(CONFIRM)
    assert (page.status, page.path, page.heading) == (200, CONFIRM, f"Set up {app}")
    png = page.qr_png()
    assert png is not None and page.secret is not None
    uri = decode_qr(png)
    login = application_change.person.login
    assert uri.startswith(f"otpauth://totp/Precoro:{login}?secret=")
    assert pyotp.parse_uri(uri).secret == page.secret.replace(" ", "")
    assert change.secret == page.secret


@then("no QR code of a new application is shown")
def no_new_qr_code(application_change: ApplicationChange, change: Page) -> None:
    assert (change.qr_png(), change.secret) == (None, None)
    authentication_page = application_change.browser.peek(CONFIRM)
    assert (authentication_page.qr_png(), authentication_page.secret) == (None, None)


@then(parsers.re(rf"the change is refused as {REASON}"))
def change_refused_as(change: Page, reason: str) -> None:
    assert (change.status, change.path) == (422, CHANGE)
    refused_as(change, REASONS[reason])


@then(parsers.parse('the change is refused with "{message}"'))
def change_refused_with(change: Page, message: str) -> None:
    assert change.status == 409
    assert_refused(change, message)


@then(
    parsers.re(
        rf"{NAME} (?P<can>can|can still|cannot) sign in with a code from {PRONOUN} "
        r"(?P<which>old|new) app"
    )
)
def signs_in_with_app(
    web_app: Flask,
    people: dict[str, Person],
    phones: dict[str, Phone],
    new_apps: dict[str, Phone],
    name: str,
    can: str,
    which: str,
) -> None:
    """Signing in at another browser; the one where she is changing stays as it is."""
    person = people[name]
    working = person.browser
    assert sign_in(web_app, person).path == CODE
    page = enter_code(person, (new_apps if which == "new" else phones)[person.login].code())
    person.browser = working
    if can == "cannot":
        assert (page.status, page.path) == (422, CODE)
        refused_as(page, REASONS["wrong"])
    else:
        assert_signed_in(page, person.login)
