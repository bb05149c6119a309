"""What the pages say after a command succeeds: one place for every front (web, notebooks)."""

from precoro_2fa.service_layer.two_factor import Cancelled

ACTIVATED = "Congratulations, you have activated two-factor authentication"
CHANGED = "Your authentication application has been changed."
TURNED_OFF = "Two-factor authentication has been turned off."


def cancelled(outcome: Cancelled) -> str:
    """What the page says after Cancel on a step of Turn On or of a change of application."""
    if outcome.kept is None:
        return "Turn On cancelled: two-factor authentication is off."
    return f"Change cancelled: you keep using {outcome.kept.value}."
