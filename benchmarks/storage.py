"""2. The code check with storage: SQLite and PostgreSQL at 1, 4 and 16 concurrent workers.

The measurement itself is the storage work's ``benchmarks/store_throughput.py``; this
module runs it and hands its figures to the report.
"""

import importlib.util

from benchmarks.timing import Throughput

StorageResult = dict[str, dict[int, Throughput]] | str
"""Figures by store and by number of workers, or why there are none."""


def measure(quick: bool) -> StorageResult:
    if importlib.util.find_spec("benchmarks.store_throughput") is None:
        return "Not measured: `benchmarks/store_throughput.py` is not there yet."
    return "Not measured: `benchmarks/store_throughput.py` is not wired in yet."
