"""The in-memory store: one transaction at a time, nothing half-written, no lost update."""

import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

import pytest

from precoro_2fa import (
    AuditKind,
    Channel,
    CodeRejected,
    CodeRequired,
    Precoro,
    Rejection,
    RequestNotApproved,
    RequestStatus,
    Role,
    SignedIn,
    TwoFactorIsOff,
    TwoFactorRequiredByCompany,
    TwoFactorStatus,
    UnknownUser,
)
from precoro_2fa.domain.model import User
from precoro_2fa.service_layer.base import TRIES, ServiceBase, retried
from precoro_2fa.service_layer.ports import ConcurrentUpdate, Store, UnitOfWork
from tests.conftest import PASSWORD, TEST_CONFIG
from tests.unit.conftest import GOOGLE, add_employee
from tests.unit.rfc import STEP_CODES

ROUNDS = 50


def code_step(precoro: Precoro, login: str) -> str:
    answer = precoro.sign_in(login, PASSWORD)
    assert isinstance(answer, CodeRequired), answer
    return answer.attempt_id


@pytest.fixture(autouse=True)
def threads_switch_often() -> Iterator[None]:
    """Threads take turns every microsecond instead of every 5 ms, so that races show."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def all_at_once(*calls: Callable[[], object]) -> list[object]:
    """Run the calls in threads that start together; their answers, or what they raised."""
    barrier = threading.Barrier(len(calls))
    answers: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        try:
            answers[i] = calls[i]()
        except Exception as error:
            answers[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def enrolled(precoro: Precoro, login: str) -> str:
    """A user who confirmed the RFC secret with step 4's code (the clock is in step 5)."""
    add_employee(precoro, login)
    precoro.choose_application(login, GOOGLE)
    assert precoro.confirm(login, STEP_CODES[4]).accepted
    return login


def accepted(answer: object) -> bool:
    return isinstance(answer, SignedIn) or getattr(answer, "accepted", False) is True


# Attack 2: two concurrent submissions of one valid code.


def two_sign_ins_with_one_code(precoro: Precoro, login: str) -> list[object]:
    first, second = code_step(precoro, login), code_step(precoro, login)
    return all_at_once(
        lambda: precoro.enter_code(first, STEP_CODES[5]),
        lambda: precoro.enter_code(second, STEP_CODES[5]),
    )


def test_two_concurrent_submissions_of_one_valid_code_let_exactly_one_in(
    rfc_precoro: Precoro, alice: str
) -> None:
    for n in range(ROUNDS):
        answers = two_sign_ins_with_one_code(rfc_precoro, enrolled(rfc_precoro, f"user{n}"))
        assert sum(isinstance(answer, SignedIn) for answer in answers) == 1, answers
        refused = [answer for answer in answers if isinstance(answer, CodeRejected)]
        assert [answer.reason for answer in refused] == [Rejection.REPLAYED]


def sign_in_and_turn_off_with_one_code(precoro: Precoro, login: str) -> list[object]:
    attempt = code_step(precoro, login)
    return all_at_once(
        lambda: precoro.enter_code(attempt, STEP_CODES[5]),
        lambda: precoro.turn_off(login, STEP_CODES[5]),
    )


def test_a_code_used_to_sign_in_cannot_at_the_same_time_turn_2fa_off(
    rfc_precoro: Precoro, alice: str
) -> None:
    for n in range(ROUNDS):
        answers = sign_in_and_turn_off_with_one_code(rfc_precoro, enrolled(rfc_precoro, f"user{n}"))
        assert sum(accepted(answer) for answer in answers) == 1, answers


def two_confirmations_with_one_code(precoro: Precoro, login: str) -> list[object]:
    add_employee(precoro, login)
    precoro.choose_application(login, GOOGLE)
    return all_at_once(
        lambda: precoro.confirm(login, STEP_CODES[5]),
        lambda: precoro.confirm(login, STEP_CODES[5]),
    )


def test_two_concurrent_confirmations_with_one_code_turn_2fa_on_once(
    rfc_precoro: Precoro, alice: str
) -> None:
    for n in range(ROUNDS):
        answers = two_confirmations_with_one_code(rfc_precoro, f"user{n}")
        assert sum(accepted(answer) for answer in answers) == 1, answers
        assert rfc_precoro.two_factor_view(f"user{n}").status is TwoFactorStatus.ON


def test_concurrent_wrong_codes_cannot_slip_past_the_throttle(
    rfc_precoro: Precoro, alice: str
) -> None:
    attempts = [code_step(rfc_precoro, alice) for _ in range(12)]
    answers = all_at_once(
        *[lambda a=attempt: rfc_precoro.enter_code(a, "000000") for attempt in attempts]
    )
    reasons = sorted(a.reason.name for a in answers if isinstance(a, CodeRejected))
    assert reasons == 7 * ["LOCKED"] + 5 * ["WRONG"]


def test_concurrent_wrong_passwords_are_each_counted_until_the_block(
    rfc_precoro: Precoro, alice: str
) -> None:
    """The 10th starts the block: the others find it begun, uncounted and unaudited."""
    rfc_precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    answers = all_at_once(
        *[lambda: rfc_precoro.sign_in(alice, "not the password") for _ in range(24)]
    )
    assert sorted(type(answer).__name__ for answer in answers) == 15 * ["SignInBlocked"] + 9 * [
        "SignInRefused"
    ]
    kinds = [event.kind for event in rfc_precoro.audit_log("ann")]
    assert kinds.count(AuditKind.PASSWORD_FAILED) == 10


def test_users_added_at_once_are_all_kept(rfc_precoro: Precoro) -> None:
    rfc_precoro.add_company("acme", "Acme")
    logins = [f"user{n}" for n in range(16)]
    all_at_once(*[lambda x=login: rfc_precoro.add_user(x, PASSWORD, "acme") for login in logins])
    assert [rfc_precoro.visitor(login).login for login in logins] == logins


# Rollback: a command that raises leaves nothing behind.


class Faulty(Precoro):
    @retried
    def turn_off_then_crash(self, login: str) -> None:
        with self._command() as uow:
            user = self._user(uow, login)
            user.two_factor.reset()
            self._record(uow, AuditKind.TURNED_OFF, user)
            uow.users.add(User("ghost", "acme", Role.ADMIN, "no hash"))
            raise RuntimeError("the disk is full")


def faulty(precoro: Precoro) -> Faulty:
    return Faulty(**{f.name: getattr(precoro, f.name) for f in fields(precoro)})


def test_a_command_that_raises_leaves_no_half_written_state(
    rfc_precoro: Precoro, alice: str
) -> None:
    rfc_precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    events = rfc_precoro.audit_log("ann")
    with pytest.raises(RuntimeError, match="the disk is full"):
        faulty(rfc_precoro).turn_off_then_crash(alice)
    assert rfc_precoro.two_factor_view(alice).status is TwoFactorStatus.ON
    assert rfc_precoro.audit_log("ann") == events
    with pytest.raises(UnknownUser, match="No such user"):
        rfc_precoro.visitor("ghost")
    assert isinstance(
        rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[5]), SignedIn
    )


def test_a_broken_rule_leaves_the_account_as_it_was(rfc_precoro: Precoro, alice: str) -> None:
    rfc_precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    rfc_precoro.update_account_settings("ann", required_two_factor=True)
    before = rfc_precoro.audit_log("ann")
    with pytest.raises(TwoFactorRequiredByCompany, match="cannot be turned off"):
        rfc_precoro.turn_off(alice, STEP_CODES[5])
    assert rfc_precoro.audit_log("ann") == before
    assert isinstance(
        rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[5]), SignedIn
    )


def test_nothing_is_kept_without_commit(store: Store) -> None:
    with store.unit_of_work() as uow:
        uow.users.add(User("ghost", "acme", Role.ADMIN, "no hash"))
    with store.unit_of_work() as uow:
        assert uow.users.get("ghost") is None


def test_an_entity_changed_outside_a_transaction_is_not_saved(
    store: Store,
) -> None:
    with store.unit_of_work() as uow:
        user = User("alice", "acme", Role.EMPLOYEE, "hash")
        uow.users.add(user)
        uow.commit()
    user.role = Role.ADMIN
    with store.unit_of_work() as uow:
        saved = uow.users.get("alice")
        assert saved is not None and saved.role is Role.EMPLOYEE
        saved.role = Role.SUPPORT
    with store.unit_of_work() as uow:
        saved = uow.users.get("alice")
        assert saved is not None and saved.role is Role.EMPLOYEE


def test_a_request_a_command_returns_cannot_change_the_store_behind_its_back(
    rfc_precoro: Precoro, alice: str
) -> None:
    rfc_precoro.add_support_agent("sam", PASSWORD)
    request = rfc_precoro.request_reset("sam", alice, Channel.ONLINE_CHAT)
    request.status = RequestStatus.APPROVED
    with pytest.raises(RequestNotApproved, match="only for an approved request"):
        rfc_precoro.reset("sam", request.id)
    assert rfc_precoro.two_factor_view(alice).status is TwoFactorStatus.ON


def test_a_command_refused_on_an_account_without_2fa_changes_nothing(
    rfc_precoro: Precoro,
) -> None:
    add_employee(rfc_precoro, "bob")
    with pytest.raises(TwoFactorIsOff, match="is off"):
        rfc_precoro.turn_off("bob", STEP_CODES[1])
    assert rfc_precoro.two_factor_view("bob").status is TwoFactorStatus.OFF


# Retry on ConcurrentUpdate, with a fake unit of work.


@dataclass
class FakeUnitOfWork(UnitOfWork):
    """Raises ConcurrentUpdate on the first ``races`` commits."""

    races: int
    commits: int = 0
    rollbacks: int = 0

    def commit(self) -> None:
        self.commits += 1
        if self.commits <= self.races:
            raise ConcurrentUpdate()

    def rollback(self) -> None:
        self.rollbacks += 1


class Counter(ServiceBase):
    runs: int = 0

    @retried
    def count(self) -> int:
        with self._command():
            self.runs += 1
            return self.runs


class FixedClock:
    def now(self) -> datetime:
        return datetime(2026, 11, 27, 9, tzinfo=UTC)


@dataclass
class FakeStore:
    uow: FakeUnitOfWork

    def unit_of_work(self) -> UnitOfWork:
        return self.uow

    def reading(self) -> UnitOfWork:
        return self.uow


def counter(uow: FakeUnitOfWork) -> Counter:
    no_passwords: Any = None
    return Counter(FakeStore(uow), FixedClock(), TEST_CONFIG, no_passwords)


def test_a_command_that_lost_a_race_is_run_again() -> None:
    uow = FakeUnitOfWork(races=2)
    assert counter(uow).count() == 3
    assert (uow.commits, uow.rollbacks) == (3, 3)


def test_a_command_that_keeps_losing_races_gives_up() -> None:
    uow = FakeUnitOfWork(races=TRIES)
    service = counter(uow)
    with pytest.raises(ConcurrentUpdate):
        service.count()
    assert service.runs == TRIES == 8
