"""A reading, what a page shows: no writer's turn, no row lock, one snapshot, nothing kept.

What a SQL store sends is seen through SQLAlchemy's ``before_cursor_execute`` and ``commit``
events on ``store.engine``; a writer is held inside its transaction by a ``threading.Event``.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from precoro_2fa import Channel, Precoro, Role, bootstrap
from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.domain.model import Company
from precoro_2fa.service_layer.ports import Store
from tests.conftest import PASSWORD, TEST_CONFIG, stores
from tests.store.conftest import enrolled
from tests.store.contenders import SetClock
from tests.store.databases import Databases

EVE, BOB, ADA, SAM = "eve@acme.test", "bob@acme.test", "ada@acme.test", "sam@precoro.test"
HOLD = 20
"""Seconds a writer waits inside its transaction for the reading; a reading that queued
behind it would still be waiting then, and the test fails instead of hanging."""


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def any_store(request: pytest.FixtureRequest, databases: Databases) -> Iterator[Store]:
    yield from stores(request.param, databases)


@pytest.fixture
def acme(any_store: Store, set_clock: SetClock) -> Precoro:
    """Eve with 2FA on, Ada the admin, and Sam's approved request to reset Eve's 2FA."""
    app = bootstrap(any_store, TEST_CONFIG, set_clock)
    enrolled(app, EVE)
    app.add_user(ADA, PASSWORD, "acme", Role.ADMIN)
    app.add_support_agent(SAM, PASSWORD)
    app.approve(ADA, app.request_reset(SAM, EVE, Channel.ONLINE_CHAT).id)
    return app


def read_everything(store: Store) -> dict[str, Any]:
    """Every repository of a reading, as a page would use them."""
    with store.reading() as reading:
        eve, acme = reading.users.get(EVE), reading.companies.get("acme")
        return {
            "eve has 2FA on": eve is not None and eve.two_factor.is_on,
            "acme": None if acme is None else acme.name,
            "people": sorted(user.login for user in reading.users.in_company("acme")),
            "requests": [r.status.name for r in reading.requests.in_company("acme")],
            "waiting": [request.login for request in reading.requests.waiting()],
            "events": len(reading.audit.in_company("acme")),
        }


def test_a_reading_gives_what_was_committed(acme: Precoro, any_store: Store) -> None:
    assert read_everything(any_store) == {
        "eve has 2FA on": True,
        "acme": "Acme",
        "people": [ADA, EVE],
        "requests": ["APPROVED"],
        "waiting": [EVE],
        "events": len(acme.audit_log(ADA)),
    }


def test_a_reading_completes_while_a_writer_holds_its_transaction_open(
    acme: Precoro, any_store: Store
) -> None:
    """SQLite: the writer holds ``BEGIN IMMEDIATE``; PostgreSQL: Eve's row ``FOR UPDATE``."""
    inside, read = threading.Event(), threading.Event()
    waited: list[bool] = []

    def turn_off_eve_and_wait_for_the_reading() -> None:
        with any_store.unit_of_work() as uow:
            eve = uow.users.get(EVE)
            assert eve is not None
            eve.two_factor.reset()
            inside.set()
            waited.append(read.wait(HOLD))
            uow.commit()

    writer = threading.Thread(target=turn_off_eve_and_wait_for_the_reading)
    writer.start()
    try:
        assert inside.wait(HOLD)
        shown = read_everything(any_store)
        read.set()
    finally:
        writer.join()
    assert waited == [True], "the reading waited for the writer to commit"
    assert shown["eve has 2FA on"]
    assert not read_everything(any_store)["eve has 2FA on"]


def test_a_reading_is_one_snapshot_from_its_first_read(acme: Precoro, any_store: Store) -> None:
    with any_store.reading() as reading:
        before = [user.login for user in reading.users.in_company("acme")]
        acme.add_user(BOB, PASSWORD, "acme")
        assert [user.login for user in reading.users.in_company("acme")] == before
        assert reading.users.get(BOB) is None
    assert BOB in read_everything(any_store)["people"]


def test_a_reading_keeps_nothing_of_what_is_changed_or_added(
    acme: Precoro, any_store: Store
) -> None:
    with any_store.reading() as reading:
        eve = reading.users.get(EVE)
        assert eve is not None
        eve.two_factor.reset()
        eve.role = Role.ADMIN
        reading.companies.add(Company("globex", "Globex"))
    with any_store.unit_of_work() as uow:
        saved = uow.users.get(EVE)
        assert saved is not None
        assert (saved.two_factor.is_on, saved.role) == (True, Role.EMPLOYEE)
        assert uow.companies.get("globex") is None


@contextmanager
def sent(store: SqlStore) -> Iterator[tuple[list[str], list[str]]]:
    """The statements ``store`` sends meanwhile, and its commits."""
    statements: list[str] = []
    commits: list[str] = []

    def record(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(" ".join(statement.split()))

    def commit(_connection: Any) -> None:
        commits.append("COMMIT")

    listeners: list[tuple[str, Callable[..., None]]] = [
        ("before_cursor_execute", record),
        ("commit", commit),
    ]
    for name, listener in listeners:
        event.listen(store.engine, name, listener)
    try:
        yield statements, commits
    finally:
        for name, listener in listeners:
            event.remove(store.engine, name, listener)


LOCKS = ("IMMEDIATE", "FOR UPDATE", "FOR SHARE", "FOR NO KEY UPDATE", "FOR KEY SHARE")


def test_a_reading_sends_selects_without_a_lock_and_never_commits(
    app: Precoro, store: SqlStore, kind: str
) -> None:
    enrolled(app, EVE)
    with sent(store) as (statements, commits):
        read_everything(store)
    begin = ["BEGIN"] if kind == "sqlite" else []  # psycopg begins by itself, unseen here
    assert statements[: len(begin)] == begin
    selects = statements[len(begin) :]
    assert len(selects) == 6
    assert all(statement.startswith("SELECT") for statement in selects), selects
    assert not [s for s in statements if any(lock in s for lock in LOCKS)]
    assert commits == []


def test_a_unit_of_work_begins_immediate_on_sqlite_and_locks_rows_on_postgresql(
    app: Precoro, store: SqlStore, kind: str
) -> None:
    """What the reading's test looks for is there in a unit of work, on each database."""
    enrolled(app, EVE)
    with sent(store) as (statements, commits), store.unit_of_work() as uow:
        uow.users.get(EVE)
        uow.companies.get("acme")
        uow.commit()
    if kind == "sqlite":
        assert statements[0] == "BEGIN IMMEDIATE"
        assert not [s for s in statements[1:] if any(lock in s for lock in LOCKS)]
    else:
        assert statements[0].endswith("FOR UPDATE")
        assert statements[1].endswith("FOR SHARE")
    assert commits == ["COMMIT"]
