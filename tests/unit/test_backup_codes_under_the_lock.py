"""Backup codes under the code lock (beyond the article): a used, malformed or non-text backup
code counts as a wrong one, and the lock it leads to says until when, whatever is typed next."""

from datetime import timedelta

import pytest

from precoro_2fa import CodeRejected, Precoro, Rejection, SignedIn
from tests.unit.conftest import at_step
from tests.unit.rfc import STEP_CODES
from tests.unit.test_attacks import code_step
from tests.unit.test_backup_codes import with_backup_codes

LOCK_ENDS = at_step(1, 10) + timedelta(minutes=15)
"""Five refusals at the frozen time (10 s into step 1) lock code entry for 15 minutes."""


@pytest.fixture
def codes(rfc_precoro: Precoro) -> tuple[str, ...]:
    return with_backup_codes(rfc_precoro, "eve", "acme", STEP_CODES[1])


def test_a_used_backup_code_typed_five_times_locks_code_entry_for_15_minutes(
    rfc_precoro: Precoro, codes: tuple[str, ...]
) -> None:
    assert isinstance(
        rfc_precoro.enter_backup_code(code_step(rfc_precoro, "eve"), codes[0]), SignedIn
    )
    attempt = code_step(rfc_precoro, "eve")
    answers = [rfc_precoro.enter_backup_code(attempt, codes[0]) for _ in range(5)]
    refused = [answer for answer in answers if isinstance(answer, CodeRejected)]
    assert [answer.reason for answer in refused] == [Rejection.BACKUP_CODE_USED] * 5
    assert [answer.locked_until for answer in refused] == [None] * 4 + [LOCK_ENDS]


def test_while_code_entry_is_locked_a_good_backup_code_is_told_until_when(
    rfc_precoro: Precoro, codes: tuple[str, ...]
) -> None:
    attempt = code_step(rfc_precoro, "eve")
    for _ in range(5):
        rfc_precoro.enter_backup_code(attempt, "zzzzz-zzzzz")
    locked = rfc_precoro.enter_backup_code(attempt, codes[1])
    assert locked == CodeRejected(Rejection.LOCKED, LOCK_ENDS)


@pytest.mark.parametrize("typed", [42, None, ["abcde-fghjk"], "not a code", "abcde-fghjk-m"])
def test_what_is_no_backup_code_is_refused_as_a_wrong_one(
    rfc_precoro: Precoro, codes: tuple[str, ...], typed: object
) -> None:
    answer = rfc_precoro.enter_backup_code(code_step(rfc_precoro, "eve"), typed)
    assert answer == CodeRejected(Rejection.BACKUP_CODE_WRONG)
