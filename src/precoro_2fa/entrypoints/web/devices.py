"""The device cookie (OWASP's "device cookies"): the logins this browser has signed in as.

The cookie ``precoro_device`` holds, for each of the last ``KEPT`` logins that signed in from
this browser, the device id ``SignedIn`` gave it; it is signed with the app's secret key by
itsdangerous (as Flask signs its own cookies), readable but not forgeable, HttpOnly, and
trusted for ``LIFETIME`` after the last sign-in. At the password step the id of the login
typed goes to the service layer, so that this browser's wrong passwords count apart from
strangers'. A cookie that is missing, forged, expired or malformed is no cookie.
"""

from datetime import timedelta

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug import Response

COOKIE = "precoro_device"
KEPT = 5
LIFETIME = timedelta(days=90)
_SALT = "precoro-2fa device cookie"


def device_for(login: object) -> str | None:
    """The device id this browser holds for ``login``, if a valid cookie holds one."""
    return _devices().get(login) if isinstance(login, str) else None


def remember(response: Response, login: str, device: str) -> None:
    """Keep ``device`` for ``login`` in this browser's cookie, with the latest others."""
    devices = {known: id_ for known, id_ in _devices().items() if known != login}
    devices[login] = device
    kept = dict(list(devices.items())[-KEPT:])
    response.set_cookie(
        COOKIE,
        _serializer().dumps(kept),
        max_age=int(LIFETIME.total_seconds()),
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        httponly=True,
        samesite="Lax",
    )


def _devices() -> dict[str, str]:
    raw = request.cookies.get(COOKIE)
    if raw is None:
        return {}
    try:
        loaded = _serializer().loads(raw, max_age=int(LIFETIME.total_seconds()))
    except BadSignature:  # forged, altered, or older than LIFETIME (SignatureExpired)
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {k: v for k, v in loaded.items() if isinstance(k, str) and isinstance(v, str)}


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)
