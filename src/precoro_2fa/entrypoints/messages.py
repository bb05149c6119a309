"""What the pages say after a command succeeds: one place for every front (web, notebooks)."""

ACTIVATED = "Congratulations, you have activated two-factor authentication"
CHANGED = "Your authentication application has been changed."
TURNED_OFF = "Two-factor authentication has been turned off."
