"""Fixtures for every test: a frozen clock, a cheap password hash, a fresh Precoro; and what
both bindings of the specs share: the steps that move the clock, the people called by name
and what happens on their phones."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import pyotp
import pytest
from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory
from pytest_bdd import given, parsers, when

from precoro_2fa import Argon2Config, Config, Precoro, Role, bootstrap
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.service_layer.ports import Store
from tests.store.databases import Databases

START = datetime(2026, 11, 27, 9, 0, 0, tzinfo=UTC)
"""A step boundary (a multiple of 30 s), so that "30 seconds pass" moves exactly one step."""

TEST_CONFIG = Config(argon2=Argon2Config(time_cost=1, memory_cost=8, parallelism=1))
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
def store(request: pytest.FixtureRequest, databases: Databases) -> Iterator[Store]:
    """The store behind the service layer; every store runs the same specs."""
    yield from stores(request.param, databases)


def stores(kind: str, databases: Databases) -> Iterator[Store]:
    """A store of ``kind``: "memory", "sqlite" or "postgres"."""
    if kind == "memory":
        yield InMemoryStore()
        return
    with databases.store(kind) as store:
        yield store


@pytest.fixture
def precoro(clock: FrozenDateTimeFactory, store: Store) -> Precoro:
    return bootstrap(store, config=TEST_CONFIG)


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


@pytest.fixture
def new_apps() -> dict[str, Phone]:
    """The new authentication application each user set up, by login; ``phones`` holds the old."""
    return {}


# --- People called by name ("Eve", "Ann"). A name is capitalised and unquoted, so these steps
# never match the steps about quoted logins. Each binding has its own kind of person
# (``person_kind``): the HTTP one also remembers the person's browsers.

NAME = r"(?P<name>[A-Z][a-z]+)"
COMPANY = r"(?P<company>[A-Z][a-z]+)"
PRONOUN = r"(?:her|his|their)"


def login_of(name: str) -> str:
    return name.lower()


def company_id(name: str) -> str:
    return name.lower()


@dataclass(slots=True)
class Person:
    name: str
    company: str
    role: Role

    @property
    def login(self) -> str:
        return login_of(self.name)


P = TypeVar("P", bound=Person)


@pytest.fixture
def person_kind() -> type[Person]:
    return Person


@pytest.fixture
def people() -> dict[str, Person]:
    """Everyone a scenario has named, by name."""
    return {}


def add_person(precoro: Precoro, people: dict[str, P], person: P) -> None:
    """No page creates users: people are made through the service object."""
    if person.role is Role.SUPPORT:
        precoro.add_support_agent(person.login, PASSWORD)
    else:
        precoro.add_company(company_id(person.company), person.company)
        precoro.add_user(person.login, PASSWORD, company_id(person.company), person.role)
    people[person.name] = person


def admins_of(people: dict[str, P], company: str) -> list[P]:
    return [p for p in people.values() if p.role is Role.ADMIN and company_id(p.company) == company]


def support_agent(people: dict[str, P]) -> P:
    """The Precoro support agent of the scenario: "we" in the article."""
    [agent] = [person for person in people.values() if person.role is Role.SUPPORT]
    return agent


@given(parsers.re(rf"{NAME} is an employee of {COMPANY}"))
def named_employee(
    precoro: Precoro, people: dict[str, Person], person_kind: type[Person], name: str, company: str
) -> None:
    add_person(precoro, people, person_kind(name, company, Role.EMPLOYEE))


@given(parsers.re(rf"{NAME} is an admin of {COMPANY}"))
def named_admin(
    precoro: Precoro, people: dict[str, Person], person_kind: type[Person], name: str, company: str
) -> None:
    add_person(precoro, people, person_kind(name, company, Role.ADMIN))


@given(parsers.re(rf"{NAME} is a Precoro support agent"))
def named_support_agent(
    precoro: Precoro, people: dict[str, Person], person_kind: type[Person], name: str
) -> None:
    add_person(precoro, people, person_kind(name, "Precoro", Role.SUPPORT))


# --- What happens on the phone, not in Precoro: Authy's backup and restore.


@dataclass(frozen=True, slots=True)
class AuthyBackup:
    """Authy's encrypted backup of the user's accounts: it holds the same secret as the app."""

    secret: str


@given(parsers.re(rf"{NAME} turned on Authy's backups"), target_fixture="authy_backup")
def backups_on(phones: dict[str, Phone], name: str) -> AuthyBackup:
    return AuthyBackup(phones[login_of(name)].secret)


@given(parsers.re(rf"{NAME} lost {PRONOUN} phone"))
def phone_lost(phones: dict[str, Phone], name: str) -> None:
    del phones[login_of(name)]


@when(parsers.re(rf"{NAME} restores Authy on {PRONOUN} new phone from Authy's backup"))
def restores_authy(phones: dict[str, Phone], authy_backup: AuthyBackup, name: str) -> None:
    phones[login_of(name)] = Phone(authy_backup.secret)
