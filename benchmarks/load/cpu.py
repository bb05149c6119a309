"""CPU seconds of process trees, from Linux's ``/proc``: a server and all its workers.

Each process's ``utime`` and ``stime`` (fields 14 and 15 of ``/proc/PID/stat``, in clock
ticks) count every thread of it; a tree is a process and its descendants, found through the
parent ids of all processes. So the servers' CPU is counted apart from the load generator's
on the same cores, and PostgreSQL's (its postmaster and backends) apart from the app's.
"""

import os
from collections.abc import Iterable
from pathlib import Path

TICK = 1 / os.sysconf("SC_CLK_TCK")


def tree_seconds(roots: Iterable[int]) -> float:
    """CPU seconds used so far by ``roots`` and every descendant still running."""
    stats = _all_stats()
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in stats.items():
        children.setdefault(parent, []).append(pid)
    seen, waiting = set(), list(roots)
    while waiting:
        pid = waiting.pop()
        if pid in stats and pid not in seen:
            seen.add(pid)
            waiting += children.get(pid, [])
    return sum(stats[pid][1] for pid in seen) * TICK


def _all_stats() -> dict[int, tuple[int, int]]:
    """Each process's parent and its CPU ticks so far (user and system)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (command) "
        found[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    return found
