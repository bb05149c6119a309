"""Set-up shared by the benchmarks: a clock that only moves when told, and users with 2FA on."""

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pyotp

from precoro_2fa import AuthenticationApplication, Precoro, Role
from precoro_2fa.domain.sign_in import SignInAttempt
from precoro_2fa.service_layer.ports import UnitOfWork

START = datetime(2026, 11, 27, 9, 0, 0, tzinfo=UTC)
"""A step boundary."""

STEP_GAP = timedelta(minutes=5)
"""Between two checks of one account: a later step, as when the user signs in again.

Far enough apart that the previous check's step is outside the ±1 window, so every
right code costs the same as the first one of the day (no step skipped for free).
"""

NEVER = datetime(9999, 1, 1, tzinfo=UTC)
PASSWORD = "a long benchmark password"  # noqa: S105 (a fixture, not a secret)
COMPANY = "bench"


@dataclass
class SteppingClock:
    """The service's clock; the benchmark moves it one ``STEP_GAP`` per check."""

    current: datetime = START

    def now(self) -> datetime:
        return self.current


@dataclass(frozen=True)
class Check:
    """One code check prepared ahead: when it happens and what is typed."""

    now: datetime
    code: str


@dataclass
class Account:
    login: str
    secret: str
    totp: pyotp.TOTP = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.totp = pyotp.TOTP(self.secret)

    def right_checks(self, n: int, first: datetime = START) -> list[Check]:
        times = [first + STEP_GAP * (i + 1) for i in range(n)]
        return [Check(now, self.totp.at(now)) for now in times]

    def wrong_checks(self, n: int, first: datetime = START) -> list[Check]:
        """Codes that match no step of the window (nor a used one)."""
        checks = []
        for right in self.right_checks(n, first):
            near = {self.totp.at(right.now, counter_offset=offset) for offset in (-1, 0, 1)}
            wrong = next(c for c in (f"{i:06d}" for i in range(1_000_000)) if c not in near)
            checks.append(Check(right.now, wrong))
        return checks


def enroll(precoro: Precoro, clock: SteppingClock, login: str = "eve") -> Account:
    """A company, and one employee whose 2FA is on (confirmed at ``START``)."""
    clock.current = START
    precoro.add_company(COMPANY, "Bench")
    precoro.add_user(login, PASSWORD, COMPANY, Role.EMPLOYEE)
    precoro.turn_on(login)
    enrollment = precoro.choose_application(login, AuthenticationApplication.AUTHY)
    account = Account(login, enrollment.secret)
    if not precoro.confirm(login, account.totp.at(START)).accepted:
        raise RuntimeError("the benchmark account could not confirm its app")
    return account


def open_attempts(uow: UnitOfWork, login: str, n: int) -> list[str]:
    """``n`` sign-in attempts past the password step that never expire."""
    with uow:
        ids = [secrets.token_urlsafe(16) for _ in range(n)]
        for attempt_id in ids:
            uow.attempts.add(SignInAttempt(attempt_id, login, NEVER))
        uow.commit()
    return ids
