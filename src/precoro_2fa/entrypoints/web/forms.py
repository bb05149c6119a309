"""The forms of the pages. Each is a Flask-WTF form, so each carries a CSRF token.

Codes are passed to the service layer as typed: the domain decides what a code is (and
forgives whitespace around it or one space or hyphen inside it).
"""

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3
from wtforms.validators import AnyOf, InputRequired, Length

from precoro_2fa import AuthenticationApplication, Channel

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


class ChangeApplicationForm(ApplicationForm):
    code = StringField("Current 6-digit code", render_kw=_CODE_ATTRIBUTES)


class AccountSettingsForm(FlaskForm):
    required_two_factor = BooleanField("Required two-factor authentication")


class RecoveryRequestForm(FlaskForm):
    login = StringField(
        "Employee's login",
        validators=[InputRequired("Enter the employee's login."), Length(max=254)],
    )
    channel = _one_of(_CHANNELS, "Choose how the employee asked: CSM manager or online chat.")
    authy_restore_failed = BooleanField("The employee uses Authy and could not restore it")

    def chosen_channel(self) -> Channel:
        return Channel[self.channel.data]
