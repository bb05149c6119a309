"""``precoro-2fa serve``: the reference app on gunicorn, on 127.0.0.1, over a SQLite file.

The database is migrated and seeded once, before gunicorn starts its workers; each worker
then opens the store for itself (a connection must not cross a fork).
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter

from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.adapters.sql.encryption import key_file
from precoro_2fa.bootstrap import bootstrap, bootstrap_sql

from .app import create_app
from .demo_data import describe, seed

HOST = "127.0.0.1"


@dataclass(frozen=True, slots=True)
class ServeOptions:
    port: int = 8000
    database: Path = Path("precoro-2fa.sqlite3")
    workers: int = 1
    threads: int = 8
    https_proxies: int = 0


def build_app(database: Path, https_proxies: int = 0) -> Flask:
    """The app over the SQLite file ``database``, its sessions in the same file and signed
    with the key kept beside it, ``<database>.session-key`` (see ``create_app``)."""
    url = _url(database)
    session_key = key_file(Path(f"{database}.session-key"))
    return create_app(bootstrap_sql(url), session_key, url, https_proxies)


def prepare(database: Path) -> None:
    """Migrate and seed ``database``, and print the demo accounts."""
    store = SqlStore(_url(database))
    try:
        created = seed(bootstrap(store))
    finally:
        store.dispose()
    print(f"Database: {database} ({'seeded with the demo data' if created else 'as it was'})")
    print(describe())


def serve(options: ServeOptions) -> int:
    prepare(options.database)
    _Gunicorn(options).run()
    return 0


def _url(database: Path) -> str:
    return f"sqlite:///{database.resolve()}"


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
            "when_ready": _say_where,
            "control_socket_disable": True,  # one per user otherwise: servers side by side clash
        }
        for name, value in settings.items():
            self.cfg.set(name, value)

    def load(self) -> Flask:
        return build_app(self._options.database, self._options.https_proxies)


def _say_where(arbiter: Arbiter) -> None:
    for listener in arbiter.LISTENERS:
        host, port = listener.getsockname()[:2]
        print(f"Precoro 2FA reference app: http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
