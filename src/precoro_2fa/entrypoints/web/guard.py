"""Who may open what: one ``before_request`` hook for every route.

- Not signed in: only the sign-in page (and sign-out).
- Password step passed, code not yet: only the code page and sign-out. The code page without
  a sign-in attempt (never opened, completed, or expired) leads to sign-in, saying it expired.
- Signed in: a page is opened where ``Precoro.destination`` leads, so an employee who must
  set up 2FA under Required two-factor authentication is led to the 2FA settings page.
"""

from flask import flash, g, redirect, request, session, url_for
from werkzeug import Response

from precoro_2fa import Destination, Rejection, UnknownUser

from .context import CODE_STEP, SIGNED_IN, precoro

SIGN_IN = "signing_in.sign_in"
CODE_PAGE = "signing_in.code"
SIGN_OUT = "signing_in.sign_out"
TWO_FACTOR_SETTINGS = "two_factor.settings"


def requested_destination(endpoint: str) -> Destination:
    if endpoint == SIGN_OUT:
        return Destination.SIGN_OUT
    if endpoint.startswith("two_factor."):
        return Destination.TWO_FACTOR_SETTINGS
    return Destination.ELSEWHERE


def guard() -> Response | None:
    endpoint = request.endpoint
    if endpoint is None or endpoint == SIGN_OUT:
        return None  # no such page (404, 405), or signing out: always allowed
    if CODE_STEP in session:
        return None if endpoint == CODE_PAGE else _go(CODE_PAGE)
    login = session.get(SIGNED_IN)
    if login is None:
        if endpoint == CODE_PAGE:  # no sign-in attempt in this session, or no longer
            flash(Rejection.SIGN_IN_EXPIRED.message, "info")
        return None if endpoint == SIGN_IN else _go(SIGN_IN)
    if endpoint in (SIGN_IN, CODE_PAGE):  # already signed in: the dashboard, or the 2FA page
        return _lead(login, Destination.ELSEWHERE) or _go("pages.dashboard")
    return _lead(login, requested_destination(endpoint))


def _lead(login: str, requested: Destination) -> Response | None:
    try:
        destination = precoro().destination(login, requested)
        g.account = precoro().account(login)
    except UnknownUser:
        session.clear()
        return _go(SIGN_IN)
    if destination is not requested:
        return _go(TWO_FACTOR_SETTINGS)
    return None


def _go(endpoint: str) -> Response:
    return redirect(url_for(endpoint), 303)
