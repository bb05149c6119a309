"""The Alembic migrations build exactly the schema the tables describe."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.adapters.sql.tables import metadata
from tests.store.databases import TEST_KEY


def test_the_migrations_build_the_schema_of_the_tables(store: SqlStore) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == "0002"
        assert compare_metadata(context, metadata) == []


def test_migrating_again_changes_nothing(store: SqlStore, url: str) -> None:
    store.migrate()
    SqlStore(url, TEST_KEY, migrate=True).dispose()
    test_the_migrations_build_the_schema_of_the_tables(store)
