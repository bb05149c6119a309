"""A sign-in's CPU outside its password hash, in process: ``python -m benchmarks.signin_cost``.

The app is built as ``precoro-2fa serve`` builds it (``serve.prepare`` and ``build_app``: a
SQLite file, the sessions in it, argon2id at OWASP's parameters) and Flask's test client goes
through the five requests of a sign-in: the sign-in page, the password, the code page, the
code, the signed-in page. Each sign-in is one person's first of the run (a code is spent once
per step), with a fresh cookie jar. CPU time of this process (``time.process_time``), not
wall time: the machine is shared.

In each round, sign-ins and password checks (``Argon2PasswordHasher.verify``, as the sign-in
runs it) take turns; the round's figure is the median sign-in less the median check. The
result is the median of the rounds. The SQL statements of the sign-ins are counted too (all
of them, and those on the ``sessions`` table), and the share of Werkzeug's test client: the
CPU outside the app's WSGI call (building each request, reading each answer), which on a
server is the browser's, while the server pays its own HTTP server's instead. Last, as a
figure beside them, the same sign-ins with the password check replaced by a comparison: what
the code around the hash costs when argon2 (19 MiB of memory a check) has not just emptied
the CPU's caches.

``--profile FILE.svg`` then samples a few more sign-ins with py-spy (attached to this process,
1000 samples a second, by function) and writes its flame graph.
"""

import argparse
import html
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pyotp
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.test import TestResponse

from benchmarks.load import app_side
from benchmarks.load.people import PASSWORD, Person, new_people
from precoro_2fa import Config
from precoro_2fa.adapters.passwords import Argon2PasswordHasher
from precoro_2fa.adapters.sql import new_key
from precoro_2fa.entrypoints.web import serve
from precoro_2fa.entrypoints.web.keys import KEY_VARIABLE, SESSION_KEY_VARIABLE

ROUNDS = 5
PER_ROUND = 10
WARM_UP = 3
PROFILED = 20
TARGET_MS = 8.0
"""Outside the hash, in process, on SQLite: the issue's target."""
_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
PY_SPY = Path(sys.executable).with_name("py-spy")


@dataclass(frozen=True)
class SignInCost:
    sign_in_ms: float
    """A whole sign-in's CPU (five requests), the median over every round."""
    hash_ms: float
    """One password check's CPU, the median over every round."""
    rounds_ms: tuple[float, ...]
    """Each round's median sign-in less its median password check."""
    statements: float
    """SQL statements per sign-in."""
    session_statements: float
    """Of which on the ``sessions`` table."""
    requests_ms: tuple[float, ...] = ()
    """Each request's median CPU (``REQUESTS``), the password's with its hash."""
    client_ms: float = 0.0
    """Of a sign-in's CPU, the median spent outside the app's WSGI call: the test client's."""
    unhashed_ms: float = 0.0
    """A whole sign-in's CPU with the password check replaced by a comparison (median)."""

    @property
    def outside_ms(self) -> float:
        return statistics.median(self.rounds_ms)

    @property
    def sign_ins(self) -> int:
        return len(self.rounds_ms) * PER_ROUND


@dataclass
class Statements:
    """Counts every SQL statement any engine of this process sends, while ``on``."""

    on: bool = False
    total: int = 0
    sessions: int = 0

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if self.on:
            self.total += 1
            self.sessions += bool("web_sessions" in statement)


class InApp:
    """The app's WSGI callable, timed: ``ms``, the CPU spent inside it so far."""

    def __init__(self, wsgi_app: Callable[..., Any]) -> None:
        self.wsgi_app, self.ms = wsgi_app, 0.0

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        started = time.process_time()
        try:
            return self.wsgi_app(environ, start_response)
        finally:
            self.ms += (time.process_time() - started) * 1e3


def measure(rounds: int = ROUNDS, per_round: int = PER_ROUND) -> SignInCost:
    with served_app(WARM_UP + rounds * per_round * 2) as (app, people):
        found = _measure(app, people, rounds, per_round)
        return replace(found, unhashed_ms=_unhashed(app, people, rounds * per_round))


@dataclass(frozen=True)
class Compared:
    """A password "check" that compares the password with the benchmark's: no hash."""

    def verify(self, password_hash: str, password: str) -> bool:
        return password == PASSWORD

    def hash(self, password: str) -> str:
        return password


def _unhashed(app: Flask, people: Iterator[Person], sign_ins: int) -> float:
    """The median CPU of ``sign_ins`` whole sign-ins whose password check is ``Compared``."""
    precoro = app.extensions["precoro"]
    hasher, precoro.passwords = precoro.passwords, Compared()
    try:
        return statistics.median(sum(sign_in(app, next(people))) for _ in range(sign_ins))
    finally:
        precoro.passwords = hasher


def _measure(app: Flask, people: Iterator[Person], rounds: int, per_round: int) -> SignInCost:
    hasher = Argon2PasswordHasher(Config().argon2)
    stored = hasher.hash(PASSWORD)
    for _ in range(WARM_UP):
        sign_in(app, next(people))
    counted = Statements()
    event.listen(Engine, "before_cursor_execute", counted)
    sign_ins: list[float] = []
    hashes: list[float] = []
    requests: list[list[float]] = []
    clients: list[float] = []
    in_app = app.wsgi_app = InApp(app.wsgi_app)  # type: ignore[method-assign]
    by_round = []
    try:
        for _ in range(rounds):
            these, checks = [], []
            for _ in range(per_round):
                person = next(people)
                counted.on, inside = True, in_app.ms
                requests.append(sign_in(app, person))
                counted.on = False
                clients.append(sum(requests[-1]) - (in_app.ms - inside))
                these.append(sum(requests[-1]))
                checks.append(_cpu_ms(lambda: hasher.verify(stored, PASSWORD)))
            by_round.append(statistics.median(these) - statistics.median(checks))
            sign_ins += these
            hashes += checks
    finally:
        event.remove(Engine, "before_cursor_execute", counted)
    done = rounds * per_round
    return SignInCost(
        statistics.median(sign_ins),
        statistics.median(hashes),
        tuple(by_round),
        counted.total / done,
        counted.sessions / done,
        tuple(statistics.median(column) for column in zip(*requests, strict=True)),
        statistics.median(clients),
    )


def _cpu_ms(action: Callable[[], object]) -> float:
    started = time.process_time()
    action()
    return (time.process_time() - started) * 1e3


@contextmanager
def served_app(people_count: int) -> Iterator[tuple[Flask, Iterator[Person]]]:
    """The app as ``serve`` builds it over a new SQLite file, and people with 2FA on in it."""
    people = new_people(people_count)
    keys = {KEY_VARIABLE: new_key(), SESSION_KEY_VARIABLE: new_key()}
    with tempfile.TemporaryDirectory() as folder, _environment(keys):
        options = serve.ServeOptions(database=str(Path(folder, "signin.sqlite3")))
        with _quiet():
            serve.prepare(options)
        app_side.prepare(options.url, keys[KEY_VARIABLE], people)
        app = serve.build_app(options)
        try:
            yield app, iter(people)
        finally:
            app.extensions["precoro"].store.dispose()


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def _quiet() -> Iterator[None]:
    """``serve.prepare`` prints the demo accounts: not in this report."""
    stdout = sys.stdout
    with open(os.devnull, "w") as sys.stdout:
        try:
            yield
        finally:
            sys.stdout = stdout


REQUESTS = ("sign-in page", "password", "code page", "code", "signed-in page")
HASHED = " (with the hash)"


def sign_in(app: Flask, person: Person) -> list[float]:
    """The five requests of one sign-in, from a browser with no cookie yet; each one's CPU ms."""
    client, spent = app.test_client(), []
    token = _token(client, "/sign-in", spent)
    form = {"login": person.login, "password": PASSWORD, "csrf_token": token}
    _posted(client, "/sign-in", "/sign-in/code", form, spent)
    token = _token(client, "/sign-in/code", spent)
    form = {"code": pyotp.TOTP(person.secret).now(), "csrf_token": token}
    _posted(client, "/sign-in/code", "/", form, spent)
    page = _timed(lambda: client.get("/"), spent)
    if f"Welcome to Precoro, {person.login}." not in page.text:
        raise RuntimeError(f"not signed in: {page.status} {page.text[:300]}")
    return spent


def _timed(request: Callable[[], TestResponse], spent: list[float]) -> TestResponse:
    started = time.process_time()
    answer = request()
    spent.append((time.process_time() - started) * 1e3)
    return answer


def _token(client: FlaskClient, path: str, spent: list[float]) -> str:
    page = _timed(lambda: client.get(path), spent)
    found = _TOKEN.search(page.text)
    if page.status_code != 200 or found is None:
        raise RuntimeError(f"GET {path}: {page.status} without a form")
    return found.group(1)


def _posted(
    client: FlaskClient, path: str, leading_to: str, form: dict[str, str], spent: list[float]
) -> None:
    answer = _timed(lambda: client.post(path, data=form), spent)
    if answer.status_code != 303 or answer.location != leading_to:
        raise RuntimeError(f"POST {path}: {answer.status} to {answer.location!r}")


def profile(svg: Path, sign_ins: int = PROFILED) -> None:
    """py-spy's flame graph of ``sign_ins`` sign-ins (after two unsampled ones)."""
    with served_app(sign_ins + 2) as (app, people):
        for _ in range(2):
            sign_in(app, next(people))
        with _sampled(svg, f"{sign_ins} sign-ins of precoro-2fa's served app, in process"):
            for _ in range(sign_ins):
                sign_in(app, next(people))


@contextmanager
def _sampled(svg: Path, title: str) -> Iterator[None]:
    command = [
        str(PY_SPY), "record", "--pid", str(os.getpid()), "--rate", "1000", "--nolineno",
        "--format", "flamegraph", "--output", str(svg),
    ]  # fmt: skip
    spy = subprocess.Popen(  # noqa: S603 (py-spy, on this process)
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    said = []
    for line in spy.stdout or ():  # py-spy says when it samples
        said.append(line)
        if "Sampling process" in line:
            break
    try:
        yield
    finally:
        spy.send_signal(signal.SIGINT)
        said.append(spy.communicate(timeout=60)[0])
        if not svg.exists():
            raise RuntimeError(f"py-spy wrote no flame graph: {''.join(said)}")
        _titled(svg, f"{title} (py-spy, 1000 samples a second)")


def _titled(svg: Path, title: str) -> None:
    """py-spy titles its graph with its own command line: the graph's title instead."""
    drawn = svg.read_text()
    start = drawn.index('<text id="title"')
    start = drawn.index(">", start) + 1
    end = drawn.index("</text>", start)
    svg.write_text(drawn[:start] + html.escape(title) + drawn[end:])


def table(found: SignInCost) -> str:
    rounds = ", ".join(f"{ms:.1f}" for ms in found.rounds_ms)
    return "\n".join(
        (
            "### 8. A sign-in's CPU outside its password hash, in process (SQLite)\n",
            "| figure | CPU ms |",
            "| --- | ---: |",
            f"| a whole sign-in, five requests (median) | {found.sign_in_ms:.1f} |",
            f"| the password check alone, argon2id (median) | {found.hash_ms:.1f} |",
            f"| **outside the hash** (median of the rounds: {rounds}) "
            f"| **{found.outside_ms:.1f}** |",
            "| … of which Werkzeug's test client, outside the app's WSGI call (median) "
            f"| {found.client_ms:.1f} |",
            "| a whole sign-in, its password check replaced by a comparison: no argon2 to empty "
            f"the CPU's caches (median) | {found.unhashed_ms:.1f} |",
            *(
                f"| request {number}, {name}{HASHED * (name == 'password')} | {ms:.1f} |"
                for number, (name, ms) in enumerate(
                    zip(REQUESTS, found.requests_ms, strict=True), 1
                )
            ),
            "",
            f"{found.sign_ins} sign-ins in {len(found.rounds_ms)} rounds; "
            f"{found.statements:.1f} SQL statements a sign-in, "
            f"{found.session_statements:.1f} of them on the sessions table (web_sessions).",
            "",
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.signin_cost", description=__doc__)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--per-round", type=int, default=PER_ROUND)
    parser.add_argument("--profile", type=Path, metavar="FILE.svg", help="py-spy's flame graph")
    arguments = parser.parse_args()
    print(table(measure(arguments.rounds, arguments.per_round)))
    if arguments.profile is not None:
        profile(arguments.profile)
        print(f"flame graph of {PROFILED} sign-ins: {arguments.profile}")


if __name__ == "__main__":
    main()
