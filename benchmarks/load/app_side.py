"""This app's side: its database prepared with the people (2FA on), and ``precoro-2fa serve``.

People are prepared through the service (``Precoro.add_user``, ``turn_on``,
``choose_application``, ``confirm``) with the served configuration, ``Config()``: argon2id
at OWASP's parameters. The password is hashed once and that hash kept for every person
(``HashOnce``), so preparing thousands of people takes seconds while each sign-in still
verifies at the real cost. 2FA is confirmed with a code of ten minutes ago, so every code
of the run is at a later step.
"""

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyotp

from benchmarks.load import servers
from benchmarks.load.people import PASSWORD, Person
from benchmarks.load.servers import Server
from precoro_2fa import AuthenticationApplication, Config, Precoro, Role
from precoro_2fa.adapters.passwords import Argon2PasswordHasher
from precoro_2fa.adapters.sql import SqlStore, new_key
from precoro_2fa.entrypoints.web.keys import KEY_VARIABLE, SESSION_KEY_VARIABLE

COMPANY = "load"
ROOT = Path(__file__).parents[2]


@dataclass
class HashOnce:
    """argon2id at the given settings; the same password is hashed once, then reused."""

    hasher: Argon2PasswordHasher
    hashes: dict[str, str] = field(default_factory=dict)

    def hash(self, password: str) -> str:
        if password not in self.hashes:
            self.hashes[password] = self.hasher.hash(password)
        return self.hashes[password]

    def verify(self, password_hash: str, password: str) -> bool:
        return self.hasher.verify(password_hash, password)


@dataclass(frozen=True)
class StoppedClock:
    at: datetime

    def now(self) -> datetime:
        return self.at


@dataclass(frozen=True)
class ServerSettings:
    workers: int
    threads: int


def prepare(url: str, key: str, people: list[Person]) -> None:
    """Add the people to the database at ``url``, each with 2FA on and their own secret."""
    config = Config()
    confirmed_at = datetime.now(UTC) - timedelta(minutes=10)
    secrets = iter(person.secret for person in people)
    store = SqlStore(url, key)
    try:
        precoro = Precoro(
            store=store,
            clock=StoppedClock(confirmed_at),
            config=config,
            passwords=HashOnce(Argon2PasswordHasher(config.argon2)),
            new_secret=lambda: next(secrets),
        )
        precoro.add_company(COMPANY, "Load")
        for person in people:
            _enroll(precoro, person, confirmed_at)
    finally:
        store.dispose()


def _enroll(precoro: Precoro, person: Person, now: datetime) -> None:
    precoro.add_user(person.login, PASSWORD, COMPANY, Role.EMPLOYEE)
    precoro.turn_on(person.login)
    precoro.choose_application(person.login, AuthenticationApplication.AUTHY)
    if not precoro.confirm(person.login, pyotp.TOTP(person.secret).at(now)).accepted:
        raise RuntimeError(f"{person.login} could not confirm 2FA")


@contextmanager
def served(
    url: str, key: str, servers_count: int, settings: ServerSettings, logs: Path
) -> Iterator[list[Server]]:
    """``servers_count`` app servers on the database at ``url``, started one after the other."""
    env = {KEY_VARIABLE: key, SESSION_KEY_VARIABLE: new_key()}
    with ExitStack() as stack:
        started = []
        for number in range(servers_count):
            server = servers.start(
                _command(url, settings),
                logs / f"app-{number}.log",
                servers.APP_LISTENING,
                env,
                ROOT,
            )
            stack.callback(server.stop)
            started.append(server)
        yield started


def _command(url: str, settings: ServerSettings) -> list[str]:
    return [
        sys.executable, "-m", "precoro_2fa.entrypoints.cli", "serve", "--port", "0",
        "--database", url, "--workers", str(settings.workers), "--threads", str(settings.threads),
    ]  # fmt: skip
