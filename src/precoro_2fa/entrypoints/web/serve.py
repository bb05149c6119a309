"""``precoro-2fa serve``: the reference app on gunicorn, on 127.0.0.1, over a SQLite file or
a PostgreSQL database (any number of app servers may share one; see ``keys`` for their keys).

The database is migrated and seeded once, before gunicorn starts its workers; each worker
then opens the store for itself (a connection must not cross a fork), and purges what has
expired every 10 minutes (``purging.Purger``).
"""

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter

from precoro_2fa import Precoro
from precoro_2fa.adapters.smtp import SmtpMailer
from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.bootstrap import bootstrap, bootstrap_sql
from precoro_2fa.entrypoints.database import DEFAULT_DATABASE, database_url

from .app import create_app
from .demo_data import describe, seed
from .keys import keys_for
from .purging import Purger

HOST = "127.0.0.1"
THREADS = 4
"""Threads beside each worker: while one thread waits for argon2 or the database (both
release the GIL), another runs the Python part of its request."""


def cores() -> int:
    """The cores this process may run on (its CPU affinity), as gunicorn's workers should."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class ClockFile:
    """``serve --test-clock FILE``, for tests only: the time is read from ``FILE`` (an ISO 8601
    UTC time, which the test moves) each time the app asks; without the option, the system's."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def now(self) -> datetime:
        return datetime.fromisoformat(self._path.read_text(encoding="ascii").strip())


@dataclass(frozen=True, slots=True)
class ServeOptions:
    port: int = 8000
    database: str = DEFAULT_DATABASE
    """A SQLite file, or a SQLAlchemy URL such as ``postgresql+psycopg://user@host/db``."""
    key_file: Path | None = None
    workers: int = field(default_factory=cores)
    """One process a core: the Python part of each request holds its process's GIL."""
    threads: int = THREADS
    https_proxies: int = 0
    test_clock: Path | None = None
    """Tests only: the app's time is read from this file (see ``ClockFile``)."""
    smtp: str | None = None
    """``host:port`` of the SMTP server for notifications; None: the Mailbox page shows them."""

    @property
    def url(self) -> str:
        return database_url(self.database)


def build_app(options: ServeOptions) -> Flask:
    """The app over the database, its sessions in the same database (see ``create_app``)."""
    keys = keys_for(options.url, options.key_file)
    clock = None if options.test_clock is None else ClockFile(options.test_clock)
    mailer = None
    if options.smtp is not None:
        host, _, port = options.smtp.rpartition(":")
        mailer = SmtpMailer(host, int(port))
    precoro = bootstrap_sql(options.url, keys.secrets, clock=clock, mailer=mailer)
    return create_app(precoro, keys.sessions, _sql_store(precoro), options.https_proxies)


def _sql_store(precoro: Precoro) -> SqlStore:
    if not isinstance(precoro.store, SqlStore):
        raise TypeError("the served app keeps its sessions in its SQL store")
    return precoro.store


def prepare(options: ServeOptions) -> None:
    """Migrate and seed the database, and print the demo accounts."""
    store = SqlStore(options.url, keys_for(options.url, options.key_file).secrets)
    try:
        created = seed(bootstrap(store))
    finally:
        store.dispose()
    print(f"Database: {store.url!r} ({'seeded with the demo data' if created else 'as it was'})")
    print(describe())


def serve(options: ServeOptions) -> int:
    prepare(options)
    _Gunicorn(options).run()
    return 0


class _Gunicorn(BaseApplication):  # type: ignore[misc]  # gunicorn ships no types
    """gunicorn's documented custom application: its settings from ``options``, the app
    built in each worker."""

    def __init__(self, options: ServeOptions) -> None:
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        settings: dict[str, Any] = {
            "bind": f"{HOST}:{self._options.port}",
            "workers": self._options.workers,
            "threads": self._options.threads,
            "when_ready": self._say_where,
            "control_socket_disable": True,  # one per user otherwise: servers side by side clash
        }
        for name, value in settings.items():
            self.cfg.set(name, value)

    def load(self) -> Flask:
        """The app of this worker, and its purger (``Purger`` says why there)."""
        app = build_app(self._options)
        Purger(app.extensions["precoro"]).start()
        return app

    def _say_where(self, arbiter: Arbiter) -> None:
        workers, threads = self._options.workers, self._options.threads
        print(
            f"gunicorn: {workers} worker{'s' * (workers != 1)} x {threads} threads "
            f"({cores()} cores here; --workers N --threads N to change)",
            flush=True,
        )
        for listener in arbiter.LISTENERS:
            host, port = listener.getsockname()[:2]
            print(f"Precoro 2FA reference app: http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
