"""Backup codes (beyond the article): the attacks of the security reference that apply.

Replay of a backup code, a backup code across tenants and across people, a backup code to
turn 2FA off, hashes only, the shared throttle. Each test fails if its rule is dropped.
"""

import pytest
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import (
    Activated,
    BackupCodesNotAllowed,
    CodeRejected,
    Precoro,
    Rejection,
    Role,
    SignedIn,
    TwoFactorStatus,
)
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.domain.backup_codes import parse_backup_code
from tests.conftest import PASSWORD
from tests.unit.conftest import GOOGLE, add_employee, at_step
from tests.unit.rfc import STEP_CODES
from tests.unit.test_attacks import code_step


def with_backup_codes(precoro: Precoro, login: str, company: str, code: str) -> tuple[str, ...]:
    """``login`` of ``company`` (which allows backup codes) turns 2FA on; the codes shown."""
    add_employee(precoro, login, company)
    precoro.add_user(f"admin-{company}", PASSWORD, company, Role.ADMIN)
    precoro.update_account_settings(f"admin-{company}", False, backup_codes=True)
    precoro.choose_application(login, GOOGLE)
    activated = precoro.confirm(login, code)
    assert isinstance(activated, Activated)
    return activated.backup_codes


@pytest.fixture
def eve_codes(rfc_precoro: Precoro) -> tuple[str, ...]:
    return with_backup_codes(rfc_precoro, "eve", "acme", STEP_CODES[1])


def test_ten_distinct_codes_of_49_bits_are_shown(eve_codes: tuple[str, ...]) -> None:
    assert len(set(eve_codes)) == 10
    assert all(parse_backup_code(code) is not None for code in eve_codes)


def test_a_backup_code_signs_in_once_and_its_replay_is_refused(
    rfc_precoro: Precoro, eve_codes: tuple[str, ...]
) -> None:
    first = rfc_precoro.enter_backup_code(code_step(rfc_precoro, "eve"), eve_codes[0])
    assert first == SignedIn("eve", backup_codes_left=9)
    replay = rfc_precoro.enter_backup_code(code_step(rfc_precoro, "eve"), eve_codes[0])
    assert isinstance(replay, CodeRejected) and replay.reason is Rejection.BACKUP_CODE_USED
    kinds = [event.kind.name for event in rfc_precoro.audit_log("admin-acme")]
    assert kinds[-1] == "REPLAY_REFUSED"


def test_using_a_backup_code_notifies_the_person_with_how_many_are_left(
    rfc_precoro: Precoro, eve_codes: tuple[str, ...]
) -> None:
    rfc_precoro.enter_backup_code(code_step(rfc_precoro, "eve"), eve_codes[0])
    [used] = [
        envelope.notification
        for envelope in rfc_precoro.mailbox("eve")
        if envelope.notification.subject == "A backup code was used"
    ]
    assert "(9 left)" in used.body
    assert eve_codes[0] not in used.body and eve_codes[1] not in used.body


def test_a_backup_code_is_typed_in_capitals_or_without_its_hyphen(
    rfc_precoro: Precoro, eve_codes: tuple[str, ...]
) -> None:
    for typed in (eve_codes[0].upper(), eve_codes[1].replace("-", "")):
        assert isinstance(
            rfc_precoro.enter_backup_code(code_step(rfc_precoro, "eve"), typed), SignedIn
        )


def test_a_backup_code_of_another_company_or_person_is_refused(
    rfc_precoro: Precoro, eve_codes: tuple[str, ...]
) -> None:
    gus_codes = with_backup_codes(rfc_precoro, "gus", "globex", STEP_CODES[1])
    add_employee(rfc_precoro, "bob", "acme")
    rfc_precoro.choose_application("bob", GOOGLE)
    assert rfc_precoro.confirm("bob", STEP_CODES[1]).accepted
    for login, code in (("gus", eve_codes[0]), ("eve", gus_codes[0])):
        answer = rfc_precoro.enter_backup_code(code_step(rfc_precoro, login), code)
        assert isinstance(answer, CodeRejected) and answer.reason is Rejection.BACKUP_CODE_WRONG


def test_a_backup_code_never_turns_two_factor_authentication_off(
    rfc_precoro: Precoro, eve_codes: tuple[str, ...]
) -> None:
    verdict = rfc_precoro.turn_off("eve", eve_codes[0])
    assert isinstance(verdict, CodeRejected) and verdict.reason is Rejection.MALFORMED
    assert rfc_precoro.two_factor_view("eve").status is TwoFactorStatus.ON


def test_wrong_backup_codes_lock_code_entry_with_wrong_codes(
    rfc_precoro: Precoro, eve_codes: tuple[str, ...], rfc_clock: FrozenDateTimeFactory
) -> None:
    attempt = code_step(rfc_precoro, "eve")
    for _ in range(5):
        rfc_precoro.enter_backup_code(attempt, "zzzzz-zzzzz")
    locked = rfc_precoro.enter_backup_code(attempt, eve_codes[0])
    assert isinstance(locked, CodeRejected) and locked.reason is Rejection.LOCKED
    assert isinstance(rfc_precoro.enter_code(attempt, STEP_CODES[1]), CodeRejected)


def test_regenerating_replaces_every_earlier_code(
    rfc_precoro: Precoro, eve_codes: tuple[str, ...], rfc_clock: FrozenDateTimeFactory
) -> None:
    rfc_clock.move_to(at_step(5, 10))
    issued = rfc_precoro.regenerate_backup_codes("eve", STEP_CODES[5])
    assert not isinstance(issued, CodeRejected)
    assert not set(issued.backup_codes) & set(eve_codes)
    old = rfc_precoro.enter_backup_code(code_step(rfc_precoro, "eve"), eve_codes[0])
    assert isinstance(old, CodeRejected) and old.reason is Rejection.BACKUP_CODE_WRONG


def test_the_store_keeps_only_argon2id_hashes(
    rfc_precoro: Precoro, eve_codes: tuple[str, ...]
) -> None:
    assert isinstance(rfc_precoro.store, InMemoryStore)
    stored = rfc_precoro.store.users["eve"].two_factor.backup_codes.codes
    assert len(stored) == 10
    assert all(code.hash.startswith("$argon2id$") for code in stored)
    assert not {code.hash for code in stored} & {c.replace("-", "") for c in eve_codes}


def test_without_the_option_confirm_shows_no_codes_and_none_is_taken(
    rfc_precoro: Precoro,
) -> None:
    add_employee(rfc_precoro, "eve", "acme")
    rfc_precoro.choose_application("eve", GOOGLE)
    assert rfc_precoro.confirm("eve", STEP_CODES[1]) == Activated()
    with pytest.raises(BackupCodesNotAllowed):
        rfc_precoro.enter_backup_code(code_step(rfc_precoro, "eve"), "abcde-fghjk")
