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


def bootstrap_sql(
    url: str,
    key: str | bytes | None = None,
    settings: Settings | None = None,
    clock: Clock | None = None,
    new_secret: Callable[[], str] = pyotp.random_base32,
) -> Precoro:
    """Precoro on a SQL database, migrated to the newest schema on the way.

    ``url``: ``sqlite:///path/to/file.sqlite3`` (the embedded default) or
    ``postgresql+psycopg://user:password@host/database`` for several app servers.
    ``key``: the base64 key that encrypts the secrets (``precoro_2fa.adapters.sql.new_key()``);
    for a SQLite file it may be left out: a key file ``<file>.key`` (mode 0600) is used.
    """
    from precoro_2fa.adapters.sql import SqlStore  # SQLAlchemy is imported only when used

    store = SqlStore(url, key)
    return bootstrap(store.unit_of_work, settings, clock, new_secret)
