"""6. The developer loop: wall time of the specs, the unit tests and the notebooks.

Each suite is run as ``scripts/test.sh`` runs it (the notebooks with this .venv's kernel).
"""

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).parent.parent
PYTEST = [sys.executable, "-m", "pytest", "-q"]
SUITES = {
    "specs, service driver (tests/steps)": ["tests/steps", "--driver", "service"],
    "unit tests (tests/unit)": ["tests/unit"],
    "notebooks (--nbval notebooks)": ["--nbval", "--nbval-current-env", "notebooks"],
}


@dataclass(frozen=True)
class SuiteTime:
    seconds: float
    summary: str
    passed: bool


def run_suite(arguments: list[str]) -> tuple[bool, str]:
    done = subprocess.run(  # noqa: S603 (our own pytest)
        [*PYTEST, *arguments], cwd=ROOT, capture_output=True, text=True, check=False
    )
    lines = done.stdout.strip().splitlines()
    return done.returncode == 0, lines[-1] if lines else done.stderr.strip()[-200:]


def measure(repeats: int) -> dict[str, SuiteTime]:
    found = {}
    for name, arguments in SUITES.items():
        times, outcomes = [], []
        for _ in range(repeats):
            started = time.perf_counter()
            outcomes.append(run_suite(arguments))
            times.append(time.perf_counter() - started)
        passed = all(ok for ok, _ in outcomes)
        found[name] = SuiteTime(statistics.median(times), outcomes[-1][1], passed)
    return found
