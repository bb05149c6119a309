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
from concurrent.futures import ThreadPoolExecutor
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
PREPARING_THREADS = 8
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
    """Add the people to the database at ``url``, each with 2FA on and their own secret.

    ``PREPARING_THREADS`` threads share the work (PostgreSQL commits theirs together).
    """
    config = Config()
    hasher = HashOnce(Argon2PasswordHasher(config.argon2))
    hasher.hash(PASSWORD)
    confirmed_at = datetime.now(UTC) - timedelta(minutes=10)
    store = SqlStore(url, key)
    try:
        _service(store, hasher, [], confirmed_at).add_company(COMPANY, "Load")
        shares = [people[start::PREPARING_THREADS] for start in range(PREPARING_THREADS)]
        with ThreadPoolExecutor(PREPARING_THREADS) as pool:
            done = pool.map(lambda share: _enroll_all(store, hasher, share, confirmed_at), shares)
            list(done)  # raises the first failure
    finally:
        store.dispose()


def _service(store: SqlStore, hasher: HashOnce, people: list[Person], now: datetime) -> Precoro:
    """The service as served (``Config()``), stopped at ``now``, giving ``people`` their secrets."""
    secrets = iter(person.secret for person in people)
    return Precoro(
        store=store,
        clock=StoppedClock(now),
        config=Config(),
        passwords=hasher,
        new_secret=lambda: next(secrets),
    )


def _enroll_all(store: SqlStore, hasher: HashOnce, people: list[Person], now: datetime) -> None:
    precoro = _service(store, hasher, people, now)
    for person in people:
        _enroll(precoro, person, now)


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
    """``servers_count`` app servers on the database at ``url``, started one after the other;
    each one's log is ``logs`` with its number."""
    env = {KEY_VARIABLE: key, SESSION_KEY_VARIABLE: new_key()}
    with ExitStack() as stack:
        started = []
        for number in range(servers_count):
            server = servers.start(
                _command(url, settings),
                logs.with_name(f"{logs.name}-{number}.log"),
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
