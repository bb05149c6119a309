"""Which scenarios run on which driver, and how many passed on each (printed at the end)."""

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd.cucumber_json import LogBDDCucumberJSON

DRIVERS = ("service", "http", "browser")


def driver_of(item: pytest.Item) -> str | None:
    """The driver a scenario runs on ("service", "http", "browser"), or None for other tests."""
    callspec = getattr(item, "callspec", None)
    front = None if callspec is None else callspec.params.get("front")
    return None if front is None else str(front).split("-")[0]


def deselect(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``@domain`` scenarios on the service driver only; ``--driver`` keeps the scenarios of
    the drivers it names (repeated: several), and the tests that are not scenarios."""
    wanted = config.getoption("--driver")
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        driver = driver_of(item)
        domain_elsewhere = driver not in (None, "service") and item.get_closest_marker("domain")
        other_driver = wanted is not None and driver is not None and driver not in wanted
        (dropped if domain_elsewhere or other_driver else kept).append(item)
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
    lines = []
    for driver in DRIVERS:
        outcomes = {o: n for (d, o), n in sorted(counts.items()) if d == driver}
        if outcomes:
            said = ", ".join(f"{n} {outcome}" for outcome, n in outcomes.items())
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
