"""``precoro-2fa purge`` on a served app's database, and the served app's own ``Purger``
(which also sends the emails left waiting)."""

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyotp
import pytest
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import AuthenticationApplication, Precoro, bootstrap
from precoro_2fa.adapters.smtp import SmtpMailer
from precoro_2fa.entrypoints import cli
from precoro_2fa.entrypoints.database import open_precoro
from precoro_2fa.entrypoints.web.demo_data import seed
from precoro_2fa.entrypoints.web.purging import Purger
from precoro_2fa.entrypoints.web.serve import ServeOptions, build_app, prepare
from precoro_2fa.service_layer.housekeeping import Purged
from tests.conftest import TEST_CONFIG
from tests.mail import mail_server
from tests.web.visitor import ANNA, BOB, Visitor

DASHBOARD = "<h1>Dashboard</h1>"


def said(attempts: int, sessions: int) -> str:
    return (
        f"Purged {attempts} expired sign-in attempts, {sessions} expired sessions"
        " and 0 expired counts of wrong passwords."
    )


def turn_on_two_factor(precoro: Precoro, login: str) -> None:
    enrollment = precoro.choose_application(login, AuthenticationApplication.AUTHY)
    assert precoro.confirm(login, pyotp.TOTP(enrollment.secret).at(datetime.now(UTC))).accepted


def test_purge_deletes_expired_sessions_and_sign_in_attempts_and_keeps_live_ones(
    tmp_path: Path, clock: FrozenDateTimeFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    database = str(tmp_path / "app.sqlite3")
    prepare(ServeOptions(database=database))
    app = build_app(ServeOptions(database=database))
    turn_on_two_factor(open_precoro(database, None), ANNA)
    early, late, half_way = Visitor(app), Visitor(app), Visitor(app)
    assert early.sign_in(BOB).headers["Location"] == "/"
    clock.tick(timedelta(hours=7))
    assert late.sign_in(BOB).headers["Location"] == "/"
    assert half_way.sign_in(ANNA).headers["Location"] == "/sign-in/code"  # an attempt opened
    clock.tick(timedelta(hours=1))  # the early session's 8 hours are over; the attempt's 5 minutes
    capsys.readouterr()
    assert cli.main(["purge", "--database", database]) == 0
    assert capsys.readouterr().out == said(attempts=1, sessions=1) + "\n"
    assert DASHBOARD in late.client.get("/").text
    assert early.client.get("/").headers["Location"] == "/sign-in"
    assert open_precoro(database, None).purge() == Purged(attempts=0, sessions=0)


def test_purge_of_a_database_that_is_not_there_says_so_and_makes_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo.sqlite3"
    assert cli.main(["purge", "--database", str(missing)]) == 2
    assert (
        capsys.readouterr().err
        == f"precoro-2fa purge: no database at {missing} (give --database)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_purge_of_an_unreachable_database_says_why_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "db.key"
    url = "postgresql+psycopg://nobody@127.0.0.1:1/nothing"
    assert cli.main(["purge", "--database", url, "--key-file", str(key)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("precoro-2fa purge: ") and error.count("\n") == 1
    assert "Traceback" not in error


class Rounds:
    """``Purger``'s stop event: no waiting, ``rounds`` times the interval passes, then stop."""

    def __init__(self, rounds: int) -> None:
        self.left, self.waited = rounds, list[float]()

    def wait(self, timeout: float) -> bool:
        self.waited.append(timeout)
        self.left -= 1
        return self.left < 0


def test_the_served_app_purges_each_time_the_interval_passes(
    tmp_path: Path, clock: FrozenDateTimeFactory, caplog: pytest.LogCaptureFixture
) -> None:
    database = str(tmp_path / "app.sqlite3")
    prepare(ServeOptions(database=database))
    precoro = open_precoro(database, None)
    turn_on_two_factor(precoro, ANNA)
    Visitor(build_app(ServeOptions(database=database))).sign_in(ANNA)
    clock.tick(timedelta(minutes=5))
    rounds = Rounds(2)
    with caplog.at_level(logging.INFO, "precoro_2fa.entrypoints.web.purging"):
        Purger(precoro, timedelta(minutes=10), rounds).run()  # type: ignore[arg-type]
    assert rounds.waited == [600.0, 600.0, 600.0]
    assert [record.message for record in caplog.records] == [
        said(attempts=1, sessions=0),
        said(attempts=0, sessions=0),
    ]


def test_a_failed_purge_is_logged_and_the_next_round_tries_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Unreachable:
        calls = 0

        def purge(self) -> Purged:
            self.calls += 1
            raise ConnectionError("the database is down")

        def deliver_notifications(self) -> int:
            raise ConnectionError("the database is down")

    unreachable = Unreachable()
    with caplog.at_level(logging.ERROR):
        Purger(unreachable, stop=Rounds(2)).run()  # type: ignore[arg-type]
    assert unreachable.calls == 2
    failed = ["the periodic purge failed", "the periodic delivery of emails failed"]
    assert [record.message for record in caplog.records] == failed * 2


def test_each_round_sends_the_emails_the_mail_server_did_not_take(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Queued while the mail server was down, sent by the next round though nothing changed."""
    with mail_server() as stopped:
        pass  # nothing listens on its port any more
    with mail_server() as up:
        precoro = bootstrap(
            config=TEST_CONFIG, mailer=SmtpMailer(stopped.host, stopped.port, timeout=2)
        )
        seed(precoro)
        turn_on_two_factor(precoro, ANNA)
        assert [envelope.sent_at for envelope in precoro.mailbox(ANNA)] == [None]
        precoro.mailer = SmtpMailer(up.host, up.port)
        with caplog.at_level(logging.INFO, "precoro_2fa.entrypoints.web.purging"):
            Purger(precoro, stop=Rounds(1)).run()  # type: ignore[arg-type]
        assert [email.subject for email in up.inbox.to(ANNA)] == ["Two-factor authentication is on"]
    assert caplog.records[-1].message == "sent the emails waiting in the outbox: 1"


def test_the_purger_runs_in_a_thread_of_its_own_that_never_keeps_the_server_up() -> None:
    class Counted:
        purges = deliveries = 0

        def purge(self) -> Purged:
            self.purges += 1
            return Purged(attempts=0, sessions=0)

        def deliver_notifications(self) -> int:
            self.deliveries += 1
            return 0

    counted, rounds = Counted(), Rounds(1)
    thread = Purger(counted, stop=rounds).start()  # type: ignore[arg-type]
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert (counted.purges, counted.deliveries, rounds.waited) == (1, 1, [600.0, 600.0])
    assert (thread.name, thread.daemon) == ("precoro-2fa purge", True)
