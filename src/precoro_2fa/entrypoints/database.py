"""The app's database as the commands name it (``--database``, ``--key-file``)."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from precoro_2fa import Precoro
from precoro_2fa.bootstrap import bootstrap_sql

DEFAULT_DATABASE = "precoro-2fa.sqlite3"


def database_url(database: str) -> str:
    """A SQLAlchemy URL as given (``postgresql+psycopg://…``), or a SQLite file's."""
    if "://" in database:
        return database
    return f"sqlite:///{Path(database).resolve()}"


def open_precoro(database: str, key_file: Path | None) -> Precoro:
    """Precoro over the database, with the key of ``serve`` (file or environment)."""
    from precoro_2fa.entrypoints.web.keys import keys_for

    url = database_url(database)
    return bootstrap_sql(url, keys_for(url, key_file).secrets)


class NoSuchDatabase(ValueError):
    """A housekeeping command names a SQLite file that is not there."""


def existing(database: str) -> str:
    """``database``, if it is a URL or a SQLite file that exists (a typo makes no new one)."""
    if "://" not in database and not Path(database).is_file():
        raise NoSuchDatabase(f"no database at {database} (give --database)")
    return database


class DatabaseUnavailable(ValueError):
    """The database could not be reached or used; the message says what it answered."""


@contextmanager
def plain_errors() -> Iterator[None]:
    """A database error becomes one line for the command line, never a traceback."""
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    try:
        yield
    except DBAPIError as error:
        raise DatabaseUnavailable(str(error.orig).strip().splitlines()[0]) from error
    except SQLAlchemyError as error:
        raise DatabaseUnavailable(str(error).strip().splitlines()[0]) from error
