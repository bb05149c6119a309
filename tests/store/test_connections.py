"""SQLite: units of work take turns on one kept connection; a broken one is not kept."""

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.adapters.sql.connections import Kept
from precoro_2fa.domain.model import Company
from tests.store.databases import TEST_KEY


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SqlStore]:
    store = SqlStore(f"sqlite:///{tmp_path / 'kept.sqlite3'}", TEST_KEY)
    yield store
    store.dispose()


def add_company(store: SqlStore, company_id: str) -> None:
    with store.unit_of_work() as uow:
        uow.companies.add(Company(company_id, company_id.title()))
        uow.commit()


def company_ids(store: SqlStore) -> list[str]:
    with store.unit_of_work() as uow:
        return [c for c in ("acme", "globex", "initech") if uow.companies.get(c) is not None]


def kept(store: SqlStore) -> Kept:
    connections = store._connections
    assert isinstance(connections, Kept)
    return connections


def test_consecutive_units_of_work_use_one_connection(sqlite_store: SqlStore) -> None:
    connections = kept(sqlite_store)
    first = connections.take()
    connections.give_back(first, broken=False)
    add_company(sqlite_store, "acme")
    second = connections.take()
    connections.give_back(second, broken=False)
    assert second is first


def test_a_driver_error_discards_the_connection_and_the_next_command_works(
    sqlite_store: SqlStore,
) -> None:
    add_company(sqlite_store, "acme")
    connections = kept(sqlite_store)
    no_such_table = pytest.raises(sqlite3.OperationalError, match="no such table")
    with no_such_table, sqlite_store.unit_of_work() as uow:
        uow.companies.add(Company("globex", "Globex"))
        broken = connections._kept  # the connection of this transaction
        assert broken is not None
        broken.cursor().execute("SELECT * FROM no_such_table")
    assert broken.driver_connection is None  # invalidated: its sqlite3 connection is closed
    add_company(sqlite_store, "initech")
    assert company_ids(sqlite_store) == ["acme", "initech"]


def test_a_connection_given_back_inside_a_transaction_is_not_kept(
    sqlite_store: SqlStore,
) -> None:
    connections = kept(sqlite_store)
    left_open = connections.take()
    left_open.cursor().execute("BEGIN IMMEDIATE")
    connections.give_back(left_open, broken=False)
    add_company(sqlite_store, "acme")
    assert left_open.driver_connection is None
    assert company_ids(sqlite_store) == ["acme"]


def test_threads_take_turns_and_every_write_is_kept(sqlite_store: SqlStore) -> None:
    names = [f"company-{number}" for number in range(64)]
    threads = [threading.Thread(target=add_company, args=(sqlite_store, n)) for n in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with sqlite_store.unit_of_work() as uow:
        assert [n for n in names if uow.companies.get(n) is not None] == names


def test_dispose_gives_the_kept_connection_back(tmp_path: Path) -> None:
    store = SqlStore(f"sqlite:///{tmp_path / 'closed.sqlite3'}", TEST_KEY)
    add_company(store, "acme")
    connection = kept(store).take()
    kept(store).give_back(connection, broken=False)
    store.dispose()
    assert connection.driver_connection is None
    reopened = SqlStore(f"sqlite:///{tmp_path / 'closed.sqlite3'}", TEST_KEY)
    assert company_ids(reopened) == ["acme"]
    reopened.dispose()
