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
    started: list[tuple[int, Path]] = []
    monkeypatch.setattr(
        "precoro_2fa.entrypoints.web.serve.serve",
        lambda port, database: started.append((port, database)) or 0,
    )
    assert cli.main(["serve", "--port", "8123", "--database", "x.sqlite3"]) == 0
    assert started == [(8123, Path("x.sqlite3"))]
