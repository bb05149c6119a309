"""Periods that end on the second: a trusted browser's trust, a quiet spell that forgets wrong
passwords, and the few minutes in which a late code is told apart as expired."""

from datetime import UTC, datetime, timedelta

from precoro_2fa.domain.authenticator import Authenticator
from precoro_2fa.domain.devices import SignInThrottle
from precoro_2fa.domain.throttle import ThrottleRule
from precoro_2fa.domain.trusted_browsers import TrustedBrowsers
from tests.unit.conftest import GOOGLE, at_step
from tests.unit.rfc import RFC_SECRET

NOON = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
TOKEN, OTHER_TOKEN = "a" * 43, "b" * 43
"""Tokens of a trusted browser's length (43 characters)."""


def test_a_trusted_browser_is_no_longer_counted_at_the_second_its_trust_ends() -> None:
    trusted = TrustedBrowsers()
    trusted.trust(TOKEN, NOON, until=NOON + timedelta(days=1))
    assert trusted.active(NOON + timedelta(days=1, seconds=-1)) == 1
    assert trusted.active(NOON + timedelta(days=1)) == 0


def test_trusting_a_browser_forgets_the_trust_that_has_just_ended() -> None:
    trusted = TrustedBrowsers()
    trusted.trust(TOKEN, NOON, until=NOON + timedelta(days=1))
    trusted.trust(OTHER_TOKEN, NOON + timedelta(days=1), until=NOON + timedelta(days=2))
    assert len(trusted.browsers) == 1
    assert trusted.trusts(OTHER_TOKEN, NOON + timedelta(days=1))


PASSWORDS = ThrottleRule(
    failures_before_lock=1, lockout=timedelta(hours=1), longest_lockout=timedelta(hours=1)
)
FORGET_AFTER = timedelta(minutes=10)


def test_a_locked_login_is_remembered_however_long_ago_its_last_wrong_password() -> None:
    throttle = SignInThrottle("eve")
    throttle.failed(NOON, PASSWORDS, FORGET_AFTER)
    assert throttle.blocked_until(NOON + timedelta(minutes=30)) == NOON + timedelta(hours=1)
    assert not throttle.is_expired(NOON + timedelta(minutes=30), FORGET_AFTER)


def test_wrong_passwords_are_forgotten_exactly_the_quiet_spell_after_the_last() -> None:
    rule = ThrottleRule(
        failures_before_lock=3, lockout=timedelta(hours=1), longest_lockout=timedelta(hours=1)
    )
    throttle = SignInThrottle("eve")
    throttle.failed(NOON, rule, FORGET_AFTER)
    assert not throttle.is_expired(NOON + FORGET_AFTER - timedelta(seconds=1), FORGET_AFTER)
    assert throttle.is_expired(NOON + FORGET_AFTER, FORGET_AFTER)


def test_a_code_is_told_apart_as_expired_from_2_to_11_steps_late() -> None:
    """Steps 89-91 are the window at step 90; the ten steps before it, 79-88, are "expired"."""
    app = Authenticator(GOOGLE, RFC_SECRET)
    now = at_step(90, 5)
    expired = [step for step in range(70, 95) if app.was_expired(app.code_at(step), now)]
    assert expired == list(range(79, 89))


def test_in_the_first_steps_of_1970_a_late_code_of_step_0_is_still_told_apart_as_expired() -> None:
    app = Authenticator(GOOGLE, RFC_SECRET)
    assert app.was_expired(app.code_at(0), at_step(3))
