"""The same code from many threads or processes at once is accepted once; no failure is lost."""

from datetime import datetime, timedelta

import pyotp
import pytest

from precoro_2fa import CodeRequired, Config, Precoro, SignedIn
from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.domain.audit import AuditEvent, AuditKind
from precoro_2fa.domain.model import User
from tests.conftest import PASSWORD, START, TEST_CONFIG
from tests.store.conftest import enrolled
from tests.store.contenders import Contenders, Outcome, SetClock, processes, threads
from tests.store.databases import TEST_KEY

ROUNDS = 50
THRESHOLD = TEST_CONFIG.code_failures_before_lock


def test_the_lock_threshold_is_the_default_five() -> None:
    assert THRESHOLD == 5


def login_of(number: int) -> str:
    return f"eve{number}@acme.test"


def prepare(app: Precoro, clock: SetClock, number: int, count: int) -> tuple[pyotp.TOTP, list[str]]:
    """A user of this round with 2FA on; the next step begins; ``count`` sign-ins wait."""
    clock.at = START + timedelta(minutes=number)
    phone = enrolled(app, login_of(number))
    clock.at += timedelta(seconds=30)
    attempts = [app.sign_in(login_of(number), PASSWORD) for _ in range(count)]
    assert all(isinstance(attempt, CodeRequired) for attempt in attempts)
    return phone, [attempt.attempt_id for attempt in attempts]


def saved_user(store: SqlStore, login: str) -> User:
    with store.unit_of_work() as uow:
        user = uow.users.get(login)
    assert user is not None
    return user


def saved_events(store: SqlStore) -> list[AuditEvent]:
    with store.unit_of_work() as uow:
        return uow.audit.in_company("acme")


def race_the_same_code(
    app: Precoro, clock: SetClock, store: SqlStore, contenders: Contenders, count: int
) -> None:
    for number in range(ROUNDS):
        phone, attempts = prepare(app, clock, number, count)
        code = phone.at(clock.at)
        outcomes = contenders.round(clock.at, [(attempt, code) for attempt in attempts])
        assert outcomes.count(Outcome("signed in")) == 1, outcomes
        replays = sum(outcome.reason == "REPLAYED" for outcome in outcomes)
        locked = sum(outcome.reason == "LOCKED" for outcome in outcomes)
        assert replays + locked == count - 1, outcomes  # all but the one sign-in refused
        assert saved_user(store, login_of(number)).two_factor.throttle.failures == replays


def test_of_32_threads_sending_the_same_code_one_signs_in(
    app: Precoro, set_clock: SetClock, store: SqlStore
) -> None:
    with threads(app, set_clock, 32) as contenders:
        race_the_same_code(app, set_clock, store, contenders, 32)


def test_of_4_processes_sending_the_same_code_one_signs_in(
    app: Precoro, set_clock: SetClock, store: SqlStore, url: str
) -> None:
    with processes(url, TEST_KEY, TEST_CONFIG, 4) as contenders:
        race_the_same_code(app, set_clock, store, contenders, 4)


def wrong_code(phone: pyotp.TOTP, at: datetime) -> str:
    """A well-formed code of no step in the window."""
    window = {phone.at(at + timedelta(seconds=30 * k)) for k in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(10**6) if f"{n:06d}" not in window)


def race_wrong_codes(
    app: Precoro,
    clock: SetClock,
    store: SqlStore,
    contenders: Contenders,
    count: int,
    threshold: int,
) -> None:
    for number in range(ROUNDS // 5):
        phone, attempts = prepare(app, clock, number, count + 1)
        entries = [(attempt, wrong_code(phone, clock.at)) for attempt in attempts[:count]]
        outcomes = contenders.round(clock.at, entries)
        counted = min(count, threshold)
        assert outcomes.count(Outcome("rejected", "WRONG")) == counted - (count >= threshold)
        assert outcomes.count(Outcome("rejected", "WRONG", locked=True)) == (count >= threshold)
        assert outcomes.count(Outcome("rejected", "LOCKED", locked=True)) == count - counted
        user = saved_user(store, login_of(number))
        assert user.two_factor.throttle.failures == counted
        assert user.two_factor.throttle.is_locked(clock.at) == (count >= threshold)
        kinds = [event.kind for event in saved_events(store) if event.subject == login_of(number)]
        assert kinds.count(AuditKind.SIGN_IN_CODE_FAILED) == count
        assert kinds.count(AuditKind.LOCKED) == (count >= threshold)
        verdict = app.enter_code(attempts[-1], phone.at(clock.at))
        assert isinstance(verdict, SignedIn) == (count < threshold)


@pytest.mark.parametrize("count", [THRESHOLD - 1, THRESHOLD, 16])
def test_concurrent_wrong_codes_are_each_counted_and_lock_at_the_threshold(
    app: Precoro, set_clock: SetClock, store: SqlStore, count: int
) -> None:
    with threads(app, set_clock, count) as contenders:
        race_wrong_codes(app, set_clock, store, contenders, count, THRESHOLD)


def test_wrong_codes_from_4_processes_are_each_counted_and_the_4th_locks(
    app: Precoro, set_clock: SetClock, store: SqlStore, url: str
) -> None:
    settings = Config(**{**TEST_CONFIG.model_dump(), "code_failures_before_lock": 4})
    with processes(url, TEST_KEY, settings, 4) as contenders:
        race_wrong_codes(app, set_clock, store, contenders, 4, 4)
