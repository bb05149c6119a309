"""The app factory: Flask, Flask-WTF's CSRF protection, server-side sessions (``sessions``)."""

import secrets
from datetime import timedelta

from cachelib import SimpleCache
from cachelib.base import BaseCache
from flask import Flask, flash, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug import Response
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from precoro_2fa import (
    AuthenticationApplication,
    NotAnAdminOfThisCompany,
    NotASupportAgent,
    Precoro,
    TwoFactorRuleBroken,
    UnknownCompany,
    UnknownRequest,
    UnknownUser,
)
from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.entrypoints import messages
from precoro_2fa.entrypoints.messages import (
    FORM_EXPIRED,
    FORM_TOO_LARGE,
    OWN_REQUEST,
    REQUEST_WAITING,
)

from . import time_zones, unavailable
from .guard import guard
from .routes import register_blueprints
from .sessions import CacheRows, KeptSessions, StoreRows

SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
"""No page is cached (secrets and QR codes) or framed, nor runs a script but the app's own
``/time-zone.js`` (the browser's time zone, ``time_zones.py``)."""


def create_app(
    precoro: Precoro,
    secret_key: str | bytes | None = None,
    sessions: BaseCache | SqlStore | None = None,
    https_proxies: int = 0,
) -> Flask:
    """The reference app over ``precoro``.

    ``sessions``: where sessions live, server-side: a SQL store (its table ``web_sessions``,
    shared by every app server and kept across restarts), or a cache of this process
    (default: a new one).
    ``https_proxies``: behind that many HTTPS reverse proxies, whose ``X-Forwarded-*``
    headers are trusted (those of any further hop are not), the session cookie is ``Secure``.
    """
    app = Flask(__name__, static_folder=None)
    app.config.update(
        SECRET_KEY=secret_key or secrets.token_hex(32),
        SESSION_COOKIE_NAME="precoro_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    app.extensions["precoro"] = precoro
    app.jinja_env.globals["mailbox_shown"] = precoro.mailer is None  # no SMTP: the Mailbox page
    app.jinja_env.globals["texts"] = messages  # what the pages say, as the notebooks say it
    app.jinja_env.globals.update(  # under "Lost your phone?" (_lost_phone.html)
        every_application=tuple(AuthenticationApplication),
        authy_restore_article=precoro.config.authy_restore_article,
        request_waiting=REQUEST_WAITING,
        own_request=OWN_REQUEST,
    )
    if https_proxies:
        _behind_https(app, https_proxies)
    _keep_sessions(app, sessions if sessions is not None else SimpleCache(threshold=10_000))
    CSRFProtect(app)
    time_zones.install(app)
    app.before_request(guard)
    app.after_request(_secure_headers)
    register_blueprints(app)
    app.register_error_handler(CSRFError, _csrf_refused)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(TwoFactorRuleBroken, _rule_broken)
    app.register_error_handler(UnknownUser, _stranger)
    unavailable.install(app)
    return app


def _keep_sessions(app: Flask, sessions: BaseCache | SqlStore) -> None:
    rows = StoreRows(sessions) if isinstance(sessions, SqlStore) else CacheRows(sessions)
    precoro: Precoro = app.extensions["precoro"]
    app.session_interface = KeptSessions(rows, precoro.clock.now)


def _behind_https(app: Flask, proxies: int) -> None:
    trusted = {"x_for": proxies, "x_proto": proxies, "x_host": proxies, "x_port": proxies}
    app.wsgi_app = ProxyFix(app.wsgi_app, **trusted)  # type: ignore[method-assign]
    app.config.update(SESSION_COOKIE_SECURE=True, PREFERRED_URL_SCHEME="https")


def _secure_headers(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    return response


def _csrf_refused(error: CSRFError) -> tuple[str, int]:
    return render_template("error.html", message=FORM_EXPIRED), 400


def _too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
    return render_template("error.html", message=FORM_TOO_LARGE), 413


def _http_error(error: HTTPException) -> tuple[str, int]:
    return render_template("error.html", message=error.description), error.code or 500


ANSWERED_ON = {
    "two_factor": "two_factor.settings",
    "configuration": "configuration.recovery_requests",
    "support": "support.recovery_requests",
}
"""Where a broken rule is answered: the page of the section where the person acted."""
NOT_THEIRS = (NotAnAdminOfThisCompany, NotASupportAgent, UnknownCompany, UnknownRequest)
"""Refusals of a page that is not the person's: no page of that section answers them."""


def _rule_broken(error: TwoFactorRuleBroken) -> tuple[str, int] | Response:
    """A rule broken in a section (Turn On while on, Turn Off where the company requires
    2FA, approving one's own request, a reset already done) is answered on its page."""
    page = ANSWERED_ON.get(request.blueprint or "")
    if page is None or page == request.endpoint or isinstance(error, NOT_THEIRS):
        return render_template("error.html", message=str(error)), _status(error)
    flash(str(error), "error")
    return redirect(url_for(page), 303)


def _stranger(error: UnknownUser) -> Response:
    """The signed-in login is unknown to the store (a session that outlived its database): the
    session ends. (A form that names someone else's login handles that refusal itself.)"""
    session.clear()
    return redirect(url_for("signing_in.sign_in"), 303)


def _status(error: TwoFactorRuleBroken) -> int:
    if isinstance(error, UnknownCompany | UnknownRequest):
        return 404
    if isinstance(error, NotAnAdminOfThisCompany | NotASupportAgent):
        return 403
    return 409
