"""Sessions are read in one statement and written only when they change (``web/sessions.py``),
on the served app's SQLite file; the clock is freezegun's."""

import hashlib
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, request
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import event

from precoro_2fa.entrypoints.web.serve import ServeOptions, build_app, prepare
from precoro_2fa.entrypoints.web.sessions import StoredSession
from tests.web.visitor import BOB, Visitor, session_cookie

DASHBOARD = "<h1>Dashboard</h1>"


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "sessions.sqlite3"


@pytest.fixture
def app(database: Path, clock: FrozenDateTimeFactory) -> Iterator[Flask]:
    options = ServeOptions(database=str(database))
    prepare(options)
    app = build_app(options)
    yield app
    app.extensions["precoro"].store.dispose()


def stored(database: Path) -> dict[str, str]:
    """Each kept session's key and expiry."""
    with sqlite3.connect(database) as connection:
        return dict(connection.execute("SELECT id, expires_at FROM web_sessions").fetchall())


def key_of(session_id: str | None) -> str:
    assert session_id is not None
    return hashlib.sha256(session_id.encode()).hexdigest()


def test_a_page_view_reads_its_session_in_one_statement_and_writes_nothing(app: Flask) -> None:
    bob = Visitor(app)
    bob.sign_in(BOB)
    seen: list[str] = []

    def sent(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(" ".join(statement.split()))

    engine = app.extensions["precoro"].store.engine
    event.listen(engine, "before_cursor_execute", sent)
    try:
        assert DASHBOARD in bob.get("/").text
        orders = bob.get("/purchase-orders")
    finally:
        event.remove(engine, "before_cursor_execute", sent)
    on_sessions = [statement for statement in seen if "web_sessions" in statement]
    assert len(on_sessions) == 2
    assert all(statement.startswith("SELECT") for statement in on_sessions)
    assert orders.status_code == 200 and "Set-Cookie" not in orders.headers


def test_the_database_keeps_the_ids_hash_never_the_id(app: Flask, database: Path) -> None:
    bob = Visitor(app)
    bob.sign_in(BOB)
    assert set(stored(database)) == {key_of(bob.session_id)}
    assert bob.session_id not in stored(database)


def test_an_idle_session_is_written_again_once_half_its_lifetime_is_spent(
    app: Flask, database: Path, clock: FrozenDateTimeFactory
) -> None:
    bob = Visitor(app)
    bob.sign_in(BOB)
    signed_in = stored(database)
    clock.tick(timedelta(hours=4))
    assert DASHBOARD in bob.get("/").text
    assert stored(database) == signed_in  # 4 hours and more left: not written
    clock.tick(timedelta(seconds=1))
    assert DASHBOARD in bob.get("/").text
    (refreshed,) = stored(database).values()
    assert refreshed > next(iter(signed_in.values()))
    clock.tick(timedelta(hours=7, minutes=59))
    assert DASHBOARD in bob.get("/").text  # 8 hours after the last write, not the sign-in
    clock.tick(timedelta(hours=8, seconds=1))
    assert bob.get("/").headers["Location"] == "/sign-in"


def test_a_session_signed_out_in_another_tab_is_not_written_again(
    app: Flask, database: Path
) -> None:
    bob = Visitor(app)
    bob.sign_in(BOB)
    cookie = f"{session_cookie(app)}={bob.session_id}"
    with app.test_request_context("/profile", headers={"Cookie": cookie}):
        first_tab = app.session_interface.open_session(app, request)
    assert isinstance(first_tab, StoredSession) and first_tab["login"] == BOB
    bob.sign_out()  # in the other tab, while the first one's request runs
    first_tab["_flashes"] = [("success", "Your time zone has been updated.")]
    with app.test_request_context("/profile"):
        app.session_interface.save_session(app, first_tab, app.response_class())
    assert key_of(cookie.split("=", 1)[1]) not in stored(database)


def test_every_page_tells_caches_it_depends_on_the_cookie(app: Flask) -> None:
    """Who is signed in changes the page: a shared cache must not give it to another browser."""
    bob = Visitor(app)
    for page in (app.test_client().get("/sign-in"), bob.sign_in(BOB), bob.get("/")):
        assert "Cookie" in page.headers["Vary"].split(", "), page.headers
