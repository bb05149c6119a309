"""A throw-away PostgreSQL cluster on 127.0.0.1: initdb into a temporary folder, start, drop.

Debian's ``postgresql`` package (scripts/debian-packages-tests.txt) brings the server; as root the
cluster runs as the ``postgres`` user, since PostgreSQL refuses to run as root.
"""

import os
import secrets
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"
FAST = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}
"""For tests only: a throw-away cluster need not survive a power cut."""


def server_programs() -> Path:
    """The folder of ``initdb`` and ``pg_ctl``: Debian keeps them out of PATH."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=_major)
    if not versions:
        raise RuntimeError("PostgreSQL is not installed: run scripts/install.sh")
    return versions[-1].parent


def _major(pg_ctl: Path) -> int:
    return int(pg_ctl.parent.parent.name)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class Cluster:
    directory: Path
    port: int
    password: str

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{database}"


@contextmanager
def throwaway_cluster(durable: bool = False) -> Iterator[Cluster]:
    """A running cluster, stopped and deleted on exit. ``durable``: PostgreSQL's defaults."""
    directory = Path(tempfile.mkdtemp(prefix="precoro-2fa-postgres-"))
    try:
        cluster = Cluster(directory, free_port(), secrets.token_urlsafe(24))
        _own(directory)
        _init(cluster)
        _run(_pg_ctl(cluster, durable, "start"))
        try:
            yield cluster
        finally:
            _run([*_pg_ctl_on(cluster), "-m", "fast", "stop"])
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def stop(cluster: Cluster) -> None:
    """PostgreSQL's fast shutdown: sessions are ended, the server stops once it checkpointed."""
    _run([*_pg_ctl_on(cluster), "-m", "fast", "stop"])


def start(cluster: Cluster, durable: bool = False) -> None:
    """Start the cluster again (with the settings it was made with); back once it accepts
    connections (``pg_ctl -w``), after crash recovery if it was killed."""
    _run(_pg_ctl(cluster, durable, "start"))


def kill(cluster: Cluster, within: float = 30.0) -> None:
    """SIGKILL the postmaster: a crash. Its children (sessions, checkpointer, ...) see it gone
    and end by themselves; back once every one of them has (each watched through a pidfd,
    which becomes readable when its process ends), so no old session answers after."""
    postmaster = int((cluster.directory / "data" / "postmaster.pid").read_text().split()[0])
    watched = [os.pidfd_open(pid) for pid in (postmaster, *_children(postmaster))]
    try:
        os.kill(postmaster, signal.SIGKILL)
        deadline = time.monotonic() + within
        while watched:
            ended, _, _ = select.select(watched, [], [], max(0.0, deadline - time.monotonic()))
            if not ended:
                raise TimeoutError(f"PostgreSQL's processes still run {within} s after SIGKILL")
            for descriptor in ended:
                watched.remove(descriptor)
                os.close(descriptor)
    finally:
        for descriptor in watched:
            os.close(descriptor)


def _children(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended meanwhile
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def _init(cluster: Cluster) -> None:
    password_file = cluster.directory / "password"
    password_file.write_text(cluster.password + "\n")
    _own(password_file)
    initdb = str(server_programs() / "initdb")
    data = str(cluster.directory / "data")
    options = ["--auth=scram-sha-256", f"--pwfile={password_file}", "--locale=C", "--no-sync"]
    _run([initdb, "-D", data, "-U", SUPERUSER, "-E", "UTF8", *options])
    password_file.unlink()


def _pg_ctl(cluster: Cluster, durable: bool, action: str) -> list[str]:
    settings: dict[str, object] = {
        "listen_addresses": "127.0.0.1",
        "port": cluster.port,
        "unix_socket_directories": cluster.directory,
        "max_connections": 200,
    }
    if not durable:
        settings |= FAST
    options = " ".join(f"-c {name}={value}" for name, value in settings.items())
    log = cluster.directory / "server.log"
    return [*_pg_ctl_on(cluster), "-l", str(log), "-o", options, action]


def _pg_ctl_on(cluster: Cluster) -> list[str]:
    return [str(server_programs() / "pg_ctl"), "-D", str(cluster.directory / "data"), "-w"]


def _as_owner() -> list[str]:
    """PostgreSQL will not run as root: then it runs as the ``postgres`` user."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _own(path: Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")


def _run(command: list[str]) -> None:
    subprocess.run(  # noqa: S603 (our own programs, our own arguments)
        _as_owner() + command, check=True, capture_output=True, cwd="/", timeout=120
    )
