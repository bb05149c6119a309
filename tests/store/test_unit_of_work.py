"""A unit of work writes all of a command or nothing; a change saved meanwhile is refused."""

from collections.abc import Iterator

import pytest
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import update

from precoro_2fa import CodeRequired, Precoro, SignInRefused, TwoFactorStatus, bootstrap
from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.adapters.sql.tables import users
from precoro_2fa.adapters.sql.unit_of_work import SqlUnitOfWork
from precoro_2fa.domain.audit import AuditKind
from precoro_2fa.domain.model import Role, User
from precoro_2fa.domain.sign_in import SignInAttempt
from precoro_2fa.service_layer.base import retried
from precoro_2fa.service_layer.ports import ConcurrentUpdate
from tests.conftest import PASSWORD, START, TEST_CONFIG
from tests.store.conftest import enrolled, rows
from tests.store.contenders import SetClock
from tests.store.databases import TEST_KEY, Databases

EVE = "eve@acme.test"


class Boom(Exception):
    pass


class HalfwayThere(Precoro):
    @retried
    def turn_off_add_someone_then_fail(self, login: str) -> None:
        with self._command() as uow:
            user = self._user(uow, login)
            user.two_factor.reset()
            self._record(uow, AuditKind.TURNED_OFF, user)
            uow.users.add(User("new@acme.test", "acme", Role.EMPLOYEE, "a hash"))
            raise Boom()


def test_a_command_that_fails_halfway_leaves_nothing_written(
    precoro: Precoro, clock: FrozenDateTimeFactory
) -> None:
    enrolled(precoro, EVE, Role.ADMIN)
    events = precoro.audit_log(EVE)
    halfway = HalfwayThere(precoro.store, precoro.clock, precoro.config, precoro.passwords)
    with pytest.raises(Boom):
        halfway.turn_off_add_someone_then_fail(EVE)
    assert precoro.two_factor_view(EVE).status is TwoFactorStatus.ON
    assert precoro.audit_log(EVE) == events
    assert precoro.sign_in("new@acme.test", PASSWORD) == SignInRefused()
    assert isinstance(precoro.sign_in(EVE, PASSWORD), CodeRequired)


def test_a_commit_that_fails_at_its_second_write_keeps_not_even_the_first(
    app: Precoro, store: SqlStore, url: str
) -> None:
    enrolled(app, EVE)
    before = rows(url)
    with store.unit_of_work() as uow:
        user = uow.users.get(EVE)
        assert user is not None
        user.two_factor.reset()
        uow.attempts.add(SignInAttempt("attempt", "nobody@acme.test", START))
        with pytest.raises(ConcurrentUpdate):
            uow.commit()
    assert rows(url) == before


def test_a_change_saved_since_the_read_makes_the_conditional_update_refuse(
    app: Precoro, store: SqlStore, url: str
) -> None:
    enrolled(app, EVE)
    before = rows(url)
    with store.unit_of_work() as uow:
        assert isinstance(uow, SqlUnitOfWork)
        user = uow.users.get(EVE)
        assert user is not None
        bump = update(users).where(users.c.login == EVE).values(version=users.c.version + 1)
        uow.connection.execute(bump)  # as if saved meanwhile
        user.two_factor.reset()
        with pytest.raises(ConcurrentUpdate, match="changed meanwhile"):
            uow.commit()
    assert rows(url) == before


@pytest.fixture
def postgres(databases: Databases) -> Iterator[SqlStore]:
    store = SqlStore(databases.new_database("postgres"), TEST_KEY)
    yield store
    store.dispose()


def test_two_transactions_on_postgresql_that_change_one_user_save_only_the_first(
    postgres: SqlStore,
) -> None:
    enrolled(bootstrap(postgres, TEST_CONFIG, SetClock(START)), EVE)
    with postgres.unit_of_work() as late:
        # read without a row lock (as ``get`` takes), so that ``early`` need not wait for it
        late_user = next(iter(late.users.in_company("acme")))
        with postgres.unit_of_work() as early:
            early_user = early.users.get(EVE)
            assert early_user is not None
            early_user.two_factor.throttle.failed(START, TEST_CONFIG.code_rule)
            early.commit()
        assert late_user is not None
        late_user.two_factor.reset()
        with pytest.raises(ConcurrentUpdate):
            late.commit()
    with postgres.unit_of_work() as check:
        saved = check.users.get(EVE)
    assert saved is not None
    assert saved.two_factor.is_on
    assert saved.two_factor.throttle.failures == 1
