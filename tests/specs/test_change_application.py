"""Change an authentication application: turn off and set up again, or confirm the new one first."""

from dataclasses import dataclass

from pytest_bdd import parsers, scenarios, then, when

from precoro_2fa import (
    AuthenticationApplication,
    CodeRejected,
    CodeVerdict,
    Enrollment,
    Precoro,
    SignedIn,
    TwoFactorRuleBroken,
)
from tests.conftest import NAME, PRONOUN, Phone, login_of
from tests.specs.conftest import (
    CODE_FORM,
    CODE_FORMS,
    NEW_APP_CODE,
    NEW_APP_CODES,
    REASON,
    REASONS,
    ProfileSettings,
    application,
    or_refusal,
    refused_as,
    sign_in_with_code,
)

scenarios("change_application.feature")

APP = r"(?P<app>Authy|Google Authenticator)"

Change = Enrollment | CodeRejected | TwoFactorRuleBroken
"""What entering a code to change the application shows: the new QR code, or why not."""


@dataclass(frozen=True, slots=True)
class ApplicationChange:
    """The change Eve asked for on the Two-factor authentication page, before any code."""

    login: str
    application: AuthenticationApplication


@when(
    parsers.re(rf"{NAME} presses the Turn Off button and enters {CODE_FORM}"),
    target_fixture="verdict",
)
def turns_off_with(
    precoro: Precoro, phones: dict[str, Phone], name: str, form: str
) -> CodeVerdict | TwoFactorRuleBroken:
    login = login_of(name)
    return or_refusal(lambda: precoro.turn_off(login, CODE_FORMS[form](phones[login])))


@when(
    parsers.re(rf"{NAME} configures two-factor authentication again with {APP}"),
    target_fixture="verdict",
)
def configures_again(
    precoro: Precoro, new_apps: dict[str, Phone], name: str, app: str
) -> CodeVerdict:
    """Turn On, choose the application, Next, scan the QR code, Confirm."""
    login = login_of(name)
    precoro.turn_on(login)
    new_apps[login] = Phone(precoro.choose_application(login, application(app)).secret)
    return precoro.confirm(login, new_apps[login].code())


@when(
    parsers.re(rf"chooses to change the authentication application to {APP}"),
    target_fixture="application_change",
)
def chooses_change(profile_settings: ProfileSettings, app: str) -> ApplicationChange:
    return ApplicationChange(profile_settings.login, application(app))


def change(precoro: Precoro, asked: ApplicationChange, code: object) -> Change:
    return or_refusal(lambda: precoro.change_application(asked.login, code, asked.application))


@when(parsers.re(rf"enters {CODE_FORM} to change the application"), target_fixture="change")
def enters_code_to_change(
    precoro: Precoro, phones: dict[str, Phone], application_change: ApplicationChange, form: str
) -> Change:
    return change(precoro, application_change, CODE_FORMS[form](phones[application_change.login]))


@when(parsers.parse('enters the code "{code}" to change the application'), target_fixture="change")
def enters_literal_code_to_change(
    precoro: Precoro, application_change: ApplicationChange, code: str
) -> Change:
    return change(precoro, application_change, code)


@when(parsers.re(rf"{NAME} scans the new QR code with {PRONOUN} new app"))
def scans_new_qr_code(new_apps: dict[str, Phone], change: Change, name: str) -> None:
    assert isinstance(change, Enrollment), change
    new_apps[login_of(name)] = Phone(change.secret)


@when(
    parsers.re(rf"(?:{NAME} )?enters {NEW_APP_CODE} and presses the Confirm button"),
    target_fixture="verdict",
)
def confirms_new_app(
    precoro: Precoro,
    phones: dict[str, Phone],
    new_apps: dict[str, Phone],
    application_change: ApplicationChange,
    what: str,
) -> CodeVerdict:
    login = application_change.login
    return precoro.confirm(login, NEW_APP_CODES[what](phones[login], new_apps[login]))


@then(parsers.re(rf"the page shows the QR code and the secret to set up {APP}"))
def shows_new_qr_code(
    precoro: Precoro, application_change: ApplicationChange, change: Change, app: str
) -> None:
    assert isinstance(change, Enrollment), change
    shown = precoro.two_factor_view(application_change.login).pending
    assert shown is not None
    assert (shown.application, shown.secret) == (application(app), change.secret)
    login = application_change.login
    assert shown.provisioning_uri.startswith(f"otpauth://totp/Precoro:{login}?secret=")


@then("no QR code of a new application is shown")
def no_new_qr_code(precoro: Precoro, application_change: ApplicationChange) -> None:
    assert precoro.two_factor_view(application_change.login).pending is None


@then(parsers.re(rf"the change is refused as {REASON}"))
def change_refused_as(change: Change, reason: str) -> None:
    refused_as(change, REASONS[reason])


@then(parsers.parse('the change is refused with "{message}"'))
def change_refused_with(change: Change, message: str) -> None:
    assert isinstance(change, TwoFactorRuleBroken), change
    assert str(change) == message


def app_of(phones: dict[str, Phone], new_apps: dict[str, Phone], login: str, which: str) -> Phone:
    return (new_apps if which == "new" else phones)[login]


@then(
    parsers.re(
        rf"{NAME} (?P<can>can|can still|cannot) sign in with a code from {PRONOUN} "
        r"(?P<which>old|new) app"
    )
)
def signs_in_with_app(
    precoro: Precoro,
    phones: dict[str, Phone],
    new_apps: dict[str, Phone],
    name: str,
    can: str,
    which: str,
) -> None:
    login = login_of(name)
    answer = sign_in_with_code(precoro, login, app_of(phones, new_apps, login, which).code())
    if can == "cannot":
        refused_as(answer, REASONS["wrong"])
    else:
        assert isinstance(answer, SignedIn), answer
