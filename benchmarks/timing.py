"""Repetitions, medians and percentiles: every figure in the table is a median of runs."""

import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Run = Callable[[], float]
"""One repetition of a case: does its own set-up, returns the timed seconds per check."""


def interleaved_medians(cases: Mapping[str, Run], repeats: int) -> dict[str, float]:
    """Run every case once per round, ``repeats`` rounds, after one warm-up round.

    Alternating the cases spreads the noise of a shared machine evenly over them.
    """
    for run in cases.values():
        run()
    seen: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeats):
        for name, run in cases.items():
            seen[name].append(run())
    return {name: statistics.median(values) for name, values in seen.items()}


def seconds_per_call(check: Callable[..., object], arguments: Sequence[tuple[Any, ...]]) -> float:
    """Time ``check(*args)`` for each prepared ``args``; the mean seconds per call."""
    started = time.perf_counter()
    for args in arguments:
        check(*args)
    return (time.perf_counter() - started) / len(arguments)


@dataclass(frozen=True)
class Throughput:
    checks_per_s: float
    p50_ms: float
    p99_ms: float

    @classmethod
    def of(cls, latencies: list[float], wall: float | None = None) -> "Throughput":
        """From per-check latencies in seconds (and the wall time when workers overlap)."""
        quantiles = statistics.quantiles(latencies, n=100)
        elapsed = sum(latencies) if wall is None else wall
        return cls(len(latencies) / elapsed, quantiles[49] * 1e3, quantiles[98] * 1e3)

    @classmethod
    def median(cls, runs: list["Throughput"]) -> "Throughput":
        return cls(
            statistics.median(r.checks_per_s for r in runs),
            statistics.median(r.p50_ms for r in runs),
            statistics.median(r.p99_ms for r in runs),
        )


@dataclass(frozen=True)
class Ratios:
    """One ratio a round, of two figures taken a moment apart; the median and the middle half.

    On a shared machine a slow minute falls on both figures of a round, so a round's own
    ratio moves less than the ratio of two medians taken over the whole run (though not to
    nothing: the two sides may be slowed by different things, the CPU or the disk).
    """

    rounds: tuple[float, ...]

    @classmethod
    def paired(cls, numerators: Sequence[float], denominators: Sequence[float]) -> "Ratios":
        return cls(tuple(a / b for a, b in zip(numerators, denominators, strict=True)))

    @property
    def median(self) -> float:
        return statistics.median(self.rounds)

    @property
    def middle_half(self) -> tuple[float, float]:
        """The first and third quartiles: half of the rounds fall between them."""
        first, _, third = statistics.quantiles(self.rounds, n=4, method="inclusive")
        return first, third


def wall_seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started
