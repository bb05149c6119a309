"""``precoro-2fa``: the command line."""

import argparse
from collections.abc import Sequence
from pathlib import Path

from precoro_2fa.entrypoints.demo import run_demo


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="precoro-2fa", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="walk through Turn On, Confirm and sign-in in the terminal")
    serve = commands.add_parser("serve", help="the reference app on 127.0.0.1 (demo accounts)")
    serve.add_argument("--port", type=int, default=8000, help="default: 8000; 0 picks a free one")
    serve.add_argument("--database", type=Path, default=Path("precoro-2fa.sqlite3"))
    serve.add_argument(
        "--test-clock",
        type=Path,
        help="tests only: read the app's time from this file (ISO 8601 UTC) at every request",
    )
    arguments = parser.parse_args(argv)
    if arguments.command == "demo":
        return run_demo()
    if arguments.command == "serve":
        from precoro_2fa.entrypoints.web.serve import serve as run_server

        return run_server(arguments.port, arguments.database, arguments.test_clock)
    return 2
