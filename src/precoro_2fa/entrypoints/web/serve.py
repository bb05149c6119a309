"""``precoro-2fa serve``: the reference app on 127.0.0.1 over a SQLite file."""

from pathlib import Path

from flask import Flask
from werkzeug.serving import make_server

from precoro_2fa.bootstrap import bootstrap_sql

from .app import create_app
from .demo_data import describe, seed

HOST = "127.0.0.1"


def build_app(database: Path) -> Flask:
    """The app over the SQLite file ``database``, created and seeded on first start."""
    precoro = bootstrap_sql(f"sqlite:///{database.resolve()}")
    created = seed(precoro)
    print(f"Database: {database} ({'seeded with the demo data' if created else 'as it was'})")
    print(describe())
    return create_app(precoro)


def serve(port: int, database: Path) -> int:
    server = make_server(HOST, port, build_app(database), threaded=True)
    print(f"Precoro 2FA reference app: http://{HOST}:{server.port}/  (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        server.server_close()
    return 0
