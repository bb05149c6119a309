"""The statements of a code check, compiled once and run on the driver's own cursor.

SQLAlchemy's execution layer costs about ten times what SQLite needs for one of these
statements; the hot path skips it, with SQLAlchemy's own conversions of each column type
(so that what is written here reads back the same through SQLAlchemy, and the other way).
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Column, Dialect, Executable
from sqlalchemy.sql.compiler import SQLCompiler

from precoro_2fa.adapters.sql.connections import Connections

Processor = Callable[[Any], Any]


class Prepared:
    def __init__(
        self, statement: Executable, dialect: Dialect, columns: Iterable[Column[Any]] = ()
    ) -> None:
        compiled = statement.compile(dialect=dialect)  # type: ignore[attr-defined]
        assert isinstance(compiled, SQLCompiler)  # noqa: S101 (a SQL statement, always)
        self.sql = compiled.string
        self._fixed = {
            name: bind.effective_value for name, bind in compiled.binds.items() if not bind.required
        }
        processors = {
            name: bind.type.dialect_impl(dialect).bind_processor(dialect)
            for name, bind in compiled.binds.items()
        }
        order = compiled.positiontup if compiled.positional else None
        self._order = None if order is None else [(name, processors[name]) for name in order]
        self._binds = [(name, process) for name, process in processors.items() if process]
        self._names = [column.name for column in columns]
        self._results = [
            (column.name, process)
            for column in columns
            if (process := column.type.dialect_impl(dialect).result_processor(dialect, None))
        ]

    def parameters(self, values: Mapping[str, Any]) -> Any:
        """In the driver's style: a list in order (SQLite's ``?``) or by name (psycopg's)."""
        given = {**self._fixed, **values} if self._fixed else values
        if self._order is not None:
            return [given[n] if p is None else p(given[n]) for n, p in self._order]
        named = dict(given)
        for name, process in self._binds:
            if name in named:
                named[name] = process(named[name])
        return named

    def row(self, raw: Sequence[Any]) -> dict[str, Any]:
        row = dict(zip(self._names, raw, strict=True))
        for name, process in self._results:
            row[name] = process(row[name])
        return row


class DriverConnection:
    """A connection used through the driver itself for one transaction.

    SQLite's transaction is begun with ``BEGIN IMMEDIATE`` (writers queue at the start
    instead of failing halfway), or a plain ``BEGIN`` when it only reads (``immediate=False``);
    psycopg begins one with the first statement.
    """

    def __init__(self, connections: Connections, immediate: bool = True) -> None:
        self.dialect = connections.dialect
        self.integrity_error = connections.integrity_error
        self._connections = connections
        self._connection = connections.take()
        try:
            self._cursor = self._connection.cursor()
            self._sqlite = self.dialect.name == "sqlite"
            if self._sqlite:
                self._cursor.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
        except BaseException:
            connections.give_back(self._connection, broken=True)
            raise

    def one(self, statement: Prepared, values: Mapping[str, Any]) -> dict[str, Any] | None:
        self._cursor.execute(statement.sql, statement.parameters(values))
        raw = self._cursor.fetchone()
        return None if raw is None else statement.row(raw)

    def all(self, statement: Prepared, values: Mapping[str, Any]) -> list[dict[str, Any]]:
        self._cursor.execute(statement.sql, statement.parameters(values))
        return [statement.row(raw) for raw in self._cursor.fetchall()]

    def write(self, statement: Prepared, values: Mapping[str, Any]) -> int:
        self._cursor.execute(statement.sql, statement.parameters(values))
        rowcount: int = self._cursor.rowcount
        return rowcount

    def commit(self) -> None:
        """SQLite's ``COMMIT`` on the cursor, whose statement is kept compiled (the driver's own
        ``commit()`` compiles it anew each time); psycopg's ``commit()``."""
        if self._sqlite:
            self._cursor.execute("COMMIT")
        else:
            self._connection.commit()

    def rollback(self) -> None:
        self._connection.rollback()

    def close(self, error: BaseException | None) -> None:
        """Given back; after a driver's error the connection is discarded instead."""
        broken = isinstance(error, self._connections.driver_error)
        self._connections.give_back(self._connection, broken)
