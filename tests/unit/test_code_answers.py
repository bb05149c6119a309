"""What the code step answers: which step an accepted code was, until when a locked step stays
locked, that a replay counts toward the lock, and how much pasted whitespace a code may carry."""

from datetime import timedelta

from precoro_2fa import CodeAccepted, CodeRejected, Precoro, Rejection
from precoro_2fa.domain.codes import parse_code
from tests.unit.conftest import at_step
from tests.unit.rfc import STEP_CODES
from tests.unit.test_attacks import code_step

LOCK_ENDS = at_step(5, 10) + timedelta(minutes=15)
"""Alice's clock is 10 s into step 5: a lock starting then ends 15 minutes later."""


def test_an_accepted_code_says_which_step_it_was_the_code_of(
    rfc_precoro: Precoro, alice: str
) -> None:
    assert rfc_precoro.turn_off(alice, STEP_CODES[4]) == CodeAccepted(4)


def test_while_code_entry_is_locked_even_the_right_code_is_told_until_when(
    rfc_precoro: Precoro, alice: str
) -> None:
    attempt = code_step(rfc_precoro, alice)
    for _ in range(5):
        rfc_precoro.enter_code(attempt, "000000")
    assert rfc_precoro.enter_code(attempt, STEP_CODES[5]) == CodeRejected(
        Rejection.LOCKED, LOCK_ENDS
    )


def test_a_replayed_code_typed_five_times_locks_code_entry_for_15_minutes(
    rfc_precoro: Precoro, alice: str
) -> None:
    signed_in = rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[5])
    assert not isinstance(signed_in, CodeRejected)
    attempt = code_step(rfc_precoro, alice)
    answers = [rfc_precoro.enter_code(attempt, STEP_CODES[5]) for _ in range(5)]
    refused = [answer for answer in answers if isinstance(answer, CodeRejected)]
    assert [answer.reason for answer in refused] == [Rejection.REPLAYED] * 5
    assert [answer.locked_until for answer in refused] == [None] * 4 + [LOCK_ENDS]


def test_a_code_pasted_with_whitespace_up_to_64_characters_is_read() -> None:
    assert parse_code("123456".center(64)) == "123456"
    assert parse_code("123456".center(65)) is None
