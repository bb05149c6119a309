"""The password is checked with no transaction open, so argon2 runs on every core at once;
the command that follows records the outcome and checks the lock again."""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import Precoro, SignedIn, SignInBlocked, bootstrap
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.domain.passwords import PasswordHasher
from tests.conftest import PASSWORD, TEST_CONFIG
from tests.counted_store import CountedStore
from tests.unit.conftest import add_employee

TIMEOUT = 10.0
"""Seconds a thread waits for the other at the barrier before the test fails."""


@dataclass
class WatchedHasher:
    """The real hasher; ``during_check`` runs inside each check, and what was open is noted."""

    hasher: PasswordHasher
    store: CountedStore
    during_check: Callable[[], object] = lambda: None
    open_while_hashing: list[int] = field(default_factory=list)
    """For each hash made: how many readings and units of work were open."""
    open_while_checking: list[int] = field(default_factory=list)
    """For each password checked: how many readings and units of work were open."""

    def hash(self, password: str) -> str:
        self.open_while_hashing.append(self.store.open)
        return self.hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        self.open_while_checking.append(self.store.open)
        self.during_check()
        return self.hasher.verify(password_hash, password)


@pytest.fixture
def counted() -> CountedStore:
    return CountedStore(InMemoryStore())


@pytest.fixture
def precoro(counted: CountedStore, clock: FrozenDateTimeFactory) -> Precoro:
    return bootstrap(counted, config=TEST_CONFIG)


@pytest.fixture
def hasher(precoro: Precoro, counted: CountedStore) -> WatchedHasher:
    precoro.passwords = watched = WatchedHasher(precoro.passwords, counted)
    add_employee(precoro, "alice")
    add_employee(precoro, "bob")
    return watched


@pytest.mark.parametrize(
    ("login", "password"),
    [("alice", PASSWORD), ("alice", "wrong password"), ("nobody", PASSWORD), ("alice", None)],
)
def test_each_sign_in_checks_one_password_with_no_reading_or_unit_of_work_open(
    precoro: Precoro, hasher: WatchedHasher, login: str, password: str | None
) -> None:
    """One check each, the decoy's for an unknown login or a password that is no string."""
    precoro.sign_in(login, password)
    assert hasher.open_while_checking == [0]
    assert set(hasher.open_while_hashing) == {0}


def test_a_new_users_password_is_hashed_with_no_unit_of_work_open(
    precoro: Precoro, hasher: WatchedHasher
) -> None:
    hasher.open_while_hashing.clear()
    precoro.add_user("carol", PASSWORD, "acme")
    assert hasher.open_while_hashing == [0]


def test_two_people_have_their_passwords_checked_at_the_same_time(
    precoro: Precoro, hasher: WatchedHasher
) -> None:
    """Each check waits inside argon2 for the other: one check at a time would never meet."""
    both_checking = threading.Barrier(2, timeout=TIMEOUT)
    hasher.during_check = both_checking.wait
    answers: dict[str, object] = {}
    threads = [
        threading.Thread(target=lambda x=login: answers.update({x: precoro.sign_in(x, PASSWORD)}))
        for login in ("alice", "bob")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == {"alice": SignedIn("alice"), "bob": SignedIn("bob")}


def test_a_lock_that_began_while_the_password_was_checked_refuses_the_right_password(
    precoro: Precoro, hasher: WatchedHasher, clock: FrozenDateTimeFactory
) -> None:
    def ten_wrong_passwords_meanwhile() -> None:
        hasher.during_check = lambda: None
        for _ in range(10):
            precoro.sign_in("alice", "wrong password")

    hasher.during_check = ten_wrong_passwords_meanwhile
    assert precoro.sign_in("alice", PASSWORD) == SignInBlocked(
        datetime.now(UTC) + timedelta(minutes=15)
    )
    clock.tick(timedelta(minutes=15))
    assert precoro.sign_in("alice", PASSWORD) == SignedIn("alice")
