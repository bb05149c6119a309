"""One request, one service call: a page is read in one reading, which on SQLite begins no
``BEGIN IMMEDIATE`` (no writer's turn); a button runs one command.

Counted over the SQLite store: readings and units of work as the service layer opens them,
and the ``BEGIN IMMEDIATE`` statements SQLite runs (the driver's trace of every statement).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import event
from werkzeug.test import TestResponse

from precoro_2fa import bootstrap
from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.entrypoints.web import create_app
from precoro_2fa.entrypoints.web.demo_data import seed
from tests.conftest import TEST_CONFIG, Phone
from tests.counted_store import CountedStore
from tests.store.databases import Databases
from tests.web.visitor import ADMIN, ANNA, PASSWORDS, Visitor

Counts = tuple[int, int, int]
"""Readings, units of work, and ``BEGIN IMMEDIATE`` statements run by SQLite."""


@dataclass
class Counter:
    store: CountedStore
    statements: list[str] = field(default_factory=list)

    def count(self, request: Callable[[], TestResponse]) -> tuple[Counts, TestResponse]:
        """What ``request`` asked of the store, and its response."""
        self.store.counts()
        self.statements.clear()
        response = request()
        readings, units_of_work = self.store.counts()
        writers = sum(statement.startswith("BEGIN IMMEDIATE") for statement in self.statements)
        return (readings, units_of_work, writers), response


@pytest.fixture
def sqlite_store(databases: Databases) -> Iterator[SqlStore]:
    with databases.store("sqlite") as store:
        yield store


@pytest.fixture
def counter(sqlite_store: SqlStore) -> Counter:
    """Counts on a store that has not connected yet, so that its connection is traced."""
    counter = Counter(CountedStore(sqlite_store))

    def trace(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.set_trace_callback(counter.statements.append)

    event.listen(sqlite_store.engine, "connect", trace)
    return counter


@pytest.fixture
def people(counter: Counter, clock: FrozenDateTimeFactory) -> Callable[[], Visitor]:
    precoro = bootstrap(counter.store, config=TEST_CONFIG)
    seed(precoro)
    app = create_app(precoro, secret_key="test secret key")
    return lambda: Visitor(app)


def post(person: Visitor, path: str, **fields: str) -> Callable[[], TestResponse]:
    """A POST of the form at ``path``, its CSRF token fetched beforehand (not counted)."""
    data = {"csrf_token": person.token(), **fields}
    return lambda: person.client.post(path, data=data)


def test_the_dashboard_is_one_reading_and_no_write(
    people: Callable[[], Visitor], counter: Counter
) -> None:
    anna = people()
    anna.sign_in(ANNA)
    counts, page = counter.count(lambda: anna.client.get("/"))
    assert page.status_code == 200
    assert counts == (1, 0, 0)


def test_each_page_reads_once_and_each_button_runs_one_command(
    people: Callable[[], Visitor], counter: Counter, clock: FrozenDateTimeFactory
) -> None:
    anna, admin = people(), people()
    counted: dict[str, Counts] = {}

    def measure(what: str, request: Callable[[], TestResponse], status: int) -> TestResponse:
        counted[what], response = counter.count(request)
        assert response.status_code == status, (what, response.text)
        return response

    password = {"login": ANNA, "password": PASSWORDS[ANNA]}
    measure("POST /sign-in, 2FA off", post(anna, "/sign-in", **password), 303)
    measure("GET /", lambda: anna.client.get("/"), 200)
    measure("GET 2FA page", lambda: anna.client.get("/profile/two-factor"), 200)
    measure("GET Turn On", lambda: anna.client.get("/profile/two-factor/turn-on"), 200)
    next_ = post(anna, "/profile/two-factor/turn-on", application="GOOGLE_AUTHENTICATOR")
    measure("POST Next", next_, 303)
    anna.page = measure("GET QR code", lambda: anna.client.get("/profile/two-factor/confirm"), 200)
    phone = Phone(anna.shown_secret().replace(" ", ""))
    wrong = post(anna, "/profile/two-factor/confirm", code="000000")
    measure("POST Confirm, a wrong code", wrong, 422)
    confirm = post(anna, "/profile/two-factor/confirm", code=phone.code())
    measure("POST Confirm", confirm, 303)
    anna.sign_out()
    clock.tick(30)
    measure("POST /sign-in, 2FA on", post(anna, "/sign-in", **password), 303)
    measure("POST /sign-in/code", post(anna, "/sign-in/code", code=phone.code()), 303)
    admin.sign_in(ADMIN)
    settings = lambda: admin.client.get("/configuration/account-settings")  # noqa: E731
    measure("GET Account Settings", settings, 200)
    assert counted == {
        "POST /sign-in, 2FA off": (1, 1, 1),  # the user read, the password checked, recorded
        "GET /": (1, 0, 0),
        "GET 2FA page": (1, 0, 0),
        "GET Turn On": (1, 0, 0),
        "POST Next": (0, 1, 1),
        "GET QR code": (1, 0, 0),
        "POST Confirm, a wrong code": (1, 1, 1),  # refused, and the QR code shown again
        "POST Confirm": (0, 1, 1),
        "POST /sign-in, 2FA on": (1, 1, 1),
        "POST /sign-in/code": (0, 1, 1),
        "GET Account Settings": (2, 0, 0),  # the guard's reading, then the page's
    }
