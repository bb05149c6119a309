"""The SQLite file made read-only, then a full disk: writes get the clear 503, pages that only
read still answer, nothing is stored half, the file stays sound, and writes resume by
themselves once the fault is gone (no restart).

How each fault is made, as root (CI runs as root, for whom ``chmod`` stops no write):

- **read-only**: ``chattr +i`` on the database file and its WAL (``tests/store/faults.py``
  says why that is what a database made read-only under a running app means), then
  ``chattr -i``.
- **full disk**: the database lives on a tmpfs of 8 MB mounted for the test; a file fills it
  to ENOSPC, then is deleted. The WAL is first truncated (``wal_checkpoint(TRUNCATE)``) so
  that the next commit must grow it on the full disk.

The app runs in this process (Flask's test client) with its sessions kept in memory, so that
a page view writes nothing but what the page itself does (the served app also refreshes its
session row at every request: there a page view is a write too).
"""

import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyotp
import pytest
from cachelib import SimpleCache
from flask import Flask

from precoro_2fa import (
    AuthenticationApplication,
    Channel,
    Precoro,
    RequestStatus,
    Role,
    TwoFactorStatus,
    bootstrap,
)
from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.domain.audit import AuditFilter, AuditKind
from precoro_2fa.entrypoints.messages import ACTIVATED, UNAVAILABLE
from precoro_2fa.entrypoints.web import create_app
from precoro_2fa.entrypoints.web.demo_data import seed
from tests.conftest import PASSWORD, TEST_CONFIG
from tests.store import faults
from tests.store.databases import TEST_KEY
from tests.store.faults import run
from tests.web.visitor import ADMIN, SUPPORT, Visitor

GOOGLE = AuthenticationApplication.GOOGLE_AUTHENTICATOR
EMPLOYEES = 12
READ_PAGES = ("/healthz", "/profile/two-factor", "/configuration/audit-log")
BURST = 6
"""Page views at the same moment while the fault lasts: more than the pool held before."""
TRIES = 4
"""Writes (and reads) sent while the fault lasts, of each kind."""


@dataclass
class Site:
    folder: Path
    app: Flask
    precoro: Precoro
    store: SqlStore
    admin: Visitor
    employees: Iterator[str]
    requests: Iterator[str]
    answers: Counter[str] = field(default_factory=Counter)
    acknowledged: dict[str, list[str]] = field(default_factory=lambda: {"on": [], "approved": []})

    @property
    def database(self) -> Path:
        return self.folder / "precoro.sqlite3"


def open_site(folder: Path) -> Site:
    store = SqlStore(f"sqlite:///{folder / 'precoro.sqlite3'}", TEST_KEY)
    precoro = bootstrap(store, TEST_CONFIG)
    seed(precoro)
    logins = [f"employee-{n}@acme.test" for n in range(EMPLOYEES)]
    for login in logins:
        precoro.add_user(login, PASSWORD, "acme", Role.EMPLOYEE)
    enrolled = [turn_on(precoro, f"lost-{n}@acme.test") for n in range(EMPLOYEES)]
    ids = [precoro.request_reset(SUPPORT, login, Channel.ONLINE_CHAT).id for login in enrolled]
    app = create_app(precoro, "test secret key", SimpleCache())
    admin = Visitor(app)
    assert admin.sign_in(ADMIN).status_code == 303
    return Site(folder, app, precoro, store, admin, iter(logins), iter(ids))


def turn_on(precoro: Precoro, login: str) -> str:
    precoro.add_user(login, PASSWORD, "acme", Role.EMPLOYEE)
    secret = precoro.choose_application(login, GOOGLE).secret
    assert precoro.confirm(login, pyotp.TOTP(secret).now()).accepted
    return login


@pytest.fixture
def on_ext4() -> Iterator[Site]:
    """On disk: the tests' own temporary folder may be in memory (tmpfs)."""
    with faults.folder_on_disk("read-only") as folder:
        site = open_site(folder)
        yield site
        site.store.dispose()


@pytest.fixture
def on_small_tmpfs(tmp_path: Path) -> Iterator[Site]:
    folder = tmp_path / "small"
    folder.mkdir()
    run("mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", str(folder))
    try:
        site = open_site(folder)
        try:
            yield site
        finally:
            site.store.dispose()  # no file left open: the file system can be unmounted
    finally:
        run("umount", str(folder))


@contextmanager
def read_only(site: Site) -> Iterator[None]:
    with faults.read_only(site.database):
        yield


@contextmanager
def full_disk(site: Site) -> Iterator[None]:
    filler = site.folder / "filler"
    with open(filler, "wb") as file:
        try:
            while True:  # bounded by the file system's 8 MB
                file.write(b"\0" * 65536)
                file.flush()
        except OSError as full:
            assert full.errno == 28, full  # ENOSPC
    try:
        yield
    finally:
        filler.unlink()


def test_the_database_file_made_read_only_then_writable_again(on_ext4: Site) -> None:
    fault_and_back(on_ext4, read_only, "read-only (chattr +i)")


def test_a_full_disk_then_room_again(on_small_tmpfs: Site) -> None:
    fault_and_back(on_small_tmpfs, full_disk, "full disk (tmpfs of 8 MB)")


def fault_and_back(
    site: Site, fault: Callable[[Site], AbstractContextManager[None]], name: str
) -> None:
    assert enroll(site) and approve(site)  # before the fault
    truncate_wal(site.database)
    with fault(site):
        burst_of_page_views(site)
        refused = [writes_refused(site) for _ in range(TRIES)]
        for page in READ_PAGES * TRIES:
            answer = site.admin.get(page)
            site.answers[f"read {answer.status_code}"] += 1
            assert answer.status_code == 200, (page, answer.status_code)
    back = time.monotonic()
    assert enroll(site) and approve(site)  # the first writes after: no restart, no wait
    recovered = time.monotonic() - back
    checked = check(site, refused)
    print(
        f"\n{name}: answers during the fault {dict(site.answers)}; first writes after it"
        f" answered in {recovered * 1000:.0f} ms; acknowledged writes checked: {checked}"
    )


def burst_of_page_views(site: Site) -> None:
    """Readings held together, as page views at the same moment: the pool opens connections
    while the fault lasts (SQLite opens them read-only when the file is), then keeps them."""
    with ExitStack() as together:
        for _ in range(BURST):
            reading = together.enter_context(site.store.reading())
            assert reading.users.get(ADMIN) is not None


def writes_refused(site: Site) -> tuple[str, str]:
    """A Turn On and an approval while the fault lasts: each the clear 503, nothing done."""
    login, request_id = next(site.employees), next(site.requests)
    person = Visitor(site.app)
    assert person.sign_in(login, PASSWORD).status_code == 303  # no 2FA: a sign-in only reads
    person.post("/profile/two-factor/turn-on", application="GOOGLE_AUTHENTICATOR")
    clear_503(site, person)
    site.admin.post(f"/configuration/recovery-requests/{request_id}/approve")
    clear_503(site, site.admin)
    return login, request_id


def clear_503(site: Site, person: Visitor) -> None:
    assert person.page is not None
    site.answers[f"write {person.page.status_code}"] += 1
    assert person.page.status_code == 503
    assert UNAVAILABLE in person.page.text and "Traceback" not in person.page.text
    assert person.page.headers["Retry-After"] == "5"


def enroll(site: Site) -> bool:
    """An employee signs in, Turn On, Next, Confirm: acknowledged if congratulated."""
    login = next(site.employees)
    person = Visitor(site.app)
    assert person.sign_in(login, PASSWORD).status_code == 303
    person.post("/profile/two-factor/turn-on", application="GOOGLE_AUTHENTICATOR")
    person.follow()
    code = pyotp.TOTP(person.shown_secret().replace(" ", "")).now()
    person.post("/profile/two-factor/confirm", code=code)
    person.follow()
    if ACTIVATED not in person.text:
        return False
    site.acknowledged["on"].append(login)
    return True


def approve(site: Site) -> bool:
    request_id = next(site.requests)
    site.admin.post(f"/configuration/recovery-requests/{request_id}/approve")
    site.admin.follow()
    if "is approved" not in site.admin.text:
        return False
    site.acknowledged["approved"].append(request_id)
    return True


def truncate_wal(database: Path) -> None:
    """Checkpoint and empty the WAL: the next commit must write to a new part of it."""
    with closing(sqlite3.connect(database)) as connection:
        busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    assert busy == 0
    assert os.path.getsize(f"{database}-wal") == 0


def check(site: Site, refused: list[tuple[str, str]]) -> dict[str, int]:
    """The file is sound; what was acknowledged is there, what was refused is not, half."""
    with closing(sqlite3.connect(site.database)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    precoro = site.precoro
    trail = precoro.audit_log(ADMIN, AuditFilter())
    events = Counter((event.kind, event.subject or event.actor) for event in trail)
    rows = {row.request.id: row.request for row in precoro.requests_to_decide(ADMIN)}
    for login in site.acknowledged["on"]:
        assert precoro.two_factor_view(login).status is TwoFactorStatus.ON
        assert events[AuditKind.TURNED_ON, login] == 1
    for request_id in site.acknowledged["approved"]:
        assert rows[request_id].status is RequestStatus.APPROVED
        assert events[AuditKind.RESET_APPROVED, rows[request_id].login] == 1
    for login, request_id in refused:
        view = precoro.two_factor_view(login)
        assert (view.status, view.pending) == (TwoFactorStatus.OFF, None)
        assert rows[request_id].status is RequestStatus.REQUESTED
        assert events[AuditKind.RESET_APPROVED, rows[request_id].login] == 0
    return {
        "confirmations": len(site.acknowledged["on"]),
        "approvals": len(site.acknowledged["approved"]),
        "refused writes found not done": 2 * len(refused),
    }
