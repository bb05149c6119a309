"""Times in the store: an aware UTC datetime in, the same instant in aware UTC out."""

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Column, DateTime, Integer, MetaData, Table, create_engine, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import StatementError

from precoro_2fa.adapters.sql.tables import UtcDateTime

TEN_IN_KYIV = datetime(2026, 11, 27, 11, 0, 0, 250, tzinfo=timezone(timedelta(hours=2)))
NINE_UTC = datetime(2026, 11, 27, 9, 0, 0, 250, tzinfo=UTC)
NINE_UTC_TEXT = "2026-11-27 09:00:00.000250"
"""How SQLAlchemy's own ``DateTime`` keeps that instant in SQLite."""


def _sqlite_processors() -> tuple[object, object]:
    dialect = sqlite.dialect()
    kept = UtcDateTime().dialect_impl(dialect)
    return kept.bind_processor(dialect), kept.result_processor(dialect, None)


def test_sqlite_keeps_the_utc_instant_as_the_text_sqlalchemy_writes() -> None:
    bind, _ = _sqlite_processors()
    assert callable(bind)
    assert bind(TEN_IN_KYIV) == NINE_UTC_TEXT
    assert bind(NINE_UTC) == NINE_UTC_TEXT
    assert bind(None) is None


def test_sqlite_reads_the_text_back_as_an_aware_utc_datetime() -> None:
    _, result = _sqlite_processors()
    assert callable(result)
    read = result(NINE_UTC_TEXT)
    assert read == NINE_UTC
    assert read.tzinfo is UTC
    assert result(None) is None


def test_a_naive_datetime_is_refused_on_either_database() -> None:
    bind, _ = _sqlite_processors()
    assert callable(bind)
    with pytest.raises(ValueError, match="naive"):
        bind(datetime(2026, 11, 27, 9, 0))
    dialect = postgresql.dialect()
    with pytest.raises(ValueError, match="naive"):
        UtcDateTime().process_bind_param(datetime(2026, 11, 27, 9, 0), dialect)


def test_postgresql_gets_the_utc_instant_and_gives_it_back_in_utc() -> None:
    dialect = postgresql.dialect()
    kind = UtcDateTime()
    assert kind.process_bind_param(TEN_IN_KYIV, dialect) == NINE_UTC
    read = kind.process_result_value(TEN_IN_KYIV, dialect)
    assert read == NINE_UTC
    assert read is not None and read.tzinfo is UTC


def test_sqlalchemy_reads_what_the_store_wrote_in_sqlite_and_the_other_way(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'times.sqlite3'}")
    metadata = MetaData()
    ours = Table(
        "ours", metadata, Column("n", Integer, primary_key=True), Column("at", UtcDateTime)
    )
    plain = Table(
        "ours", MetaData(), Column("n", Integer, primary_key=True), Column("at", DateTime)
    )
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(ours).values(n=1, at=TEN_IN_KYIV))
        connection.execute(insert(plain).values(n=2, at=NINE_UTC.replace(tzinfo=None)))
        with pytest.raises(StatementError):
            connection.execute(insert(ours).values(n=3, at=datetime(2026, 11, 27, 9, 0)))
    with engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT at FROM ours ORDER BY n").scalars().all()
        read = connection.execute(select(ours.c.at).order_by(ours.c.n)).scalars().all()
    engine.dispose()
    assert stored == [NINE_UTC_TEXT, NINE_UTC_TEXT]
    assert read == [NINE_UTC, NINE_UTC]
    assert all(at.tzinfo is UTC for at in read)
