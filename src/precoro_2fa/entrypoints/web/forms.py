"""The forms of the pages. Each is a Flask-WTF form, so each carries a CSRF token.

Codes are passed to the service layer as typed: the domain decides what a code is (and
forgives whitespace around it or one space or hyphen inside it).
"""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
)
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional

from precoro_2fa import AuthenticationApplication, Channel
from precoro_2fa.domain.exceptions import GracePeriodOutOfRange, TrustPeriodOutOfRange
from precoro_2fa.domain.policy import LONGEST_GRACE_PERIOD_HOURS
from precoro_2fa.domain.time_zones import time_zone_names
from precoro_2fa.domain.trusted_browsers import LONGEST_TRUST_DAYS
from precoro_2fa.entrypoints.messages import TRUST_THIS_BROWSER

LONGEST = LONGEST_GRACE_PERIOD_HOURS

_APPLICATIONS = [SelectChoice(app.name, app.value) for app in AuthenticationApplication]
_CHANNELS = [SelectChoice(channel.name, channel.value) for channel in Channel]
_CODE_ATTRIBUTES = {"autocomplete": "one-time-code", "inputmode": "numeric"}


def _one_of(choices: list[SelectChoice], message: str) -> RadioField:
    values = [choice.value for choice in choices]
    return RadioField(
        choices=choices,
        validate_choice=False,
        validators=[InputRequired(message), AnyOf(values, message)],
    )


class ButtonForm(FlaskForm):
    """A button alone (Approve, Reject, Reset, Sign out): only the CSRF token."""


class SignInForm(FlaskForm):
    login = StringField("Login", render_kw={"autocomplete": "username"})
    password = PasswordField("Password", render_kw={"autocomplete": "current-password"})


class CodeForm(FlaskForm):
    code = StringField("6-digit code", render_kw=_CODE_ATTRIBUTES)


class ApplicationForm(FlaskForm):
    application = _one_of(_APPLICATIONS, "Choose Authy or Google Authenticator.")

    def chosen(self) -> AuthenticationApplication:
        return AuthenticationApplication[self.application.data]


class SignInCodeForm(CodeForm):
    trust_browser = BooleanField(TRUST_THIS_BROWSER)


class BackupCodeForm(FlaskForm):
    backup_code = StringField("Backup code", render_kw={"autocomplete": "off"})


class ChangeApplicationForm(ApplicationForm):
    code = StringField("Current 6-digit code", render_kw=_CODE_ATTRIBUTES)
    backup_code = StringField("Backup code", render_kw={"autocomplete": "off"})
    """Shown where the company allows backup codes: a lost phone's way to set up a new app."""


class AccountSettingsForm(FlaskForm):
    required_two_factor = BooleanField("Required two-factor authentication")
    backup_codes = BooleanField("Allow backup codes")
    trust_browser_days = IntegerField(
        "Trust this browser for (days)",
        validators=[
            Optional(),
            NumberRange(0, LONGEST_TRUST_DAYS, str(TrustPeriodOutOfRange(LONGEST_TRUST_DAYS))),
        ],
    )
    grace_period_hours = IntegerField(
        "Grace period (hours)",
        validators=[
            Optional(),
            NumberRange(0, LONGEST_GRACE_PERIOD_HOURS, str(GracePeriodOutOfRange(LONGEST))),
        ],
    )


class RecoveryRequestForm(FlaskForm):
    login = StringField(
        "Employee's login",
        validators=[InputRequired("Enter the employee's login."), Length(max=254)],
    )
    channel = _one_of(_CHANNELS, "Choose how the employee asked: CSM manager or online chat.")
    authy_restore_failed = BooleanField("The employee uses Authy and could not restore it")

    def chosen_channel(self) -> Channel:
        return Channel[self.channel.data]


BROWSERS_TIME_ZONE = "Your browser's time zone"
"""The first choice of the Time zone list: no zone chosen, the browser's is used."""


class TimeZoneForm(FlaskForm):
    """Profile settings: the zone pages show times in; the domain refuses a name not listed."""

    time_zone = SelectField(
        "Time zone",
        choices=[SelectChoice("", BROWSERS_TIME_ZONE)]
        + [SelectChoice(name, name) for name in time_zone_names()],
        validate_choice=False,
    )
