"""A database that fails a request gets the one clear page (503, Retry-After), never a
traceback; an error that is a bug, not an outage, stays a 500. (Under a real outage:
tests/web/test_database_faults.py and test_sqlite_faults.py.)"""

import logging
from collections.abc import Callable

import pytest
from cachelib import SimpleCache
from flask import Flask
from sqlalchemy.exc import IntegrityError, OperationalError, PendingRollbackError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import InternalServerError

from precoro_2fa import Precoro
from precoro_2fa.entrypoints.messages import UNAVAILABLE
from precoro_2fa.entrypoints.web import create_app
from tests.web.visitor import ADMIN, Visitor

OUTAGES = [
    OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly")),
    OperationalError("INSERT", {}, Exception("attempt to write a readonly database")),
    PoolTimeout("QueuePool limit of size 8 overflow 32 reached"),
    PendingRollbackError("Can't reconnect until invalid transaction is rolled back", code="8s2b"),
    PoolTimeout(" "),
]
LOGGED = [
    "(builtins.Exception) server closed the connection unexpectedly",
    "(builtins.Exception) attempt to write a readonly database",
    "QueuePool limit of size 8 overflow 32 reached",
    "Can't reconnect until invalid transaction is rolled back (Background on this error at:"
    " https://sqlalche.me/e/21/8s2b)",
    "TimeoutError",  # no words: its kind
]
"""What the server's log says of each outage: its first line."""
KINDS = ["connection closed", "read-only", "pool exhausted", "rolled back", "no words"]
each_outage = pytest.mark.parametrize(
    ("error", "logged"), list(zip(OUTAGES, LOGGED, strict=True)), ids=KINDS
)
"""A test run once per outage, with what the server's log says of it."""
BUGS = [
    IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed")),
    PendingRollbackError("This Session's transaction has been rolled back", code="7s2a"),
    RuntimeError("a bug"),
]


def said(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What the page's handler logged."""
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "precoro_2fa.entrypoints.web.unavailable"
    ]


def failing(error: Exception) -> Callable[..., object]:
    def fail(*_: object) -> object:
        raise error

    return fail


@each_outage
def test_a_database_that_fails_gets_the_clear_503_page(
    app: Flask,
    precoro: Precoro,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    error: Exception,
    logged: str,
) -> None:
    admin = Visitor(app)
    admin.sign_in(ADMIN)
    token = admin.token()
    monkeypatch.setattr(precoro.store, "reading", failing(error))
    monkeypatch.setattr(precoro.store, "unit_of_work", failing(error))
    form = {"csrf_token": token, "time_zone": "UTC"}
    with caplog.at_level(logging.WARNING, "precoro_2fa.entrypoints.web.unavailable"):
        read = admin.get("/configuration/audit-log")
        write = admin.client.post("/profile", data=form)
    assert said(caplog) == [f"the database is unavailable: {logged}"] * 2
    bugs = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert bugs == []  # no "Exception on /…" with a traceback: an outage is not a bug
    for page in (read, write):
        assert page.status_code == 503
        assert page.headers["Retry-After"] == "5"
        assert UNAVAILABLE in page.text and "Traceback" not in page.text
    assert app.test_client().get("/healthz").status_code == 503


@pytest.mark.parametrize("error", BUGS, ids=lambda e: type(e).__name__)
def test_a_bug_is_not_called_an_outage(
    app: Flask, precoro: Precoro, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    admin = Visitor(app)
    admin.sign_in(ADMIN)
    monkeypatch.setattr(precoro.store, "reading", failing(error))
    app.testing = False  # answered as served, not raised into the test
    page = admin.get("/configuration/audit-log")
    assert page.status_code == 500
    assert UNAVAILABLE not in page.text
    assert InternalServerError.description in page.text


@each_outage
def test_a_session_store_that_fails_gets_the_same_page(
    precoro: Precoro,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    error: Exception,
    logged: str,
) -> None:
    """A failure met while the session is read, before any view: the same 503 page."""
    sessions = SimpleCache()
    app = create_app(precoro, secret_key="test secret key", sessions=sessions)
    admin = Visitor(app)
    admin.sign_in(ADMIN)
    monkeypatch.setattr(sessions, "get", failing(error))
    app.testing = False  # answered as served, not raised into the test
    with caplog.at_level(logging.WARNING, "precoro_2fa.entrypoints.web.unavailable"):
        page = admin.get("/configuration/audit-log")
    assert (page.status_code, page.headers["Retry-After"]) == (503, "5")
    assert UNAVAILABLE in page.text
    assert said(caplog) == [f"the database is unavailable: {logged}"]
