"""Fixtures for every test: a frozen clock, a cheap password hash, a fresh Precoro, the
databases; the options of the step library's drivers, and the count of scenarios per driver."""

from collections import Counter
from collections.abc import Callable, Generator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import freezegun
import pytest
from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory
from playwright.sync_api import Browser, sync_playwright

from precoro_2fa import Argon2Config, Config, Precoro, bootstrap
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.service_layer.ports import Store
from tests.drivers import report
from tests.drivers.browser import launch
from tests.drivers.phone import Phone
from tests.drivers.stage import PASSWORD
from tests.store.databases import Databases

__all__ = ["PASSWORD", "START", "TEST_CONFIG", "Phone"]

START = datetime(2026, 11, 27, 9, 0, 0, tzinfo=UTC)
"""A step boundary (a multiple of 30 s), so that "30 seconds pass" moves exactly one step."""

TEST_CONFIG = Config(argon2=Argon2Config(time_cost=1, memory_cost=8, parallelism=1))
"""argon2id at its cheapest: the tests are about 2FA, not about the cost of a hash."""

freezegun.configure(extend_ignore_list=["_pytest.timing"])
"""pytest times each test by the real clock, not the frozen one (its --durations, and the time
limits scripts/mutation.sh's mutmut sets from those times)."""

SCENARIOS_RUN: Counter[tuple[str, str]] = Counter()
FAILED = pytest.StashKey[bool]()
REPORTS = Path(__file__).resolve().parents[1] / "reports" / "browser"
"""Where a failed browser scenario leaves a screenshot and a Playwright trace of each window."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("precoro-2fa drivers")
    group.addoption(
        "--driver",
        action="append",
        choices=report.DRIVERS,
        help="run the scenarios on this driver only (repeat it for several drivers)",
    )
    group.addoption("--headed", action="store_true", help="browser driver: a visible window")
    group.addoption("--slowmo", type=int, default=0, help="browser driver: ms between actions")


def pytest_bdd_apply_tag(tag: str, function: Callable[..., object]) -> bool | None:
    """``@article-7`` names a statement of ``spec/article.md``: one marker, ``article``."""
    if not tag.startswith("article-"):
        return None
    pytest.mark.article(tag)(function)
    return True


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    report.cucumber_in_worker(config)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    report.merge_cucumber(session.config)


@pytest.hookimpl(trylast=True)  # after -k and -m: the scenarios left out are counted once
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    report.deselect(config, items)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    made = yield
    if call.when == "call" and call.excinfo is not None:
        item.stash[FAILED] = True
    return made


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    count_report(report)


def count_report(test_report: pytest.TestReport) -> None:
    report.count(SCENARIOS_RUN, test_report)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = report.summary(SCENARIOS_RUN)
    if lines:
        terminalreporter.section("scenarios per driver")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def chromium(request: pytest.FixtureRequest) -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright, for this session (or xdist worker)."""
    headed, slowmo = request.config.getoption("--headed"), request.config.getoption("--slowmo")
    with sync_playwright() as playwright:
        browser = launch(playwright, headed, slowmo)
        yield browser
        browser.close()


@pytest.fixture
def clock() -> Iterator[FrozenDateTimeFactory]:
    with freeze_time(START) as frozen:
        yield frozen


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    """SQLite files and a throw-away PostgreSQL cluster (started on first use)."""
    with Databases(tmp_path_factory.mktemp("databases")) as databases:
        yield databases


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def store(request: pytest.FixtureRequest, databases: Databases) -> Iterator[Store]:
    """The store behind the service layer; every store runs the same specs."""
    yield from stores(request.param, databases)


def stores(kind: str, databases: Databases) -> Iterator[Store]:
    """A store of ``kind``: "memory", "sqlite" or "postgres"."""
    if kind == "memory":
        yield InMemoryStore()
        return
    with databases.store(kind) as store:
        yield store


@pytest.fixture
def precoro(clock: FrozenDateTimeFactory, store: Store) -> Precoro:
    return bootstrap(store, config=TEST_CONFIG)
