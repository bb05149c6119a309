"""PostgreSQL goes away under load, and comes back: two app servers say so, then carry on.

A throw-away PostgreSQL (with its durable defaults: fsync and synchronous commits on) holds
the store and the sessions of two ``precoro-2fa serve`` processes. Threads sign in with
codes, Turn On + Confirm, and approve recovery requests against both (``load.py``), while
the database is stopped (fast shutdown) or its postmaster SIGKILLed, held down about 5 s,
then started again. Each case checks:

- while it is down, every request is answered 503 with the clear page, and ``/healthz`` says
  unavailable, on both servers;
- after ``pg_ctl start`` returns, each server's ``/healthz`` answers 200 within 5 s, and no
  request sent from then on is answered 503 (no stale pooled connection fails one);
- every write acknowledged before, during or after is in the database with its audit entry,
  no code was accepted twice, and everyone signed in before is still signed in.

Every wait is a poll against a deadline (``time.monotonic()``), never a fixed sleep.
"""

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from precoro_2fa import Precoro, bootstrap
from precoro_2fa.adapters.sql import SqlStore, new_key
from precoro_2fa.entrypoints.web.demo_data import seed
from precoro_2fa.entrypoints.web.keys import KEY_VARIABLE, SESSION_KEY_VARIABLE
from tests.conftest import TEST_CONFIG
from tests.store import postgres
from tests.web.load import (
    ADMIN,
    ADMIN_PASSWORD,
    SIGNED_IN,
    Answer,
    Client,
    Load,
    People,
    Recorder,
    check_ledger,
    prepare,
)
from tests.web.served import serve_command, served

DOWN_FOR = 5.0
"""Seconds the database is held down."""
RECOVERY_LIMIT = 5.0
"""Seconds after PostgreSQL's return within which every server must answer normally."""
WARM_UP = 20.0
"""At most this long for the load to have a write of each kind acknowledged before the fault,
and again after PostgreSQL's return (a slow, shared machine makes a few a second)."""


@dataclass
class Site:
    cluster: postgres.Cluster
    servers: list[str]
    precoro: Precoro
    people: People


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with postgres.throwaway_cluster(durable=True) as cluster:
        url = cluster.url()
        keys = {KEY_VARIABLE: new_key(), SESSION_KEY_VARIABLE: new_key()}
        store = SqlStore(url, keys[KEY_VARIABLE])
        precoro = bootstrap(store, TEST_CONFIG)
        seed(precoro)
        people = prepare(precoro, signers=3, per_signer=30, enrollers=60, requests=60)
        command = serve_command(url, "--workers", "1", "--threads", "8")
        try:
            with served(command, keys) as first, served(command, keys) as second:
                yield Site(cluster, [first, second], precoro, people)
        finally:
            store.dispose()


def test_a_fast_shutdown_of_postgresql_for_5_seconds(site: Site) -> None:
    fault_under_load(site, lambda: postgres.stop(site.cluster), "fast shutdown")


def test_postgresqls_postmaster_killed_and_started_again(site: Site) -> None:
    fault_under_load(site, lambda: postgres.kill(site.cluster), "SIGKILL of the postmaster")


def fault_under_load(site: Site, fault: Callable[[], object], name: str) -> None:
    recorder = Recorder()
    kept = [signed_in_admin(server, recorder) for server in site.servers]
    with Load(site.servers, site.people, recorder) as load:
        began = time.monotonic()
        load.ledger.wait_for(lambda: load.ledger.each_kind_since(began), WARM_UP, "writes before")
        fault()
        down = time.monotonic()
        try:
            health = poll_health_while_down(site.servers, recorder, down + DOWN_FOR)
        finally:
            restarted = time.monotonic()
            postgres.start(site.cluster, durable=True)
        up = time.monotonic()
        recovery = {server: back_within(server, recorder, up) for server in site.servers}
        load.ledger.wait_for(lambda: load.ledger.each_kind_since(up), WARM_UP, "writes after")
    assert not load.errors, load.errors
    during = recorder.between(down, restarted)
    after = recorder.sent_after(up)
    checked = check_ledger(site.precoro, load.ledger)
    print(
        f"\n{name}: down {restarted - down:.1f} s, pg_ctl start {up - restarted:.2f} s;"
        f" recovery after start: {', '.join(f'{t * 1000:.0f} ms' for t in recovery.values())};"
        f" requests during the fault: {len(during)} ({count(during)}), health checks {health};"
        f" after: {len(after)} ({count(after)}); all answers: {count(recorder.answers)};"
        f" acknowledged writes checked: {checked}"
    )
    assert during and all(a.status == 503 and a.clear for a in during), count(during)
    assert all(a.clear for a in recorder.answers if a.status == 503)
    unexpected = [a for a in recorder.answers if a.status not in (200, 409, 422, 503)]
    assert not unexpected, unexpected[:3]
    assert all(a.status != 503 for a in after), [a for a in after if a.status == 503][:3]
    assert max(recovery.values()) <= RECOVERY_LIMIT
    assert sum(checked.values()) > 0
    for person, server in kept:  # signed in before the fault, on each server
        assert SIGNED_IN in person.get(server), server


def signed_in_admin(server: str, recorder: Recorder) -> tuple[Client, str]:
    admin = Client(recorder)
    admin.get(f"{server}sign-in")
    admin.post(f"{server}sign-in", login=ADMIN, password=ADMIN_PASSWORD)
    assert SIGNED_IN in admin.page
    return admin, server


def poll_health_while_down(servers: list[str], recorder: Recorder, deadline: float) -> str:
    """Ask each server's /healthz until ``deadline``; each must say unavailable (503)."""
    asker, answers = Client(recorder), []
    while time.monotonic() < deadline:
        for server in servers:
            answers.append((asker.get(f"{server}healthz"), asker.status))
        recorder.next_answer(timeout=deadline - time.monotonic())  # paced by the load
    assert answers and all(a == ("unavailable\n", 503) for a in answers), set(answers)
    return f"{len(answers)} x 503"


def back_within(server: str, recorder: Recorder, up: float) -> float:
    """Seconds from ``up`` until ``server``'s /healthz answers 200 (polled)."""
    asker = Client(recorder)
    while time.monotonic() < up + RECOVERY_LIMIT:
        asker.get(f"{server}healthz")
        if asker.status == 200:
            return time.monotonic() - up
    raise AssertionError(f"{server} did not answer /healthz within {RECOVERY_LIMIT} s")


def count(answers: list[Answer]) -> str:
    statuses: dict[int, int] = {}
    for answer in answers:
        statuses[answer.status] = statuses.get(answer.status, 0) + 1
    return ", ".join(f"{n} x {status}" for status, n in sorted(statuses.items()))
