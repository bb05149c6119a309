"""The device cookie (OWASP's "device cookies"): the logins this browser has signed in as.

The cookie ``precoro_device`` holds, for each of the last ``KEPT`` logins that signed in from
this browser, the device id ``SignedIn`` gave it, and when it was written. It is sealed with
AES-256-GCM by the store's ``SecretBox`` under a key derived from the app's secret key (HKDF,
``cryptography``'s): the browser can neither read the logins in it nor forge or alter it. It
is HttpOnly, and trusted for ``LIFETIME`` after the last sign-in, as the app's clock tells. At
the password step the id of the login typed goes to the service layer, so that this
browser's wrong passwords count apart from strangers'. A cookie that is missing, forged,
expired or malformed is no cookie.
"""

import base64
import binascii
import functools
import json
from datetime import timedelta

from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app, request
from werkzeug import Response

from precoro_2fa.adapters.sql.encryption import KEY_BYTES, SecretBox

from .context import precoro

COOKIE = "precoro_device"
KEPT = 5
LIFETIME = timedelta(days=90)
_PURPOSE = b"precoro-2fa device cookie"
"""HKDF's ``info``, and the place the sealed value is bound to: this key opens nothing else."""


def device_for(login: object) -> str | None:
    """The device id this browser holds for ``login``, if a valid cookie holds one."""
    return _devices().get(login) if isinstance(login, str) else None


def remember(response: Response, login: str, device: str) -> None:
    """Keep ``device`` for ``login`` in this browser's cookie, with the latest others."""
    devices = {known: id_ for known, id_ in _devices().items() if known != login}
    devices[login] = device
    kept = dict(list(devices.items())[-KEPT:])
    written = precoro().clock.now().timestamp()
    sealed = _box().seal(json.dumps({"at": written, "devices": kept}), _PURPOSE.decode())
    response.set_cookie(
        COOKIE,
        base64.urlsafe_b64encode(sealed).decode(),
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
        opened = _box().open(base64.urlsafe_b64decode(raw), _PURPOSE.decode())
    except (binascii.Error, ValueError):  # not base64; forged or altered (InvalidEncryptionKey)
        return {}
    loaded = json.loads(opened)
    age = precoro().clock.now().timestamp() - float(loaded["at"])
    if not 0 <= age <= LIFETIME.total_seconds():
        return {}
    devices = loaded["devices"]
    return {k: v for k, v in devices.items() if isinstance(k, str) and isinstance(v, str)}


def _box() -> SecretBox:
    secret = current_app.config["SECRET_KEY"]
    return _box_of(secret.encode() if isinstance(secret, str) else secret)


@functools.lru_cache(maxsize=8)
def _box_of(secret: bytes) -> SecretBox:
    """The app's secret key, through HKDF, as an AES-256-GCM key for this cookie only: derived
    once per process (and secret key), not at each request."""
    key = HKDF(SHA256(), KEY_BYTES, salt=None, info=_PURPOSE).derive(secret)
    return SecretBox((key,))
