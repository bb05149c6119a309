"""What the pages say after a command succeeds: one place for every front (web, notebooks)."""

from precoro_2fa.service_layer.two_factor import Cancelled

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
