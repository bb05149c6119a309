"""``Precoro.purge``: expired sign-in attempts and web sessions go, live ones stay, on every
store. The clock is freezegun's."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import insert, select

from precoro_2fa import CodeRequired, Precoro, SignedIn, SignInBlocked, bootstrap
from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.adapters.sql.tables import web_sessions
from precoro_2fa.service_layer.housekeeping import Purged
from precoro_2fa.service_layer.ports import Store
from tests.conftest import PASSWORD, TEST_CONFIG, stores
from tests.store.conftest import enrolled
from tests.store.databases import KINDS, Databases

EVE = "eve@acme.test"


@pytest.fixture(params=["memory", *KINDS])
def any_store(request: pytest.FixtureRequest, databases: Databases) -> Iterator[Store]:
    yield from stores(request.param, databases)


@pytest.fixture
def precoro(clock: FrozenDateTimeFactory, any_store: Store) -> Precoro:
    return bootstrap(any_store, config=TEST_CONFIG)


def code_step(precoro: Precoro) -> CodeRequired:
    step = precoro.sign_in(EVE, PASSWORD)
    assert isinstance(step, CodeRequired), step
    return step


def test_expired_sign_in_attempts_are_purged_and_open_ones_kept(
    precoro: Precoro, clock: FrozenDateTimeFactory
) -> None:
    phone = enrolled(precoro, EVE)
    clock.tick(timedelta(seconds=30))
    expired = code_step(precoro)
    clock.tick(timedelta(minutes=3))
    still_open = code_step(precoro)
    clock.tick(timedelta(minutes=2))  # the first one's 5 minutes are over: expired right now
    assert precoro.purge() == Purged(attempts=1, sessions=0)
    assert precoro.purge() == Purged(attempts=0, sessions=0)
    assert isinstance(
        precoro.enter_code(still_open.attempt_id, phone.at(datetime.now(UTC))), SignedIn
    )
    assert expired.expires_at <= datetime.now(UTC) < still_open.expires_at


def test_a_completed_attempt_is_purged_once_it_expires(
    precoro: Precoro, clock: FrozenDateTimeFactory
) -> None:
    phone = enrolled(precoro, EVE)
    clock.tick(timedelta(seconds=30))
    assert isinstance(
        precoro.enter_code(code_step(precoro).attempt_id, phone.at(datetime.now(UTC))), SignedIn
    )
    assert precoro.purge().attempts == 0
    clock.tick(timedelta(minutes=5))
    assert precoro.purge().attempts == 1


@pytest.mark.parametrize("kind", KINDS)
def test_expired_web_sessions_are_purged_and_live_ones_kept(
    databases: Databases, clock: FrozenDateTimeFactory, kind: str
) -> None:
    """The store's table ``web_sessions`` (migration 0009), as the web app writes it."""
    with databases.store(kind) as store:
        now = datetime.now(UTC)
        expiries = {
            "gone": now - timedelta(seconds=1),
            "due": now,
            "live": now + timedelta(hours=8),
        }
        with store.engine.begin() as connection:
            for session_id, expiry in expiries.items():
                row = {"id": session_id, "data": "{}", "expires_at": expiry}
                connection.execute(insert(web_sessions), row)
        assert bootstrap(store, TEST_CONFIG).purge() == Purged(attempts=0, sessions=2)
        assert session_ids(store) == {"live"}


def test_a_database_without_web_sessions_purges_none(
    precoro: Precoro, clock: FrozenDateTimeFactory
) -> None:
    assert precoro.purge() == Purged(attempts=0, sessions=0)


def test_counts_of_wrong_passwords_are_purged_after_a_day_without_one_and_no_block(
    precoro: Precoro, clock: FrozenDateTimeFactory
) -> None:
    enrolled(precoro, EVE)
    for _ in range(3):
        precoro.sign_in(EVE, "a wrong password")
    for _ in range(10):
        precoro.sign_in("nobody@acme.test", "a wrong password")
    clock.tick(timedelta(hours=24) - timedelta(seconds=1))
    assert precoro.purge().throttles == 0
    clock.tick(timedelta(seconds=1))
    assert precoro.purge().throttles == 2


def test_a_block_longer_than_a_day_is_not_purged_before_it_ends(
    any_store: Store, clock: FrozenDateTimeFactory
) -> None:
    config = TEST_CONFIG.model_copy(update={"password_lockout": timedelta(hours=30)})
    precoro = bootstrap(any_store, config=config)
    for _ in range(10):
        precoro.sign_in("nobody@acme.test", "a wrong password")
    clock.tick(timedelta(hours=29))
    assert precoro.purge().throttles == 0
    assert isinstance(precoro.sign_in("nobody@acme.test", PASSWORD), SignInBlocked)
    clock.tick(timedelta(hours=1))
    assert precoro.purge().throttles == 1


def session_ids(store: SqlStore) -> set[str]:
    with store.engine.connect() as connection:
        return set(connection.scalars(select(web_sessions.c.id)))


def test_purged_says_how_many_of_each() -> None:
    assert str(Purged(3, 1, 2)) == (
        "Purged 3 expired sign-in attempts, 1 expired sessions"
        " and 2 expired counts of wrong passwords."
    )
