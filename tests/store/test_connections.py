"""SQLite: each transaction on a connection of the engine's pool, given back however it ends."""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import QueuePool
from sqlalchemy.exc import OperationalError

from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.adapters.sql.unit_of_work import SqlUnitOfWork
from precoro_2fa.domain.model import Company
from tests.store.databases import TEST_KEY


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SqlStore]:
    store = SqlStore(f"sqlite:///{tmp_path / 'pooled.sqlite3'}", TEST_KEY)
    yield store
    store.dispose()


def add_company(store: SqlStore, company_id: str) -> None:
    with store.unit_of_work() as uow:
        uow.companies.add(Company(company_id, company_id.title()))
        uow.commit()


def company_ids(store: SqlStore) -> list[str]:
    with store.reading() as reading:
        return [c for c in ("acme", "globex", "initech") if reading.companies.get(c) is not None]


def pool(store: SqlStore) -> QueuePool:
    assert isinstance(store.engine.pool, QueuePool)
    return store.engine.pool


def test_a_unit_of_work_gives_its_connection_back_committed_or_not(
    sqlite_store: SqlStore,
) -> None:
    add_company(sqlite_store, "acme")
    assert pool(sqlite_store).checkedout() == 0
    with pytest.raises(LookupError), sqlite_store.unit_of_work() as uow:
        uow.companies.add(Company("globex", "Globex"))
        assert pool(sqlite_store).checkedout() == 1
        raise LookupError()
    assert pool(sqlite_store).checkedout() == 0
    assert company_ids(sqlite_store) == ["acme"]


def test_a_failed_statement_rolls_back_and_the_next_command_works(
    sqlite_store: SqlStore,
) -> None:
    add_company(sqlite_store, "acme")
    no_such_table = pytest.raises(OperationalError, match="no such table")
    with no_such_table, sqlite_store.unit_of_work() as uow:
        assert isinstance(uow, SqlUnitOfWork)
        uow.companies.add(Company("globex", "Globex"))
        uow.connection.exec_driver_sql("SELECT * FROM no_such_table")
    add_company(sqlite_store, "initech")
    assert company_ids(sqlite_store) == ["acme", "initech"]


def test_threads_take_turns_and_every_write_is_kept(sqlite_store: SqlStore) -> None:
    names = [f"company-{number}" for number in range(64)]
    threads = [threading.Thread(target=add_company, args=(sqlite_store, n)) for n in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with sqlite_store.reading() as reading:
        assert [n for n in names if reading.companies.get(n) is not None] == names


def test_dispose_closes_the_connections_and_a_reopened_store_sees_the_writes(
    tmp_path: Path,
) -> None:
    store = SqlStore(f"sqlite:///{tmp_path / 'closed.sqlite3'}", TEST_KEY)
    add_company(store, "acme")
    kept = pool(store)
    assert kept.checkedin() == 1
    store.dispose()
    assert kept.checkedin() == 0
    reopened = SqlStore(f"sqlite:///{tmp_path / 'closed.sqlite3'}", TEST_KEY)
    assert company_ids(reopened) == ["acme"]
    reopened.dispose()
