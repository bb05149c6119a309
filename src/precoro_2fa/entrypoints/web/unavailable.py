"""When the database does not answer: one clear page, HTTP 503, and the server carries on.

A database that is stopped, restarting, killed, read-only or full makes the driver raise
(psycopg's or sqlite3's ``OperationalError``, which SQLAlchemy wraps in its own), or the pool
wait for a connection in vain (SQLAlchemy's ``TimeoutError``). The command's transaction is
then rolled back by the database, so nothing is done half; the person is told to try again,
with no traceback. Nothing is kept from the failure: PostgreSQL's pooled connections are
pinged as they are taken (``store.POSTGRES_POOL``), so the first request after the database
is back is answered as usual, on every app server, without a restart.

A failure met while the session is opened (before any view) reaches Flask as a 500 whose
``original_exception`` is the database's: it gets the same page.
"""

import logging

from flask import Flask, render_template
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, PendingRollbackError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import InternalServerError

from precoro_2fa.entrypoints.messages import UNAVAILABLE

RETRY_AFTER = "5"
"""Seconds a client is asked to wait before it tries again (``Retry-After``)."""

RECONNECT_AFTER_ROLLBACK = "8s2b"
"""SQLAlchemy's code of "Can't reconnect until invalid transaction is rolled back"."""

log = logging.getLogger(__name__)


def install(app: Flask) -> None:
    app.register_error_handler(DBAPIError, _database_failed)
    app.register_error_handler(PoolTimeout, _database_failed)
    app.register_error_handler(PendingRollbackError, _database_failed)
    app.register_error_handler(InternalServerError, _internal_error)


def is_unavailable(error: BaseException | None) -> bool:
    """Whether ``error`` says the database could not be reached or written, not a bug.

    ``RECONNECT_AFTER_ROLLBACK``: a connection lost in the middle of a transaction, used again
    (Flask-Session's retries do) before the transaction was rolled back."""
    if isinstance(error, OperationalError | InterfaceError | PoolTimeout):
        return True
    if isinstance(error, PendingRollbackError):
        return error.code == RECONNECT_AFTER_ROLLBACK
    return isinstance(error, DBAPIError) and error.connection_invalidated


def unavailable_page() -> tuple[str, int, dict[str, str]]:
    """The page: it reads nothing, neither the database nor the session."""
    return (
        render_template("unavailable.html", message=UNAVAILABLE),
        503,
        {"Retry-After": RETRY_AFTER},
    )


def _database_failed(error: Exception) -> tuple[str, int, dict[str, str]]:
    if not is_unavailable(error):
        raise error  # a bug, not an outage: Flask's 500
    log.warning("the database is unavailable: %s", _first_line(error))
    return unavailable_page()


def _internal_error(error: InternalServerError) -> tuple[str, int, dict[str, str]]:
    if is_unavailable(error.original_exception):
        log.warning("the database is unavailable: %s", _first_line(error.original_exception))
        return unavailable_page()
    return render_template("error.html", message=error.description), 500, {}


def _first_line(error: BaseException | None) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
