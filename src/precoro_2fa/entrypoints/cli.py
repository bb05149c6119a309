"""``precoro-2fa``: the command line."""

import argparse
from collections.abc import Sequence

from precoro_2fa.entrypoints.demo import run_demo


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="precoro-2fa", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="walk through Turn On, Confirm and sign-in in the terminal")
    arguments = parser.parse_args(argv)
    if arguments.command == "demo":
        return run_demo()
    return 2
