"""``precoro-2fa serve``: the reference app on 127.0.0.1 over a SQLite file."""

from datetime import datetime
from pathlib import Path

from flask import Flask
from werkzeug.serving import make_server

from precoro_2fa.bootstrap import bootstrap_sql

from .app import create_app
from .demo_data import describe, seed

HOST = "127.0.0.1"


class ClockFile:
    """``serve --test-clock FILE``, for tests only: the time is read from ``FILE`` (an ISO 8601
    UTC time, which the test moves) each time the app asks; without the option, the system's."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def now(self) -> datetime:
        return datetime.fromisoformat(self._path.read_text(encoding="ascii").strip())


def build_app(database: Path, test_clock: Path | None = None) -> Flask:
    """The app over the SQLite file ``database``, created and seeded on first start."""
    clock = None if test_clock is None else ClockFile(test_clock)
    precoro = bootstrap_sql(f"sqlite:///{database.resolve()}", clock=clock)
    created = seed(precoro)
    print(f"Database: {database} ({'seeded with the demo data' if created else 'as it was'})")
    print(describe())
    return create_app(precoro)


def serve(port: int, database: Path, test_clock: Path | None = None) -> int:
    server = make_server(HOST, port, build_app(database, test_clock), threaded=True)
    print(f"Precoro 2FA reference app: http://{HOST}:{server.port}/  (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        server.server_close()
    return 0
