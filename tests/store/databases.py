"""A fresh, migrated, empty database for each test: a SQLite file, or a PostgreSQL schema.

SQLite: a copy of a file migrated once per session. PostgreSQL: a schema of a throw-away
cluster (started on first use, dropped with everything at the end), migrated when first
made; a test that ends gives its schema back emptied (TRUNCATE), for the next test.
"""

import itertools
import shutil
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg  # noqa: F401 (its C part must load before freezegun replaces datetime)
from sqlalchemy import Engine, create_engine, text

from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.adapters.sql.tables import metadata
from tests.store.postgres import Cluster, throwaway_cluster

TEST_KEY = "dGVzdHMgb25seTogbm90IGEga2V5IHRvIGtlZXAgISE="
"""32 bytes, base64: the encryption key of the test databases."""

KINDS = ("sqlite", "postgres")


class Databases:
    def __init__(self, folder: Path) -> None:
        self._folder, self._numbers = folder, itertools.count()
        self._resources = ExitStack()
        self._sqlite_template: Path | None = None
        self._cluster: Cluster | None = None
        self._admin: Engine | None = None
        self._emptied: list[SqlStore] = []

    def __enter__(self) -> "Databases":
        return self

    def __exit__(self, *_: object) -> None:
        for store in self._emptied:
            store.dispose()
        self._resources.close()

    @contextmanager
    def store(self, kind: str) -> Iterator[SqlStore]:
        """A migrated, empty store of ``kind`` ("sqlite" or "postgres") for one test."""
        if kind == "postgres":
            store = self._emptied.pop() if self._emptied else self.open(self.new_database(kind))
            try:
                yield store
            finally:
                self._empty(store)
            return
        url = self.new_database(kind)
        store = SqlStore(url, TEST_KEY, migrate=False)
        try:
            yield store
        finally:
            store.dispose()

    def new_database(self, kind: str) -> str:
        """The URL of a database nobody else uses: migrated for SQLite, empty for PostgreSQL."""
        number = next(self._numbers)
        if kind == "sqlite":
            path = self._folder / f"test-{number}.sqlite3"
            shutil.copyfile(self._sqlite(), path)
            return f"sqlite:///{path}"
        if kind == "postgres":
            schema = f"test_{number}"
            self._execute(f"CREATE SCHEMA {schema}")
            return f"{self._postgres().url()}?options={quote(f'-csearch_path={schema}')}"
        raise ValueError(f"no such store: {kind}")

    @staticmethod
    def open(url: str) -> SqlStore:
        return SqlStore(url, TEST_KEY)

    def _empty(self, store: SqlStore) -> None:
        names = ", ".join(table.name for table in metadata.sorted_tables)
        with store.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY"))
        self._emptied.append(store)

    def _sqlite(self) -> Path:
        if self._sqlite_template is None:
            path = self._folder / "template.sqlite3"
            SqlStore(f"sqlite:///{path}", TEST_KEY).dispose()
            self._sqlite_template = path
        return self._sqlite_template

    def _postgres(self) -> Cluster:
        if self._cluster is None:
            cluster = self._resources.enter_context(throwaway_cluster())
            self._admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
            self._resources.callback(self._admin.dispose)
            self._cluster = cluster
        return self._cluster

    def _execute(self, statement: str) -> None:
        self._postgres()
        assert self._admin is not None
        with self._admin.connect() as connection:
            connection.execute(text(statement))
