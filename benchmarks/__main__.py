"""``python -m benchmarks``: every benchmark in one run, printed as markdown tables.

Each figure is the median of several repetitions; cases that are compared take turns.
``--quick`` runs fewer and shorter repetitions (for trying the command, not for figures).
Section 8 (a sign-in's CPU outside its password hash, in process) runs with the first six;
section 7 (load, about ten minutes) runs last: ``--skip-load`` leaves it out, ``--only-load``
runs it alone (as ``python -m benchmarks.load`` does).
"""

import argparse
import os
import platform
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from benchmarks import dev_loop, growth, in_memory, passwords, peer, signin_cost, storage
from benchmarks.load import measure as load
from benchmarks.report import Report, targets_table

T = TypeVar("T")


def main() -> None:
    arguments = _arguments()
    quick = arguments.quick
    report = Report(quick)
    started = datetime.now(UTC)
    if not arguments.only_load:
        _other_sections(report, arguments)
    if not arguments.skip_load:
        _step("7. load")
        report.load = load.measure(_load_settings(quick))
    print(_header(started, quick))
    print(targets_table(report))
    print(report.tables())


def _other_sections(report: Report, arguments: argparse.Namespace) -> None:
    quick = arguments.quick
    _step("1. code check in memory")
    report.in_memory = in_memory.measure(n=500 if quick else 1000, repeats=3 if quick else 21)
    # The peer runs before the storage section: django-otp's figure is the disk's sync, and
    # the PostgreSQL server of section 2 leaves the disk busy for a while after it stops.
    _step("3. the peer: django-otp")
    report.peer = peer.measure(n=100 if quick else 300, repeats=5 if quick else 15)
    _step("2. code check with storage")
    report.storage = _unless(
        arguments.skip_storage,
        lambda: storage.measure(checks=320 if quick else 1600, repeats=1 if quick else 3),
    )
    _step("4. growth")
    sizes = growth.SIZES[:2] if quick else growth.SIZES
    report.growth = growth.measure(n=100 if quick else 200, repeats=5 if quick else 15, sizes=sizes)
    _step("5. sign-in with password")
    report.password = passwords.measure(repeats=5 if quick else 15)
    _step("6. developer loop")
    report.dev_loop = _unless(arguments.skip_dev_loop, lambda: dev_loop.measure(1 if quick else 3))
    _step("8. a sign-in's CPU outside the hash, in process")
    report.sign_in = signin_cost.measure(rounds=2 if quick else signin_cost.ROUNDS)


def _load_settings(quick: bool) -> load.LoadSettings:
    return load.LoadSettings(seconds=5, warm_up=2) if quick else load.LoadSettings()


def _unless(skip: bool, measure: Callable[[], T]) -> T | None:
    return None if skip else measure()


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer, shorter repetitions")
    parser.add_argument("--skip-storage", action="store_true", help="leave out section 2")
    parser.add_argument("--skip-dev-loop", action="store_true", help="leave out section 6")
    parser.add_argument("--skip-load", action="store_true", help="leave out section 7")
    parser.add_argument("--only-load", action="store_true", help="run section 7 alone")
    return parser.parse_args()


def _step(name: str) -> None:
    print(f"{datetime.now(UTC):%H:%M:%S} {name}…", file=sys.stderr, flush=True)


def _header(started: datetime, quick: bool) -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    kind = " (--quick: not for publishing)" if quick else ""
    return (
        f"## Benchmark run{kind}\n\n"
        f"{started:%Y-%m-%d %H:%M} UTC · {_cpu()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · load average at the end {load}\n"
    )


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
