"""``precoro-2fa``: the command line."""

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from precoro_2fa.entrypoints.database import DEFAULT_DATABASE
from precoro_2fa.entrypoints.demo import run_demo


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = arguments.run
    try:
        return run(arguments)
    except ValueError as error:  # a missing or wrong key, an unknown database, a bad URL
        print(f"precoro-2fa {arguments.command}: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="precoro-2fa", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="Turn On, Confirm and sign-in in the terminal")
    demo.set_defaults(run=lambda _: run_demo())
    _serve_options(
        commands.add_parser("serve", help="the reference app on 127.0.0.1 (demo accounts)")
    )
    purge = commands.add_parser("purge", help="delete expired sign-in attempts and sessions")
    _database_options(purge)
    purge.set_defaults(run=_purge)
    rotate = commands.add_parser("rotate-key", help="re-seal every secret under a new key")
    _database_options(rotate)
    rotate.add_argument("--batch", type=_positive, default=100, help="users per transaction")
    rotate.set_defaults(run=_rotate_key)
    backup = commands.add_parser("backup", help="copy the SQLite database to FILE, app running")
    backup.add_argument("file", type=Path, metavar="FILE")
    _database_options(backup)
    backup.set_defaults(run=_backup)
    restore = commands.add_parser("restore", help="put a backup FILE back, if its key opens it")
    restore.add_argument("file", type=Path, metavar="FILE")
    _database_options(restore)
    restore.set_defaults(run=_restore)
    return parser


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError("give a number of 1 or more")
    return number


SERVE_KEY_HELP = "the key that seals the secrets (the session key beside it); made if missing"
KEY_HELP = "the key that seals the secrets (default: <database>.key beside a SQLite file)"


def _database_options(parser: argparse.ArgumentParser, key_help: str = KEY_HELP) -> None:
    parser.add_argument(
        "--database",
        default=DEFAULT_DATABASE,
        help=f"a SQLite file (default: {DEFAULT_DATABASE}) or a URL, postgresql+psycopg://…",
    )
    parser.add_argument(
        "--key-file",
        type=Path,
        help=key_help,
    )


def _serve_options(serving: argparse.ArgumentParser) -> None:
    serving.add_argument("--port", type=int, default=8000, help="default: 8000; 0 picks a free one")
    _database_options(serving, SERVE_KEY_HELP)
    serving.add_argument(
        "--workers", type=_positive, help="processes (default: one per core of this machine)"
    )
    serving.add_argument("--threads", type=_positive, help="threads per process (default: 4)")
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
    serving.set_defaults(run=_serve)


def _serve(arguments: argparse.Namespace) -> int:
    from precoro_2fa.entrypoints.web.serve import THREADS, ServeOptions, cores, serve

    options = ServeOptions(
        arguments.port,
        arguments.database,
        arguments.key_file,
        arguments.workers or cores(),
        arguments.threads or THREADS,
        arguments.https_proxies,
        arguments.test_clock,
        arguments.smtp,
    )
    return serve(options)


def _purge(arguments: argparse.Namespace) -> int:
    from precoro_2fa.entrypoints.database import existing, open_precoro, plain_errors

    with plain_errors():
        print(open_precoro(existing(arguments.database), arguments.key_file).purge())
    return 0


def _rotate_key(arguments: argparse.Namespace) -> int:
    from precoro_2fa.entrypoints.database import plain_errors
    from precoro_2fa.entrypoints.rotate_key import rotate_key

    with plain_errors():
        print(rotate_key(arguments.database, arguments.key_file, arguments.batch))
    return 0


def _backup(arguments: argparse.Namespace) -> int:
    from precoro_2fa.entrypoints.backup import backup
    from precoro_2fa.entrypoints.database import plain_errors

    with plain_errors():
        print(backup(arguments.database, arguments.file, arguments.key_file))
    return 0


def _restore(arguments: argparse.Namespace) -> int:
    from precoro_2fa.entrypoints.backup import restore
    from precoro_2fa.entrypoints.database import plain_errors

    with plain_errors():
        print(restore(arguments.file, arguments.database, arguments.key_file))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
