"""Re-seal every secret under the newest key of the store, a batch of users at a time.

Each batch is its own transaction: a rotation stopped half-way (killed, or the database
gone) has lost nothing, and run again goes on where it stopped, as a value sealed with the
newest key is left as it is. Meanwhile the app opens any value with whichever key sealed it.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, select, update

from precoro_2fa.adapters.sql import tables
from precoro_2fa.adapters.sql.encryption import SecretBox
from precoro_2fa.adapters.sql.mapping import USERS
from precoro_2fa.adapters.sql.repositories import secret_context
from precoro_2fa.adapters.sql.store import SqlStore

BATCH = 100
_USERS = tables.users
_COLUMNS = USERS.secrets


@dataclass(frozen=True, slots=True)
class Resealed:
    resealed: int
    """Users whose secrets were sealed again."""
    left: int
    """Users with a secret still under an older key: changed by the app meanwhile."""


def reseal(store: SqlStore, batch: int = BATCH) -> Resealed:
    """One pass over the users, in key order; then how many are left under an older key."""
    resealed, after = 0, 0
    while (done := _reseal_batch(store, after, batch)) is not None:
        resealed, after = resealed + done[0], done[1]
    return Resealed(resealed, count_left(store))


def count_left(store: SqlStore) -> int:
    """Users with a secret not sealed with the store's newest key."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(_USERS.c.login, *(_USERS.c[c] for c in _COLUMNS)))
        return sum(1 for row in rows if _stale(store.box, row._asdict()))


def open_every_secret(store: SqlStore) -> int:
    """Open every user's secrets with the store's keys (``InvalidEncryptionKey`` at the first
    that does not open): whether a backup can be used with them. How many users have one."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(_USERS.c.login, *(_USERS.c[c] for c in _COLUMNS)))
        opened = 0
        for row in (row._asdict() for row in rows):
            sealed = [column for column in _COLUMNS if row[column] is not None]
            for column in sealed:
                store.box.open(row[column], _context(column, row))
            opened += bool(sealed)
        return opened


def _reseal_batch(store: SqlStore, after: int, batch: int) -> tuple[int, int] | None:
    """Re-seal the stale users of the batch after user number ``after``: how many, and the
    number to go on after; None past the last user."""
    with store.unit_of_work() as uow:
        rows = _batch(uow.connection, after, batch)
        done = sum(_reseal_row(uow.connection, store.box, row) for row in rows)
        uow.commit()
    return (done, rows[-1]["number"]) if rows else None


def _batch(connection: Connection, after: int, batch: int) -> list[dict[str, Any]]:
    columns = (_USERS.c.number, _USERS.c.login, _USERS.c.version, *(_USERS.c[c] for c in _COLUMNS))
    statement = select(*columns).where(_USERS.c.number > after).order_by(_USERS.c.number)
    statement = statement.limit(batch).with_for_update()
    return [row._asdict() for row in connection.execute(statement)]


def _reseal_row(connection: Connection, box: SecretBox, row: dict[str, Any]) -> bool:
    if not _stale(box, row):
        return False
    values = {
        column: box.seal(box.open(row[column], _context(column, row)), _context(column, row))
        for column in _COLUMNS
        if row[column] is not None
    }
    same_row = and_(_USERS.c.number == row["number"], _USERS.c.version == row["version"])
    changed = update(_USERS).where(same_row).values(**values, version=_USERS.c.version + 1)
    return connection.execute(changed).rowcount == 1


def _stale(box: SecretBox, row: dict[str, Any]) -> bool:
    return any(
        row[column] is not None and not box.is_sealed_with_newest(row[column])
        for column in _COLUMNS
    )


def _context(column: str, row: dict[str, Any]) -> str:
    return secret_context(_USERS.name, column, row["login"])
