"""The peer: django-otp's ``TOTPDevice.verify_token`` on SQLite through the Django ORM.

Runs in its own virtual environment (``benchmarks/.venv-django``, made by
``benchmarks/peer.py``) and never imports precoro_2fa. It sets up one user with one
TOTP device in a fresh SQLite file, then answers commands read from standard input, one
JSON line each, so that the parent can alternate it with the project's own measurement:

    right N   N right codes, each at a later time step (so ``last_t`` lets it through)
    wrong N   N wrong codes (the throttle is lifted before each, so each one is checked)

Usage: ``python django_peer.py DB_FILE [PRAGMAS]``, where PRAGMAS is run on each new
connection (Django's SQLite ``init_command``), e.g. "PRAGMA synchronous=NORMAL". Without
PRAGMAS the database runs at Django's defaults.
"""

import json
import statistics
import sys
import time
from pathlib import Path

STEP_GAP = 300
"""Seconds between two checks: a later step each time, as when a user signs in again."""

START = 1_795_770_000
"""A Unix time on a step boundary, in November 2026."""


class FrozenTime:
    """Stands in for the ``time`` module that django-otp's TOTP model reads."""

    def __init__(self, now: float) -> None:
        self.now = now

    def time(self) -> float:
        return self.now


def set_up_django(db_file: Path, pragmas: str) -> None:
    import django
    from django.conf import settings

    options = {"init_command": pragmas} if pragmas else {}
    settings.configure(
        DATABASES={
            "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(db_file)}
            | ({"OPTIONS": options} if options else {})
        },
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django_otp",
            "django_otp.plugins.otp_totp",
        ],
        USE_TZ=True,
    )
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def pragma_values() -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        found = {}
        for name in ("journal_mode", "synchronous"):
            cursor.execute(f"PRAGMA {name}")
            found[name] = str(cursor.fetchone()[0])
        return found


class Peer:
    def __init__(self) -> None:
        from django.contrib.auth.models import User
        from django_otp.plugins.otp_totp import models
        from django_otp.plugins.otp_totp.models import TOTPDevice

        user = User.objects.create_user("eve", password=None)
        self.device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        self.clock = FrozenTime(START)
        models.time = self.clock  # type: ignore[assignment]

    def token(self, offset: int = 0) -> int:
        from django_otp.oath import TOTP

        totp = TOTP(self.device.bin_key, self.device.step, self.device.t0, self.device.digits)
        totp.time = self.clock.now + offset * self.device.step
        return int(totp.token())

    def right(self) -> bool:
        self.clock.now += STEP_GAP
        token = self.token()
        started = time.perf_counter()
        verified = self.device.verify_token(token)
        self.latency = time.perf_counter() - started
        return bool(verified)

    def wrong(self) -> bool:
        self.clock.now += STEP_GAP
        near = {self.token(offset) for offset in (-1, 0, 1)}
        token = next(t for t in range(1_000_000) if t not in near)
        self.device.throttling_failure_count = 0
        self.device.throttling_failure_timestamp = None
        started = time.perf_counter()
        verified = self.device.verify_token(token)
        self.latency = time.perf_counter() - started
        return not verified

    def run(self, kind: str, n: int) -> dict[str, float]:
        check = self.right if kind == "right" else self.wrong
        latencies = []
        as_expected = 0
        for _ in range(n):
            as_expected += check()
            latencies.append(self.latency)
        total = sum(latencies)
        quantiles = statistics.quantiles(latencies, n=100)
        return {
            "checks_per_s": n / total,
            "p50_ms": quantiles[49] * 1e3,
            "p99_ms": quantiles[98] * 1e3,
            "as_expected": as_expected,
            "n": n,
        }


def main() -> None:
    db_file = Path(sys.argv[1])
    pragmas = sys.argv[2] if len(sys.argv) > 2 else ""
    db_file.unlink(missing_ok=True)
    set_up_django(db_file, pragmas)
    from importlib.metadata import version

    peer = Peer()
    versions = {"django": version("django"), "django_otp": version("django-otp")}
    print(json.dumps({"ready": True, **versions, **pragma_values()}), flush=True)
    for line in sys.stdin:
        kind, n = line.split()
        print(json.dumps(peer.run(kind, int(n))), flush=True)


if __name__ == "__main__":
    main()
