"""The Alembic migrations build exactly the schema the tables describe."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from precoro_2fa import Precoro, Role, bootstrap
from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.adapters.sql.store import MIGRATIONS
from precoro_2fa.adapters.sql.tables import metadata
from tests.conftest import TEST_CONFIG
from tests.store.databases import TEST_KEY, Databases

HEAD = "0009"


def test_the_migrations_build_the_schema_of_the_tables(store: SqlStore) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == HEAD
        assert compare_metadata(context, metadata) == []


def test_migrating_again_changes_nothing(store: SqlStore, url: str) -> None:
    store.migrate()
    SqlStore(url, TEST_KEY, migrate=True).dispose()
    test_the_migrations_build_the_schema_of_the_tables(store)


def upgrade(store: SqlStore, revision: str) -> None:
    with store.engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def test_0002_keeps_the_users_of_0001_and_drops_only_their_password_counts(
    databases: Databases, kind: str
) -> None:
    """Users are referred to by other tables: their rows stay where they are."""
    url = databases.new_database(kind) if kind == "postgres" else _empty_sqlite(databases)
    store = SqlStore(url, TEST_KEY, migrate=False)
    upgrade(store, "0001")
    with store.engine.begin() as connection:
        connection.execute(text("INSERT INTO companies VALUES (1, 'acme', 'Acme', false, 0)"))
        connection.execute(
            text(
                "INSERT INTO users (number, login, company_id, role, password_hash, code_failures,"
                " password_failures, version) VALUES (1, 'eve', 'acme', 'EMPLOYEE', 'x', 0, 3, 0)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO sign_in_attempts VALUES"
                " (1, 'attempt', 'eve', '2026-11-27 09:00:00+00', false, 0)"
            )
        )
    upgrade(store, "head")
    precoro: Precoro = bootstrap(store, TEST_CONFIG)
    assert precoro.visitor("eve").role is Role.EMPLOYEE
    test_the_migrations_build_the_schema_of_the_tables(store)
    store.dispose()


def _empty_sqlite(databases: Databases) -> str:
    url = databases.new_database("sqlite")
    path = url.removeprefix("sqlite:///")
    with open(path, "wb"):
        pass  # an empty file: SQLite makes a new database in it
    return url
