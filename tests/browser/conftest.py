"""The app on 127.0.0.1 in a thread, driven by Debian's Chromium through Playwright.

The app's clock is one the test moves (no sleeping, no freezegun across threads); secrets
come from a seeded generator, so the screenshots in docs/screenshots/ are the same each run.
"""

import base64
import hashlib
import itertools
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from werkzeug.serving import make_server

from precoro_2fa import Precoro, bootstrap
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.entrypoints.web import create_app
from precoro_2fa.entrypoints.web.demo_data import seed
from tests.conftest import START, TEST_CONFIG

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@dataclass
class MovableClock:
    """The app's clock: it stands still until the test moves it."""

    current: datetime = START

    def now(self) -> datetime:
        return self.current

    def tick(self, seconds: int) -> None:
        self.current += timedelta(seconds=seconds)


def seeded_secrets() -> Iterator[str]:
    """160-bit base32 secrets, the same sequence every run (for stable screenshots)."""
    for n in itertools.count():
        digest = hashlib.sha1(f"browser secret {n}".encode()).digest()  # noqa: S324 (not for security)
        yield base64.b32encode(digest).decode("ascii")


@dataclass
class RunningApp:
    url: str
    precoro: Precoro
    clock: MovableClock


@pytest.fixture
def running_app() -> Iterator[RunningApp]:
    clock = MovableClock()
    secrets = seeded_secrets()
    precoro = bootstrap(InMemoryStore(), TEST_CONFIG, clock, new_secret=lambda: next(secrets))
    seed(precoro)
    server = make_server("127.0.0.1", 0, create_app(precoro), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield RunningApp(f"http://127.0.0.1:{server.port}", precoro, clock)
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[[], Page]]:
    """A fresh browser window (its own cookies) each time it is called."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(viewport={"width": 1100, "height": 720})
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
