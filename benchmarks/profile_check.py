"""Where one code check's time goes: ``python -m benchmarks.profile_check [memory|sqlite]``.

Runs ``Precoro.enter_code`` with right codes under cProfile, prints the SQL statements
one check sends (SQLite) and the time spent by layer: the domain, pyotp and hmac, the
unit of work and repositories, SQLAlchemy, the sqlite3 driver, encryption, the rest.
"""

import cProfile
import pstats
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import event

from benchmarks.accounts import SteppingClock, enroll, open_attempts
from benchmarks.stored import StoredBench, sqlite_store
from precoro_2fa import bootstrap
from precoro_2fa.adapters.memory import InMemoryStore

LAYERS = (
    ("precoro_2fa/domain", "domain"),
    ("pyotp", "pyotp"),
    ("hmac", "hmac"),
    ("precoro_2fa/adapters/sql", "SQL adapter (repositories, mapping, unit of work)"),
    ("precoro_2fa/adapters/memory", "in-memory adapter"),
    ("precoro_2fa/service_layer", "service layer"),
    ("sqlalchemy", "SQLAlchemy"),
    ("sqlite3", "sqlite3 driver (statements, commit)"),
    ("cryptography", "AES-GCM"),
    ("copy.py", "deepcopy"),
    ("logging", "logging"),
)


def layer_of(filename: str, function: str) -> str:
    place = f"{filename}:{function}"
    for marker, layer in LAYERS:
        if marker in place:
            return layer
    return "the rest (Python built-ins, datetime, dataclasses…)"


def by_layer(stats: pstats.Stats, checks: int) -> list[tuple[str, float]]:
    totals: Counter[str] = Counter()
    raw: Any = stats.stats  # type: ignore[attr-defined]
    for (filename, _line, function), (_cc, _nc, tottime, _ct, _callers) in raw.items():
        totals[layer_of(filename, function)] += tottime
    return [(layer, seconds / checks * 1e6) for layer, seconds in totals.most_common()]


def profile_sqlite(checks: int) -> pstats.Stats:
    with tempfile.TemporaryDirectory() as folder:
        store = sqlite_store(Path(folder, "profile.sqlite3"))
        bench = StoredBench.on(store)
        bench.right_codes(50)
        (attempt_id,) = open_attempts(store.unit_of_work(), bench.account.login, 1)
        (check,) = bench.account.right_checks(1, first=bench.clock.current)
        bench.clock.current = check.now
        statements: list[str] = []
        recording = [False]

        def trace(statement: str) -> None:
            if recording[0]:
                statements.append(statement)

        event.listen(store.engine, "connect", lambda dbapi, _: dbapi.set_trace_callback(trace))
        store.dispose()  # new connections, each traced by sqlite3 itself
        recording[0] = True
        bench.precoro.enter_code(attempt_id, check.code)
        recording[0] = False
        print("SQL statements of one check:")
        for statement in statements:
            print("   ", " ".join(statement.split())[:110])
        profiler = cProfile.Profile()
        profiler.runcall(bench.right_codes, checks)
        store.dispose()
    return pstats.Stats(profiler)


def profile_memory(checks: int) -> pstats.Stats:
    store = InMemoryStore()
    clock = SteppingClock()
    precoro = bootstrap(store, clock=clock)
    account = enroll(precoro, clock)
    attempts = open_attempts(store.unit_of_work(), account.login, checks)
    right = account.right_checks(checks)
    profiler = cProfile.Profile()
    profiler.enable()
    for attempt_id, check in zip(attempts, right, strict=True):
        clock.current = check.now
        precoro.enter_code(attempt_id, check.code)
    profiler.disable()
    return pstats.Stats(profiler)


def main() -> None:
    where = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
    checks = 500
    stats = profile_sqlite(checks) if where == "sqlite" else profile_memory(checks)
    print(f"\nµs per check by layer (cProfile, own time, {checks} right codes on {where}):")
    for layer, micros in by_layer(stats, checks):
        print(f"    {micros:8.1f}  {layer}")
    print("\nTop functions by own time:")
    stats.sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
