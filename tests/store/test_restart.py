"""An app reopened on the same SQLite file sees everything the first one saved."""

import multiprocessing
import stat
from datetime import timedelta
from pathlib import Path
from typing import Any

import pyotp

from precoro_2fa import (
    AuthenticationApplication,
    Channel,
    CodeRejected,
    CodeRequired,
    Precoro,
    Rejection,
    Role,
)
from precoro_2fa.bootstrap import bootstrap_sql
from tests.conftest import PASSWORD, START, TEST_CONFIG
from tests.store.conftest import enrolled
from tests.store.contenders import SetClock

EVE, BOB, GUS = "eve@acme.test", "bob@acme.test", "gus@acme.test"
ADMIN, SUPPORT = "ada@acme.test", "sam@precoro.test"
AT = START + timedelta(minutes=5)


def what_the_app_shows(app: Precoro) -> dict[str, Any]:
    return {
        "pages": {login: app.two_factor_view(login) for login in (EVE, BOB, GUS, ADMIN)},
        "bob's pending app": app.two_factor_view(BOB).pending,
        "required": app.required_two_factor("acme"),
        "requests": app.requests_to_decide(ADMIN),
        "approved": app.approved_requests(SUPPORT),
        "audit": app.audit_log(ADMIN),
        "support's page": app.support_requests(SUPPORT),
        "eve's time zone": app.visitor(EVE).time_zone,
    }


def first_run(url: str) -> tuple[dict[str, Any], str]:
    """Everyone and everything of the article; Eve signs in with a code. Runs in a process."""
    clock = SetClock(START)
    app = bootstrap_sql(url, config=TEST_CONFIG, clock=clock)
    eve = enrolled(app, EVE, application=AuthenticationApplication.AUTHY)
    enrolled(app, GUS)
    app.add_user(ADMIN, PASSWORD, "acme", Role.ADMIN)
    app.add_user(BOB, PASSWORD, "acme")
    app.choose_application(BOB, AuthenticationApplication.GOOGLE_AUTHENTICATOR)
    app.add_support_agent(SUPPORT, PASSWORD)
    app.approve(ADMIN, app.request_reset(SUPPORT, GUS, Channel.CSM_MANAGER).id)
    app.update_account_settings(ADMIN, required_two_factor=True)
    app.choose_time_zone(EVE, "Europe/Kyiv")
    clock.at = AT
    attempt = app.sign_in(EVE, PASSWORD)
    assert isinstance(attempt, CodeRequired)
    code = eve.at(AT)
    assert app.enter_code(attempt.attempt_id, code).login == EVE  # type: ignore[union-attr]
    return what_the_app_shows(app), code


def test_an_app_reopened_on_the_same_sqlite_file_sees_every_user_setting_request_and_event(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path}/precoro.sqlite3"
    with multiprocessing.get_context("spawn").Pool(1) as first_app:
        shown, code = first_app.apply(first_run, (url,))
    app = bootstrap_sql(url, config=TEST_CONFIG, clock=SetClock(AT))
    assert what_the_app_shows(app) == shown
    assert len(shown["audit"]) > 5
    assert shown["requests"][0].request.status.name == "APPROVED"
    assert shown["eve's time zone"] == "Europe/Kyiv"
    attempt = app.sign_in(EVE, PASSWORD)
    assert isinstance(attempt, CodeRequired)
    assert app.enter_code(attempt.attempt_id, code) == CodeRejected(Rejection.REPLAYED)


def test_the_key_file_beside_the_sqlite_file_is_readable_by_its_owner_only(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path}/precoro.sqlite3"
    app = bootstrap_sql(url, config=TEST_CONFIG, clock=SetClock(START))
    phone = enrolled(app, EVE)
    key_file = tmp_path / "precoro.sqlite3.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    reopened = bootstrap_sql(url, config=TEST_CONFIG, clock=SetClock(AT))
    assert reopened.turn_off(EVE, pyotp.TOTP(phone.secret).at(AT)).accepted
