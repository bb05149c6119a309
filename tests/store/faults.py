"""A SQLite file made read-only under a running app: ``chattr +i`` on it and its WAL.

The kernel then refuses every write to them, root's included and through descriptors opened
before: a database made read-only under a running app (``chmod`` would not stop root, and a
read-only remount is refused while the app holds the files open for writing). The ``-shm``
index stays writable, as SQLite's readers need it. Needs root, and a file system that keeps
the flag (ext4 does; CI runs as root).
"""

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def run(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=30)  # noqa: S603
    needs = "root, and a file system that supports it"
    assert done.returncode == 0, f"{' '.join(command)}: {done.stderr.strip()} (needs {needs})"


@contextmanager
def read_only(database: Path) -> Iterator[None]:
    """``database`` and its WAL refuse every write until the block ends."""
    files = [str(database), f"{database}-wal"]
    run("chattr", "+i", *files)
    try:
        yield
    finally:
        run("chattr", "-i", *files)
