"""Fixtures for every test: a frozen clock, a cheap password hash, a fresh Precoro; and the
steps that move the clock, shared by both bindings of the specs."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory
from pytest_bdd import given, parsers, when

from precoro_2fa import Argon2Settings, Precoro, Settings, bootstrap
from precoro_2fa.bootstrap import in_memory
from precoro_2fa.service_layer.ports import UnitOfWork
from tests.store.databases import Databases

START = datetime(2026, 11, 27, 9, 0, 0, tzinfo=UTC)
"""A step boundary (a multiple of 30 s), so that "30 seconds pass" moves exactly one step."""

TEST_SETTINGS = Settings(argon2=Argon2Settings(time_cost=1, memory_cost=8, parallelism=1))
"""argon2id at its cheapest: the tests are about 2FA, not about the cost of a hash."""

PASSWORD = "correct horse battery"


@dataclass
class Phone:
    """A user's phone with an authentication application: it knows the secret, not Precoro."""

    secret: str

    def code(self, steps_from_now: int = 0) -> str:
        return pyotp.TOTP(self.secret).at(datetime.now(UTC), counter_offset=steps_from_now)


@pytest.fixture
def clock() -> Iterator[FrozenDateTimeFactory]:
    with freeze_time(START) as frozen:
        yield frozen


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    """SQLite files and a throw-away PostgreSQL cluster (started on first use)."""
    with Databases(tmp_path_factory.mktemp("databases")) as databases:
        yield databases


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def unit_of_work(
    request: pytest.FixtureRequest, databases: Databases
) -> Iterator[Callable[[], UnitOfWork]]:
    """The store behind the service layer; every store runs the same specs."""
    if request.param == "memory":
        yield in_memory()
        return
    with databases.store(request.param) as store:
        yield store.unit_of_work


@pytest.fixture
def precoro(clock: FrozenDateTimeFactory, unit_of_work: Callable[[], UnitOfWork]) -> Precoro:
    return bootstrap(unit_of_work, settings=TEST_SETTINGS)


@when(parsers.parse("{seconds:d} seconds pass"))
@given(parsers.parse("{seconds:d} seconds pass"))
def seconds_pass(clock: FrozenDateTimeFactory, seconds: int) -> None:
    clock.tick(timedelta(seconds=seconds))


@when(parsers.parse("{minutes:d} minutes pass"))
@given(parsers.parse("{minutes:d} minutes pass"))
def minutes_pass(clock: FrozenDateTimeFactory, minutes: int) -> None:
    clock.tick(timedelta(minutes=minutes))


@when(parsers.parse("{days:d} days pass"))
@given(parsers.parse("{days:d} days pass"))
def days_pass(clock: FrozenDateTimeFactory, days: int) -> None:
    clock.tick(timedelta(days=days))


@pytest.fixture
def phones() -> dict[str, Phone]:
    """Each user's phone, by login."""
    return {}
