"""The load scenario, run by locust headless: ``C`` browsers sign in again and again.

Each simulated person signs in from start to end without pause: the sign-in page, the
password, the code page, the 6-digit code (computed from the person's secret at that
moment), the signed-in page. One sign-in in ``REPLAY_EVERY`` is a replay: the person has
a second session at the code step and both sessions send the same code at once; one
must be accepted and the other refused as already used. Two acceptances (both sessions
then show the signed-in page) are counted as a double acceptance, not as an error.

Set by the benchmark (``benchmarks/load/case.py``), in the environment:
``LOAD_SITE`` (app or django), ``LOAD_HOSTS`` (base URLs, comma-separated: the browsers
are spread over them), ``LOAD_PEOPLE`` (the people file), ``LOAD_STATE`` (each person's
last step, read at the start and written at the end), ``LOAD_RESULTS`` (the JSON written
at the end: counts and the latencies in ms of each whole sign-in and of its code step, and
this process's CPU seconds from the load's start to its end, read from ``/proc`` as the
servers' are, ``benchmarks/load/cpu.py``: locust's own start and exit are not counted).
"""

import itertools
import json
import os
import time
from pathlib import Path
from typing import Any

import gevent
import pyotp
from gevent import GreenletExit
from locust import User, constant, events, task
from locust.contrib.fasthttp import FastHttpSession

from benchmarks.load import cpu
from benchmarks.load.pages import SITES, Browser, Unexpected
from benchmarks.load.people import STEP_SECONDS, Person, StepPool, load, step_now

REPLAY_EVERY = 20
"""One sign-in in 20 races a second session with the same code."""

SITE = SITES[os.environ["LOAD_SITE"]]()
HOSTS = itertools.cycle(os.environ["LOAD_HOSTS"].split(","))
STATE = Path(os.environ["LOAD_STATE"])
POOL = StepPool(
    load(Path(os.environ["LOAD_PEOPLE"])),
    json.loads(STATE.read_text()) if STATE.exists() else {},
)
TALLY: dict[str, Any] = {
    "sign_ins": 0,
    "replays": 0,
    "double_acceptances": 0,
    "errors": 0,
    "error_samples": [],
    "whole_ms": [],
    "code_ms": [],
}
SIGN_INS = itertools.count(1)


class PersonSigningIn(User):
    """A person at a browser, signing in again as soon as signed in."""

    wait_time = constant(0)

    def on_start(self) -> None:
        host = next(HOSTS)
        self.browser, self.twin = (Browser(self._session(host)) for _ in range(2))

    def _session(self, host: str) -> FastHttpSession:
        return FastHttpSession(host, self.environment.events.request, self)

    @task
    def sign_in(self) -> None:
        person = POOL.take()
        last_step = step_now()
        try:
            replay = next(SIGN_INS) % REPLAY_EVERY == 0
            last_step = (self._replayed if replay else self._plain)(person)
        except GreenletExit:  # the run ends: a code in flight may yet be accepted at the next step
            last_step = step_now() + 1
            raise
        except Unexpected as error:
            _error(str(error))
        except Exception as error:  # any other failure of a sign-in is an error too
            _error(f"{type(error).__name__}: {error}")
        finally:
            POOL.give_back(person, max(last_step, step_now()))

    def _plain(self, person: Person) -> int:
        self.browser.forget_cookies()
        started = time.perf_counter()
        token = SITE.to_code_step(self.browser, person)
        code, step = _code(person)
        sent = time.perf_counter()
        if not SITE.enter_code(self.browser, token, code):
            raise Unexpected("a right code was refused")
        code_done = time.perf_counter()
        SITE.signed_in(self.browser, person)
        TALLY["whole_ms"].append((time.perf_counter() - started) * 1e3)
        TALLY["code_ms"].append((code_done - sent) * 1e3)
        TALLY["sign_ins"] += 1
        return step

    def _replayed(self, person: Person) -> int:
        browsers = (self.browser, self.twin)
        for browser in browsers:
            browser.forget_cookies()
        tokens = [SITE.to_code_step(browser, person) for browser in browsers]
        code, step = _code(person)
        racing = [
            gevent.spawn(SITE.enter_code, browser, token, code)
            for browser, token in zip(browsers, tokens, strict=True)
        ]
        gevent.joinall(racing, raise_error=True)
        accepted = [browser for browser, race in zip(browsers, racing, strict=True) if race.value]
        TALLY["replays"] += 1
        if not accepted:
            raise Unexpected("replay race: the right code was refused in both sessions")
        TALLY["double_acceptances"] += len(accepted) - 1
        for browser in accepted:  # each session the code let in shows the signed-in page
            SITE.signed_in(browser, person)
        TALLY["sign_ins"] += 1
        return step


def _code(person: Person) -> tuple[str, int]:
    now = time.time()
    return pyotp.TOTP(person.secret).at(now), int(now) // STEP_SECONDS


def _error(message: str) -> None:
    TALLY["errors"] += 1
    if len(TALLY["error_samples"]) < 5:
        TALLY["error_samples"].append(message)


@events.test_start.add_listener
def _started(**_: object) -> None:
    TALLY["started"] = time.time()
    TALLY["cpu_started"] = cpu.tree_seconds([os.getpid()])


@events.test_stop.add_listener
def _stopped(**_: object) -> None:
    TALLY["seconds"] = time.time() - TALLY["started"]
    TALLY["cpu"] = cpu.tree_seconds([os.getpid()]) - TALLY["cpu_started"]
    TALLY["pool_waits"] = POOL.waits
    STATE.write_text(json.dumps(POOL.last_steps()))
    Path(os.environ["LOAD_RESULTS"]).write_text(json.dumps(TALLY))
