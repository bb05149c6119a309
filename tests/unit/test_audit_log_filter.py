"""The Audit log page's filter: the events by or for one person, of the chosen kinds; both
choices at once keep only the events that meet both."""

from datetime import UTC, datetime

from precoro_2fa import AuditEvent, AuditFilter, AuditKind

AT = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
EVENTS = [
    AuditEvent(AT, AuditKind.TURNED_ON, "eve", "acme"),
    AuditEvent(AT, AuditKind.RESET_APPROVED, "ann", "acme", subject="eve"),
    AuditEvent(AT, AuditKind.TURNED_ON, "dan", "acme"),
    AuditEvent(AT, AuditKind.RESET_APPROVED, "ann", "acme", subject="dan"),
]


def kept(chosen: AuditFilter) -> list[int]:
    return [number for number, event in enumerate(EVENTS) if chosen.keeps(event)]


def test_the_events_by_or_for_a_person() -> None:
    assert kept(AuditFilter(person="eve")) == [0, 1]


def test_the_events_of_a_kind() -> None:
    assert kept(AuditFilter(kinds=frozenset({AuditKind.RESET_APPROVED}))) == [1, 3]


def test_a_person_and_a_kind_keep_the_events_that_meet_both() -> None:
    assert kept(AuditFilter(person="dan", kinds=frozenset({AuditKind.TURNED_ON}))) == [2]


def test_no_choice_keeps_every_event() -> None:
    assert kept(AuditFilter()) == [0, 1, 2, 3]
