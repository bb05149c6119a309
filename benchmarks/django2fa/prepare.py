"""Prepares the peer site's database: Django's tables, then one user a person, each with a
confirmed django-otp TOTP device named "default" (the device django-two-factor-auth asks
for) holding that person's secret: 2FA is on.

Runs in the peer's own environment (``benchmarks/.venv-django2fa``), with
``DJANGO_SETTINGS_MODULE=peer_site.settings`` and ``PEER_DATABASE`` set. The password is
hashed once with the site's hasher (argon2id at OWASP's parameters) and that hash is
stored for every user, as the project's preparation does: each sign-in then verifies at
the real cost. Prints one JSON line: the versions of Django and the 2FA packages.

Usage: ``python prepare.py PEOPLE_JSON``, a file {"password": …, "people": [[login,
base32 secret], …]}.
"""

import base64
import json
import sys
from importlib.metadata import version
from pathlib import Path

import django


def prepare(people_file: Path) -> None:
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django_otp.plugins.otp_totp.models import TOTPDevice

    call_command("migrate", verbosity=0)
    found = json.loads(people_file.read_text())
    password_hash = make_password(found["password"])
    users = User.objects.bulk_create(
        User(username=login, password=password_hash) for login, _ in found["people"]
    )
    TOTPDevice.objects.bulk_create(
        TOTPDevice(user=user, name="default", key=_hex(secret), confirmed=True)
        for user, (_, secret) in zip(users, found["people"], strict=True)
    )


def _hex(secret: str) -> str:
    return base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()


def main() -> None:
    django.setup()
    prepare(Path(sys.argv[1]))
    packages = ("django", "django-two-factor-auth", "django-otp", "argon2-cffi", "gunicorn")
    print(json.dumps({name: version(name) for name in packages}), flush=True)


if __name__ == "__main__":
    main()
