"""Wires the service layer to its adapters. Production, tests and notebooks all start here."""

from collections.abc import Callable

import pyotp

from precoro_2fa.adapters.memory import InMemoryStore, InMemoryUnitOfWork
from precoro_2fa.adapters.passwords import Argon2PasswordHasher
from precoro_2fa.config import Settings
from precoro_2fa.domain.clock import Clock, SystemClock
from precoro_2fa.service_layer.app import Precoro
from precoro_2fa.service_layer.ports import UnitOfWork


def in_memory() -> Callable[[], UnitOfWork]:
    store = InMemoryStore()
    return lambda: InMemoryUnitOfWork(store)


def bootstrap(
    unit_of_work: Callable[[], UnitOfWork] | None = None,
    settings: Settings | None = None,
    clock: Clock | None = None,
    new_secret: Callable[[], str] = pyotp.random_base32,
) -> Precoro:
    settings = settings or Settings()
    return Precoro(
        unit_of_work=unit_of_work or in_memory(),
        clock=clock or SystemClock(),
        settings=settings,
        passwords=Argon2PasswordHasher(settings.argon2),
        new_secret=new_secret,
    )
