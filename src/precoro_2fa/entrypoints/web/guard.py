"""Who may open what: one ``before_request`` hook for every route.

- Anyone: sign-out, the health check (``/healthz``) and the time-zone script.
- Not signed in: only the sign-in page.
- Password step passed, code not yet: only the code page and sign-out. The code page without
  a sign-in attempt in the session leads to sign-in, saying the sign-in expired.
- Signed in: the 2FA settings pages are always open; the page's own service call is the only
  one. Any other page may be closed by Required two-factor authentication, so the guard reads
  the visitor once (kept on ``g`` for the page and its menu) and leads someone who must turn
  2FA on to the 2FA settings page.
"""

from flask import flash, g, redirect, request, session, url_for
from werkzeug import Response

from precoro_2fa import Destination
from precoro_2fa.domain.sign_in import SIGN_IN_EXPIRED

from .context import CODE_STEP, SIGNED_IN, precoro

SIGN_IN = "signing_in.sign_in"
CODE_PAGE = "signing_in.code"
SIGN_OUT = "signing_in.sign_out"
HEALTH = "health.healthz"
TIME_ZONE_SCRIPT = "time_zones.script"
DASHBOARD = "pages.dashboard"
TWO_FACTOR_SETTINGS = "two_factor.settings"


def guard() -> Response | None:
    endpoint = request.endpoint
    if endpoint is None or endpoint in (SIGN_OUT, HEALTH, TIME_ZONE_SCRIPT):
        return None  # no such page (404, 405), signing out, the health check, the script
    if CODE_STEP in session:
        return None if endpoint == CODE_PAGE else _redirect_to(CODE_PAGE)
    login = session.get(SIGNED_IN)
    if login is None:
        if endpoint == CODE_PAGE:  # no sign-in attempt in this session, or no longer
            flash(SIGN_IN_EXPIRED, "info")
        return None if endpoint == SIGN_IN else _redirect_to(SIGN_IN)
    if endpoint.startswith("two_factor."):
        return None
    if endpoint in (SIGN_IN, CODE_PAGE):  # already signed in: the dashboard, or the 2FA page
        return _redirect_if_two_factor_required(login) or _redirect_to(DASHBOARD)
    return _redirect_if_two_factor_required(login)


def _redirect_if_two_factor_required(login: str) -> Response | None:
    """Read the visitor for the page; someone who must turn 2FA on goes to its settings."""
    g.visitor = precoro().visitor(login)
    if g.visitor.destination(Destination.ELSEWHERE) is Destination.TWO_FACTOR_SETTINGS:
        return _redirect_to(TWO_FACTOR_SETTINGS)
    return None


def _redirect_to(endpoint: str) -> Response:
    return redirect(url_for(endpoint), 303)
