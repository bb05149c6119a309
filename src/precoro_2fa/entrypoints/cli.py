"""``precoro-2fa``: the command line."""

import argparse
from collections.abc import Sequence
from pathlib import Path

from precoro_2fa.entrypoints.demo import run_demo


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="precoro-2fa", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="walk through Turn On, Confirm and sign-in in the terminal")
    serving = commands.add_parser("serve", help="the reference app on 127.0.0.1 (demo accounts)")
    serving.add_argument("--port", type=int, default=8000, help="default: 8000; 0 picks a free one")
    serving.add_argument(
        "--database",
        default="precoro-2fa.sqlite3",
        help="a SQLite file (default: precoro-2fa.sqlite3) or a URL, postgresql+psycopg://…",
    )
    serving.add_argument(
        "--key-file",
        type=Path,
        help="the key that seals the secrets (the session key beside it); made if missing",
    )
    serving.add_argument("--workers", type=int, default=1, help="processes (default: 1)")
    serving.add_argument("--threads", type=int, default=8, help="threads per process (default: 8)")
    serving.add_argument(
        "--https-proxies",
        type=int,
        default=0,
        metavar="N",
        help="behind N HTTPS reverse proxies: trust their X-Forwarded-* headers, Secure cookie",
    )
    serving.add_argument(
        "--smtp",
        metavar="HOST:PORT",
        help="send notifications by email through this SMTP server (without: a Mailbox page)",
    )
    serving.add_argument(
        "--test-clock",
        type=Path,
        help="tests only: read the app's time from this file (ISO 8601 UTC) at every request",
    )
    arguments = parser.parse_args(argv)
    if arguments.command == "demo":
        return run_demo()
    if arguments.command == "serve":
        from precoro_2fa.entrypoints.web.serve import ServeOptions, serve

        options = ServeOptions(
            arguments.port,
            arguments.database,
            arguments.key_file,
            arguments.workers,
            arguments.threads,
            arguments.https_proxies,
            arguments.test_clock,
            arguments.smtp,
        )
        return serve(options)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
