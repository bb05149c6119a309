"""``precoro-2fa serve``: the app over a SQLite file, seeded once with the printed accounts."""

import itertools
import os
import socket
import subprocess
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pyotp
import pytest
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import Role, bootstrap
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.entrypoints import cli
from precoro_2fa.entrypoints.web import create_app
from precoro_2fa.entrypoints.web import serve as web_serve
from precoro_2fa.entrypoints.web.demo_data import DEMO_ACCOUNTS, seed
from precoro_2fa.entrypoints.web.serve import ServeOptions, _Gunicorn, build_app, prepare
from tests.conftest import TEST_CONFIG
from tests.mail import mail_server
from tests.web.served import serve_command, served, stop
from tests.web.visitor import Visitor, session_cookie


def test_first_start_seeds_the_demo_accounts_and_prints_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options = ServeOptions(database=str(tmp_path / "demo.sqlite3"))
    prepare(options)
    app = build_app(options)
    printed = capsys.readouterr().out
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert printed.splitlines()[:3] == [
        f"Database: {url} (seeded with the demo data)",
        "Demo accounts:",
        f"  {'login':<22} {'password':<20} {'role':<9} company",
    ]
    for account in DEMO_ACCOUNTS:
        assert f"{account.login:<22} {account.password:<20}" in printed
        person = Visitor(app)
        assert person.sign_in(account.login, account.password).headers["Location"] == "/"
    assert {account.role.value for account in DEMO_ACCOUNTS} == {"admin", "employee", "support"}


def test_a_second_start_keeps_the_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    options = ServeOptions(database=str(tmp_path / "demo.sqlite3"))
    prepare(options)
    prepare(options)
    app = build_app(options)
    assert "(as it was)" in capsys.readouterr().out
    assert Visitor(app).sign_in("anna@acme.test", "anna-employee-2fa").status_code == 303


def test_serve_takes_a_port_a_database_workers_and_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[ServeOptions] = []
    monkeypatch.setattr(
        "precoro_2fa.entrypoints.web.serve.serve",
        lambda options: started.append(options) or 0,
    )
    arguments = ["--port", "8123", "--database", "x.sqlite3", "--workers", "2", "--threads", "4"]
    assert cli.main(["serve", *arguments, "--https-proxies", "1"]) == 0
    assert cli.main(["serve"]) == 0
    assert cli.main(["serve", "--database", "postgresql+psycopg://db/x", "--key-file", "k"]) == 0
    assert cli.main(["serve", "--database", "y.sqlite3", "--test-clock", "clock"]) == 0
    assert cli.main(["serve", "--workers", "1", "--threads", "1", "--smtp", "127.0.0.1:2525"]) == 0
    assert started == [
        ServeOptions(8123, "x.sqlite3", None, 2, 4, 1),
        ServeOptions(),
        ServeOptions(database="postgresql+psycopg://db/x", key_file=Path("k")),
        ServeOptions(database="y.sqlite3", test_clock=Path("clock")),
        ServeOptions(workers=1, threads=1, smtp="127.0.0.1:2525"),
    ]
    every_core = len(os.sched_getaffinity(0))
    assert ServeOptions() == ServeOptions(8000, "precoro-2fa.sqlite3", None, every_core, 4, 0)


def test_serve_without_options_uses_every_core_and_says_so(tmp_path: Path) -> None:
    command = serve_command(str(tmp_path / "served.sqlite3"))
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)  # noqa: S603
    try:
        assert server.stdout is not None
        said = list(itertools.takewhile(lambda line: "http://" not in line, server.stdout))
    finally:
        stop(server)
    every_core = len(os.sched_getaffinity(0))
    workers = f"{every_core} worker{'s' * (every_core != 1)} x 4 threads"
    assert f"gunicorn: {workers} ({every_core} cores here" in "".join(said)


def test_the_served_app_answers_on_gunicorn_without_naming_its_version(tmp_path: Path) -> None:
    with served(serve_command(str(tmp_path / "served.sqlite3"))) as url:
        response = urllib.request.urlopen(f"{url}sign-in", timeout=10)  # noqa: S310 (loopback)
        assert response.status == 200
        assert response.headers["Server"] == "gunicorn"
        assert "Sign in" in response.read().decode()


def test_the_test_clock_is_read_from_its_file_at_every_request(tmp_path: Path) -> None:
    """``--test-clock FILE``: the app's time is what the file says, as the test moves it."""
    clock = tmp_path / "clock"
    clock.write_text("2030-01-02T03:04:05+00:00")
    options = ServeOptions(database=str(tmp_path / "demo.sqlite3"), test_clock=clock)
    prepare(options)
    app = build_app(options)
    Visitor(app).sign_in("anna@acme.test", "a wrong password")
    clock.write_text("2031-06-07T08:09:10+00:00")
    Visitor(app).sign_in("anna@acme.test", "another wrong one")
    admin = Visitor(app)
    admin.sign_in("admin@acme.test")
    log = admin.get("/configuration/audit-log").text
    assert "2030-01-02 03:04:05" in log
    assert "2031-06-07 08:09:10" in log


@pytest.mark.parametrize(("workers", "said"), [(1, "1 worker"), (2, "2 workers")])
def test_gunicorn_listens_on_loopback_with_the_workers_and_threads_asked_and_says_where(
    capsys: pytest.CaptureFixture[str], workers: int, said: str
) -> None:
    """What ``serve`` gives gunicorn, and what it prints once gunicorn listens (in this
    process: a served gunicorn runs these in its own)."""
    gunicorn = _Gunicorn(ServeOptions(port=0, workers=workers, threads=3))
    assert gunicorn.cfg.bind == ["127.0.0.1:0"]
    assert (gunicorn.cfg.workers, gunicorn.cfg.threads) == (workers, 3)
    assert gunicorn.cfg.control_socket_disable is True  # servers side by side do not clash
    with socket.create_server(("127.0.0.1", 0)) as listening:
        gunicorn.cfg.when_ready(SimpleNamespace(LISTENERS=[listening]))
        port = listening.getsockname()[1]
    every_core = len(os.sched_getaffinity(0))
    assert capsys.readouterr().out == (
        f"gunicorn: {said} x 3 threads ({every_core} cores here;"
        " --workers N --threads N to change)\n"
        f"Precoro 2FA reference app: http://127.0.0.1:{port}/  (Ctrl+C to stop)\n"
    )


def served_instead_of_refused(options: ServeOptions) -> int:
    """In place of ``serve``: an option that should be refused fails the test at once, not
    after the server it would start has run until the time limit."""
    raise AssertionError(f"served with {options.workers} workers, {options.threads} threads")


@pytest.mark.parametrize("option", ["--workers", "--threads"])
def test_no_workers_or_threads_is_refused_with_what_to_give(
    option: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web_serve, "serve", served_instead_of_refused)
    with pytest.raises(SystemExit) as refused:
        cli.main(["serve", option, "0"])
    assert refused.value.code == 2
    said = capsys.readouterr().err.splitlines()[-1]
    assert said == f"precoro-2fa serve: error: argument {option}: give a number of 1 or more"


def test_serve_with_a_mail_server_and_a_key_file_elsewhere_sends_the_emails_there(
    tmp_path: Path, clock: FrozenDateTimeFactory
) -> None:
    """``serve --smtp HOST:PORT --key-file K``: the emails go to that server, and the keys are
    K and its session key beside it, none beside the database."""
    database, key = tmp_path / "data" / "served.sqlite3", tmp_path / "keys" / "served.key"
    database.parent.mkdir()
    key.parent.mkdir()
    with mail_server() as up:
        options = ServeOptions(database=str(database), key_file=key, smtp=f"{up.host}:{up.port}")
        prepare(options)
        anna = Visitor(build_app(options))
        anna.sign_in("anna@acme.test", "anna-employee-2fa")
        anna.post("/profile/two-factor/turn-on", application="AUTHY")
        anna.follow()
        phone = pyotp.TOTP(anna.shown_secret().replace(" ", ""))
        assert anna.post("/profile/two-factor/confirm", code=phone.now()).status_code == 303
        assert [email.subject for email in up.inbox.to("anna@acme.test")] == [
            "Two-factor authentication is on"
        ]
        assert 'href="/mailbox"' not in anna.get("/").text
        assert anna.get("/mailbox").status_code == 404  # the emails are sent, not shown
    assert sorted(path.name for path in key.parent.iterdir()) == [
        "served.key",
        "served.session-key",
    ]
    assert list(database.parent.glob("*key*")) == []


def test_every_app_server_of_one_database_accepts_the_forms_of_the_others(
    tmp_path: Path,
) -> None:
    """Workers (and servers) built from the same options sign forms with the same key, from
    the key file beside the database: a form opened on one is accepted by another."""
    options = ServeOptions(database=str(tmp_path / "served.sqlite3"))
    prepare(options)
    first, second = build_app(options), build_app(options)
    anna = Visitor(first)
    token = anna.token()
    assert anna.session_id is not None
    on_the_other = second.test_client()
    on_the_other.set_cookie(session_cookie(second), anna.session_id)
    form = {"csrf_token": token, "login": "anna@acme.test", "password": "anna-employee-2fa"}
    signed_in = on_the_other.post("/sign-in", data=form)
    assert (signed_in.status_code, signed_in.headers["Location"]) == (303, "/")


def test_serve_behind_an_https_proxy_makes_the_session_cookie_secure(tmp_path: Path) -> None:
    options = ServeOptions(database=str(tmp_path / "served.sqlite3"), https_proxies=1)
    prepare(options)
    page = build_app(options).test_client().get("/sign-in", headers={"X-Forwarded-Proto": "https"})
    assert "; Secure" in page.headers["Set-Cookie"]


def test_serve_runs_a_worker_per_core_this_process_may_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its CPU affinity where the system has one (a container's share), else every core."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 3, 5}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert ServeOptions().workers == 3
    monkeypatch.delattr(os, "sched_getaffinity")  # as on macOS
    assert ServeOptions().workers == 8
    monkeypatch.setattr(os, "cpu_count", lambda: None)  # not known
    assert ServeOptions().workers == 1


def test_seeding_creates_the_demo_accounts_that_are_missing_and_says_how_many() -> None:
    precoro = bootstrap(InMemoryStore(), config=TEST_CONFIG)
    precoro.add_company("acme", "Acme")
    precoro.add_user("anna@acme.test", "anna-employee-2fa", "acme", Role.EMPLOYEE)
    assert seed(precoro) == 4  # every account but Anna's, made before
    assert seed(precoro) == 0
    for account in DEMO_ACCOUNTS:
        assert (
            Visitor(create_app(precoro, "key")).sign_in(account.login, account.password).status_code
            == 303
        )
