"""A database that fails a request gets the one clear page (503, Retry-After), never a
traceback; an error that is a bug, not an outage, stays a 500. (Under a real outage:
tests/web/test_database_faults.py and test_sqlite_faults.py.)"""

from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy.exc import IntegrityError, OperationalError, PendingRollbackError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from precoro_2fa import Precoro
from precoro_2fa.entrypoints.web.unavailable import UNAVAILABLE
from tests.web.visitor import ADMIN, Visitor

OUTAGES = [
    OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly")),
    OperationalError("INSERT", {}, Exception("attempt to write a readonly database")),
    PoolTimeout("QueuePool limit of size 8 overflow 32 reached"),
    PendingRollbackError("Can't reconnect until invalid transaction is rolled back", code="8s2b"),
]
BUGS = [
    IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed")),
    PendingRollbackError("This Session's transaction has been rolled back", code="7s2a"),
    RuntimeError("a bug"),
]


def failing(error: Exception) -> Callable[[], object]:
    def fail() -> object:
        raise error

    return fail


@pytest.mark.parametrize("error", OUTAGES, ids=lambda e: type(e).__name__)
def test_a_database_that_fails_gets_the_clear_503_page(
    app: Flask, precoro: Precoro, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    admin = Visitor(app)
    admin.sign_in(ADMIN)
    token = admin.token()
    monkeypatch.setattr(precoro.store, "reading", failing(error))
    monkeypatch.setattr(precoro.store, "unit_of_work", failing(error))
    form = {"csrf_token": token, "time_zone": "UTC"}
    read, write = admin.get("/configuration/audit-log"), admin.client.post("/profile", data=form)
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
