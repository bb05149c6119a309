"""Alembic's environment: the connection given by ``SqlStore.migrate`` or alembic.ini's URL."""

from alembic import context
from sqlalchemy import Connection, create_engine

from precoro_2fa.adapters.sql.tables import metadata


def run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


given: Connection | None = context.config.attributes.get("connection")
if given is not None:
    run(given)
else:
    url = context.config.get_main_option("sqlalchemy.url")
    assert url is not None, "set sqlalchemy.url in alembic.ini"  # noqa: S101
    with create_engine(url).begin() as connection:
        run(connection)
