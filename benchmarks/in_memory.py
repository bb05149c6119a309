"""1. The code check in memory, against pyotp alone and against three raw HMAC-SHA1.

Every case checks the same prepared codes at the same times, one ``STEP_GAP`` apart:

- *floor*: three ``hmac.digest(key, 8-byte counter, sha1)``, the least any ±1 window costs;
- *pyotp*: ``TOTP.verify(code, for_time, valid_window=1)``, nothing else;
- *domain*: ``TwoFactorSettings.verify``, the project's full check (input validation,
  ±1 window, replay bookkeeping, throttle) on an account with 2FA on;
- *service*: ``Precoro.enter_code`` through the in-memory unit of work (loads the sign-in
  attempt and the user, checks, records the audit event, commits).

The account signed in once before (its ``last_used_step`` is set); a right code moves
``last_used_step`` forward, so each right check is at a later step.
A wrong code counts a failure; the throttle is lifted before each one (the domain's
counter is reset in place), so that every wrong check is a real check, not a locked-out
shortcut.
"""

import hmac
from datetime import datetime

import pyotp

from benchmarks.accounts import START, Account, Check, SteppingClock, enroll, open_attempts
from benchmarks.timing import Run, interleaved_medians, seconds_per_call
from precoro_2fa import AuthenticationApplication, Config, bootstrap
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.domain.authenticator import Authenticator
from precoro_2fa.domain.two_factor import TwoFactorSettings


def floor_run(account: Account, checks: list[Check]) -> float:
    key = account.totp.byte_secret()
    counters = [(account.totp.timecode(c.now).to_bytes(8, "big"),) for c in checks]

    def three_hmacs(counter: bytes) -> None:
        hmac.digest(key, counter, "sha1")
        hmac.digest(key, counter, "sha1")
        hmac.digest(key, counter, "sha1")

    return seconds_per_call(three_hmacs, counters)


def pyotp_run(account: Account, checks: list[Check]) -> float:
    totp = pyotp.TOTP(account.secret)

    def verify(code: str, now: datetime) -> None:
        totp.verify(code, for_time=now, valid_window=1)

    return seconds_per_call(verify, _arguments(checks))


def domain_run(account: Account, checks: list[Check], wrong: bool) -> float:
    signed_in_before = account.totp.timecode(START)
    authenticator = Authenticator(AuthenticationApplication.AUTHY, account.secret, signed_in_before)
    two_factor = TwoFactorSettings(authenticator)
    rule, throttle = Config().code_rule, two_factor.throttle

    def verify(code: str, now: datetime) -> None:
        two_factor.verify(code, now, rule)

    def verify_unthrottled(code: str, now: datetime) -> None:
        throttle.failures = 0
        two_factor.verify(code, now, rule)

    return seconds_per_call(verify_unthrottled if wrong else verify, _arguments(checks))


def service_run(wrong: bool, n: int) -> float:
    store = InMemoryStore()
    clock = SteppingClock()
    precoro = bootstrap(store, clock=clock)
    account = enroll(precoro, clock)
    checks = account.wrong_checks(n) if wrong else account.right_checks(n)
    attempts = open_attempts(store.unit_of_work(), account.login, n)

    def enter_code(attempt_id: str, code: str, now: datetime) -> None:
        clock.current = now
        precoro.enter_code(attempt_id, code)

    def enter_code_unthrottled(attempt_id: str, code: str, now: datetime) -> None:
        clock.current = now
        store.users[account.login].two_factor.throttle.failures = 0
        precoro.enter_code(attempt_id, code)

    arguments = [(a, c.code, c.now) for a, c in zip(attempts, checks, strict=True)]
    return seconds_per_call(enter_code_unthrottled if wrong else enter_code, arguments)


def _arguments(checks: list[Check]) -> list[tuple[str, datetime]]:
    return [(c.code, c.now) for c in checks]


def cases(n: int) -> dict[str, Run]:
    account = Account("eve", pyotp.random_base32())
    right, wrong = account.right_checks(n), account.wrong_checks(n)
    return {
        "floor": lambda: floor_run(account, right),
        "pyotp right": lambda: pyotp_run(account, right),
        "pyotp wrong": lambda: pyotp_run(account, wrong),
        "domain right": lambda: domain_run(account, right, wrong=False),
        "domain wrong": lambda: domain_run(account, wrong, wrong=True),
        "service right": lambda: service_run(wrong=False, n=n),
        "service wrong": lambda: service_run(wrong=True, n=n),
    }


def measure(n: int, repeats: int) -> dict[str, float]:
    """Median microseconds per check, by case."""
    medians = interleaved_medians(cases(n), repeats)
    return {name: seconds * 1e6 for name, seconds in medians.items()}
