"""Malformed codes, brute force and the throttle (attacks 8 and 9), and sign-in attempt expiry."""

from datetime import UTC, datetime, timedelta

import pytest
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import (
    AuthenticationApplication,
    CodeRejected,
    CodeRequired,
    Config,
    Precoro,
    Rejection,
    SignedIn,
    SignInBlocked,
    SignInExpired,
    SignInRefused,
    TwoFactorStatus,
)
from precoro_2fa.domain.codes import parse_code
from tests.conftest import PASSWORD, Phone
from tests.unit.conftest import GOOGLE, add_employee, at_step
from tests.unit.rfc import RFC_SECRET, STEP_CODES

MALFORMED = {
    "5 digits": "25467",
    "7 digits": "2546760",
    "a letter": "25467a",
    "letters": "abcdef",
    "two spaces": "254  676",
    "space elsewhere": "25 4676",
    "hyphen elsewhere": "2546-76",
    "space and hyphen": "254 -676",
    "two hyphens": "254--676",
    "tab inside": "254\t676",
    "three groups": "25 46 76",
    "no-break space around": "\u00a0254676\u00a0",
    "ideographic space around": "\u3000254676",
    "whitespace beyond 64 characters": " " * 60 + "254676",
    "NUL": "254676\x00",
    "empty": "",
    "None": None,
    "an int": 254676,
    "a float": 254676.0,
    "bytes": b"254676",
    "a list": ["254676"],
    "10,000 characters": "2" * 10_000,
    "fullwidth": "\uff12\uff15\uff14\uff16\uff17\uff16",
    "Arabic-Indic": "٢٥٤٦٧٦",
    "Extended Arabic-Indic": "۲۵۴۶۷۶",
    "superscript": "\u00b2\u2075\u2074\u2076\u2077\u2076",
}
"""Each is step 5's right code, 254676, spoilt in one way."""

malformed = pytest.mark.parametrize("raw", MALFORMED.values(), ids=MALFORMED.keys())


def code_step(precoro: Precoro, login: str) -> str:
    answer = precoro.sign_in(login, PASSWORD)
    assert isinstance(answer, CodeRequired), answer
    return answer.attempt_id


def reason(answer: object) -> Rejection | None:
    return answer.reason if isinstance(answer, CodeRejected) else None


FORGIVEN = {
    "as shown": "254676",
    "two groups": "254 676",
    "hyphenated": "254-676",
    "leading space": " 254676",
    "trailing space": "254676 ",
    "trailing newline": "254676\n",
    "leading tab": "\t254676",
    "pasted with CRLF": "254 676\r\n",
    "spaces around two groups": "  254-676  ",
}
"""Each is step 5's right code, 254676, as someone might paste or type it."""


@pytest.mark.parametrize("raw", FORGIVEN.values(), ids=FORGIVEN.keys())
def test_six_ascii_digits_are_a_code_whitespace_around_and_one_separator_forgiven(
    raw: str,
) -> None:
    assert parse_code(raw) == "254676"


def test_a_leading_zero_is_kept() -> None:
    assert parse_code(" 081-804 ") == "081804"


@malformed
def test_a_malformed_code_is_not_a_code(raw: object) -> None:
    assert parse_code(raw) is None


@malformed
def test_a_malformed_code_is_refused_with_one_clear_message_on_every_screen(
    rfc_precoro: Precoro, alice: str, raw: object
) -> None:
    answers = [
        rfc_precoro.enter_code(code_step(rfc_precoro, alice), raw),
        rfc_precoro.turn_off(alice, raw),
        rfc_precoro.change_application(alice, raw, AuthenticationApplication.AUTHY),
    ]
    assert [reason(answer) for answer in answers] == 3 * [Rejection.MALFORMED]
    assert (
        Rejection.MALFORMED.message
        == "Enter the 6-digit code from your authentication application."
    )


@malformed
def test_a_malformed_confirmation_code_is_refused_and_2fa_stays_off(
    rfc_precoro: Precoro, raw: object
) -> None:
    add_employee(rfc_precoro, "bob")
    rfc_precoro.choose_application("bob", GOOGLE)
    assert reason(rfc_precoro.confirm("bob", raw)) is Rejection.MALFORMED
    assert rfc_precoro.two_factor_view("bob").status is TwoFactorStatus.WAITING_FOR_CONFIRMATION


@malformed
def test_malformed_codes_never_count_toward_the_lock(
    rfc_precoro: Precoro, alice: str, raw: object
) -> None:
    attempt = code_step(rfc_precoro, alice)
    answers = [rfc_precoro.enter_code(attempt, raw) for _ in range(10)]
    assert {(reason(a), isinstance(a, CodeRejected) and a.locked_until) for a in answers} == {
        (Rejection.MALFORMED, None)
    }
    assert isinstance(rfc_precoro.enter_code(attempt, STEP_CODES[5]), SignedIn)


def test_a_malformed_code_neither_counts_nor_starts_the_count_again(
    rfc_precoro: Precoro, alice: str
) -> None:
    attempt = code_step(rfc_precoro, alice)
    for _ in range(4):
        assert reason(rfc_precoro.enter_code(attempt, "000000")) is Rejection.WRONG
    assert reason(rfc_precoro.enter_code(attempt, "abcdef")) is Rejection.MALFORMED
    fifth = rfc_precoro.enter_code(attempt, "000000")
    assert isinstance(fifth, CodeRejected) and fifth.locked_until is not None


@pytest.mark.parametrize("raw", FORGIVEN.values(), ids=FORGIVEN.keys())
def test_the_right_code_typed_in_a_forgiven_way_is_accepted(
    rfc_precoro: Precoro, alice: str, raw: str
) -> None:
    assert isinstance(rfc_precoro.enter_code(code_step(rfc_precoro, alice), raw), SignedIn)


# The throttle rule: 5 failures lock code entry for 15 minutes, doubling, at most 24 hours.

LOCKS = {
    1: None,
    4: None,
    5: timedelta(minutes=15),
    6: timedelta(minutes=30),
    7: timedelta(hours=1),
    8: timedelta(hours=2),
    9: timedelta(hours=4),
    10: timedelta(hours=8),
    11: timedelta(hours=16),
    12: timedelta(hours=24),
    13: timedelta(hours=24),
    100: timedelta(hours=24),
    10_000: timedelta(hours=24),
}


@pytest.mark.parametrize(("failures", "lock"), LOCKS.items())
def test_five_failures_lock_for_15_minutes_doubling_up_to_24_hours(
    failures: int, lock: timedelta | None
) -> None:
    assert Config().code_rule.lock_for(failures) == lock


def test_the_fifth_wrong_code_locks_code_entry_for_15_minutes(
    rfc_precoro: Precoro, alice: str, rfc_clock: FrozenDateTimeFactory
) -> None:
    attempt = code_step(rfc_precoro, alice)
    answers = [rfc_precoro.enter_code(attempt, "000000") for _ in range(5)]
    assert [reason(answer) for answer in answers] == 5 * [Rejection.WRONG]
    assert isinstance(answers[4], CodeRejected)
    assert answers[4].locked_until == at_step(5, 10) + timedelta(minutes=15)
    assert "locked until 00:17 UTC" in answers[4].message


def test_while_locked_even_the_right_code_fails_and_after_the_lock_it_works(
    rfc_precoro: Precoro, alice: str, rfc_clock: FrozenDateTimeFactory
) -> None:
    phone = Phone(RFC_SECRET)
    for _ in range(5):
        rfc_precoro.enter_code(code_step(rfc_precoro, alice), "000000")
    rfc_clock.tick(timedelta(minutes=14, seconds=59))
    assert reason(rfc_precoro.enter_code(code_step(rfc_precoro, alice), phone.code())) is (
        Rejection.LOCKED
    )
    rfc_clock.tick(timedelta(seconds=1))
    assert isinstance(rfc_precoro.enter_code(code_step(rfc_precoro, alice), phone.code()), SignedIn)


def test_a_failure_after_the_lock_locks_again_for_twice_as_long(
    rfc_precoro: Precoro, alice: str, rfc_clock: FrozenDateTimeFactory
) -> None:
    for _ in range(5):
        rfc_precoro.enter_code(code_step(rfc_precoro, alice), "000000")
    rfc_clock.tick(timedelta(minutes=15))
    answer = rfc_precoro.enter_code(code_step(rfc_precoro, alice), "000000")
    assert isinstance(answer, CodeRejected)
    assert answer.locked_until == at_step(5, 10) + timedelta(minutes=15 + 30)


def test_a_right_code_clears_the_count_of_failures(rfc_precoro: Precoro, alice: str) -> None:
    for _ in range(4):
        rfc_precoro.enter_code(code_step(rfc_precoro, alice), "000000")
    assert isinstance(
        rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[5]), SignedIn
    )
    answers = [rfc_precoro.enter_code(code_step(rfc_precoro, alice), "000000") for _ in range(4)]
    assert all(isinstance(a, CodeRejected) and a.locked_until is None for a in answers)


# Attack 9: 1,000 wrong codes.


def test_1000_wrong_codes_across_sign_in_attempts_are_locked_out_after_5(
    rfc_precoro: Precoro, alice: str
) -> None:
    attempts = [code_step(rfc_precoro, alice) for _ in range(50)]
    answers = [rfc_precoro.enter_code(attempts[n % 50], f"{n:06d}") for n in range(1000)]
    reasons = [reason(answer) for answer in answers]
    assert reasons[:5] == 5 * [Rejection.WRONG]
    assert reasons[5:] == 995 * [Rejection.LOCKED]
    assert reason(rfc_precoro.enter_code(attempts[0], STEP_CODES[5])) is Rejection.LOCKED


def test_1000_wrong_codes_one_every_30_seconds_get_only_10_checked_in_8_hours(
    rfc_precoro: Precoro, alice: str, rfc_clock: FrozenDateTimeFactory
) -> None:
    """Locks of 15, 30, 60, 120, 240 minutes end at tries 34, 94, 214, 454, 934."""
    checked = []
    for n in range(1000):
        answer = rfc_precoro.enter_code(code_step(rfc_precoro, alice), f"{n:06d}")
        if reason(answer) is Rejection.WRONG:
            checked.append(n)
        rfc_clock.tick(timedelta(seconds=30))
    assert checked == [0, 1, 2, 3, 4, 34, 94, 214, 454, 934]


def test_the_code_lock_is_per_account(rfc_precoro: Precoro, alice: str) -> None:
    add_employee(rfc_precoro, "bob")
    rfc_precoro.choose_application("bob", GOOGLE)
    assert rfc_precoro.confirm("bob", STEP_CODES[4]).accepted
    for _ in range(5):
        rfc_precoro.enter_code(code_step(rfc_precoro, alice), "000000")
    assert isinstance(
        rfc_precoro.enter_code(code_step(rfc_precoro, "bob"), STEP_CODES[5]), SignedIn
    )


def test_wrong_codes_on_the_turn_off_screen_lock_the_sign_in_too(
    rfc_precoro: Precoro, alice: str
) -> None:
    for _ in range(5):
        rfc_precoro.turn_off(alice, "000000")
    answer = rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[5])
    assert reason(answer) is Rejection.LOCKED


# Separate lockouts: wrong passwords do not lock code entry, wrong codes do not lock passwords.


def test_wrong_passwords_do_not_lock_code_entry(rfc_precoro: Precoro, alice: str) -> None:
    attempt = code_step(rfc_precoro, alice)
    for _ in range(30):
        rfc_precoro.sign_in(alice, "not the password")
    assert isinstance(rfc_precoro.sign_in(alice, PASSWORD), SignInBlocked)
    assert isinstance(rfc_precoro.enter_code(attempt, STEP_CODES[5]), SignedIn)


def test_wrong_codes_do_not_lock_the_password(rfc_precoro: Precoro, alice: str) -> None:
    for _ in range(30):
        rfc_precoro.enter_code(code_step(rfc_precoro, alice), "000000")
    assert isinstance(rfc_precoro.sign_in(alice, PASSWORD), CodeRequired)


def test_ten_wrong_passwords_block_the_password_for_15_minutes_the_tenth_says_so(
    rfc_precoro: Precoro, alice: str, rfc_clock: FrozenDateTimeFactory
) -> None:
    answers = [rfc_precoro.sign_in(alice, "not the password") for _ in range(10)]
    until = datetime.now(UTC) + timedelta(minutes=15)
    assert answers == 9 * [SignInRefused()] + [SignInBlocked(until)]
    assert rfc_precoro.sign_in(alice, PASSWORD) == SignInBlocked(until)
    rfc_clock.tick(timedelta(minutes=15))
    assert isinstance(rfc_precoro.sign_in(alice, PASSWORD), CodeRequired)


def test_a_day_without_a_wrong_password_forgets_the_ones_before(
    rfc_precoro: Precoro, alice: str, rfc_clock: FrozenDateTimeFactory
) -> None:
    for _ in range(9):
        rfc_precoro.sign_in(alice, "not the password")
    rfc_clock.tick(timedelta(hours=23, minutes=59))
    assert rfc_precoro.sign_in(alice, "not the password") == SignInBlocked(
        datetime.now(UTC) + timedelta(minutes=15)
    )
    rfc_clock.tick(timedelta(minutes=15) + timedelta(hours=24))
    answers = [rfc_precoro.sign_in(alice, "not the password") for _ in range(10)]
    assert [type(answer) for answer in answers] == 9 * [SignInRefused] + [SignInBlocked]


def test_text_that_is_no_login_is_refused_and_never_blocked(rfc_precoro: Precoro) -> None:
    for login in ("", "two words", "a:colon", "x" * 255, None):
        answers = {rfc_precoro.sign_in(login, "not the password") for _ in range(12)}
        assert answers == {SignInRefused()}


def test_a_device_id_unlike_any_the_service_gives_counts_as_a_strangers_browser(
    rfc_precoro: Precoro, alice: str
) -> None:
    for _ in range(10):
        rfc_precoro.sign_in(alice, "not the password")
    for device in ("", "short", "x" * 65, "not url-safe text!!!!!"):
        assert isinstance(rfc_precoro.sign_in(alice, PASSWORD, device), SignInBlocked)


# The second step belongs to one sign-in attempt and expires after 5 minutes.


def test_the_code_step_is_open_for_just_under_5_minutes(
    rfc_precoro: Precoro, alice: str, rfc_clock: FrozenDateTimeFactory
) -> None:
    answer = rfc_precoro.sign_in(alice, PASSWORD)
    assert isinstance(answer, CodeRequired)
    assert answer.expires_at == at_step(5, 10) + timedelta(minutes=5)
    rfc_clock.tick(timedelta(minutes=4, seconds=59))
    assert isinstance(rfc_precoro.enter_code(answer.attempt_id, Phone(RFC_SECRET).code()), SignedIn)


def test_the_code_step_expires_after_5_minutes(
    rfc_precoro: Precoro, alice: str, rfc_clock: FrozenDateTimeFactory
) -> None:
    attempt = code_step(rfc_precoro, alice)
    rfc_clock.tick(timedelta(minutes=5))
    answer = rfc_precoro.enter_code(attempt, Phone(RFC_SECRET).code())
    assert answer == SignInExpired()


def test_a_completed_sign_in_attempt_cannot_be_used_again(rfc_precoro: Precoro, alice: str) -> None:
    attempt = code_step(rfc_precoro, alice)
    assert isinstance(rfc_precoro.enter_code(attempt, STEP_CODES[5]), SignedIn)
    assert rfc_precoro.enter_code(attempt, STEP_CODES[6]) == SignInExpired()


@pytest.mark.parametrize("attempt", ["made-up", "", None, 42, "x" * 10_000])
def test_an_unknown_sign_in_attempt_lets_nobody_in(
    rfc_precoro: Precoro, alice: str, attempt: object
) -> None:
    assert rfc_precoro.enter_code(attempt, STEP_CODES[5]) == SignInExpired()


def test_the_second_step_cannot_be_skipped(rfc_precoro: Precoro, alice: str) -> None:
    assert isinstance(rfc_precoro.sign_in(alice, PASSWORD), CodeRequired)
