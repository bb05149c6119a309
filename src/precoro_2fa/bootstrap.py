"""Wires the service layer to its adapters. Production, tests and notebooks all start here."""

from collections.abc import Callable
from typing import TYPE_CHECKING

import pyotp

from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.adapters.passwords import Argon2PasswordHasher
from precoro_2fa.config import Config
from precoro_2fa.domain.clock import Clock, SystemClock
from precoro_2fa.domain.notifications import Notification
from precoro_2fa.service_layer.app import Precoro
from precoro_2fa.service_layer.ports import Store

if TYPE_CHECKING:
    from precoro_2fa.adapters.sql.encryption import Keys


def bootstrap(
    store: Store | None = None,
    config: Config | None = None,
    clock: Clock | None = None,
    new_secret: Callable[[], str] = pyotp.random_base32,
    mailer: Callable[[Notification], None] | None = None,
) -> Precoro:
    """Precoro over ``store`` (default: a new in-memory store).

    ``mailer`` sends a notification (``SmtpMailer(host, port)``); without one, notifications
    stay in the outbox, which the demo app's Mailbox page shows.
    """
    config = config or Config()
    return Precoro(
        store=store or InMemoryStore(),
        clock=clock or SystemClock(),
        config=config,
        passwords=Argon2PasswordHasher(config.argon2),
        backup_code_hashing=Argon2PasswordHasher(config.backup_code_argon2),
        new_secret=new_secret,
        mailer=mailer,
    )


def bootstrap_sql(
    url: str,
    key: "Keys | None" = None,
    config: Config | None = None,
    clock: Clock | None = None,
    new_secret: Callable[[], str] = pyotp.random_base32,
    mailer: Callable[[Notification], None] | None = None,
) -> Precoro:
    """Precoro on a SQL database, migrated to the newest schema on the way.

    ``url``: ``sqlite:///path/to/file.sqlite3`` (the embedded default) or
    ``postgresql+psycopg://user:password@host/database`` for several app servers.
    ``key``: the base64 key that encrypts the secrets (``precoro_2fa.adapters.sql.new_key()``),
    or several, newest first (see ``adapters.sql.encryption.Keys``); for a SQLite file it may
    be left out: a key file ``<file>.key`` (mode 0600) is used.
    """
    from precoro_2fa.adapters.sql import SqlStore  # SQLAlchemy is imported only when used

    return bootstrap(SqlStore(url, key), config, clock, new_secret, mailer)
