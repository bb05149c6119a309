"""The keys of a served app: from the environment, or from a key file and the one beside it."""

import stat
from pathlib import Path

import pytest

from precoro_2fa.adapters.sql import MissingEncryptionKey, new_key
from precoro_2fa.adapters.sql.encryption import KeyFiles, parse_key
from precoro_2fa.entrypoints.web.keys import KEY_VARIABLE, SESSION_KEY_VARIABLE, keys_for

POSTGRES = "postgresql+psycopg://precoro@db.internal/precoro"


def test_a_sqlite_file_keeps_its_two_keys_beside_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/app.sqlite3"
    first, again = keys_for(url, None), keys_for(url, None)
    assert first == again
    assert first.secrets != first.sessions
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "app.sqlite3.key",
        "app.sqlite3.session-key",
    ]
    for key in tmp_path.iterdir():
        assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_a_key_file_has_the_session_key_beside_it(tmp_path: Path) -> None:
    keys = keys_for(POSTGRES, tmp_path / "precoro.key")
    assert keys.secrets == KeyFiles(tmp_path / "precoro.key")
    assert keys.secrets.keys() == (parse_key((tmp_path / "precoro.key").read_text()),)
    assert keys.sessions == parse_key((tmp_path / "precoro.session-key").read_text())


def test_the_environment_gives_both_keys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secrets, sessions = new_key(), new_key()
    monkeypatch.setenv(KEY_VARIABLE, secrets)
    monkeypatch.setenv(SESSION_KEY_VARIABLE, sessions)
    keys = keys_for(POSTGRES, tmp_path / "ignored.key")
    assert (keys.secrets, keys.sessions) == ((parse_key(secrets),), parse_key(sessions))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("given", [KEY_VARIABLE, SESSION_KEY_VARIABLE])
def test_one_key_in_the_environment_without_the_other_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, given: str
) -> None:
    monkeypatch.setenv(given, new_key())
    refused = f"set both {KEY_VARIABLE} and {SESSION_KEY_VARIABLE}"
    with pytest.raises(MissingEncryptionKey, match=refused):
        keys_for(POSTGRES, None)
    with pytest.raises(MissingEncryptionKey, match=refused):  # not the key file instead
        keys_for(f"sqlite:///{tmp_path / 'app.sqlite3'}", None)
    assert list(tmp_path.iterdir()) == []


def test_postgresql_without_a_key_is_refused_with_what_to_give() -> None:
    with pytest.raises(MissingEncryptionKey, match="--key-file"):
        keys_for(POSTGRES, None)
