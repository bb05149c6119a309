"""Secrets at rest: a dump holds no secret, code or password; a wrong key opens nothing."""

import base64
import os
import re
import sqlite3
import subprocess
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from precoro_2fa import (
    AuthenticationApplication,
    CodeRejected,
    CodeRequired,
    Precoro,
    Role,
    SignedIn,
    bootstrap,
)
from precoro_2fa.adapters.sql import InvalidEncryptionKey, MissingEncryptionKey, SqlStore, new_key
from precoro_2fa.adapters.sql.tables import users
from precoro_2fa.domain.enrollment import grouped
from precoro_2fa.domain.trusted_browsers import token_hash
from tests.conftest import PASSWORD, START, TEST_CONFIG
from tests.store.contenders import SetClock
from tests.store.databases import Databases
from tests.store.postgres import server_programs

EVE, BOB, ADMIN = "eve@acme.test", "bob@acme.test", "ann@acme.test"
EVE_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
BOB_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def dump(url: str) -> str:
    """What ``sqlite3 .dump`` or ``pg_dump`` writes of the database."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        with sqlite3.connect(str(parsed.database)) as connection:
            return "\n".join(connection.iterdump())
    plain = parsed.set(drivername="postgresql", query={}, password=None)
    environment = {**os.environ, "PGPASSWORD": str(parsed.password)}
    command = [str(server_programs() / "pg_dump"), plain.render_as_string(hide_password=False)]
    return subprocess.run(  # noqa: S603 (our own program and URL)
        command, check=True, capture_output=True, text=True, env=environment
    ).stdout


def stands_in(text: str, value: str) -> bool:
    """Whether ``value`` is in ``text`` as a value of its own, not inside a longer run of
    letters and digits: a ciphertext dumped in hex holds any six digits now and then."""
    return re.search(rf"(?<![0-9A-Za-z]){re.escape(value)}(?![0-9A-Za-z])", text) is not None


def test_a_code_stands_in_a_dump_as_a_value_not_inside_a_ciphertext() -> None:
    assert stands_in("INSERT INTO t VALUES('002428');", "002428")  # sqlite3's .dump
    assert stands_in("41\t002428\t\\N", "002428")  # pg_dump's COPY rows
    assert not stands_in("\\x01eedf834002428ea836d8\t59859079", "002428")  # in a ciphertext


def codes_around(secret: str, step: int) -> set[str]:
    return {pyotp.TOTP(secret).generate_otp(step + k) for k in range(-2, 3)}


def test_a_dump_of_the_database_holds_no_secret_code_or_password(
    store: SqlStore, set_clock: SetClock, url: str
) -> None:
    secrets = iter([EVE_SECRET, BOB_SECRET])
    app = bootstrap(store, TEST_CONFIG, set_clock, lambda: next(secrets))
    app.add_company("acme", "Acme")
    for login in (EVE, BOB):
        app.add_user(login, PASSWORD, "acme")
    app.choose_application(EVE, AuthenticationApplication.AUTHY)
    eve = pyotp.TOTP(EVE_SECRET)
    assert app.confirm(EVE, eve.at(START)).accepted
    app.choose_application(BOB, AuthenticationApplication.GOOGLE_AUTHENTICATOR)
    set_clock.at = START + timedelta(seconds=30)
    attempt = app.sign_in(EVE, PASSWORD)
    assert isinstance(attempt, CodeRequired)
    assert app.enter_code(attempt.attempt_id, eve.at(set_clock.at)).login == EVE  # type: ignore[union-attr]

    text = dump(url)
    assert EVE in text
    assert "$argon2id$" in text
    step = eve.timecode(START)
    for secret in (EVE_SECRET, BOB_SECRET):
        raw = base64.b32decode(secret)
        for form in (secret, secret.lower(), grouped(secret), raw.hex(), raw.hex().upper()):
            assert form not in text
        for code in codes_around(secret, step):
            assert not stands_in(text, code)
    assert PASSWORD not in text


def test_a_dump_holds_no_backup_code(store: SqlStore, set_clock: SetClock, url: str) -> None:
    """Beyond the article: only the argon2id hashes of backup codes are stored."""
    app = enrolled_app(store, set_clock, backup_codes=True)
    set_clock.at = START + timedelta(seconds=30)
    codes = app.regenerate_backup_codes(EVE, pyotp.TOTP(EVE_SECRET).at(set_clock.at))
    assert not isinstance(codes, CodeRejected)
    text = dump(url)
    assert text.count("$argon2id$") >= 1 + 10
    for code in codes.backup_codes:
        for form in (code, code.replace("-", ""), code.upper()):
            assert form not in text


def test_a_dump_holds_no_trust_token(store: SqlStore, set_clock: SetClock, url: str) -> None:
    """Beyond the article: a trusted browser's token is stored as its SHA-256 only."""
    app = enrolled_app(store, set_clock)
    app.add_user(ADMIN, PASSWORD, "acme", Role.ADMIN)
    app.update_account_settings(ADMIN, False, trust_browser_days=30)
    set_clock.at = START + timedelta(seconds=30)
    attempt = app.sign_in(EVE, PASSWORD)
    assert isinstance(attempt, CodeRequired)
    code = pyotp.TOTP(EVE_SECRET).at(set_clock.at)
    signed_in = app.enter_code(attempt.attempt_id, code, trust_browser=True)
    assert isinstance(signed_in, SignedIn) and signed_in.trusted_browser is not None
    text = dump(url)
    assert token_hash(signed_in.trusted_browser) in text
    assert signed_in.trusted_browser not in text


def test_a_wrong_key_opens_no_secret(store: SqlStore, set_clock: SetClock, url: str) -> None:
    enrolled_app(store, set_clock)
    other = SqlStore(url, new_key(), migrate=False)
    with other.unit_of_work() as uow, pytest.raises(InvalidEncryptionKey):
        uow.users.get(EVE)
    other.dispose()


def test_a_secret_moved_to_another_user_does_not_open(store: SqlStore, set_clock: SetClock) -> None:
    app = enrolled_app(store, set_clock)
    app.add_user(BOB, PASSWORD, "acme")
    with store.engine.begin() as connection:
        eve_secret = connection.execute(select(users.c.secret).where(users.c.login == EVE))
        moved = update(users).where(users.c.login == BOB)
        connection.execute(moved.values(secret=eve_secret.scalar(), application="AUTHY"))
    with store.unit_of_work() as uow, pytest.raises(InvalidEncryptionKey):
        uow.users.get(BOB)


def enrolled_app(store: SqlStore, set_clock: SetClock, backup_codes: bool = False) -> Precoro:
    app = bootstrap(store, TEST_CONFIG, set_clock, lambda: EVE_SECRET)
    app.add_company("acme", "Acme")
    app.add_user(EVE, PASSWORD, "acme")
    if backup_codes:
        app.add_user(ADMIN, PASSWORD, "acme", Role.ADMIN)
        app.update_account_settings(ADMIN, False, backup_codes=True)
    app.choose_application(EVE, AuthenticationApplication.AUTHY)
    assert app.confirm(EVE, pyotp.TOTP(EVE_SECRET).at(START)).accepted
    return app


def test_postgresql_needs_the_key_from_configuration(databases: Databases) -> None:
    with pytest.raises(MissingEncryptionKey):
        SqlStore(databases.new_database("postgres"))


@pytest.mark.parametrize("key", ["not base64!", base64.urlsafe_b64encode(b"short").decode()])
def test_a_malformed_key_is_refused(databases: Databases, key: str) -> None:
    with pytest.raises(InvalidEncryptionKey):
        SqlStore(databases.new_database("sqlite"), key)


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_an_in_memory_sqlite_url_is_refused_with_a_clear_error(url: str) -> None:
    with pytest.raises(ValueError, match="SQLite needs a file"):
        SqlStore(url, new_key())
