"""The load section: three systems under 1, 2, 4 and 8 browsers, taking turns.

1. The argon2 limit: the median time of one password check at the served parameters
   (``benchmarks.passwords``), measured before each round and after the last one; the
   limit is ``cores ÷ median``, the most sign-ins per second the password hash allows.
2. People: ``rate * 30 * 1.2`` of them for the limit's rate (or 50 sign-ins/s a core if
   more), written once, prepared in each system's database.
   They and everything else of the run are kept in ``benchmarks/.cache/load`` (git-ignored)
   until the next run.
3. The systems, all started before the first case: this app on a SQLite file (one server),
   this app on PostgreSQL (two servers sharing a throw-away cluster, the browsers spread
   over both), django-two-factor-auth on a SQLite file (gunicorn). Each gets a short
   unreported warm-up, then in each round (one per number of browsers) each system in
   turn has one case of ``seconds``; each round starts with the next system.
"""

import json
import os
import shutil
import statistics
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text

from benchmarks import passwords
from benchmarks.load import app_side, case, peer_side, people
from benchmarks.load.app_side import ServerSettings
from benchmarks.load.case import CaseResult, Target
from benchmarks.load.servers import Server
from precoro_2fa.adapters.sql import new_key

RECORDS = Path(__file__).parents[1] / ".cache" / "load"
"""The last run's databases, people, server logs, each case's locust log, CSV and JSON, and
the whole result (``result.json``)."""
BROWSERS = (1, 2, 4, 8)
THREADS = 4
X = "\N{MULTIPLICATION SIGN}"
VERIFY_REPEATS = 15
FLOOR = 50
"""People for at least this many sign-ins/s a core: the limit measured at the start of the
run may fall in a slow minute of the shared machine."""


@dataclass(frozen=True)
class LoadSettings:
    browsers: tuple[int, ...] = BROWSERS
    seconds: int = 25
    warm_up: int = 5
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    threads: int = THREADS


@dataclass
class LoadResult:
    settings: LoadSettings
    cores: int
    parameters: str
    """The argon2 parameters, as served."""
    verify_ms: list[float] = field(default_factory=list)
    """The median password check of each measurement."""
    verify_cpu_ms: list[float] = field(default_factory=list)
    """The same checks' median CPU milliseconds (``time.process_time``)."""
    targets: list[Target] = field(default_factory=list)
    cases: list[CaseResult] = field(default_factory=list)
    people: int = 0
    peer_versions: dict[str, str] = field(default_factory=dict)

    @property
    def verify_median_ms(self) -> float:
        return statistics.median(self.verify_ms)

    @property
    def verify_cpu_median_ms(self) -> float:
        return statistics.median(self.verify_cpu_ms)

    @property
    def limit(self) -> float:
        """Sign-ins/s the password hash allows: cores ÷ the median check's seconds."""
        return self.cores / (self.verify_median_ms / 1e3)


def measure(settings: LoadSettings) -> LoadResult:
    result = LoadResult(settings, os.cpu_count() or 1, "")
    _verify(result)
    with ExitStack() as stack:
        folder = _emptied(RECORDS)
        people_file = folder / "people.json"
        everyone = people.new_people(people.people_needed(max(result.limit, FLOOR * result.cores)))
        people.save(everyone, people_file)
        result.people = len(everyone)
        _say(f"preparing {len(everyone):,} people in each system, starting the servers")
        result.targets = [
            stack.enter_context(_app_on_sqlite(settings, everyone, folder)),
            stack.enter_context(_app_on_postgres(settings, everyone, folder)),
            stack.enter_context(_peer(settings, folder, result)),
        ]
        for target in result.targets:
            _say(f"warming up {target.label}")
            case.run(target, max(settings.browsers), settings.warm_up, folder)
        for turn, browsers in enumerate(settings.browsers):
            _verify(result)
            for target in _rotated(result.targets, turn):
                _say(f"{target.label}, {browsers} browsers, {settings.seconds} s")
                result.cases.append(case.run(target, browsers, settings.seconds, folder))
        _verify(result)
        (folder / "result.json").write_text(json.dumps(asdict(result), default=str))
    return result


def _say(what: str) -> None:
    print(f"{datetime.now(UTC):%H:%M:%S}   load: {what}…", file=sys.stderr, flush=True)


def _emptied(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _rotated(targets: list[Target], turn: int) -> list[Target]:
    """Each round starts with the next system: none always follows the same one."""
    start = turn % len(targets)
    return targets[start:] + targets[:start]


def _verify(result: LoadResult) -> None:
    median_ms, result.parameters = passwords.measure(VERIFY_REPEATS)
    result.verify_ms.append(median_ms)
    result.verify_cpu_ms.append(passwords.cpu_median_ms(VERIFY_REPEATS))


LABELS = {
    "app-sqlite": "this app, SQLite",
    "app-postgres": "this app, PostgreSQL, 2 servers",
    "django-2fa": "django-two-factor-auth, SQLite",
}


def _target(
    name: str,
    site: str,
    servers: list[Server],
    folder: Path,
    server: str,
    database_pids: tuple[int, ...] = (),
) -> Target:
    people_file, state = folder / "people.json", folder / f"{name}.state.json"
    urls, pids = tuple(s.url for s in servers), tuple(s.process.pid for s in servers)
    return Target(name, LABELS[name], site, urls, people_file, state, server, pids, database_pids)


def _served_as(servers_count: int, settings: ServerSettings) -> str:
    workers = "1 worker" if settings.workers == 1 else f"{settings.workers} workers"
    each = f"{workers} {X} {settings.threads} threads"
    return f"gunicorn, {each}" if servers_count == 1 else f"{servers_count} {X} gunicorn, {each}"


@contextmanager
def _app_on_sqlite(
    settings: LoadSettings, everyone: list[people.Person], folder: Path
) -> Iterator[Target]:
    url, key = f"sqlite:///{folder / 'app.sqlite3'}", new_key()
    app_side.prepare(url, key, everyone)
    served = ServerSettings(settings.workers, settings.threads)
    with app_side.served(url, key, 1, served, folder / "app-sqlite-server") as servers:
        yield _target("app-sqlite", "app", servers, folder, _served_as(1, served))


@contextmanager
def _app_on_postgres(
    settings: LoadSettings, everyone: list[people.Person], folder: Path
) -> Iterator[Target]:
    from tests.store.postgres import throwaway_cluster

    with throwaway_cluster(durable=True) as cluster:
        admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE load"))
        admin.dispose()
        url, key = cluster.url("load"), new_key()
        app_side.prepare(url, key, everyone)
        served = ServerSettings(max(1, settings.workers // 2), settings.threads)
        postmaster = _postmaster(cluster.directory / "data")
        with app_side.served(url, key, 2, served, folder / "app-postgres-server") as servers:
            label = _served_as(2, served)
            yield _target("app-postgres", "app", servers, folder, label, (postmaster,))


@contextmanager
def _peer(settings: LoadSettings, folder: Path, result: LoadResult) -> Iterator[Target]:
    peer_side.ensure_venv()
    database = folder / "django.sqlite3"
    result.peer_versions = peer_side.prepare(database, folder / "people.json")
    served = ServerSettings(settings.workers, settings.threads)
    with peer_side.served(database, served, folder) as server:
        yield _target("django-2fa", "django", [server], folder, _served_as(1, served))


def _postmaster(data: Path) -> int:
    """PostgreSQL's main process: the first line of its ``postmaster.pid``."""
    return int((data / "postmaster.pid").read_text().split()[0])
