"""3. The peer: django-otp against the project, both on SQLite at one worker, alternated.

django-otp lives in its own virtual environment, ``benchmarks/.venv-django``, made here
on first use (``pip install django django-otp``); ``django_peer.py`` runs in it as a
subprocess that answers one JSON line per batch of checks.
"""

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.stored import sqlite_bench
from benchmarks.timing import Ratios, Throughput

HERE = Path(__file__).parent
VENV = HERE / ".venv-django"
PYTHON = VENV / "bin" / "python"


@dataclass(frozen=True)
class Durability:
    """One row of the comparison: each side's SQLite settings."""

    name: str
    project_durable: bool
    django_pragmas: str


WAL = "PRAGMA journal_mode=WAL; PRAGMA synchronous="
DURABILITIES = (
    Durability("each at its defaults", False, ""),
    Durability("both WAL, synchronous=NORMAL", False, WAL + "NORMAL"),
    Durability("both WAL, synchronous=FULL", True, WAL + "FULL"),
)


@dataclass(frozen=True)
class PeerRow:
    durability: Durability
    project: Throughput
    django: Throughput
    ratios: Ratios
    """Project ÷ django-otp checks/s, round by round."""
    project_pragmas: dict[str, str]
    django_pragmas: dict[str, str]
    versions: str


def ensure_venv() -> None:
    """Create the django-otp environment once; later runs reuse it."""
    if PYTHON.exists():
        return
    print("setting up benchmarks/.venv-django (django, django-otp)…", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)  # noqa: S603
    pip = [str(PYTHON), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "django", "django-otp"], check=True)  # noqa: S603


class DjangoPeer:
    """The subprocess running ``django_peer.py`` on its own SQLite file."""

    def __init__(self, db_file: Path, pragmas: str) -> None:
        command = [str(PYTHON), str(HERE / "django_peer.py"), str(db_file), pragmas]
        self._process = subprocess.Popen(  # noqa: S603
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.ready = self._answer()

    def right_codes(self, n: int) -> Throughput:
        answer = self._ask(f"right {n}")
        if answer["as_expected"] != n:
            raise RuntimeError(f"django-otp refused right codes: {answer}")
        return Throughput(answer["checks_per_s"], answer["p50_ms"], answer["p99_ms"])

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=60)

    def _ask(self, line: str) -> dict[str, float]:
        assert self._process.stdin is not None  # noqa: S101 (opened with PIPE)
        self._process.stdin.write(line + "\n")
        self._process.stdin.flush()
        return self._answer()

    def _answer(self) -> dict[str, float]:
        assert self._process.stdout is not None  # noqa: S101 (opened with PIPE)
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError("the django-otp benchmark stopped; see its error above")
        answer: dict[str, float] = json.loads(line)
        return answer


def compare(durability: Durability, n: int, repeats: int) -> PeerRow:
    """Alternate a batch of ``n`` right codes on each side, ``repeats`` rounds, after a warm-up."""
    with tempfile.TemporaryDirectory(prefix="precoro-bench-") as folder:
        django = DjangoPeer(Path(folder, "django.sqlite3"), durability.django_pragmas)
        try:
            with sqlite_bench(Path(folder, "project.sqlite3"), durability.project_durable) as bench:
                bench.right_codes(n)
                django.right_codes(n)
                ours, theirs = [], []
                for _ in range(repeats):
                    ours.append(bench.right_codes(n))
                    theirs.append(django.right_codes(n))
                project_pragmas = bench.pragmas()
        finally:
            django.close()
    ready = django.ready
    return PeerRow(
        durability,
        Throughput.median(ours),
        Throughput.median(theirs),
        Ratios.paired([r.checks_per_s for r in ours], [r.checks_per_s for r in theirs]),
        project_pragmas,
        {"journal_mode": str(ready["journal_mode"]), "synchronous": str(ready["synchronous"])},
        f"Django {ready['django']}, django-otp {ready['django_otp']}",
    )


def measure(n: int, repeats: int) -> list[PeerRow]:
    ensure_venv()
    return [compare(durability, n, repeats) for durability in DURABILITIES]
