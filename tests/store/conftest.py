"""Fixtures of the store tests: a database of each SQL kind, an app on it, a clock to set."""

from collections.abc import Iterator
from typing import Any

import pyotp
import pytest
from sqlalchemy import Select, Table, create_engine, select

from precoro_2fa import AuthenticationApplication, Precoro, Role, bootstrap
from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.adapters.sql.tables import metadata
from tests.conftest import PASSWORD, START, TEST_CONFIG
from tests.store.contenders import SetClock
from tests.store.databases import KINDS, TEST_KEY, Databases

POOL = 40
"""Connections kept open: one for each thread of the tests, none opened during a race."""


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def url(databases: Databases, kind: str) -> str:
    """A database of its own for this test, which other processes may open too."""
    return databases.new_database(kind)


@pytest.fixture
def store(url: str) -> Iterator[SqlStore]:
    store = SqlStore(url, TEST_KEY, pool_size=POOL)
    yield store
    store.dispose()


@pytest.fixture
def set_clock() -> SetClock:
    return SetClock(START)


@pytest.fixture
def app(store: SqlStore, set_clock: SetClock) -> Precoro:
    return bootstrap(store, TEST_CONFIG, set_clock)


def enrolled(
    app: Precoro,
    login: str,
    role: Role = Role.EMPLOYEE,
    application: AuthenticationApplication = AuthenticationApplication.GOOGLE_AUTHENTICATOR,
) -> pyotp.TOTP:
    """``login`` of "acme" with two-factor authentication on; their phone's app."""
    app.add_company("acme", "Acme")
    app.add_user(login, PASSWORD, "acme", role)
    phone = pyotp.TOTP(app.choose_application(login, application).secret)
    assert app.confirm(login, phone.at(app.clock.now())).accepted
    return phone


def in_order(table: Table) -> Select[Any]:
    """Every row of ``table``, by its primary key."""
    return select(table).order_by(*table.primary_key.columns)


def rows(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, exactly as stored."""
    engine = create_engine(url)
    with engine.connect() as connection:
        found = {
            table.name: [tuple(row) for row in connection.execute(in_order(table))]
            for table in metadata.sorted_tables
        }
    engine.dispose()
    return found
