"""Commands on one account queue on its row instead of racing; a company read holds its row.

Without row locks, 24 wrong passwords at once on one account race for the same version:
some give up after every try and are never counted. And a Turn Off that read the company
before an admin ticked Required could commit after the tick.
"""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import timedelta
from types import TracebackType
from typing import Self, TypeVar

import pytest

from precoro_2fa import Config, Precoro, Role, SignInRefused, TwoFactorStatus, bootstrap
from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.domain.audit import AuditKind
from precoro_2fa.domain.devices import UNTRUSTED, throttle_key
from precoro_2fa.domain.exceptions import TwoFactorRequiredByCompany
from precoro_2fa.service_layer.ports import ConcurrentUpdate, Reading, UnitOfWork
from tests.conftest import PASSWORD, START, TEST_CONFIG
from tests.store.conftest import enrolled
from tests.store.contenders import TIMEOUT, SetClock, threads
from tests.store.test_concurrent_codes import race_wrong_codes, saved_events

T = TypeVar("T")
EVE, ADA = "eve@acme.test", "ada@acme.test"
CONTENDERS = 24
ROUNDS = 30


def with_config(**changes: int) -> Config:
    return Config(**{**TEST_CONFIG.model_dump(), **changes})


def at_once(count: int, action: Callable[[int], T]) -> list[T]:
    """``action(0)`` … ``action(count - 1)``, each on a thread of its own, started together."""
    barrier = threading.Barrier(count, timeout=TIMEOUT)

    def contend(number: int) -> T:
        barrier.wait()
        return action(number)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(contend, range(count), timeout=TIMEOUT))


def test_24_wrong_passwords_at_once_on_one_account_are_each_refused_and_counted(
    store: SqlStore, set_clock: SetClock
) -> None:
    settings = with_config(password_failures_before_lock=50)
    app = bootstrap(store, settings, set_clock)
    app.add_company("acme", "Acme")
    app.add_user(EVE, PASSWORD, "acme")
    answers = at_once(CONTENDERS, lambda number: app.sign_in(EVE, f"wrong {number}"))
    assert answers == [SignInRefused()] * CONTENDERS
    with store.unit_of_work() as uow:
        throttle = uow.throttles.get(throttle_key(EVE, UNTRUSTED))
    assert throttle is not None
    assert throttle.throttle.failures == CONTENDERS


def test_20_wrong_codes_at_once_on_one_account_are_each_counted_the_20th_locks(
    store: SqlStore, set_clock: SetClock
) -> None:
    """The most the settings allow before a lock is 20: every one of 20 contends for a count."""
    settings = with_config(code_failures_before_lock=20)
    app = bootstrap(store, settings, set_clock)
    with threads(app, set_clock, 20) as contenders:
        race_wrong_codes(app, set_clock, store, contenders, 20, 20)


class BeforeCommit(UnitOfWork):
    """A unit of work that calls ``hook`` once the command is done, before it commits."""

    def __init__(self, inner: UnitOfWork, hook: Callable[[], object]) -> None:
        self._inner, self._hook = inner, hook

    def __enter__(self) -> Self:
        inner = self._inner.__enter__()
        self.users, self.companies, self.requests = inner.users, inner.companies, inner.requests
        self.attempts, self.sessions, self.audit = inner.attempts, inner.sessions, inner.audit
        self.throttles = inner.throttles
        self.outbox = inner.outbox
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._inner.__exit__(exc_type, exc, tb)

    def commit(self) -> None:
        self._hook()
        self._inner.commit()

    def rollback(self) -> None:
        self._inner.rollback()


@dataclass
class HookedStore:
    """``store`` whose units of work run ``hook`` just before they commit."""

    store: SqlStore
    hook: Callable[[], object]

    def unit_of_work(self) -> UnitOfWork:
        return BeforeCommit(self.store.unit_of_work(), self.hook)

    def reading(self) -> AbstractContextManager[Reading]:
        return self.store.reading()


def hooked(store: SqlStore, clock: SetClock, hook: Callable[[], object]) -> Precoro:
    return bootstrap(HookedStore(store, hook), TEST_CONFIG, clock)


def turn_off_while_required_is_ticked(
    app: Precoro, store: SqlStore, clock: SetClock, login: str
) -> None:
    """Turn Off waits, its reads done, until the admin's Update is about to commit."""
    phone = enrolled(app, login)
    clock.at += timedelta(seconds=30)
    admin_commits = threading.Event()
    turning_off = hooked(store, clock, lambda: admin_commits.wait(TIMEOUT))
    admin = hooked(store, clock, admin_commits.set)

    def contend(number: int) -> object:
        if number == 0:
            try:
                return turning_off.turn_off(login, phone.at(clock.at))
            except TwoFactorRequiredByCompany as refused:
                return refused
        return admin.update_account_settings(ADA, True)

    at_once(2, contend)


def last(events: list[T], event: T) -> int:
    """The position of the latest ``event`` in ``events``."""
    return len(events) - 1 - events[::-1].index(event)


@pytest.mark.parametrize("kind", ["postgres"])
def test_a_turn_off_that_read_the_company_commits_before_an_admin_ticks_required(
    app: Precoro, store: SqlStore, set_clock: SetClock
) -> None:
    """PostgreSQL only: SQLite's writers queue from BEGIN, so the admin could never start."""
    app.add_company("acme", "Acme")
    app.add_user(ADA, PASSWORD, "acme", Role.ADMIN)
    for number in range(ROUNDS):
        set_clock.at = START + timedelta(minutes=number)
        login = f"eve{number}@acme.test"
        turn_off_while_required_is_ticked(app, store, set_clock, login)
        assert app.required_two_factor("acme")
        events = [(e.kind, e.subject, e.detail) for e in saved_events(store)]
        ticked = last(events, (AuditKind.POLICY_CHANGED, None, "ticked"))  # a company event
        if app.two_factor_view(login).status is TwoFactorStatus.OFF:
            turned_off = [i for i, e in enumerate(events) if e[:2] == (AuditKind.TURNED_OFF, login)]
            assert turned_off[-1] < ticked, events[-3:]
        app.update_account_settings(ADA, False)


@pytest.mark.parametrize("kind", ["postgres"])
def test_a_deadlock_between_two_reads_runs_one_command_again(app: Precoro, store: SqlStore) -> None:
    """Each holds one user's row and asks for the other's: PostgreSQL ends one of them."""
    app.add_company("acme", "Acme")
    app.add_user(EVE, PASSWORD, "acme")
    app.add_user(ADA, PASSWORD, "acme")
    holding = threading.Barrier(2, timeout=TIMEOUT)

    def read_both(number: int) -> str:
        first, second = (EVE, ADA) if number == 0 else (ADA, EVE)
        try:
            with store.unit_of_work() as uow:
                uow.users.get(first)
                holding.wait()
                uow.users.get(second)
        except ConcurrentUpdate:
            return "run again"
        return "read both"

    assert sorted(at_once(2, read_both)) == ["read both", "run again"]
