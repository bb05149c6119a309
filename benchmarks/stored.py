"""The project's code check on a store, one worker: ``Precoro.enter_code`` timed check by check.

Each check is the whole second step of a sign-in as the web app runs it: the sign-in
attempt and the user are read, the code is checked (±1 window, replay, throttle), the
user's new last step, the completed attempt and the audit event are written, and the
unit of work commits. The attempts are opened ahead (outside the timing) so that no
password hash is in the figure.
"""

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.accounts import Account, SteppingClock, enroll, open_attempts
from benchmarks.timing import Throughput
from precoro_2fa import Precoro, SignedIn, bootstrap
from precoro_2fa.adapters.sql import SqlStore

STEP_SECONDS = 30


def sqlite_store(path: Path, durable: bool = False) -> SqlStore:
    """The project's SQLite store at its defaults (WAL, ``synchronous=NORMAL``) or durable."""
    return SqlStore(f"sqlite:///{path}", durable=durable)


@dataclass
class StoredBench:
    precoro: Precoro
    clock: SteppingClock
    account: Account
    store: SqlStore

    @classmethod
    def on(cls, store: SqlStore, login: str = "eve") -> "StoredBench":
        clock = SteppingClock()
        precoro = bootstrap(store, clock=clock)
        return cls(precoro, clock, enroll(precoro, clock, login), store)

    @classmethod
    def attach(cls, store: SqlStore, login: str) -> "StoredBench":
        """``login``, enrolled earlier in ``store``; the clock resumes after its last code."""
        with store.unit_of_work() as uow:
            user = uow.users.get(login)
            authenticator = None if user is None else user.two_factor.authenticator
        if authenticator is None or authenticator.last_used_step is None:
            raise RuntimeError(f"{login} has no confirmed authentication application here")
        clock = SteppingClock(step_start(authenticator.last_used_step))
        precoro = bootstrap(store, clock=clock)
        return cls(precoro, clock, Account(login, authenticator.secret), store)

    def pragmas(self) -> dict[str, str]:
        """The SQLite settings the project's connections run with."""
        with self.store.engine.connect() as connection:
            return {
                name: str(connection.exec_driver_sql(f"PRAGMA {name}").scalar())
                for name in ("journal_mode", "synchronous")
            }

    def right_codes(self, n: int) -> Throughput:
        """``n`` right codes, each at a later step than the one before."""
        checks = self.account.right_checks(n, first=self.clock.current)
        attempts = open_attempts(self.store.unit_of_work(), self.account.login, n)
        latencies = []
        for attempt_id, check in zip(attempts, checks, strict=True):
            self.clock.current = check.now
            started = time.perf_counter()
            outcome = self.precoro.enter_code(attempt_id, check.code)
            latencies.append(time.perf_counter() - started)
            if not isinstance(outcome, SignedIn):
                raise RuntimeError(f"a right code was refused: {outcome}")
        return Throughput.of(latencies)


def step_start(step: int) -> datetime:
    return datetime.fromtimestamp(step * STEP_SECONDS, UTC)


@contextlib.contextmanager
def sqlite_bench(path: Path, durable: bool = False) -> Iterator[StoredBench]:
    path.unlink(missing_ok=True)
    store = sqlite_store(path, durable)
    try:
        yield StoredBench.on(store)
    finally:
        store.dispose()
