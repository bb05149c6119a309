"""Code checks per second and p99 latency on SQLite and PostgreSQL, 1, 4 and 16 workers.

A check is ``Precoro.enter_code`` with a right code: the second step of a sign-in, one
unit of work (read the attempt and the user, check the code, write the user's last step,
the completed attempt and the audit event, commit). Each worker is a thread of one app
server with an account of its own; the workers start together at a barrier. Attempts and
codes are prepared before the timing, so no password hash is in the figures.

SQLite runs at the project's default (WAL, ``synchronous=NORMAL``) unless ``--durable``;
PostgreSQL at its own defaults (fsync, ``synchronous_commit=on``) on a throw-away cluster
on 127.0.0.1, unless ``--postgres-url`` names one.

    .venv/bin/python -m benchmarks.store_throughput [--checks N] [--durable]
"""

import argparse
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from benchmarks.accounts import Account, SteppingClock, enroll, open_attempts
from benchmarks.timing import Throughput
from precoro_2fa import Precoro, SignedIn, bootstrap
from precoro_2fa.adapters.sql import SqlStore, new_key

WORKERS = (1, 4, 16)
STORES = ("sqlite", "postgres")


def measure(
    stores: tuple[str, ...] = STORES,
    workers: tuple[int, ...] = WORKERS,
    checks: int = 4000,
    durable: bool = False,
    postgres_url: str | None = None,
) -> dict[str, dict[int, Throughput]]:
    """Figures by store and number of workers; ``checks`` in all per figure."""
    results: dict[str, dict[int, Throughput]] = {}
    with databases(postgres_url if "postgres" in stores else "", durable) as new_url:
        for store_kind in stores:
            results[store_kind] = {}
            for count in workers:
                store = SqlStore(new_url(store_kind), new_key(), durable=durable)
                try:
                    results[store_kind][count] = run(store, count, checks // count)
                finally:
                    store.dispose()
    return results


def run(store: SqlStore, workers: int, checks_each: int) -> Throughput:
    benches = [Worker.on(store, f"worker{n}", checks_each) for n in range(workers)]
    barrier = threading.Barrier(workers + 1)
    with ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(bench.checks, barrier) for bench in benches]
        barrier.wait()
        started = time.perf_counter()
        latencies = [latency for future in futures for latency in future.result()]
        wall = time.perf_counter() - started
    return Throughput.of(latencies, wall)


class Worker:
    def __init__(self, precoro: Precoro, clock: SteppingClock, account: Account, n: int) -> None:
        self.precoro, self.clock = precoro, clock
        self.prepared = list(
            zip(
                open_attempts(precoro.store.unit_of_work(), account.login, n),
                account.right_checks(n),
                strict=True,
            )
        )

    @classmethod
    def on(cls, store: SqlStore, login: str, n: int) -> "Worker":
        clock = SteppingClock()
        precoro = bootstrap(store, clock=clock)
        return cls(precoro, clock, enroll(precoro, clock, login), n)

    def checks(self, barrier: threading.Barrier) -> list[float]:
        latencies = []
        barrier.wait()
        for attempt_id, check in self.prepared:
            self.clock.current = check.now
            started = time.perf_counter()
            outcome = self.precoro.enter_code(attempt_id, check.code)
            latencies.append(time.perf_counter() - started)
            if not isinstance(outcome, SignedIn):
                raise RuntimeError(f"a right code was refused: {outcome}")
        return latencies


@contextmanager
def databases(postgres_url: str | None, durable: bool) -> Iterator:  # type: ignore[type-arg]
    """A function that gives the URL of a new, empty database of a kind."""
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="precoro-bench-")))
        numbers = iter(range(1_000_000))
        admin = None

        def new_url(kind: str) -> str:
            nonlocal admin
            number = next(numbers)
            if kind == "sqlite":
                return f"sqlite:///{folder}/bench-{number}.sqlite3"
            if admin is None:
                admin = stack.enter_context(_postgres_admin(postgres_url, durable))
            with admin.connect() as connection:
                connection.execute(text(f"CREATE DATABASE bench_{number}"))
            return str(admin.url.set(database=f"bench_{number}").render_as_string(False))

        yield new_url


@contextmanager
def _postgres_admin(url: str | None, durable: bool) -> Iterator:  # type: ignore[type-arg]
    with ExitStack() as stack:
        if url is None:
            from tests.store.postgres import throwaway_cluster

            url = stack.enter_context(throwaway_cluster(durable=True)).url()
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        stack.callback(engine.dispose)
        yield engine


def table(results: dict[str, dict[int, Throughput]]) -> str:
    lines = [
        "| store | workers | checks/s | p50 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for store, by_workers in results.items():
        for workers, figures in by_workers.items():
            lines.append(
                f"| {store} | {workers} | {figures.checks_per_s:,.0f} | "
                f"{figures.p50_ms:.2f} | {figures.p99_ms:.2f} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--checks", type=int, default=4000, help="checks per figure")
    parser.add_argument("--durable", action="store_true", help="SQLite synchronous=FULL")
    parser.add_argument("--postgres-url", help="an existing PostgreSQL server to use")
    parser.add_argument("--stores", nargs="+", default=list(STORES), choices=STORES)
    parser.add_argument("--workers", nargs="+", type=int, default=list(WORKERS))
    arguments = parser.parse_args()
    results = measure(
        tuple(arguments.stores),
        tuple(arguments.workers),
        arguments.checks,
        arguments.durable,
        arguments.postgres_url,
    )
    print(table(results))


if __name__ == "__main__":
    main()
