"""``precoro-2fa backup FILE`` while the app runs, ``restore FILE`` into a fresh folder, and a
sign-in with a code there; a wrong key or a damaged backup is refused in one line, and the
database it was to go into is left as it was."""

import hashlib
import shutil
import sqlite3
import threading
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pyotp
import pytest

from precoro_2fa import AuthenticationApplication, Role, UnknownUser, bootstrap
from precoro_2fa.adapters.sql import SqlStore, new_key
from precoro_2fa.adapters.sql.encryption import KeyFiles
from precoro_2fa.entrypoints import cli
from precoro_2fa.entrypoints.web.serve import ServeOptions, prepare
from tests.conftest import TEST_CONFIG
from tests.store.contenders import SetClock
from tests.store.test_migrations import HEAD, upgrade
from tests.web.served import Browser, serve_command, served

ANNA, PASSWORD = "anna@acme.test", "anna-employee-2fa"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
CONFIRMED_AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
SIGNED_IN = "<h1>Dashboard</h1>"
WRITES = 200


def signs_in_with_a_code(url: str, step: int) -> bool:
    """Anna signs in with the code of time step ``step`` (the app takes now ±1 step)."""
    anna = Browser()
    anna.get(f"{url}sign-in")
    assert "6-digit code" in anna.post(f"{url}sign-in", login=ANNA, password=PASSWORD)
    return SIGNED_IN in anna.post(f"{url}sign-in/code", code=pyotp.TOTP(SECRET).at(step * 30))


def now_step() -> int:
    return int(datetime.now(UTC).timestamp() // 30)


def turn_on_for_anna(database: Path) -> None:
    store = SqlStore(f"sqlite:///{database}", KeyFiles(Path(f"{database}.key")))
    precoro = bootstrap(store, clock=SetClock(CONFIRMED_AT), new_secret=lambda: SECRET)
    precoro.choose_application(ANNA, AuthenticationApplication.GOOGLE_AUTHENTICATOR)
    assert precoro.confirm(ANNA, pyotp.TOTP(SECRET).at(CONFIRMED_AT)).accepted
    store.dispose()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def backup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    """A backup of a running app's database, Anna's 2FA on, its key file, and the time step
    of the last code Anna signed in with before it (made once: each test restores a copy)."""
    tmp_path = tmp_path_factory.mktemp("backup")
    database = tmp_path / "app" / "precoro.sqlite3"
    database.parent.mkdir()
    with served(serve_command(str(database))) as url:
        turn_on_for_anna(database)
        step = now_step()
        assert signs_in_with_a_code(url, step)  # the app runs and writes
        copy = tmp_path / "backups" / "precoro.backup"
        copy.parent.mkdir()
        assert cli.main(["backup", str(copy), "--database", str(database)]) == 0
        assert signs_in_with_a_code(url, step + 1)  # and goes on
    assert copy.stat().st_mode & 0o077 == 0  # its owner's only
    return copy, Path(f"{database}.key"), step


def test_a_backup_restored_into_a_fresh_folder_signs_anna_in_with_a_code(
    backup: tuple[Path, Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy, key, step = backup
    fresh = tmp_path / "fresh" / "precoro.sqlite3"
    restored = cli.main(["restore", str(copy), "--database", str(fresh), "--key-file", str(key)])
    assert restored == 0
    assert "Restored" in capsys.readouterr().out
    with served(serve_command(str(fresh), "--key-file", str(key))) as url:
        assert signs_in_with_a_code(url, step) is False  # spent before the backup: it says so
        assert signs_in_with_a_code(url, step + 1)  # spent after it, in the original only


@pytest.fixture(scope="module")
def backup_of_a_stopped_app(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A backup of a database no app runs on, Anna's 2FA on, and its key file (made once)."""
    folder = tmp_path_factory.mktemp("stopped")
    database = folder / "precoro.sqlite3"
    prepare(ServeOptions(database=str(database)))
    turn_on_for_anna(database)
    copy = folder / "precoro.backup"
    assert cli.main(["backup", str(copy), "--database", str(database)]) == 0
    return copy, Path(f"{database}.key")


def test_backup_and_restore_say_what_they_copied_and_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "precoro.sqlite3"
    prepare(ServeOptions(database=str(database)))
    turn_on_for_anna(database)
    copy, key = tmp_path / "b.backup", f"{database}.key"
    fresh = tmp_path / "fresh" / "data" / "p.sqlite3"  # folders made as needed
    capsys.readouterr()
    assert cli.main(["backup", str(copy), "--database", str(database)]) == 0
    assert cli.main(["restore", str(copy), "--database", str(fresh), "--key-file", key]) == 0
    assert capsys.readouterr().out == (
        f"Backed up {database} (1 users with 2FA secrets) to {copy}."
        " Keep the key file apart from it: restore needs the same key.\n"
        f"Restored {copy} (1 users with 2FA secrets) into {fresh}.\n"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [
            "b.backup",
            "fresh",
            "precoro.sqlite3",
            "precoro.sqlite3.key",
            "precoro.sqlite3.session-key",
        ]
    )
    assert sorted(path.name for path in fresh.parent.iterdir()) == ["p.sqlite3"]  # no scratch
    assert copy.stat().st_mode & 0o777 == 0o600  # its owner's only
    with closing(sqlite3.connect(copy)) as backup:  # a journal, not WAL: one file, read as is
        assert backup.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    with closing(sqlite3.connect(fresh)) as restored:
        [(logins,)] = restored.execute("SELECT count(*) FROM users").fetchall()
    assert logins == 5  # the demo accounts


@pytest.mark.parametrize(
    ("command", "database", "refused"),
    [
        (
            "backup",
            "postgresql+psycopg://db/precoro",
            "backup copies a SQLite file; for PostgreSQL use pg_dump and pg_restore"
            " (docs/operations.md)",
        ),
        (
            "restore",
            "postgresql+psycopg://db/precoro",
            "restore copies a SQLite file; for PostgreSQL use pg_dump and pg_restore"
            " (docs/operations.md)",
        ),
        ("backup", "typo.sqlite3", "no database at typo.sqlite3 (give --database)"),
    ],
    ids=["backup of postgresql", "restore into postgresql", "backup of no file"],
)
def test_what_backup_and_restore_cannot_copy_is_refused_in_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    database: str,
    refused: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file").write_text("a backup")
    arguments = [command, "file", "--database", database, "--key-file", "a.key"]
    assert cli.main(arguments) == 2
    assert capsys.readouterr().err == f"precoro-2fa {command}: {refused}\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["file"]


def test_a_restore_without_its_backup_or_its_key_is_refused_in_one_line(
    backup_of_a_stopped_app: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    copy, key = backup_of_a_stopped_app
    target, missing = tmp_path / "target.sqlite3", tmp_path / "missing.backup"
    assert cli.main(["restore", str(missing), "--database", str(target)]) == 2
    no_key = tmp_path / "none.key"
    arguments = ["restore", str(copy), "--database", str(target), "--key-file", str(no_key)]
    assert cli.main(arguments) == 2
    assert cli.main(["restore", str(copy), "--database", str(target)]) == 2  # its own: none
    assert capsys.readouterr().err.splitlines() == [
        f"precoro-2fa restore: no backup at {missing}: nothing restored",
        f"precoro-2fa restore: no key file at {no_key} (give --key-file): nothing changed",
        f"precoro-2fa restore: no key file at {target}.key (give --key-file): nothing changed",
    ]
    assert list(tmp_path.iterdir()) == []
    assert key.is_file()


def test_backup_with_the_keys_in_the_environment_checks_them(
    backup_of_a_stopped_app: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copy, key = backup_of_a_stopped_app
    database = tmp_path / "restored.sqlite3"
    assert (
        cli.main(["restore", str(copy), "--database", str(database), "--key-file", str(key)]) == 0
    )
    monkeypatch.setenv("PRECORO_2FA_KEY", new_key())
    assert cli.main(["backup", str(tmp_path / "b"), "--database", str(database)]) == 2
    monkeypatch.setenv("PRECORO_2FA_KEY", f"{new_key()},{key.read_text().strip()}")
    assert cli.main(["backup", str(tmp_path / "b"), "--database", str(database)]) == 0
    said = capsys.readouterr()
    assert said.err == (
        f"precoro-2fa backup: the key does not open the secrets in {database}: nothing backed up\n"
    )
    assert said.out.splitlines()[-1].startswith(f"Backed up {database} (1 users with 2FA secrets)")


def test_a_backup_of_an_older_version_is_restored_with_this_version_s_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    older, key = tmp_path / "older.sqlite3", tmp_path / "older.key"
    KeyFiles(key).keys()  # made
    store = SqlStore(f"sqlite:///{older}", KeyFiles(key), migrate=False)
    upgrade(store, "0008")
    store.dispose()
    target = tmp_path / "restored.sqlite3"
    assert cli.main(["restore", str(older), "--database", str(target), "--key-file", str(key)]) == 0
    with closing(sqlite3.connect(target)) as restored:
        assert restored.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
    assert (
        capsys.readouterr().out == f"Restored {older} (0 users with 2FA secrets) into {target}.\n"
    )


@pytest.mark.parametrize(
    "damage",
    [
        "wrong key",
        "bytes overwritten",
        "not a database",
        "cut",
        "an index that does not match its table",
        "no schema version",
    ],
)
def test_a_restore_that_cannot_be_used_says_so_in_one_line_and_changes_nothing(
    backup_of_a_stopped_app: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    damage: str,
) -> None:
    copy, key = backup_of_a_stopped_app
    target = tmp_path / "target" / "precoro.sqlite3"
    assert cli.main(["restore", str(copy), "--database", str(target), "--key-file", str(key)]) == 0
    before, files = digest(target), sorted(target.parent.iterdir())
    capsys.readouterr()
    if damage == "wrong key":
        key = tmp_path / "other.key"
        key.write_text(new_key())
    else:
        copy = damaged(copy, damage)
    refused = cli.main(["restore", str(copy), "--database", str(target), "--key-file", str(key)])
    [line] = capsys.readouterr().err.splitlines()
    assert refused == 2
    assert line.startswith("precoro-2fa restore: ") and line.endswith("nothing restored"), line
    refused = f"precoro-2fa restore: {copy} is not a sound precoro-2fa backup"
    if damage == "wrong key":
        refused = f"precoro-2fa restore: the key does not open the secrets in {copy}"
    elif damage == "an index that does not match its table":
        missing = [f"row {row} missing from index ix_users_company_id" for row in (1, 2, 3)]
        refused += f" (integrity check: {'; '.join(missing)}): nothing restored"  # the first 3
    assert line.startswith(refused), line
    assert (digest(target), sorted(target.parent.iterdir())) == (before, files)


def damaged(copy: Path, how: str) -> Path:
    broken = copy.with_name(f"{how}.backup")
    if how in ("an index that does not match its table", "no schema version"):
        shutil.copy(copy, broken)
        with closing(sqlite3.connect(broken)) as database, database:
            if how == "no schema version":
                database.execute("DELETE FROM alembic_version")
                return broken
            database.execute("PRAGMA writable_schema = ON")  # the index now says another column
            database.execute(
                "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_users_company_id ON users (login)'"
                " WHERE name = 'ix_users_company_id'"
            )
        return broken
    data = bytearray(copy.read_bytes())
    if how == "bytes overwritten":
        middle = len(data) // 2
        data[middle : middle + 4096] = b"\xa5" * 4096
    elif how == "not a database":
        data = bytearray(b"this is not a database " * 200)
    else:
        data = data[: len(data) // 3]
    broken.write_bytes(bytes(data))
    return broken


def test_a_restore_under_a_running_store_is_read_at_its_next_transaction(tmp_path: Path) -> None:
    database = tmp_path / "precoro.sqlite3"
    store = SqlStore(f"sqlite:///{database}", KeyFiles(Path(f"{database}.key")))
    running = bootstrap(store, TEST_CONFIG)
    running.add_company("acme", "Acme")
    running.add_user("before@acme.test", PASSWORD, "acme", Role.EMPLOYEE)
    copy = tmp_path / "precoro.backup"
    assert cli.main(["backup", str(copy), "--database", str(database)]) == 0
    running.add_user("after@acme.test", PASSWORD, "acme", Role.EMPLOYEE)
    assert cli.main(["restore", str(copy), "--database", str(database)]) == 0
    with pytest.raises(UnknownUser):  # made after the backup: not in it
        running.visitor("after@acme.test")
    assert running.visitor("before@acme.test").login == "before@acme.test"
    running.add_user("later@acme.test", PASSWORD, "acme", Role.EMPLOYEE)  # and writes go on
    assert running.visitor("later@acme.test").login == "later@acme.test"
    store.dispose()


def test_a_backup_taken_while_users_are_added_is_one_sound_snapshot(tmp_path: Path) -> None:
    database = tmp_path / "precoro.sqlite3"
    store = SqlStore(f"sqlite:///{database}", KeyFiles(Path(f"{database}.key")))
    running = bootstrap(store, TEST_CONFIG)
    running.add_company("acme", "Acme")
    added, backed_up = [], threading.Event()

    def add_users() -> None:
        for number in range(WRITES):  # bounded; most of them while the backup runs
            running.add_user(f"user-{number}@acme.test", PASSWORD, "acme", Role.EMPLOYEE)
            added.append(number)
            if backed_up.is_set():
                return

    writer = threading.Thread(target=add_users)
    writer.start()
    copy = tmp_path / "precoro.backup"
    try:
        before = len(added)
        assert cli.main(["backup", str(copy), "--database", str(database)]) == 0
        after = len(added)
    finally:
        backed_up.set()
        writer.join(timeout=60)
    with closing(sqlite3.connect(copy)) as backup:
        assert backup.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        [(users,)] = backup.execute("SELECT count(*) FROM users").fetchall()
    assert before <= users <= after + 1  # one moment while it ran (+1: committed, not counted)
    store.dispose()


def test_backup_and_purge_use_the_key_file_given_and_make_none_beside_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database, key = tmp_path / "data" / "precoro.sqlite3", tmp_path / "keys" / "precoro.key"
    database.parent.mkdir()
    key.parent.mkdir()
    prepare(ServeOptions(database=str(database), key_file=key))
    with_key = ["--database", str(database), "--key-file", str(key)]
    assert cli.main(["backup", str(tmp_path / "b.backup"), *with_key]) == 0
    assert cli.main(["purge", *with_key]) == 0
    assert list(database.parent.glob("*key*")) == []
    assert cli.main(["backup", str(tmp_path / "c.backup"), "--database", str(database)]) == 2
    assert capsys.readouterr().err == (
        f"precoro-2fa backup: no key file at {database}.key (give --key-file): nothing changed\n"
    )
