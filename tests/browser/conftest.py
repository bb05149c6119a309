"""The screenshots of docs/screenshots/: the app on 127.0.0.1 in a thread, in a real browser.

The app's clock is one the test moves (no sleeping, no freezegun across threads); secrets
come from a seeded generator, so the screenshots are the same each run.
"""

import base64
import hashlib
import itertools
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from werkzeug.serving import make_server

from precoro_2fa import Precoro, bootstrap
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.entrypoints.web import create_app
from precoro_2fa.entrypoints.web.demo_data import seed
from tests.conftest import START, TEST_CONFIG
from tests.drivers.browser import Window
from tests.drivers.phone import MovableClock

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


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
    clock = MovableClock(START)
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


@pytest.fixture
def new_window(chromium: Browser, running_app: RunningApp) -> Iterator[Callable[[str], Window]]:
    """A fresh browser window (its own cookies) each time it is called."""
    windows: list[Window] = []

    def open_window(who: str) -> Window:
        windows.append(Window(chromium, running_app.url, who))
        return windows[-1]

    yield open_window
    for window in windows:
        window.context.tracing.stop()
        window.context.close()


def screenshot(window: Window, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
