"""Long lists read a page at a time, in every store: the audit trail (filtered by person and
by kind) and every recovery request, the newest first."""

from collections.abc import Iterator
from dataclasses import replace

import pytest

from precoro_2fa import AuditEvent, AuditFilter, AuditKind, Channel, Role, bootstrap
from precoro_2fa.domain.recovery import RecoveryRequest
from precoro_2fa.service_layer.ports import Store
from tests.conftest import PASSWORD, START, TEST_CONFIG, stores
from tests.store.databases import Databases

PEOPLE = ("ann", "bob", "eve")
KINDS = (AuditKind.TURNED_ON, AuditKind.SIGN_IN_CODE_PASSED)
TURNED_ON = AuditFilter(kinds=frozenset({AuditKind.TURNED_ON}))


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def any_store(request: pytest.FixtureRequest, databases: Databases) -> Iterator[Store]:
    yield from stores(request.param, databases)


def event(number: int, company: str = "acme") -> AuditEvent:
    """Event ``number`` (its detail): by ``PEOPLE[number % 3]``, of ``KINDS[number % 2]``."""
    actor = PEOPLE[number % 3]
    return AuditEvent(START, KINDS[number % 2], actor, company, actor, str(number))


@pytest.fixture
def trail(any_store: Store) -> Store:
    """Events 0 to 119 of Acme, with one of Globex between every two."""
    with any_store.unit_of_work() as uow:
        for number in range(120):
            uow.audit.append(event(number))
            uow.audit.append(event(number, "globex"))
        uow.commit()
    return any_store


def details(events: list[AuditEvent]) -> list[int]:
    return [int(e.detail) for e in events]


def test_the_newest_events_of_the_company_a_page_at_a_time(trail: Store) -> None:
    with trail.reading() as reading:
        assert reading.audit.count("acme", AuditFilter()) == 120
        assert details(reading.audit.newest("acme", AuditFilter(), 0, 3)) == [119, 118, 117]
        assert details(reading.audit.newest("acme", AuditFilter(), 118, 50)) == [1, 0]
        assert reading.audit.newest("acme", AuditFilter(), 120, 50) == []


def test_filtered_by_person_and_by_kind(trail: Store) -> None:
    """Bob is event 1, 4, 7, …; a kind of its own is every other event; both: 1, 7, 13, …"""
    bobs = AuditFilter(person="bob")
    bobs_turned_on = replace(TURNED_ON, person="bob")
    with trail.reading() as reading:
        assert reading.audit.count("acme", bobs) == 40
        assert details(reading.audit.newest("acme", bobs, 1, 3)) == [115, 112, 109]
        assert reading.audit.count("acme", TURNED_ON) == 60
        assert details(reading.audit.newest("acme", TURNED_ON, 0, 2)) == [118, 116]
        assert details(reading.audit.in_company("acme", bobs_turned_on))[:3] == [4, 10, 16]
        assert reading.audit.count("globex", bobs_turned_on) == 20


def test_an_event_appended_in_a_unit_of_work_is_read_there(trail: Store) -> None:
    with trail.unit_of_work() as uow:
        uow.audit.append(event(120))
        assert uow.audit.count("acme", AuditFilter()) == 121
        assert details(uow.audit.newest("acme", AuditFilter(), 0, 1)) == [120]
    with trail.reading() as reading:  # not committed: not kept
        assert reading.audit.count("acme", AuditFilter()) == 120


def test_every_recovery_request_the_last_recorded_first(any_store: Store) -> None:
    app = bootstrap(any_store, TEST_CONFIG)
    app.add_company("acme", "Acme")
    for login in PEOPLE:
        app.add_user(login, PASSWORD, "acme", Role.EMPLOYEE)
    with any_store.unit_of_work() as uow:
        for number, login in enumerate(PEOPLE):
            uow.requests.add(
                RecoveryRequest(f"r{number}", login, "acme", Channel.ONLINE_CHAT, "sam", START)
            )
        uow.commit()
    with any_store.reading() as reading:
        assert reading.requests.count() == 3
        assert [r.id for r in reading.requests.newest(0, 2)] == ["r2", "r1"]
        assert [r.login for r in reading.requests.newest(2, 2)] == ["ann"]
