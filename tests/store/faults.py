"""A SQLite file made read-only under a running app: ``chattr +i`` on it and its WAL.

The kernel then refuses every write to them, root's included and through descriptors opened
before: a database made read-only under a running app (``chmod`` would not stop root, and a
read-only remount is refused while the app holds the files open for writing). The ``-shm``
index stays writable, as SQLite's readers need it. Needs root, and a file system that refuses
such writes: ext4 does; tmpfs (``/dev/shm``, where ``scripts/test.sh`` puts the tests' files)
takes the flag but lets writes through descriptors opened before, so the database goes in
``folder_on_disk()``. CI runs as root.
"""

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ON_DISK = Path("/var/tmp")  # noqa: S108 (a folder of its own is made in it, by mkdtemp)
"""Temporary files kept on disk (the Filesystem Hierarchy Standard's), not in memory."""


def run(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=30)  # noqa: S603
    needs = "root, and a file system that supports it"
    assert done.returncode == 0, f"{' '.join(command)}: {done.stderr.strip()} (needs {needs})"


@contextmanager
def folder_on_disk(prefix: str) -> Iterator[Path]:
    """A new folder under ``ON_DISK``, removed at the end."""
    with tempfile.TemporaryDirectory(prefix=f"precoro-2fa-{prefix}-", dir=ON_DISK) as folder:
        yield Path(folder)


def refuses_writes_to_immutable(folder: Path) -> bool:
    """Whether the file system of ``folder`` refuses a write to an immutable file through a
    descriptor opened before the flag was set."""
    probe = folder / ".immutable-probe"
    with probe.open("wb", buffering=0) as opened:
        run("chattr", "+i", str(probe))
        try:
            opened.write(b"x")
        except PermissionError:
            return True
        finally:
            run("chattr", "-i", str(probe))
            probe.unlink()
    return False


@contextmanager
def read_only(database: Path) -> Iterator[None]:
    """``database`` and its WAL refuse every write until the block ends."""
    assert refuses_writes_to_immutable(database.parent), (
        f"{database.parent}: its file system lets writes through to an immutable file (tmpfs?):"
        " the database must be in folder_on_disk()"
    )
    files = [str(database), f"{database}-wal"]
    run("chattr", "+i", *files)
    try:
        yield
    finally:
        run("chattr", "-i", *files)
