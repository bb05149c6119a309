"""``precoro-2fa rotate-key``: every secret re-sealed under a new key; killed half-way and run
again, nothing is lost; the app works with the new key after, and during."""

import multiprocessing
import signal
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyotp
import pytest
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import Engine, event

from precoro_2fa import AuthenticationApplication, CodeRequired, Precoro, SignedIn, bootstrap
from precoro_2fa.adapters.sql import InvalidEncryptionKey, SqlStore
from precoro_2fa.adapters.sql.encryption import KeyFiles, parse_key
from precoro_2fa.adapters.sql.rotation import count_left
from precoro_2fa.bootstrap import bootstrap_sql
from precoro_2fa.entrypoints import cli
from precoro_2fa.entrypoints.database import open_precoro
from precoro_2fa.entrypoints.web.demo_data import DEMO_ACCOUNTS
from precoro_2fa.entrypoints.web.serve import ServeOptions, build_app, prepare
from tests.conftest import TEST_CONFIG
from tests.store.contenders import TIMEOUT
from tests.web.visitor import Visitor

PASSWORDS = {account.login: account.password for account in DEMO_ACCOUNTS}
ENROLLED = [account.login for account in DEMO_ACCOUNTS[:4]]
PENDING = DEMO_ACCOUNTS[4].login
"""Between Next and Confirm: a pending secret."""


@pytest.fixture
def database(tmp_path: Path, clock: FrozenDateTimeFactory) -> Path:
    """The demo database, four accounts with 2FA on, the fifth half-way through Turn On."""
    path = tmp_path / "app.sqlite3"
    prepare(ServeOptions(database=str(path)))
    return path


@pytest.fixture
def phones(database: Path, clock: FrozenDateTimeFactory) -> dict[str, pyotp.TOTP]:
    precoro = open_precoro(str(database), None)
    phones = {login: turn_on(precoro, login) for login in ENROLLED}
    precoro.choose_application(PENDING, AuthenticationApplication.AUTHY)
    clock.tick(timedelta(seconds=30))
    return phones


def turn_on(precoro: Precoro, login: str) -> pyotp.TOTP:
    secret = precoro.choose_application(login, AuthenticationApplication.AUTHY).secret
    phone = pyotp.TOTP(secret)
    assert precoro.confirm(login, phone.at(datetime.now(UTC))).accepted
    return phone


def key_files(folder: Path) -> dict[str, str]:
    return {path.name: path.read_text() for path in folder.glob("*key*")}


def key_of(path: Path) -> bytes:
    return parse_key(path.read_text())


def signs_in(precoro: Precoro, login: str, phone: pyotp.TOTP) -> bool:
    step = precoro.sign_in(login, PASSWORDS[login])
    assert isinstance(step, CodeRequired), step
    return isinstance(precoro.enter_code(step.attempt_id, phone.at(datetime.now(UTC))), SignedIn)


def opens_every_secret_with(database: Path, key: bytes) -> bool:
    """Whether every user, secrets opened, can be read with ``key`` alone."""
    store = SqlStore(f"sqlite:///{database}", key, migrate=False)
    try:
        with store.reading() as reading:
            return all(reading.users.get(a.login) is not None for a in DEMO_ACCOUNTS)
    except InvalidEncryptionKey:
        return False
    finally:
        store.dispose()


def test_rotate_key_reseals_every_secret_and_keeps_the_old_key_beside(
    database: Path,
    phones: dict[str, pyotp.TOTP],
    clock: FrozenDateTimeFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = KeyFiles(Path(f"{database}.key"))
    old = key_of(files.path)
    assert cli.main(["rotate-key", "--database", str(database)]) == 0
    assert capsys.readouterr().out == (
        f"Re-sealed 5 users' secrets under a new key, now in {files.path};"
        f" the previous key is kept in {files.old} until the next rotation.\n"
    )
    new = key_of(files.path)
    assert new != old and key_of(files.old) == old and not files.new.exists()
    assert opens_every_secret_with(database, new)
    assert not opens_every_secret_with(database, old)
    app = build_app(ServeOptions(database=str(database)))
    browser = Visitor(app)
    login = ENROLLED[0]
    assert browser.sign_in(login, PASSWORDS[login]).headers["Location"] == "/sign-in/code"
    clock.tick(timedelta(seconds=30))
    assert browser.enter_code(phones[login].at(datetime.now(UTC))).headers["Location"] == "/"


def stop_here(pipe: Connection) -> None:
    pipe.send("stopped before a commit")
    signal.pause()


def rotate_until_the_third_reseal(database: str, pipe: Connection) -> None:
    """rotate-key a user at a time, stopped before the third re-sealed user is committed."""
    updates = 0

    def count(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        nonlocal updates
        updates += statement.startswith("UPDATE users")

    def before_commit(_connection: Any) -> None:
        if updates == 3:
            stop_here(pipe)

    event.listen(Engine, "after_cursor_execute", count)
    event.listen(Engine, "commit", before_commit)
    cli.main(["rotate-key", "--database", database, "--batch", "1"])
    pipe.send("finished: the hook was never reached")


def kill_half_way(database: Path) -> None:
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    child = context.Process(target=rotate_until_the_third_reseal, args=(str(database), theirs))
    child.start()
    try:
        assert ours.poll(TIMEOUT), "the child never reached the hook"
        assert ours.recv() == "stopped before a commit"
    finally:
        child.kill()
        child.join(TIMEOUT)
    assert child.exitcode == -signal.SIGKILL


def test_a_rotation_killed_half_way_loses_nothing_and_completes_when_run_again(
    database: Path, phones: dict[str, pyotp.TOTP], clock: FrozenDateTimeFactory
) -> None:
    files = KeyFiles(Path(f"{database}.key"))
    old = key_of(files.path)
    started_before = open_precoro(str(database), None)  # an app server holding the old key
    kill_half_way(database)
    new = key_of(files.new)
    assert key_of(files.path) == old and not files.old.exists()
    store = SqlStore(f"sqlite:///{database}", files, migrate=False)
    assert count_left(store) == 3  # two of five re-sealed and committed, the third lost
    store.dispose()
    for login in ENROLLED:  # the app opens both kinds meanwhile, even one that knew only old
        assert signs_in(started_before, login, phones[login])
    clock.tick(timedelta(seconds=30))
    assert cli.main(["rotate-key", "--database", str(database)]) == 0
    assert (key_of(files.path), key_of(files.old), files.new.exists()) == (new, old, False)
    assert opens_every_secret_with(database, new)
    precoro = bootstrap(SqlStore(f"sqlite:///{database}", new), TEST_CONFIG)
    for login in ENROLLED:
        assert signs_in(precoro, login, phones[login])


def test_rotate_key_without_a_key_file_says_so(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.key"
    assert cli.main(["rotate-key", "--database", str(database), "--key-file", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"precoro-2fa rotate-key: no key file at {missing} (give --key-file)\n"
    )


def test_rotate_key_with_keys_in_the_environment_reseals_under_the_first(
    database: Path,
    phones: dict[str, pyotp.TOTP],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from precoro_2fa.adapters.sql import new_key

    old_text, new_text = Path(f"{database}.key").read_text().strip(), new_key()
    monkeypatch.setenv("PRECORO_2FA_KEY", f"{new_text},{old_text}")
    key_files_before = key_files(database.parent)
    assert cli.main(["rotate-key", "--database", str(database)]) == 0
    assert "Re-sealed 5 users' secrets under the first key of PRECORO_2FA_KEY" in (
        capsys.readouterr().out
    )
    assert key_files(database.parent) == key_files_before
    assert opens_every_secret_with(database, parse_key(new_text))


def users_per_commit(command: list[str]) -> list[int]:
    """Run ``command``; the users re-sealed by each transaction it committed."""
    updates, committed = 0, []

    def count(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        nonlocal updates
        updates += statement.startswith("UPDATE users")

    def commit(_connection: Any) -> None:
        nonlocal updates
        if updates:
            committed.append(updates)
        updates = 0

    event.listen(Engine, "after_cursor_execute", count)
    event.listen(Engine, "commit", commit)
    try:
        assert cli.main(command) == 0
    finally:
        event.remove(Engine, "after_cursor_execute", count)
        event.remove(Engine, "commit", commit)
    return committed


@pytest.mark.parametrize(
    ("batch", "per_transaction", "keys_in_environment"),
    [([], [5], False), (["--batch", "2"], [2, 2, 1], False), (["--batch", "2"], [2, 2, 1], True)],
    ids=["default", "2 from the key file", "2 from the environment"],
)
def test_rotate_key_re_seals_as_many_users_per_transaction_as_asked(
    database: Path,
    phones: dict[str, pyotp.TOTP],
    monkeypatch: pytest.MonkeyPatch,
    batch: list[str],
    per_transaction: list[int],
    keys_in_environment: bool,
) -> None:
    """``--batch N``: N users per transaction (default 100); a rotation stopped half-way keeps
    the transactions it committed."""
    if keys_in_environment:
        from precoro_2fa.adapters.sql import new_key

        old = Path(f"{database}.key").read_text().strip()
        monkeypatch.setenv("PRECORO_2FA_KEY", f"{new_key()},{old}")
    assert users_per_commit(["rotate-key", "--database", str(database), *batch]) == per_transaction


def test_rotate_key_with_no_users_per_transaction_is_refused(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as refused:
        cli.main(["rotate-key", "--database", str(database), "--batch", "0"])
    assert refused.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "precoro-2fa rotate-key: error: argument --batch: give a number of 1 or more"
    )


def test_rotate_key_with_a_key_file_elsewhere_rotates_that_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], clock: FrozenDateTimeFactory
) -> None:
    database, key = tmp_path / "data" / "app.sqlite3", tmp_path / "keys" / "app.key"
    database.parent.mkdir()
    key.parent.mkdir()
    prepare(ServeOptions(database=str(database), key_file=key))
    turn_on(open_precoro(str(database), key), ENROLLED[0])
    old = key_of(key)
    capsys.readouterr()
    assert cli.main(["rotate-key", "--database", str(database), "--key-file", str(key)]) == 0
    assert capsys.readouterr().out.startswith("Re-sealed 1 users' secrets under a new key")
    assert key_of(Path(f"{key}.old")) == old and key_of(key) != old
    assert list(database.parent.glob("*key*")) == []


def test_rotate_key_re_seals_100_users_per_transaction_by_default(
    tmp_path: Path, clock: FrozenDateTimeFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "many.sqlite3"
    files = KeyFiles(Path(f"{database}.key"))
    files.keys()  # made
    precoro = bootstrap_sql(f"sqlite:///{database}", files, config=TEST_CONFIG)
    precoro.add_company("acme", "Acme")
    for number in range(101):
        precoro.add_user(f"user-{number}@acme.test", "a long password", "acme")
        precoro.choose_application(f"user-{number}@acme.test", AuthenticationApplication.AUTHY)
    assert users_per_commit(["rotate-key", "--database", str(database)]) == [100, 1]
