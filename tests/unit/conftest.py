"""Unit-test fixtures: Precoro at the RFC's own times, with the RFC's secret, so codes are known.

The RFC 4226 Appendix D secret is also RFC 6238's SHA1 seed, so the TOTP code of time step
T is the HOTP code of counter T: during step 5 the window accepts the codes of steps 4, 5, 6.
"""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import AuthenticationApplication, Precoro, Role, bootstrap
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.service_layer.ports import Store
from tests.conftest import PASSWORD, TEST_CONFIG
from tests.unit.rfc import RFC_SECRET, STEP_CODES

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
GOOGLE = AuthenticationApplication.GOOGLE_AUTHENTICATOR


def at_step(step: int, second: int = 0) -> datetime:
    """An aware UTC time ``second`` seconds into time step ``step`` (30 s steps from T0 = 0)."""
    return EPOCH + timedelta(seconds=30 * step + second)


def add_employee(precoro: Precoro, login: str, company: str = "acme") -> None:
    precoro.add_company(company, company.title())
    precoro.add_user(login, PASSWORD, company, Role.EMPLOYEE)


@pytest.fixture
def rfc_clock() -> Iterator[FrozenDateTimeFactory]:
    """Frozen 10 s into time step 1 (unix time 40)."""
    with freeze_time(at_step(1, 10)) as frozen:
        yield frozen


@pytest.fixture
def rfc_precoro(rfc_clock: FrozenDateTimeFactory, store: Store) -> Precoro:
    """Every secret it issues is the RFC secret."""
    return bootstrap(store, config=TEST_CONFIG, new_secret=lambda: RFC_SECRET)


@pytest.fixture
def alice(rfc_precoro: Precoro, rfc_clock: FrozenDateTimeFactory) -> str:
    """Alice of Acme turned 2FA on with the RFC secret during step 1; the clock is in step 5."""
    add_employee(rfc_precoro, "alice")
    rfc_precoro.choose_application("alice", GOOGLE)
    assert rfc_precoro.confirm("alice", STEP_CODES[1]).accepted
    rfc_clock.move_to(at_step(5, 10))
    return "alice"


@pytest.fixture
def store() -> Store:
    """Unit tests run on the in-memory store; the SQL stores are tested by their own suites."""
    return InMemoryStore()
