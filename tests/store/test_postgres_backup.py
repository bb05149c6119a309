"""PostgreSQL's backup and restore are its own tools, as docs/operations.md gives them:
``pg_dump --format=custom`` of the app's database, ``pg_restore`` into a new database, and
Anna signs in there with a code, with the same key; without it her secret does not open."""

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pyotp
import pytest
from sqlalchemy import create_engine, text

from precoro_2fa import AuthenticationApplication, CodeRequired, Role, SignedIn, bootstrap
from precoro_2fa.adapters.sql import InvalidEncryptionKey, SqlStore, new_key
from tests.conftest import PASSWORD, TEST_CONFIG
from tests.store.contenders import SetClock
from tests.store.postgres import Cluster, server_programs, throwaway_cluster

ANNA = "anna@acme.test"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
CONFIRMED_AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def libpq(cluster: Cluster, database: str) -> str:
    """The URL as pg_dump and pg_restore take it (libpq's, without SQLAlchemy's driver)."""
    return cluster.url(database).replace("postgresql+psycopg://", "postgresql://")


def run(program: str, *arguments: str) -> None:
    command = [str(server_programs() / program), *arguments]
    subprocess.run(command, check=True, capture_output=True, timeout=120)  # noqa: S603


def create_database(cluster: Cluster, name: str) -> None:
    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()


def test_pg_dump_and_pg_restore_keep_what_signs_anna_in(tmp_path: Path) -> None:
    key = new_key()
    with throwaway_cluster() as cluster:
        create_database(cluster, "precoro")
        store = SqlStore(cluster.url("precoro"), key)
        precoro = bootstrap(store, TEST_CONFIG, SetClock(CONFIRMED_AT), lambda: SECRET)
        precoro.add_company("acme", "Acme")
        precoro.add_user(ANNA, PASSWORD, "acme", Role.EMPLOYEE)
        precoro.choose_application(ANNA, AuthenticationApplication.GOOGLE_AUTHENTICATOR)
        assert precoro.confirm(ANNA, pyotp.TOTP(SECRET).at(CONFIRMED_AT)).accepted
        store.dispose()

        dump = tmp_path / "precoro-2fa.dump"
        run("pg_dump", "--format=custom", f"--file={dump}", libpq(cluster, "precoro"))
        create_database(cluster, "restored")
        run("pg_restore", "--no-owner", f"--dbname={libpq(cluster, 'restored')}", str(dump))

        restored = SqlStore(cluster.url("restored"), key)
        later = SetClock(datetime(2026, 1, 5, 9, 1, tzinfo=UTC))
        there = bootstrap(restored, TEST_CONFIG, later)
        attempt = there.sign_in(ANNA, PASSWORD)
        assert isinstance(attempt, CodeRequired)
        code = pyotp.TOTP(SECRET).at(later.at)
        assert isinstance(there.enter_code(attempt.attempt_id, code), SignedIn)
        restored.dispose()

        without_the_key = SqlStore(cluster.url("restored"), new_key())
        with pytest.raises(InvalidEncryptionKey):
            bootstrap(without_the_key, TEST_CONFIG, later).two_factor_view(ANNA)
        without_the_key.dispose()
