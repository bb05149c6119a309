"""The menu of every page tells an admin how many recovery requests wait for them: only an
admin's menu reads the company's requests (a company's requests can be many)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import Channel, Precoro, RecoveryRequest, Role, Visitor, bootstrap
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.service_layer.ports import Reading, RecoveryRequests, UnitOfWork
from tests.conftest import PASSWORD, TEST_CONFIG
from tests.unit.conftest import GOOGLE, add_employee
from tests.unit.rfc import RFC_SECRET, STEP_CODES


@dataclass
class RequestsReadCounted:
    """``store``, counting how often its readings read a company's recovery requests."""

    store: InMemoryStore
    reads: int = 0

    def unit_of_work(self) -> UnitOfWork:
        return self.store.unit_of_work()

    @contextmanager
    def reading(self) -> Iterator[Reading]:
        with self.store.reading() as reading:
            reading.requests = _Counted(reading.requests, self)
            yield reading


@dataclass
class _Counted:
    requests: RecoveryRequests
    counter: RequestsReadCounted

    def in_company(self, company_id: str) -> list[RecoveryRequest]:
        self.counter.reads += 1
        return self.requests.in_company(company_id)


@pytest.fixture
def counted() -> RequestsReadCounted:
    return RequestsReadCounted(InMemoryStore())


@pytest.fixture
def acme(counted: RequestsReadCounted, rfc_clock: FrozenDateTimeFactory) -> Precoro:
    """Alice (2FA on) asked support for a reset; Bob (2FA off); Ann, their admin."""
    precoro = bootstrap(counted, config=TEST_CONFIG, new_secret=lambda: RFC_SECRET)
    add_employee(precoro, "alice")
    precoro.choose_application("alice", GOOGLE)
    assert precoro.confirm("alice", STEP_CODES[1]).accepted
    precoro.add_user("bob", PASSWORD, "acme", Role.EMPLOYEE)
    precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    precoro.add_support_agent("sam", PASSWORD)
    precoro.request_reset("sam", "alice", Channel.ONLINE_CHAT)
    return precoro


MENUS: dict[str, Callable[[Precoro, str], Visitor]] = {
    "visitor": lambda p, login: p.visitor(login),
    "two_factor_view": lambda p, login: p.two_factor_view(login).visitor,
    "turn_on": lambda p, login: p.turn_on(login).visitor,
}


@pytest.mark.parametrize(
    ("login", "waiting", "reads"),
    [("bob", 0, 0), ("ann", 1, 1)],
    ids=["an employee's reads none", "an admin's reads them once"],
)
@pytest.mark.parametrize("menu", MENUS.values(), ids=MENUS.keys())
def test_only_an_admin_s_menu_reads_the_company_s_requests(
    acme: Precoro,
    counted: RequestsReadCounted,
    menu: Callable[[Precoro, str], Visitor],
    login: str,
    waiting: int,
    reads: int,
) -> None:
    counted.reads = 0
    assert menu(acme, login).requests_waiting == waiting
    assert counted.reads == reads
