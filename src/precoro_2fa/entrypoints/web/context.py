"""What every view needs: the service layer, who is signed in, and the session's steps."""

from collections.abc import Mapping
from typing import cast

from flask import current_app, flash, g, session
from flask_wtf.csrf import generate_csrf

from precoro_2fa import Precoro

SIGNED_IN = "login"
"""Session key: the login of a user who passed every sign-in step."""

CODE_STEP = "attempt"
"""Session key: the sign-in attempt waiting for its 6-digit code (password step passed)."""

BACKUP_CODES = "backup_codes"
"""Session key, beside ``CODE_STEP``: the code step offers a backup code (company option)."""

TRUST_DAYS = "trust_browser_days"
"""Session key, beside ``CODE_STEP``: the code step offers "Trust this browser" (days)."""

TRUSTED_BROWSER = "precoro_trusted_browser"
"""The cookie of a trusted browser: a random token, of which Precoro keeps only a hash."""


def precoro() -> Precoro:
    return cast(Precoro, current_app.extensions["precoro"])


def current_login() -> str:
    """The signed-in user's login; the guard lets no view run without one, except sign-in."""
    return cast(str, session[SIGNED_IN])


def restart_session(values: Mapping[str, str] | None = None, message: str | None = None) -> None:
    """Forget the session and go on under a new session id (after each sign-in step).

    ``message`` is flashed into the new session. The new session gets its own CSRF secret now
    (Flask-WTF's ``generate_csrf``, after forgetting the old session's token cached in
    ``g.csrf_token``), saved with it: the next page's form does not write the session again.
    """
    session.clear()
    session.update(values or {})
    g.pop("csrf_token", None)
    generate_csrf()
    if message is not None:
        flash(message, "info")
    current_app.session_interface.regenerate(session)  # type: ignore[attr-defined]
