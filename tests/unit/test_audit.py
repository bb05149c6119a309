"""The audit trail: every 2FA event with time, actor and company; never a code or a secret."""

import logging
from datetime import datetime

import pytest
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import (
    AuditEvent,
    AuditKind,
    AuthenticationApplication,
    Channel,
    CodeRequired,
    Enrollment,
    Precoro,
    Role,
)
from precoro_2fa.domain.authenticator import Authenticator
from precoro_2fa.service_layer.ports import Store
from tests.conftest import PASSWORD
from tests.unit.conftest import GOOGLE, add_employee, at_step
from tests.unit.rfc import RFC_SECRET, STEP_CODES

K = AuditKind
Seen = tuple[AuditKind, str, str | None, datetime]
"""What an event says: kind, actor, subject, time."""


def code_step(precoro: Precoro, login: str) -> str:
    answer = precoro.sign_in(login, PASSWORD)
    assert isinstance(answer, CodeRequired), answer
    return answer.attempt_id


def everything_happens(precoro: Precoro, clock: FrozenDateTimeFactory) -> list[Seen]:
    """Alice (2FA on since step 1) and Bob of Acme, Ann their admin, Sam from support."""
    precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    precoro.add_support_agent("sam", PASSWORD)
    add_employee(precoro, "bob")
    t5, t7, t8 = at_step(5, 10), at_step(7, 10), at_step(8, 10)
    precoro.enter_code(code_step(precoro, "alice"), "000000")
    precoro.enter_code(code_step(precoro, "alice"), STEP_CODES[5])
    precoro.enter_code(code_step(precoro, "alice"), STEP_CODES[5])
    precoro.sign_in("alice", "not the password")
    for _ in range(4):
        precoro.enter_code(code_step(precoro, "alice"), "000000")
    precoro.choose_application("bob", GOOGLE)
    precoro.confirm("bob", "000000")
    precoro.confirm("bob", STEP_CODES[6])
    clock.move_to(t7)
    precoro.turn_off("bob", "000000")
    precoro.change_application("bob", STEP_CODES[7], AuthenticationApplication.AUTHY)
    precoro.confirm("bob", STEP_CODES[7])
    clock.move_to(t8)
    precoro.turn_off("bob", STEP_CODES[8])
    precoro.update_account_settings("ann", required_two_factor=True)
    rejected = precoro.request_reset("sam", "alice", Channel.CSM_MANAGER).id
    precoro.reject("ann", rejected)
    approved = precoro.request_reset("sam", "alice", Channel.ONLINE_CHAT).id
    precoro.approve("ann", approved)
    precoro.reset("sam", approved)
    return [
        (K.TURNED_ON, "alice", "alice", at_step(1, 10)),
        (K.SIGN_IN_CODE_FAILED, "alice", "alice", t5),
        (K.SIGN_IN_CODE_PASSED, "alice", "alice", t5),
        (K.REPLAY_REFUSED, "alice", "alice", t5),
        (K.PASSWORD_FAILED, "alice", "alice", t5),
        (K.SIGN_IN_CODE_FAILED, "alice", "alice", t5),
        (K.SIGN_IN_CODE_FAILED, "alice", "alice", t5),
        (K.SIGN_IN_CODE_FAILED, "alice", "alice", t5),
        (K.SIGN_IN_CODE_FAILED, "alice", "alice", t5),
        (K.LOCKED, "alice", "alice", t5),
        (K.CONFIRM_FAILED, "bob", "bob", t5),
        (K.TURNED_ON, "bob", "bob", t5),
        (K.CODE_REFUSED, "bob", "bob", t7),
        (K.APPLICATION_CHANGED, "bob", "bob", t7),
        (K.TURNED_OFF, "bob", "bob", t8),
        (K.POLICY_CHANGED, "ann", None, t8),  # a company event: no one person
        (K.RESET_REQUESTED, "sam", "alice", t8),
        (K.RESET_REJECTED, "ann", "alice", t8),
        (K.RESET_REQUESTED, "sam", "alice", t8),
        (K.RESET_APPROVED, "ann", "alice", t8),
        (K.RESET_PERFORMED, "sam", "alice", t8),
    ]


@pytest.fixture
def audit_records(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="precoro_2fa.audit")
    return caplog


@pytest.fixture
def trail(
    audit_records: pytest.LogCaptureFixture,
    rfc_precoro: Precoro,
    alice: str,
    rfc_clock: FrozenDateTimeFactory,
) -> tuple[list[Seen], list[AuditEvent]]:
    """What happened, and what Acme's audit log says."""
    happened = everything_happens(rfc_precoro, rfc_clock)
    return happened, rfc_precoro.audit_log("ann")


def test_every_2fa_event_is_audited_with_time_actor_and_subject(
    trail: tuple[list[Seen], list[AuditEvent]],
) -> None:
    happened, events = trail
    assert [(e.kind, e.actor, e.subject, e.at) for e in events] == happened


def test_what_the_audit_log_tells_beside_each_event(
    trail: tuple[list[Seen], list[AuditEvent]],
) -> None:
    """A refused code says why, a Confirm which application was turned on (or the change), a
    Turn Off which was turned off, the policy whether it was ticked; the rest adds nothing."""
    google, authy = "Google Authenticator", "Authy"
    assert [event.detail for event in trail[1]] == [
        google, "wrong", "", "replayed", "", "wrong", "wrong", "wrong", "wrong", "", "wrong",
        google, "wrong", f"{google} → {authy}", authy, "ticked", "", "", "", "", "",
    ]  # fmt: skip


def test_every_event_names_the_company_of_the_account_it_concerns(
    trail: tuple[list[Seen], list[AuditEvent]],
) -> None:
    assert {event.company_id for event in trail[1]} == {"acme"}


def test_the_issues_list_of_events_is_covered(trail: tuple[list[Seen], list[AuditEvent]]) -> None:
    required = {
        K.TURNED_ON,
        K.TURNED_OFF,
        K.CONFIRM_FAILED,
        K.SIGN_IN_CODE_PASSED,
        K.SIGN_IN_CODE_FAILED,
        K.REPLAY_REFUSED,
        K.LOCKED,
        K.RESET_REQUESTED,
        K.RESET_APPROVED,
        K.RESET_REJECTED,
        K.RESET_PERFORMED,
        K.POLICY_CHANGED,
    }
    assert required <= {event.kind for event in trail[1]}


def test_every_audit_event_is_logged_with_actor_and_company(
    trail: tuple[list[Seen], list[AuditEvent]], caplog: pytest.LogCaptureFixture
) -> None:
    logged = [r.getMessage() for r in caplog.get_records("setup") if r.name == "precoro_2fa.audit"]
    expected = [f"{e.kind.value} actor={e.actor} company={e.company_id}" for e in trail[1]]
    assert logged == expected


# Never a code or a secret.

SECRETS = (RFC_SECRET, RFC_SECRET.lower(), "GEZD GNBV", "12345678901234567890")
CODES = (*STEP_CODES, "000000")


def leaks(text: str) -> list[str]:
    return [s for s in SECRETS + CODES if s in text]


def test_no_audit_event_holds_a_code_or_the_secret(
    trail: tuple[list[Seen], list[AuditEvent]],
) -> None:
    assert [leaks(repr(event)) for event in trail[1]] == len(trail[1]) * [[]]
    assert [leaks(str(vars_of(event))) for event in trail[1]] == len(trail[1]) * [[]]


def vars_of(event: AuditEvent) -> dict[str, object]:
    return {name: getattr(event, name) for name in event.__slots__}


def test_no_log_record_holds_a_code_or_the_secret(
    trail: tuple[list[Seen], list[AuditEvent]], caplog: pytest.LogCaptureFixture
) -> None:
    records = caplog.get_records("setup")
    assert len(records) == len(trail[1])
    texts = [f"{r.getMessage()} {r.args!r} {r.msg!r}" for r in records]
    assert [leaks(text) for text in texts] == len(texts) * [[]]


def test_the_repr_of_an_enrollment_does_not_show_the_secret(rfc_precoro: Precoro) -> None:
    add_employee(rfc_precoro, "bob")
    enrollment = rfc_precoro.choose_application("bob", GOOGLE)
    assert isinstance(enrollment, Enrollment)
    assert leaks(repr(enrollment)) == []
    assert leaks(repr(enrollment.qr_code)) == []
    assert "bob" in repr(enrollment)


def test_the_repr_of_an_authenticator_does_not_show_the_secret() -> None:
    authenticator = Authenticator(GOOGLE, RFC_SECRET, last_used_step=1)
    assert leaks(repr(authenticator)) == []
    assert "last_used_step=1" in repr(authenticator)


def test_the_repr_of_a_user_shows_neither_secret_nor_password_hash(
    rfc_precoro: Precoro, alice: str, store: Store
) -> None:
    rfc_precoro.new_secret = lambda: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    rfc_precoro.change_application(alice, STEP_CODES[5], AuthenticationApplication.AUTHY)
    with store.unit_of_work() as uow:
        user = uow.users.get(alice)
    assert user is not None and user.two_factor.pending is not None
    text = repr(user)
    assert leaks(text) == []
    assert "JBSWY3DP" not in text
    assert "$argon2id$" not in text
    assert "alice" in text
