"""A steady stream of people against served app servers, and a ledger of what they were told.

Threads sign in with a code, Turn On + Confirm, and approve recovery requests, each through
the real pages over HTTP (``served.Browser``), until told to stop. A request the app answers
503 ("unavailable for a moment") is tried again, as a person would: the form page, then the
same form (the same code). Every answer is recorded with when it began and ended, so that a
fault test can say what was answered while the database was away, and after it came back.

The ledger keeps what the app *acknowledged*: the confirmations it congratulated, the
approvals it announced, the codes whose sign-in ended on the dashboard; and every code sent,
acknowledged or not, so that "no code is accepted twice" can be checked against the audit
trail afterwards (``check_ledger``).
"""

import itertools
import re
import threading
import time
import urllib.error
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyotp

from precoro_2fa import (
    AuthenticationApplication,
    Channel,
    Precoro,
    RequestStatus,
    Role,
    TwoFactorStatus,
    bootstrap,
)
from precoro_2fa.domain.audit import AuditFilter, AuditKind
from precoro_2fa.entrypoints.messages import ACTIVATED, UNAVAILABLE
from tests.store.contenders import SetClock
from tests.web.served import Browser

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
"""Every loaded user's app (each user keeps their own last accepted time step)."""
PASSWORD = "a long password for the load"
ADMIN, SUPPORT = "admin@acme.test", "support@precoro.test"
ADMIN_PASSWORD = "acme-admin-2fa"
SIGNED_IN = "<h1>Dashboard</h1>"
PACE = 0.15
"""Seconds between two actions of one thread: a steady stream, not a flood of a 2-core machine."""
CONFIRMED_AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
KINDS = ("sign-in", "confirmation", "approval")
"""The writes the load makes, each acknowledged by the page that follows it."""


@dataclass(frozen=True, slots=True)
class Answer:
    method: str
    url: str
    began: float
    ended: float
    status: int
    """0: no HTTP answer at all (the connection failed)."""
    clear: bool
    """For a 503: the page says ``UNAVAILABLE`` and shows no traceback (``/healthz``: it says
    "unavailable" and nothing else)."""


class Recorder:
    """Every answer of every client, in the order they ended."""

    def __init__(self) -> None:
        self.answers: list[Answer] = []
        self._answered = threading.Condition()

    def add(self, answer: Answer) -> None:
        with self._answered:
            self.answers.append(answer)
            self._answered.notify_all()

    def next_answer(self, timeout: float) -> None:
        """Wait until some client is answered (at most ``timeout`` seconds)."""
        with self._answered:
            self._answered.wait(timeout)

    def between(self, began: float, ended: float) -> list[Answer]:
        """The answers to requests sent after ``began`` and answered before ``ended``."""
        return [a for a in self.answers if a.began >= began and a.ended <= ended]

    def sent_after(self, moment: float) -> list[Answer]:
        return [a for a in self.answers if a.began >= moment]


class Client(Browser):
    """A browser whose every request is recorded."""

    def __init__(self, recorder: Recorder) -> None:
        super().__init__()
        self._recorder = recorder

    def _open(self, url: str, data: bytes | None) -> str:
        began = time.monotonic()
        try:
            page = super()._open(url, data)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            self.status, page = 0, ""
        clear = UNAVAILABLE in page and "Traceback" not in page
        if url.endswith("/healthz"):  # a load balancer's plain answer
            clear = page == "unavailable\n"
        method = "GET" if data is None else "POST"
        self._recorder.add(Answer(method, url, began, time.monotonic(), self.status, clear))
        return page


@dataclass
class Ledger:
    """What the app acknowledged, and every code sent."""

    confirmed: set[str] = field(default_factory=set)
    approved: set[str] = field(default_factory=set)
    signed_in: Counter[str] = field(default_factory=Counter)
    """Sign-ins with a code that ended on the dashboard, per login."""
    codes_sent: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    """The time steps of the codes sent for each login, acknowledged or not."""
    acknowledged_at: list[tuple[str, float]] = field(default_factory=list)
    """Each acknowledged write's kind and when it was answered (``time.monotonic()``)."""
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def acknowledge(self, kind: str, record: Callable[[], None]) -> None:
        with self._changed:
            record()
            self.acknowledged_at.append((kind, time.monotonic()))
            self._changed.notify_all()

    def each_kind_since(self, moment: float) -> bool:
        """Whether a write of each kind was acknowledged since ``moment``."""
        return {kind for kind, at in self.acknowledged_at if at >= moment} == set(KINDS)

    def wait_for(self, condition: Callable[[], bool], seconds: float, what: str) -> None:
        """Wait until ``condition`` holds after an acknowledged write; fail after ``seconds``."""
        with self._changed:
            assert self._changed.wait_for(condition, seconds), f"no {what} within {seconds} s"

    @property
    def writes(self) -> int:
        return len(self.confirmed) + len(self.approved) + sum(self.signed_in.values())


@dataclass
class People:
    """The users of the load, made by ``prepare``: who signs in, who turns 2FA on, whose
    request waits for approval; shared by the fault cases of a module."""

    signers: list[list[str]]
    enrollers: Iterator[str]
    requests: Iterator[str]
    last_step: dict[str, int] = field(default_factory=dict)
    ledger: Ledger = field(default_factory=Ledger)
    """What the app acknowledged to them, over every fault case of the module."""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def next_of(self, source: Iterator[str]) -> str | None:
        with self._lock:
            return next(source, None)


def prepare(
    precoro: Precoro, signers: int, per_signer: int, enrollers: int, requests: int
) -> People:
    """Users of Acme (the demo data must be there): with 2FA on, confirmed on a set clock in the
    past (so every current step is unused); without; and with a request support recorded."""
    on = [f"load-{n}@acme.test" for n in range(signers * per_signer + requests)]
    off = [f"new-{n}@acme.test" for n in range(enrollers)]
    for login in (*on, *off):
        precoro.add_user(login, PASSWORD, "acme", Role.EMPLOYEE)
    past = bootstrap(precoro.store, precoro.config, SetClock(CONFIRMED_AT), lambda: SECRET)
    for login in on:
        past.choose_application(login, AuthenticationApplication.GOOGLE_AUTHENTICATOR)
        assert past.confirm(login, pyotp.TOTP(SECRET).at(CONFIRMED_AT)).accepted
    ids = [
        precoro.request_reset(SUPPORT, login, Channel.CSM_MANAGER).id
        for login in on[signers * per_signer :]
    ]
    groups = [on[n * per_signer : (n + 1) * per_signer] for n in range(signers)]
    return People(groups, iter(off), iter(ids))


class Load:
    """The threads of the load, against ``servers`` in turn, until ``stop`` is set."""

    def __init__(self, servers: list[str], people: People, recorder: Recorder) -> None:
        self.servers, self.people, self.recorder = servers, people, recorder
        self.ledger = people.ledger
        self.stop = threading.Event()
        self.errors: list[BaseException] = []
        self._turns = itertools.count()
        self._admin: Client | None = None
        self._threads = [
            *(threading.Thread(target=self._run, args=(self._sign_ins, g)) for g in people.signers),
            threading.Thread(target=self._run, args=(self._enrollments, None)),
            threading.Thread(target=self._run, args=(self._approvals, None)),
        ]

    def __enter__(self) -> "Load":
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        for thread in self._threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in self._threads)

    def server(self) -> str:
        return self.servers[next(self._turns) % len(self.servers)]

    def _run(self, actions: Callable[[object], None], argument: object) -> None:
        try:
            while not self.stop.is_set():
                actions(argument)
                self.stop.wait(PACE)
        except BaseException as error:  # reported by the test, which then fails
            self.errors.append(error)

    def _client(self) -> Client:
        return Client(self.recorder)

    # -- signing in with a code ---------------------------------------------------------

    def _sign_ins(self, logins: object) -> None:
        assert isinstance(logins, list)
        now = int(time.time() // 30)
        usable = [u for u in logins if self.people.last_step.get(u, 0) < now + 1]
        if not usable:
            return
        login = min(usable, key=lambda u: self.people.last_step.get(u, 0))
        step = max(now, self.people.last_step.get(login, 0) + 1)
        self.people.last_step[login] = step
        person, server = self._client(), self.server()
        if not self._answered(person, f"{server}sign-in", login=login, password=PASSWORD):
            return
        if "6-digit code" not in person.page:
            return
        self.ledger.codes_sent[login].add(step)
        code = pyotp.TOTP(SECRET).at(step * 30)
        if not self._answered(person, f"{server}sign-in/code", code=code):
            return
        if SIGNED_IN in person.page:
            self.ledger.acknowledge("sign-in", lambda: self.ledger.signed_in.update([login]))

    # -- Turn On + Confirm --------------------------------------------------------------

    def _enrollments(self, _: object) -> None:
        login = self.people.next_of(self.people.enrollers)
        if login is None:
            return
        person, server = self._client(), self.server()
        if not self._answered(person, f"{server}sign-in", login=login, password=PASSWORD):
            return
        turn_on = f"{server}profile/two-factor/turn-on"
        if not self._answered(person, turn_on, application="GOOGLE_AUTHENTICATOR"):
            return
        confirm = f"{server}profile/two-factor/confirm"

        def code(page: str) -> dict[str, str]:
            shown = re.search(r'id="secret">([^<]+)<', page)
            return {"code": pyotp.TOTP(shown.group(1).replace(" ", "")).now()} if shown else {}

        if self._answered(person, confirm, fields_from=code) and ACTIVATED in person.page:
            self.ledger.acknowledge("confirmation", lambda: self.ledger.confirmed.add(login))

    # -- an admin approves ----------------------------------------------------------------

    def _approvals(self, _: object) -> None:
        request_id = self.people.next_of(self.people.requests)
        if request_id is None:
            return
        admin, server = self._admin, self.server()
        if admin is None:  # signed in once, kept across the fault (the session is shared)
            admin = self._client()
            if not self._answered(admin, f"{server}sign-in", login=ADMIN, password=ADMIN_PASSWORD):
                return
            self._admin = admin
        requests = f"{server}configuration/recovery-requests"
        done = self._answered(admin, requests, post_to=f"{requests}/{request_id}/approve")
        if done and "is approved: support will reset 2FA" in admin.page:
            self.ledger.acknowledge("approval", lambda: self.ledger.approved.add(request_id))

    # -- one form, tried again while the app answers 503 ----------------------------------

    def _answered(
        self,
        person: Client,
        form: str,
        post_to: str | None = None,
        fields_from: Callable[[str], dict[str, str]] | None = None,
        **fields: str,
    ) -> bool:
        """GET ``form``, POST it (to ``post_to``, else to itself) until neither answers 503."""
        while not self.stop.is_set():
            person.get(form)
            if person.status == 503:
                continue
            if 'name="csrf_token"' not in person.page:
                return False  # the guard led elsewhere (e.g. the request was carried out)
            data = {**fields, **(fields_from(person.page) if fields_from else {})}
            person.post(post_to or form, **data)
            if person.status != 503:
                return True
        return False


def check_ledger(precoro: Precoro, ledger: Ledger) -> dict[str, int]:
    """Every acknowledged write is in the database, with its audit entry; no code was accepted
    twice. How many of each were checked."""
    for login in ledger.confirmed:
        assert precoro.two_factor_view(login).status is TwoFactorStatus.ON, login
    trail = precoro.audit_log(ADMIN, AuditFilter())
    by_kind: dict[AuditKind, Counter[str]] = defaultdict(Counter)
    for event in trail:
        by_kind[event.kind][event.subject or event.actor] += 1
    for login in ledger.confirmed:
        assert by_kind[AuditKind.TURNED_ON][login] == 1, login
    rows = {row.request.id: row for row in precoro.requests_to_decide(ADMIN)}
    for request_id in ledger.approved:
        request = rows[request_id].request
        assert request.status is RequestStatus.APPROVED, request_id
        assert by_kind[AuditKind.RESET_APPROVED][request.login] == 1, request_id
    passed = by_kind[AuditKind.SIGN_IN_CODE_PASSED]
    for login, codes in ledger.codes_sent.items():
        assert ledger.signed_in[login] <= passed[login] <= len(codes), (login, passed[login])
    return {
        "confirmations": len(ledger.confirmed),
        "approvals": len(ledger.approved),
        "sign-ins": sum(ledger.signed_in.values()),
        "audit entries": len(ledger.confirmed) + len(ledger.approved) + sum(passed.values()),
    }
