"""The peer's side: django-two-factor-auth in its own environment, its database, gunicorn.

``benchmarks/.venv-django2fa`` is made on first use (pip: django-two-factor-auth,
django-otp, argon2-cffi, gunicorn; Django comes with them); later runs reuse it. The site
is ``benchmarks/django2fa/peer_site`` and its people are prepared by
``benchmarks/django2fa/prepare.py``, in that environment.
"""

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.load import servers
from benchmarks.load.app_side import ServerSettings
from benchmarks.load.servers import Server

BENCHMARKS = Path(__file__).parents[1]
VENV = BENCHMARKS / ".venv-django2fa"
SITE = BENCHMARKS / "django2fa"
PACKAGES = ("django-two-factor-auth", "django-otp", "argon2-cffi", "gunicorn")


def ensure_venv() -> None:
    """Create the peer's environment once; later runs reuse it."""
    if (VENV / "bin" / "gunicorn").exists():
        return
    print("setting up benchmarks/.venv-django2fa (django-two-factor-auth)…", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)  # noqa: S603
    python = str(VENV / "bin" / "python")
    pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", *PACKAGES]
    subprocess.run(pip, check=True)  # noqa: S603


def _environment(database: Path) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "peer_site.settings",
        "PEER_DATABASE": str(database),
        "PEER_SECRET_KEY": secrets.token_urlsafe(32),
    }


def prepare(database: Path, people_file: Path) -> dict[str, str]:
    """The peer's tables and people; the versions of its packages."""
    command = [str(VENV / "bin" / "python"), str(SITE / "prepare.py"), str(people_file)]
    done = subprocess.run(  # noqa: S603 (our own script)
        command,
        env=os.environ | _environment(database),
        cwd=SITE,
        capture_output=True,
        text=True,
        check=True,
    )
    versions: dict[str, str] = json.loads(done.stdout.splitlines()[-1])
    return versions


@contextmanager
def served(database: Path, settings: ServerSettings, logs: Path) -> Iterator[Server]:
    """gunicorn with the given workers and threads (gthread), as this app is served."""
    command = [
        str(VENV / "bin" / "gunicorn"), "--bind", "127.0.0.1:0", "--no-control-socket",
        "--workers", str(settings.workers), "--threads", str(settings.threads),
        "peer_site.wsgi",
    ]  # fmt: skip
    server = servers.start(
        command,
        logs / "django-2fa-server.log",
        servers.GUNICORN_LISTENING,
        _environment(database),
        SITE,
    )
    try:
        yield server
    finally:
        server.stop()
