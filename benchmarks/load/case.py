"""One case of the load benchmark: locust, headless, ``C`` browsers against one system.

Locust runs in a subprocess (it patches the standard library for gevent) for a fixed time
and stops by itself; its per-request statistics go to CSV files beside its log, and the
scenario writes its own counts and latencies to a JSON file, read back here.
"""

import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.load import cpu

HERE = Path(__file__).parent
LOCUST = Path(sys.executable).parent / "locust"


@dataclass(frozen=True)
class Target:
    """A system under load: its pages (``site``), its servers, its people and their state."""

    name: str
    label: str
    """As the report names it."""
    site: str
    urls: tuple[str, ...]
    people_file: Path
    state_file: Path
    server: str
    """How it is served, as the report says it."""
    server_pids: tuple[int, ...] = ()
    """The servers' main processes: their trees' CPU is the servers' (``cpu.py``)."""
    database_pids: tuple[int, ...] = ()
    """A database server's main process (PostgreSQL's postmaster), counted apart."""


@dataclass(frozen=True)
class CaseResult:
    target: str
    browsers: int
    seconds: float
    sign_ins: int
    replays: int
    double_acceptances: int
    errors: int
    error_samples: tuple[str, ...]
    pool_waits: int
    whole_ms: tuple[float, ...]
    code_ms: tuple[float, ...]
    locust_cpu: float
    """The load generator's CPU seconds during the load (locust's process, from ``/proc`` as
    the servers'; its own start and exit are not counted)."""
    machine_busy: float
    """The share of all cores' time that was busy during the case, whoever used it."""
    server_cpu: float = 0.0
    """CPU seconds of the servers (every worker) during the case."""
    database_cpu: float = 0.0
    """CPU seconds of the database server during the case (PostgreSQL only)."""

    def server_ms(self) -> float:
        """The servers' CPU milliseconds a sign-in."""
        return self.server_cpu / self.sign_ins * 1e3 if self.sign_ins else float("nan")

    def locust_ms(self) -> float:
        """The load generator's CPU milliseconds a sign-in."""
        return self.locust_cpu / self.sign_ins * 1e3 if self.sign_ins else float("nan")

    @property
    def locust_share(self) -> float:
        """The load generator's CPU seconds per second (1.0: one core, all the time)."""
        return self.locust_cpu / self.seconds

    def database_ms(self) -> float:
        return self.database_cpu / self.sign_ins * 1e3 if self.sign_ins else float("nan")

    @property
    def rate(self) -> float:
        return self.sign_ins / self.seconds

    def whole(self) -> tuple[float, float]:
        return _p50_p99(self.whole_ms)

    def code(self) -> tuple[float, float]:
        return _p50_p99(self.code_ms)


def _p50_p99(values: tuple[float, ...]) -> tuple[float, float]:
    if len(values) < 2:
        return (values[0], values[0]) if values else (float("nan"), float("nan"))
    centiles = statistics.quantiles(values, n=100, method="inclusive")
    return centiles[49], centiles[98]


def run(target: Target, browsers: int, seconds: int, folder: Path) -> CaseResult:
    """``browsers`` people signing in for ``seconds``, all started in the first second."""
    name = f"{target.name}-{browsers}"
    results = folder / f"{name}.json"
    environment = {
        "LOAD_SITE": target.site,
        "LOAD_HOSTS": ",".join(target.urls),
        "LOAD_PEOPLE": str(target.people_file),
        "LOAD_STATE": str(target.state_file),
        "LOAD_RESULTS": str(results),
        "PYTHONPATH": str(HERE.parents[1]),
    }
    log = folder / f"{name}.log"
    results.unlink(missing_ok=True)  # the warm-up's, at the same number of browsers
    busy_before, total_before = _machine_cpu()
    servers_before = cpu.tree_seconds(target.server_pids)
    database_before = cpu.tree_seconds(target.database_pids)
    _locust(browsers, seconds, folder / name, environment, log)
    servers_cpu = cpu.tree_seconds(target.server_pids) - servers_before
    database_cpu = cpu.tree_seconds(target.database_pids) - database_before
    busy_after, total_after = _machine_cpu()
    busy, total = busy_after - busy_before, total_after - total_before
    if not results.exists():
        raise RuntimeError(f"locust gave no results; its log:\n{log.read_text()[-3000:]}")
    found = json.loads(results.read_text())
    return CaseResult(
        target.name,
        browsers,
        found["seconds"],
        found["sign_ins"],
        found["replays"],
        found["double_acceptances"],
        found["errors"],
        tuple(found["error_samples"]),
        found["pool_waits"],
        tuple(found["whole_ms"]),
        tuple(found["code_ms"]),
        found["cpu"],
        busy / total if total else float("nan"),
        servers_cpu,
        database_cpu,
    )


def _machine_cpu() -> tuple[int, int]:
    """Busy and total time of all cores so far (Linux's /proc/stat, in clock ticks)."""
    with open("/proc/stat") as stat:
        ticks = [int(field) for field in stat.readline().split()[1:9]]
    idle = ticks[3] + ticks[4]  # idle, waiting for I/O
    return sum(ticks) - idle, sum(ticks)


def _locust(browsers: int, seconds: int, csv: Path, env: dict[str, str], log: Path) -> None:
    command = [
        str(LOCUST), "-f", str(HERE / "locustfile.py"), "--headless",
        "--users", str(browsers), "--spawn-rate", str(browsers), "--run-time", f"{seconds}s",
        "--stop-timeout", "0", "--only-summary", "--csv", str(csv), "--loglevel", "WARNING",
        "--exit-code-on-error", "0",
    ]  # fmt: skip
    with log.open("wb") as output:
        subprocess.run(  # noqa: S603 (our own program, our own arguments)
            command,
            env=os.environ | env,
            stdout=output,
            stderr=subprocess.STDOUT,
            timeout=seconds + 120,
            check=True,
        )
