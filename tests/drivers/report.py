"""Which scenarios run on which driver, and how many passed on each (printed at the end)."""

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd.cucumber_json import LogBDDCucumberJSON

DRIVERS = ("service", "http", "browser")
NOT_RUN: dict[str, dict[str, str]] = {
    "pages": {
        "service": "it checks what a page says or offers, and the service driver reads no page",
    },
    "domain": {
        "http": "no page can send it (a code no form field carries, a rule's own count)",
        "browser": "no page can send it (a code no form field carries, a rule's own count)",
    },
    "alone": {
        "browser": "the browser scenarios of a worker share one served app, so none can show a "
        "page empty of every company's data",
    },
    "outage": {
        "http-memory": "Precoro in memory keeps no file that could stop saving (http-sqlite "
        "runs it)",
    },
}
"""Why a scenario of a tag does not run on a driver ("http"), or on one front of it
("http-memory"): one reason per cause, here only."""


def why_not(tags: Iterable[str], front: str) -> str | None:
    """Why a scenario with ``tags`` does not run on ``front`` ("http-memory"), or on any front
    of a driver ("http"); None when it runs there."""
    driver = front.split("-")[0]
    reasons = [
        NOT_RUN[tag].get(front) or NOT_RUN[tag][driver]
        for tag in sorted(tags)
        if {front, driver} & NOT_RUN.get(tag, {}).keys()
    ]
    return reasons[0] if reasons else None


def front_of(item: pytest.Item) -> str | None:
    """The front a scenario runs on ("http-memory"), or None for other tests."""
    callspec = getattr(item, "callspec", None)
    front = None if callspec is None else callspec.params.get("front")
    return None if front is None else str(front)


def driver_of(item: pytest.Item) -> str | None:
    """The driver a scenario runs on ("service", "http", "browser"), or None for other tests."""
    front = front_of(item)
    return None if front is None else front.split("-")[0]


NOT_HERE: Counter[str] = Counter()
"""How many scenarios each driver leaves to the others (``why_not``), in this process."""


def deselect(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A scenario runs on a driver unless ``why_not`` says why not (``@domain``: the service
    driver only; ``@pages``: the HTTP and browser drivers); ``--driver`` keeps the scenarios
    of the drivers it names (repeated: several), and the tests that are not scenarios."""
    wanted = config.getoption("--driver")
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        front, driver = front_of(item), driver_of(item)
        tags = {marker.name for marker in item.iter_markers()}
        not_here = front is not None and why_not(tags, front) is not None
        other_driver = wanted is not None and driver is not None and driver not in wanted
        if not_here and not other_driver:
            NOT_HERE[str(driver)] += 1
        (dropped if not_here or other_driver else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def count(counts: Counter[tuple[str, str]], report: pytest.TestReport) -> None:
    """A scenario counts once: by its call, or by its setup if that did not pass."""
    driver = dict(report.user_properties).get("driver")
    counted = report.when == "call" or (report.when == "setup" and report.outcome != "passed")
    if driver and counted:
        counts[(str(driver), report.outcome)] += 1


def summary(counts: Counter[tuple[str, str]]) -> list[str]:
    """Per driver, how many scenarios passed, failed…, and how many it left to the others
    (known where this process collected them: without xdist)."""
    lines = []
    for driver in DRIVERS:
        outcomes = {o: n for (d, o), n in sorted(counts.items()) if d == driver}
        if outcomes:
            left = NOT_HERE[driver]
            said = ", ".join(f"{n} {outcome}" for outcome, n in outcomes.items())
            said += f", {left} not run here (tests/drivers/report.py says why)" if left else ""
            lines.append(f"{driver:>8}: {said}")
    return lines


def cucumber_in_worker(config: pytest.Config) -> None:
    """pytest-bdd writes its cucumber JSON only outside xdist's workers: each worker writes
    its own file beside the report, and the controller merges them (``merge_cucumber``)."""
    path = config.getoption("cucumber_json_path", None)
    worker = getattr(config, "workerinput", None)
    if path and worker is not None:
        log = LogBDDCucumberJSON(f"{path}.{worker['workerid']}")
        config.pluginmanager.register(log, "cucumber json of this worker")


def merge_cucumber(config: pytest.Config) -> None:
    """The controller's report: every worker's features, their scenarios put together."""
    path = config.getoption("cucumber_json_path", None)
    parts = sorted(Path(path).parent.glob(f"{Path(path).name}.gw*")) if path else []
    if getattr(config, "workerinput", None) is not None or not parts:
        return
    features: dict[str, dict[str, Any]] = {}
    for part in parts:
        for feature in json.loads(part.read_text(encoding="utf-8")):
            merged = features.setdefault(feature["uri"], {**feature, "elements": []})
            merged["elements"] += feature["elements"]
        part.unlink()
    Path(path).write_text(json.dumps(list(features.values()), indent=2), encoding="utf-8")
