"""``python -m benchmarks.load``: the load section alone, printed as markdown."""

import argparse

from benchmarks.load.measure import BROWSERS, THREADS, LoadSettings, measure
from benchmarks.load.report import section, target_rows


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="5 s a case: a try, not figures")
    parser.add_argument("--seconds", type=int, help="each case's length (default: 25)")
    parser.add_argument("--browsers", type=int, nargs="+", default=list(BROWSERS))
    parser.add_argument("--workers", type=int, help="per server (default: the cores)")
    parser.add_argument("--threads", type=int, default=THREADS, help="per worker")
    arguments = parser.parse_args()
    print(_report(settings(arguments)))


def settings(arguments: argparse.Namespace) -> LoadSettings:
    default = LoadSettings()
    seconds = arguments.seconds or (5 if arguments.quick else default.seconds)
    return LoadSettings(
        tuple(arguments.browsers),
        seconds,
        2 if arguments.quick else default.warm_up,
        arguments.workers or default.workers,
        arguments.threads,
    )


def _report(settings: LoadSettings) -> str:
    result = measure(settings)
    targets = ["| target | wanted | measured | met |", "| --- | ---: | ---: | :---: |"]
    return section(result) + "\n\n" + "\n".join(targets + target_rows(result)) + "\n"


if __name__ == "__main__":
    main()
