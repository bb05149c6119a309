"""Several threads or processes that submit codes at the same moment (a barrier, no sleep).

Each contender has a Precoro of its own on the same database and a clock set by the round.
An outcome is ``("signed in", "")`` or ``("rejected", reason name)``; ``locked`` tells
whether the verdict started or met a lock.
"""

import multiprocessing
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.connection import Connection
from typing import Protocol

from precoro_2fa import CodeRejected, Config, Precoro, bootstrap
from precoro_2fa.adapters.sql import SqlStore

TIMEOUT = 120
"""Seconds a round may take before the test fails instead of hanging."""


@dataclass
class SetClock:
    """The one clock of a contender, set by each round."""

    at: datetime

    def now(self) -> datetime:
        return self.at


@dataclass(frozen=True)
class Outcome:
    verdict: str
    reason: str = ""
    locked: bool = False


Entry = tuple[str, str]
"""A sign-in attempt's id and the code typed into it."""


def submit(precoro: Precoro, entry: Entry) -> Outcome:
    result = precoro.enter_code(*entry)
    if isinstance(result, CodeRejected):
        return Outcome("rejected", result.reason.name, result.locked_until is not None)
    return Outcome("signed in")


class Contenders(Protocol):
    def round(self, at: datetime, entries: list[Entry]) -> list[Outcome]: ...


def app(url: str, key: str, settings: Config, clock: SetClock) -> tuple[SqlStore, Precoro]:
    store = SqlStore(url, key, migrate=False)
    return store, bootstrap(store, settings, clock)


class Threads:
    """``count`` threads sharing one Precoro, as the threads of one app server do."""

    def __init__(self, precoro: Precoro, clock: SetClock, count: int) -> None:
        self._precoro, self._clock, self._count = precoro, clock, count
        self._pool = ThreadPoolExecutor(count)

    def round(self, at: datetime, entries: list[Entry]) -> list[Outcome]:
        assert len(entries) == self._count
        self._clock.at = at
        barrier = threading.Barrier(self._count, timeout=TIMEOUT)

        def contend(entry: Entry) -> Outcome:
            barrier.wait()
            return submit(self._precoro, entry)

        return list(self._pool.map(contend, entries, timeout=TIMEOUT))

    def close(self) -> None:
        self._pool.shutdown()


def _process(
    url: str, key: str, settings: Config, barrier: threading.Barrier, orders: Connection
) -> None:
    store, precoro = app(url, key, settings, SetClock(datetime.min))
    clock = precoro.clock
    assert isinstance(clock, SetClock)
    while (order := orders.recv()) is not None:
        clock.at, entry = order
        barrier.wait()
        orders.send(submit(precoro, entry))
    store.dispose()


class Processes:
    """``count`` processes, each an app server of its own on the same database."""

    def __init__(self, url: str, key: str, settings: Config, count: int) -> None:
        context = multiprocessing.get_context("spawn")
        barrier = self._barrier = context.Barrier(count, timeout=TIMEOUT)
        self._pipes: list[Connection] = []
        self._processes = []
        for _ in range(count):
            ours, theirs = context.Pipe()
            process = context.Process(target=_process, args=(url, key, settings, barrier, theirs))
            process.start()
            self._pipes.append(ours)
            self._processes.append(process)

    def round(self, at: datetime, entries: list[Entry]) -> list[Outcome]:
        assert len(entries) == len(self._pipes)
        for pipe, entry in zip(self._pipes, entries, strict=True):
            pipe.send((at, entry))
        outcomes = []
        for pipe in self._pipes:
            assert pipe.poll(TIMEOUT), "a contender did not answer"
            outcomes.append(pipe.recv())
        return outcomes

    def close(self) -> None:
        for pipe in self._pipes:
            pipe.send(None)
        for process in self._processes:
            process.join(TIMEOUT)
            if process.is_alive():
                process.kill()
            assert process.exitcode == 0, f"a contender ended with {process.exitcode}"


@contextmanager
def threads(precoro: Precoro, clock: SetClock, count: int) -> Iterator[Threads]:
    contenders = Threads(precoro, clock, count)
    try:
        yield contenders
    finally:
        contenders.close()


@contextmanager
def processes(url: str, key: str, settings: Config, count: int) -> Iterator[Processes]:
    contenders = Processes(url, key, settings, count)
    try:
        yield contenders
    finally:
        contenders.close()
