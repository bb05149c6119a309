"""The admins' and support's pages as the trail grows: 10³ and 10⁵ audit events.

Every sign-in adds an audit event, so a company's trail grows by the thousand a week. This
times the service call behind each page that reads it (the page's own rendering aside):
Configuration → Users (and Account Settings: the same reading), the audit log's first page,
and Support → Recovery requests' first page (with one request per 100 events). The events
and requests are bulk-inserted in SQL into a SQLite file at the project's defaults; one event
in 200 is a Turn On, as in a company whose people sign in every day. The calls take turns
(``timing.interleaved_medians``); each figure is the median of the repetitions, and the
ratio is of two figures of this one run.

    .venv/bin/python -m benchmarks.admin_pages [--repeats N]
"""

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from benchmarks.accounts import COMPANY, PASSWORD, SteppingClock, enroll
from benchmarks.report import X
from benchmarks.stored import sqlite_store
from benchmarks.timing import Run, interleaved_medians
from precoro_2fa import Precoro, Role, bootstrap

SIZES = (1_000, 100_000)
ADMIN, AGENT = "ann", "sam"

_EVENTS = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)
INSERT INTO audit_events (at, kind, actor, company_id, subject, detail)
SELECT '2026-11-27 09:00:00.000000',
       CASE WHEN i % 200 = 0 THEN 'TURNED_ON' ELSE 'SIGN_IN_CODE_PASSED' END,
       'eve', :company, 'eve', '' FROM n
"""
_REQUESTS = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)
INSERT INTO recovery_requests (id, login, company_id, channel, recorded_by, recorded_at,
                               status, version)
SELECT 'request' || i, 'eve', :company, 'ONLINE_CHAT', :agent, '2026-11-27 09:00:00.000000',
       'REJECTED', 0 FROM n
"""


PAGES = ("Configuration → Users", "Audit log, page 1", "Support → Recovery requests, page 1")


def pages(precoro: Precoro) -> dict[str, Callable[[], object]]:
    calls = (
        lambda: precoro.company_overview(ADMIN),
        lambda: precoro.audit_trail(ADMIN),
        lambda: precoro.support_requests(AGENT),
    )
    return dict(zip(PAGES, calls, strict=True))


def app_with(events: int, folder: Path) -> Precoro:
    store = sqlite_store(folder / f"events-{events}.sqlite3")
    clock = SteppingClock()
    precoro = bootstrap(store, clock=clock)
    enroll(precoro, clock)
    precoro.add_user(ADMIN, PASSWORD, COMPANY, Role.ADMIN)
    precoro.add_support_agent(AGENT, PASSWORD)
    with store.engine.begin() as connection:
        connection.execute(text(_EVENTS), {"count": events, "company": COMPANY})
        shared = {"company": COMPANY, "agent": AGENT}
        connection.execute(text(_REQUESTS), {"count": events // 100, **shared})
    return precoro


def timed(call: Callable[[], object]) -> Run:
    def run() -> float:
        started = time.perf_counter()
        call()
        return time.perf_counter() - started

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    repeats = parser.parse_args().repeats
    with tempfile.TemporaryDirectory() as folder:
        cases = {
            f"{size} {name}": timed(call)
            for size in SIZES
            for name, call in pages(app_with(size, Path(folder))).items()
        }
        seconds = interleaved_medians(cases, repeats)
    small, large = SIZES
    print(f"| page | {small:,} events (ms) | {large:,} events (ms) | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for name in PAGES:
        a, b = seconds[f"{small} {name}"] * 1e3, seconds[f"{large} {name}"] * 1e3
        print(f"| {name} | {a:.1f} | {b:.1f} | {b / a:.1f}{X} |")


if __name__ == "__main__":
    main()
