"""The SQL store: SQLAlchemy Core tables, Alembic migrations, secrets sealed with AES-GCM."""

from precoro_2fa.adapters.sql.encryption import InvalidEncryptionKey, new_key
from precoro_2fa.adapters.sql.store import MissingEncryptionKey, SqlStore

__all__ = ["InvalidEncryptionKey", "MissingEncryptionKey", "SqlStore", "new_key"]
