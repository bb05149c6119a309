"""What the pages say: one place for every front. The web templates read this module as
``texts`` (``{{ texts.CONFIRM }}``) and the notebooks' front (``notebook.py``) reads it too,
so a page and a notebook cannot say different words."""

from precoro_2fa.domain.applications import LOST_YOUR_PHONE as LOST_YOUR_PHONE
from precoro_2fa.service_layer.two_factor import Cancelled

# After a command succeeds.

ACTIVATED = "Congratulations, you have activated two-factor authentication"
CHANGED = "Your authentication application has been changed."
TURNED_OFF = "Two-factor authentication has been turned off."
REQUEST_WAITING = "A recovery request waits for your approval: Configuration → Recovery requests."
"""Every page an admin opens while a request of the company waits for him (not his own)."""
ANOTHER_AGENT = "You recorded it: another support agent approves or rejects it."
"""Support → Recovery requests, in the row of a company's only admin, for the recording agent."""
OWN_REQUEST = "Your own request: another admin of the company approves or rejects it."
FORGOTTEN = "Trusted browsers are forgotten: each asks for the 6-digit code again."
REGENERATED = "New backup codes replace all your earlier ones."
ACCOUNT_SETTINGS_UPDATED = "Account Settings have been updated."
TIME_ZONE_UPDATED = "Your time zone has been updated."
SIGNED_OUT = "You have signed out."


def recorded(login: str, asked: str) -> str:
    """Support → Recovery requests, after Record request: whom the request goes to."""
    return f"Request recorded for {login}. {asked}"


def approved(login: str) -> str:
    """Configuration → Recovery requests, after an admin's Approve."""
    return f"The request of {login} is approved: support will reset 2FA."


def approved_by_support(login: str) -> str:
    """Support → Recovery requests, after a second agent's Approve (a company's only admin)."""
    return f"The request of {login} is approved: reset 2FA below."


def rejected(login: str) -> str:
    return f"The request of {login} is rejected."


def reset_done(login: str) -> str:
    return (
        f"Two-factor authentication of {login} is reset: they can sign in with their password "
        "and set it up again."
    )


# When a page cannot do what was asked.

FORM_EXPIRED = "This form has expired or did not come from this site. Please try again."
"""A form whose CSRF token does not match the session (it ended, or the form is forged)."""
FORM_TOO_LARGE = "This form is too large to be read (64 KB at most). Nothing was changed."
UNAVAILABLE = "Precoro is unavailable for a moment. Please try again."
"""The page that asks to try again: the database cannot be reached or written."""

# The buttons.

TURN_ON = "Turn On"
NEXT = "Next"
CONFIRM = "Confirm"
TURN_OFF = "Turn Off"
CHANGE_APPLICATION = "Change authentication application"
SIGN_IN = "Sign in"
USE_BACKUP_CODE = "Use backup code"
REGENERATE_BACKUP_CODES = "Regenerate backup codes"
FORGET_TRUSTED_BROWSERS = "Forget trusted browsers"
DOWNLOAD_THE_CODES = "Download the codes"

# Profile settings → Two-factor authentication.

TWO_FACTOR = "Two-factor authentication"
STATUS_OFF = "Two-factor authentication is off."
CANNOT_TURN_OFF = "Your company requires two-factor authentication: it cannot be turned off."
AUTHY_ARTICLE_LINK = "Precoro's article on restoring an Authy account"
"""The label of the link under "Lost your phone?": the article's "this article", Precoro's."""


def status_on(application: str) -> str:
    return f"Two-factor authentication is on, with {application}."


def you_chose(application: str) -> str:
    """While Turn On waits for Confirm: a link back to the QR code."""
    return f"You chose {application}: scan the QR code and confirm."


def changing_to(application: str) -> str:
    """While a change of application waits for Confirm: a link back to the QR code."""
    return f"You are changing to {application}: finish with the code from the new app."


def backup_codes_left_count(left: int) -> str:
    return f"Backup codes left: {left}."


def trusted_browsers(count: int) -> str:
    return f"Trusted browsers: {count}."


# Turn On, and the QR code page after Next.

TURN_ON_HEADING = "Turn On two-factor authentication"
CHOOSE_APPLICATION = "Choose an application that you want to use and press the Next button."
INSTALL_AND_SCAN = "Install the app and scan the QR code"
"""The caption under the QR code: the article's caption of its picture (article-36)."""
IF_NO_QR_CODE = "If you cannot use the QR code, enter this secret code in the application manually:"
ENTER_THE_CODE = (
    "The application will generate a dynamic 6-digit code for you. Enter the code and press "
    "the Confirm button."
)


def set_up(application: str) -> str:
    """The heading of the QR code page."""
    return f"Set up {application}"


def qr_code_for(application: str) -> str:
    """The QR code's alternative text."""
    return f"QR code for {application}"


# The code step of signing in, and the dashboard after it.

ENTER_CODE_FROM_PHONE = (
    "Go to the authentication application on your phone and enter the dynamic 6-digit code "
    "from there."
)
TRUST_THIS_BROWSER = "Trust this browser"
DASHBOARD = "Dashboard"


def trusted_for(days: int) -> str:
    return f"For {days} days this browser will not ask you for the 6-digit code."


def welcome(login: str) -> str:
    return f"Welcome to Precoro, {login}."


# Backup codes (beyond the article).

YOUR_BACKUP_CODES = "Your backup codes"
KEEP_BACKUP_CODES = (
    "Keep these codes somewhere safe. If you lose your phone, each of them signs you in once "
    "instead of the 6-digit code. They are shown only now."
)


def cancelled(outcome: Cancelled) -> str:
    """What the page says after Cancel on a step of Turn On or of a change of application."""
    if outcome.kept is None:
        return "Turn On cancelled: two-factor authentication is off."
    return f"Change cancelled: you keep using {outcome.kept.value}."


def backup_codes_text(codes: tuple[str, ...]) -> str:
    """The text file of the backup codes' download link."""
    return "\n".join(("Precoro backup codes (each works once)", *codes, ""))


def backup_codes_left(left: int) -> str:
    """What a person is told after signing in with a backup code."""
    return f"You signed in with a backup code. Backup codes left: {left}."
