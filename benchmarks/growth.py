"""4. Growth: the code check on SQLite with 10³, 10⁵ and 10⁶ users in the store.

The other users are bulk-inserted in one SQL statement, as copies of an enrolled user's
row under other logins (their sealed secrets are bound to the template's login, so they
would not open; they are never read: they are there to make the tables and indexes big).
Each database is built once and kept under ``benchmarks/.cache``; a run works on a fresh
copy, so that what one run adds (attempts, audit events) does not pile up.
"""

import shutil
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.stored import StoredBench, sqlite_store
from benchmarks.timing import Ratios, Throughput

CACHE = Path(__file__).parent / ".cache"
SIZES = (1_000, 100_000, 1_000_000)
TEMPLATE = "eve"

_CLONE_USERS = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)
INSERT INTO users (login, {columns})
SELECT printf('user%07d@bench.test', i), {columns} FROM n, users WHERE users.login = :template
"""


def cached_database(users: int) -> Path:
    """A SQLite file with ``users`` users, the enrolled ``eve`` among them (built once)."""
    path = CACHE / f"users-{users}.sqlite3"
    if not path.exists():
        print(f"building the {users:,}-user database in {CACHE} (once)…", file=sys.stderr)
        CACHE.mkdir(exist_ok=True)
        draft = path.with_name(f"draft-{path.name}")
        _build(draft, users)
        Path(f"{draft}.key").replace(Path(f"{path}.key"))
        draft.replace(path)
    return path


def _build(path: Path, users: int) -> None:
    for leftover in (path, Path(f"{path}.key"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    store = sqlite_store(path)
    StoredBench.on(store, TEMPLATE)
    store.dispose()
    with sqlite3.connect(path) as connection:
        names = [row[1] for row in connection.execute("PRAGMA table_info(users)")]
        columns = ", ".join(c for c in names if c not in ("number", "login"))
        statement = _CLONE_USERS.format(columns=columns)
        connection.execute(statement, {"count": users - 1, "template": TEMPLATE})
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def user_count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        count: int = connection.execute("SELECT count(*) FROM users").fetchone()[0]
    connection.close()
    return count


@dataclass(frozen=True)
class Growth:
    found: dict[int, Throughput]
    """Per size: the median over the rounds."""
    slower: dict[int, Ratios]
    """Per size: its p50 ÷ the smallest size's p50, round by round."""


def measure(n: int, repeats: int, sizes: tuple[int, ...] = SIZES) -> Growth:
    """Per size, ``repeats`` rounds of ``n`` right codes, after a warm-up.

    The sizes take turns, batch by batch, so that a busy moment of the machine falls on
    all of them alike, and each round compares them a moment apart.
    """
    with tempfile.TemporaryDirectory(prefix="precoro-growth-") as folder:
        stores = {users: sqlite_store(_fresh_copy(users, Path(folder))) for users in sizes}
        try:
            benches = {users: StoredBench.attach(s, TEMPLATE) for users, s in stores.items()}
            runs: dict[int, list[Throughput]] = {users: [] for users in sizes}
            for bench in benches.values():
                bench.right_codes(n)
            for _ in range(repeats):
                for users, bench in benches.items():
                    runs[users].append(bench.right_codes(n))
        finally:
            for store in stores.values():
                store.dispose()
    p50s = {users: [run.p50_ms for run in found] for users, found in runs.items()}
    return Growth(
        {users: Throughput.median(found) for users, found in runs.items()},
        {users: Ratios.paired(p50s[users], p50s[min(sizes)]) for users in sizes},
    )


def _fresh_copy(users: int, folder: Path) -> Path:
    source = cached_database(users)
    if user_count(source) != users:
        raise RuntimeError(f"{source} does not hold {users} users: delete it to rebuild it")
    copy = folder / source.name
    shutil.copyfile(source, copy)
    shutil.copyfile(f"{source}.key", f"{copy}.key")
    return copy
