"""Bad input not tried before, each answered clearly with nothing stored half: a form at the
size limit and one byte over, invalid UTF-8 in a form and in cookies, logins with control
characters or a newline (and an email header that would carry one), two admins changing
Required two-factor authentication at the same moment, and one request approved by two admins
at once (over SQLite, where the two really race)."""

import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlencode

import pyotp
import pytest
from cachelib import SimpleCache
from flask import Flask
from werkzeug.test import TestResponse

from precoro_2fa import (
    AuthenticationApplication,
    Channel,
    InvalidLogin,
    Precoro,
    Rejection,
    RequestStatus,
    Role,
    UnknownUser,
    bootstrap,
)
from precoro_2fa.adapters.smtp import SmtpMailer
from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.domain.audit import AuditFilter, AuditKind
from precoro_2fa.domain.notifications import Notification
from precoro_2fa.domain.sign_in import INCORRECT_LOGIN_OR_PASSWORD
from precoro_2fa.entrypoints.messages import FORM_EXPIRED, FORM_TOO_LARGE
from precoro_2fa.entrypoints.web import create_app
from precoro_2fa.entrypoints.web.demo_data import seed
from precoro_2fa.service_layer.views import AccountOptions
from tests.conftest import PASSWORD, TEST_CONFIG, Phone
from tests.store.databases import TEST_KEY
from tests.web.visitor import ADMIN, ANNA, SUPPORT, Visitor

Visitors = Callable[[], Visitor]
LIMIT = 64 * 1024
"""``MAX_CONTENT_LENGTH``: the largest request body the app reads."""
NOT_LOGINS = [
    "anna@acme.test\n",
    "anna@acme.test\r\nBcc: mallory@evil.test",
    "anna\x00@acme.test",
    "anna\x1b[31m@acme.test",
    "anna\x7f@acme.test",
    "anna\x85@acme.test",
    "anna\u2028@acme.test",
]
"""A newline, a header after it, NUL, an escape sequence, DEL, NEL, a line separator."""
SECOND_ADMIN = "second-admin@acme.test"
GOOGLE = AuthenticationApplication.GOOGLE_AUTHENTICATOR


def form_of_size(token: str, size: int) -> bytes:
    """The code form with its token, padded with digits to exactly ``size`` bytes."""
    start = urlencode({"csrf_token": token, "code": ""})
    return (start + "1" * (size - len(start))).encode()


def post_raw(person: Visitor, path: str, body: bytes) -> TestResponse:
    content_type = "application/x-www-form-urlencoded"
    person.page = person.client.post(path, data=body, content_type=content_type)
    return person.page


def test_a_form_at_the_size_limit_is_read_and_one_byte_more_gets_a_clear_413(
    visitor: Visitors, with_two_factor: Callable[[str], Phone], precoro: Precoro
) -> None:
    with_two_factor(ANNA)
    anna = visitor()
    anna.sign_in(ANNA)
    token = anna.token()
    at_limit = post_raw(anna, "/sign-in/code", form_of_size(token, LIMIT))
    assert at_limit.status_code == 422  # read: a malformed code
    assert anna.notices == [Rejection.MALFORMED.message]
    before = precoro.audit_log(ADMIN, AuditFilter(person=ANNA))
    over = post_raw(anna, "/sign-in/code", form_of_size(token, LIMIT + 1))
    assert over.status_code == 413
    assert anna.notices == [FORM_TOO_LARGE] and "Traceback" not in over.text
    assert precoro.audit_log(ADMIN, AuditFilter(person=ANNA)) == before  # nothing done
    assert anna.get("/sign-in/code").status_code == 200  # still at the code step


def test_invalid_utf8_in_the_sign_in_form_is_the_one_refusal(visitor: Visitors) -> None:
    """Percent-encoded bytes that are not UTF-8 are read as the text they are: no login."""
    stranger = visitor()
    token = urlencode({"csrf_token": stranger.token()}).encode()
    body = b"&login=%FF%FEanna%C0%AF&password=%ED%A0%80"
    assert post_raw(stranger, "/sign-in", token + body).status_code == 422
    assert stranger.notices == [INCORRECT_LOGIN_OR_PASSWORD]


@pytest.mark.parametrize("path", ["/sign-in", "/sign-in/code"])
def test_a_form_body_that_is_not_utf8_cannot_be_read_and_is_refused_as_such(
    visitor: Visitors, with_two_factor: Callable[[str], Phone], precoro: Precoro, path: str
) -> None:
    """Raw bytes that are not UTF-8: Werkzeug reads no field at all, the form token neither."""
    with_two_factor(ANNA)
    anna = visitor()
    if path == "/sign-in/code":
        anna.sign_in(ANNA)
    before = precoro.audit_log(ADMIN, AuditFilter(person=ANNA))
    token = urlencode({"csrf_token": anna.token()}).encode()
    body = b"&login=anna@acme.test\xff\xfe&password=\xed\xa0\x80&code=12\xc0\xaf34"
    assert post_raw(anna, path, token + body).status_code == 400
    assert anna.notices == [FORM_EXPIRED]
    assert precoro.audit_log(ADMIN, AuditFilter(person=ANNA)) == before


def test_invalid_utf8_in_every_cookie_is_no_cookie(app: Flask) -> None:
    garbage = "\xff\xfe\xc0\xaf"  # latin-1 in the header: bytes that are not UTF-8
    names = ("precoro_session", "precoro_device", "precoro_time_zone", "precoro_trusted_browser")
    cookies = "; ".join(f"{name}={garbage}" for name in names)
    client = app.test_client()
    assert client.get("/", headers={"Cookie": cookies}).headers["Location"] == "/sign-in"
    page = client.get("/sign-in", headers={"Cookie": cookies})
    assert page.status_code == 200
    anna = Visitor(app)
    anna.client.set_cookie("precoro_device", garbage)
    assert anna.sign_in(ANNA).headers["Location"] == "/"  # the password alone: no 2FA yet


@pytest.mark.parametrize("login", NOT_LOGINS)
def test_a_login_with_a_control_character_or_a_newline_is_never_made(
    precoro: Precoro, login: str
) -> None:
    with pytest.raises(InvalidLogin):
        precoro.add_user(login, PASSWORD, "acme", Role.EMPLOYEE)
    with pytest.raises(UnknownUser):
        precoro.visitor(login)


@pytest.mark.parametrize("login", NOT_LOGINS)
def test_signing_in_with_a_control_character_or_a_newline_is_the_one_refusal(
    visitor: Visitors, precoro: Precoro, login: str
) -> None:
    stranger = visitor()
    assert stranger.sign_in(login, "anna-employee-2fa").status_code == 422
    assert stranger.notices == [INCORRECT_LOGIN_OR_PASSWORD]
    assert precoro.audit_log(ADMIN, AuditFilter(kinds=frozenset({AuditKind.PASSWORD_FAILED}))) == []


@pytest.mark.parametrize("field", ["recipient", "subject"])
def test_a_newline_never_reaches_an_email_header(field: str) -> None:
    """Refused while the message is made, before any connection: no header is injected."""
    fields = {"recipient": "anna@acme.test", "subject": "Two-factor authentication"}
    fields[field] += "\r\nBcc: mallory@evil.test"
    mailer = SmtpMailer("127.0.0.1", 1, timeout=1)  # nothing listens: never reached
    with pytest.raises(ValueError, match="linefeed or carriage return"):
        mailer(Notification(body="Hello", **fields))


# -- two admins at the same moment, over SQLite --------------------------------------------


@pytest.fixture
def racing(tmp_path: Path) -> Iterator[tuple[Flask, Precoro]]:
    store = SqlStore(f"sqlite:///{tmp_path / 'precoro.sqlite3'}", TEST_KEY)
    precoro = bootstrap(store, TEST_CONFIG)
    seed(precoro)
    precoro.add_user(SECOND_ADMIN, PASSWORD, "acme", Role.ADMIN)
    yield create_app(precoro, "test secret key", SimpleCache()), precoro
    store.dispose()


def at_once(*posts: Callable[[], TestResponse]) -> list[TestResponse]:
    """Each ``post`` in its own thread, all let go at the same moment."""
    start, answers = threading.Barrier(len(posts)), [None] * len(posts)

    def run(index: int) -> None:
        start.wait(timeout=10)
        answers[index] = posts[index]()  # type: ignore[call-overload]

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(posts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert all(answer is not None for answer in answers)
    return answers  # type: ignore[return-value]


def signed_in_admins(app: Flask) -> tuple[Visitor, Visitor]:
    first, second = Visitor(app), Visitor(app)
    first.sign_in(ADMIN)
    second.sign_in(SECOND_ADMIN, PASSWORD)
    return first, second


def test_two_admins_updating_account_settings_at_once_leave_one_whole_choice(
    racing: tuple[Flask, Precoro],
) -> None:
    app, precoro = racing
    first, second = signed_in_admins(app)
    strict = AccountOptions(True, True, 24, 7)
    loose = AccountOptions(False, False, 0, 30)
    forms = [
        (first, {"required_two_factor": "y", "backup_codes": "y"} | _numbers(strict)),
        (second, _numbers(loose)),
    ]
    for person, _ in forms:
        person.token()
    answers = at_once(
        *(lambda p=p, f=f: p.post("/configuration/account-settings", **f) for p, f in forms)
    )
    assert [answer.status_code for answer in answers] == [303, 303]
    kept = precoro.account_options(ADMIN)
    assert kept in (strict, loose), asdict(kept)  # one admin's choice, whole: never a mix
    events = precoro.audit_log(ADMIN, AuditFilter(kinds=frozenset({AuditKind.POLICY_CHANGED})))
    assert len(events) in (1, 2)


def _numbers(options: AccountOptions) -> dict[str, str]:
    return {
        "grace_period_hours": str(options.grace_period_hours),
        "trust_browser_days": str(options.trust_browser_days),
    }


def test_a_request_approved_by_two_admins_at_once_is_approved_once(
    racing: tuple[Flask, Precoro],
) -> None:
    app, precoro = racing
    lost = "lost@acme.test"
    precoro.add_user(lost, PASSWORD, "acme", Role.EMPLOYEE)
    secret = precoro.choose_application(lost, GOOGLE).secret
    assert precoro.confirm(lost, pyotp.TOTP(secret).now()).accepted
    first, second = signed_in_admins(app)
    request_id = precoro.request_reset(SUPPORT, lost, Channel.CSM_MANAGER).id
    path = f"/configuration/recovery-requests/{request_id}/approve"
    for person in (first, second):
        person.token()
    at_once(lambda: first.post(path), lambda: second.post(path))
    told = []
    for person in (first, second):
        person.follow()
        told += person.notices
    approved = [n for n in told if "is approved" in n]
    refused = [n for n in told if n == "This request has already been approved or rejected."]
    assert (len(approved), len(refused)) == (1, 1), told
    [row] = [r for r in precoro.requests_to_decide(ADMIN) if r.request.id == request_id]
    assert row.request.status is RequestStatus.APPROVED
    kinds = frozenset({AuditKind.RESET_APPROVED})
    assert len(precoro.audit_log(ADMIN, AuditFilter(person=lost, kinds=kinds))) == 1
