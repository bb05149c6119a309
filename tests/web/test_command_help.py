"""``precoro-2fa --help`` and each command's: what an operator reads before running it."""

import pytest

from precoro_2fa.entrypoints import cli

DATABASE = "--database DATABASE a SQLite file (default: precoro-2fa.sqlite3) or a URL, postgresql+psycopg://…"
KEY_FILE = (
    "--key-file KEY_FILE the key that seals the secrets (default: <database>.key beside a SQLite"
    " file)"
)
HELP = {
    "": [
        "usage: precoro-2fa [-h] {demo,serve,purge,rotate-key,backup,restore} ...",
        "``precoro-2fa``: the command line.",
        "demo Turn On, Confirm and sign-in in the terminal",
        "serve the reference app on 127.0.0.1 (demo accounts)",
        "purge delete expired sign-in attempts and sessions",
        "rotate-key re-seal every secret under a new key",
        "backup copy the SQLite database to FILE, app running",
        "restore put a backup FILE back, if its key opens it",
    ],
    "serve": [
        "usage: precoro-2fa serve [-h] [--port PORT] [--database DATABASE] [--key-file KEY_FILE]"
        " [--workers WORKERS] [--threads THREADS] [--https-proxies N] [--smtp HOST:PORT]"
        " [--test-clock TEST_CLOCK]",
        "--port PORT default: 8000; 0 picks a free one",
        DATABASE,
        "--key-file KEY_FILE the key that seals the secrets (the session key beside it); made if"
        " missing",
        "--workers WORKERS processes (default: one per core of this machine)",
        "--threads THREADS threads per process (default: 4)",
        "--https-proxies N behind N HTTPS reverse proxies: trust their X-Forwarded-* headers,"
        " Secure cookie",
        "--smtp HOST:PORT send notifications by email through this SMTP server (without: a"
        " Mailbox page)",
        "--test-clock TEST_CLOCK tests only: read the app's time from this file (ISO 8601 UTC) at"
        " every request",
    ],
    "purge": [
        "usage: precoro-2fa purge [-h] [--database DATABASE] [--key-file KEY_FILE]",
        DATABASE,
        KEY_FILE,
    ],
    "rotate-key": [
        "usage: precoro-2fa rotate-key [-h] [--database DATABASE] [--key-file KEY_FILE]"
        " [--batch BATCH]",
        DATABASE,
        KEY_FILE,
        "--batch BATCH users per transaction",
    ],
    "backup": [
        "usage: precoro-2fa backup [-h] [--database DATABASE] [--key-file KEY_FILE] FILE",
        DATABASE,
        KEY_FILE,
    ],
    "restore": [
        "usage: precoro-2fa restore [-h] [--database DATABASE] [--key-file KEY_FILE] FILE",
        DATABASE,
        KEY_FILE,
    ],
    "demo": ["usage: precoro-2fa demo [-h]"],
}


@pytest.mark.parametrize("command", HELP, ids=lambda command: command or "precoro-2fa")
def test_each_command_says_what_it_does_and_what_each_option_means(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as done:
        cli.main([command, "--help"] if command else ["--help"])
    assert done.value.code == 0
    said = " ".join(capsys.readouterr().out.split())  # the same words, however wrapped
    for line in HELP[command]:
        assert line in said


def test_without_a_command_it_says_which_are_there(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        cli.main([])
    assert refused.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "precoro-2fa: error: the following arguments are required: command"
    )
