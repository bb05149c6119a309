"""``precoro-2fa serve``: the app over a SQLite file, seeded once with the printed accounts."""

from pathlib import Path

import pytest

from precoro_2fa.entrypoints import cli
from precoro_2fa.entrypoints.web.demo_data import DEMO_ACCOUNTS
from precoro_2fa.entrypoints.web.serve import build_app
from tests.web.visitor import Visitor


def test_first_start_seeds_the_demo_accounts_and_prints_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = build_app(tmp_path / "demo.sqlite3")
    printed = capsys.readouterr().out
    assert "seeded with the demo data" in printed
    for account in DEMO_ACCOUNTS:
        assert f"{account.login:<22} {account.password:<20}" in printed
        person = Visitor(app)
        assert person.sign_in(account.login, account.password).headers["Location"] == "/"
    assert {account.role.value for account in DEMO_ACCOUNTS} == {"admin", "employee", "support"}


def test_a_second_start_keeps_the_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "demo.sqlite3"
    build_app(database)
    app = build_app(database)
    assert "(as it was)" in capsys.readouterr().out
    assert Visitor(app).sign_in("anna@acme.test", "anna-employee-2fa").status_code == 303


def test_serve_takes_a_port_and_a_database(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[tuple[int, Path, Path | None]] = []
    monkeypatch.setattr(
        "precoro_2fa.entrypoints.web.serve.serve",
        lambda port, database, test_clock: started.append((port, database, test_clock)) or 0,
    )
    assert cli.main(["serve", "--port", "8123", "--database", "x.sqlite3"]) == 0
    assert cli.main(["serve", "--database", "y.sqlite3", "--test-clock", "clock"]) == 0
    assert started == [(8123, Path("x.sqlite3"), None), (8000, Path("y.sqlite3"), Path("clock"))]


def test_the_test_clock_is_read_from_its_file_at_every_request(tmp_path: Path) -> None:
    """``--test-clock FILE``: the app's time is what the file says, as the test moves it."""
    clock = tmp_path / "clock"
    clock.write_text("2030-01-02T03:04:05+00:00")
    app = build_app(tmp_path / "demo.sqlite3", test_clock=clock)
    Visitor(app).sign_in("anna@acme.test", "a wrong password")
    clock.write_text("2031-06-07T08:09:10+00:00")
    Visitor(app).sign_in("anna@acme.test", "another wrong one")
    admin = Visitor(app)
    admin.sign_in("admin@acme.test")
    log = admin.get("/configuration/audit-log").text
    assert "2030-01-02 03:04:05" in log
    assert "2031-06-07 08:09:10" in log
