"""What the pages say after a command succeeds: one place for every front (web, notebooks)."""

ACTIVATED = "Congratulations, you have activated two-factor authentication"
CHANGED = "Your authentication application has been changed."
TURNED_OFF = "Two-factor authentication has been turned off."
REQUEST_WAITING = "A recovery request waits for your approval: Configuration → Recovery requests."
"""Every page an admin opens while a request of the company waits for him (not his own)."""
OWN_REQUEST = "Your own request: another admin of the company approves or rejects it."
