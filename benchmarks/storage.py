"""2. The code check with storage: SQLite and PostgreSQL at 1, 4 and 16 concurrent workers.

The measurement itself is the storage work's ``benchmarks/store_throughput.py`` (threads
of one app server, each with its own account, ``Precoro.enter_code`` with right codes);
this module repeats it and keeps the median of each figure.
"""

from benchmarks import store_throughput
from benchmarks.timing import Throughput

StorageResult = dict[str, dict[int, Throughput]] | str
"""Figures by store and by number of workers, or why there are none."""


def measure(checks: int, repeats: int) -> StorageResult:
    """Each figure: the median of ``repeats`` runs of ``checks`` checks in all."""
    runs = [store_throughput.measure(checks=checks) for _ in range(repeats)]
    return {
        store: {
            workers: Throughput.median([run[store][workers] for run in runs])
            for workers in runs[0][store]
        }
        for store in runs[0]
    }
