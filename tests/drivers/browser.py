"""The browser driver: Playwright drives Debian's Chromium against ``precoro-2fa serve``.

Each window is a browser context of its own (its cookies). A person types with the keyboard,
presses the visible buttons by their label, and the QR code is read from a screenshot of the
page by a QR decoder. The served app's clock is a file the test moves (``--test-clock``).
"""

import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Playwright

from tests.drivers import Seen
from tests.drivers import html as pages
from tests.drivers.page_driver import PageDriver
from tests.drivers.phone import MovableClock, decode_qr

CHROMIUM = "/usr/bin/chromium"
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
"""Debian's build of the same Chromium without its windows: what Playwright itself runs for a
headless browser. The same Blink draws the same pages; each navigation and each new context
costs its browser process about a quarter of full Chromium's (docs/testing.md)."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--mute-audio",
]


MISSING = 3_000
"""How long (ms) a button, link or choice may take to be there: it is, or the step fails."""


class FileClock(MovableClock):
    """The scenario's clock, written to the file the served app reads its time from."""

    def __init__(self, path: Path, current: datetime) -> None:
        self.path = path
        super().__init__(current)
        self.move_to(current)

    def move_to(self, when: datetime) -> None:
        self.current = when
        self.path.write_text(when.isoformat(), encoding="ascii")


@contextmanager
def served(folder: Path, clock: FileClock, smtp: str | None = None) -> Iterator[str]:
    """``precoro-2fa serve`` on a free port over a new SQLite file; its address."""
    command = Path(sys.executable).with_name("precoro-2fa")
    arguments = ["serve", "--port", "0", "--database", str(folder / "served.sqlite3")]
    arguments += ["--workers", "1"]  # one browser at a time: one worker, started sooner
    arguments += [] if smtp is None else ["--smtp", smtp]
    server = subprocess.Popen(  # noqa: S603 (the project's own command)
        [str(command), *arguments, "--test-clock", str(clock.path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        for line in server.stdout:
            if found := re.search(r"http://127\.0\.0\.1:\d+", line):
                yield found.group(0)
                break
        else:
            raise AssertionError(f"precoro-2fa serve stopped: {server.wait()}")
    finally:
        server.terminate()
        server.wait(timeout=10)


def launch(playwright: Playwright, headed: bool, slowmo: int) -> Browser:
    """Chromium in a visible window when ``headed``; otherwise its headless shell."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM if headed else HEADLESS_SHELL,
        args=CHROMIUM_ARGS,
        headless=not headed,
        slow_mo=slowmo,
    )


class Window:
    """A browser window (a context of its own: its cookies) and the page it shows."""

    def __init__(self, browser: Browser, url: str, who: str, zone: str = "UTC") -> None:
        self.zone = zone
        """The browser's time zone (the machine's would make the pages' times vary)."""
        self.context: BrowserContext = browser.new_context(
            viewport={"width": 1100, "height": 720}, timezone_id=zone
        )
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.url, self.who = url, who
        self.start()

    def start(self) -> None:
        """A fresh window: no cookie (no session), and a new trace (the actions, their log
        and the network; DOM snapshots at each action would cost a fifth of the run)."""
        self.context.clear_cookies()
        self.context.tracing.start()

    def stop(self, leave_in: Path | None) -> None:
        """The trace ends; after a failure, it and a screenshot are left in ``leave_in``."""
        if leave_in is None:
            self.context.tracing.stop()
            return
        leave_in.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=leave_in / f"{self.who}.png")
        self.context.tracing.stop(path=leave_in / f"{self.who}.zip")

    @property
    def seen(self) -> Seen:
        return read(self.page, self.who)

    def open(self, path: str) -> Seen:
        self.page.goto(self.url + path)
        return self.seen

    def peek(self, path: str) -> Seen:
        """``path`` in another tab of this window's browser: this tab stays as it is.

        The page is fetched with the window's cookies and read from its HTML (the pages run
        no script); only a page with a QR code is opened in a tab, for the camera to see it.
        """
        response = self.context.request.get(self.url + path)
        soup = BeautifulSoup(response.text(), "html.parser")
        if soup.find("img", id="qr-code") is None:
            return pages.read(self.who, urlparse(response.url).path, soup, None)
        tab = self.context.new_page()
        try:
            tab.goto(self.url + path)
            return read(tab, self.who)
        finally:
            tab.close()

    def click(self, link: str) -> Seen:
        """The link labelled ``link`` (the menu's first): a missing link fails in 3 s.

        Returns once the next page has loaded: a click returns when the navigation commits,
        when the new document may still be empty (no ``documentElement`` yet)."""
        return self._followed(self.page.get_by_role("link", name=link, exact=True).first)

    def press(self, button: str, row: str | None = None) -> Seen:
        """Press the visible button labelled ``button``: a missing button is a failure."""
        scope: Page | Locator = self.page
        if row is not None:
            cell = self.page.get_by_role("cell", name=row, exact=True)
            scope = self.page.get_by_role("row").filter(has=cell)
        return self._followed(scope.get_by_role("button", name=button, exact=True))

    def _followed(self, control: Locator) -> Seen:
        """Click ``control`` (one only: Playwright's strict mode) and read the loaded page."""
        with self.page.expect_navigation():
            control.click(timeout=MISSING)
        return self.seen

    def type(self, label: str, text: str) -> None:
        """Type into the field labelled ``label`` with the keyboard (a long text is pasted)."""
        field_ = self.page.get_by_label(label, exact=True)
        field_.fill("")
        if len(text) > 64:
            field_.focus()
            self.page.keyboard.insert_text(text)
        else:
            field_.press_sequentially(text)

    def fill(self, label: str, text: str) -> None:
        """Fill in the field labelled ``label`` at once, as a browser's autofill does."""
        self.page.get_by_label(label, exact=True).fill(text)

    def tick(self, label: str, ticked: bool) -> None:
        self.page.get_by_label(label, exact=True).set_checked(ticked, timeout=MISSING)

    def select(self, label: str, option: str) -> None:
        self.page.get_by_label(label, exact=True).select_option(label=option, timeout=MISSING)

    def choose(self, label: str) -> None:
        """The radio button whose label starts with ``label`` (its notes may follow)."""
        starts = re.compile(rf"^\s*{re.escape(label)}(\s|$)")
        choice = self.page.locator("label").filter(has=self.page.get_by_role("radio"))
        choice.filter(has_text=starts).get_by_role("radio").check(timeout=MISSING)

    def cookie(self, name: str) -> str | None:
        found = [c["value"] for c in self.context.cookies(self.url) if c["name"] == name]
        return found[0] if found else None

    def set_cookie(self, name: str, value: str) -> None:
        self.context.add_cookies([{"name": name, "value": value, "url": self.url}])

    def send(self, action: str, fields: Mapping[str, str]) -> Seen:
        """A form sent without its page, with this session's cookies and CSRF token."""
        if not self.page.url.startswith(self.url):
            self.open("/")
        token = self.page.locator("input[name=csrf_token]").first.get_attribute("value")
        response = self.page.request.post(
            self.url + action, form={"csrf_token": token or "", **fields}
        )
        soup = BeautifulSoup(response.text(), "html.parser")
        return pages.read(self.who, urlparse(response.url).path, soup, None)


def read(page: Page, who: str) -> Seen:
    """What the page shows; the QR code as a phone's camera reads it from the screen."""
    soup = BeautifulSoup(page.content(), "html.parser")
    shown = soup.find("img", id="qr-code") is not None
    qr_uri = decode_qr(page.locator("#qr-code").screenshot()) if shown else None
    return pages.read(who, urlparse(page.url).path, soup, qr_uri)


@dataclass
class BrowserDriver(PageDriver):
    browser: Browser | None = None
    url: str = ""
    spare: list[Window] = field(default_factory=list)
    """Windows of earlier scenarios, their cookies cleared: a new context costs Chromium more."""
    opened: list[Window] = field(default_factory=list)

    def new_window(self, who: str) -> Window:
        """A spare window, or a new one; in a time zone of its own, always a new one."""
        assert self.browser is not None
        zone = self.browser_zones.get(who, "UTC")
        if self.spare and zone == "UTC":
            window = self.spare.pop()
            window.who = who
            window.start()
        else:
            window = Window(self.browser, self.url, who, zone)
        self.opened.append(window)
        return window

    def picture(self, who: str, width: int) -> bytes:
        """The whole page ``who`` (a login) last opened a window for shows, ``width`` px wide
        (PNG); the window then goes back to its own size."""
        windows = [w for w in self.opened if w.who == who]
        assert windows, f"{who} has no window open in this scenario"
        window = windows[-1]
        size = window.page.viewport_size
        assert size is not None
        window.page.set_viewport_size({"width": width, "height": size["height"]})
        try:
            return window.page.screenshot(full_page=True)
        finally:
            window.page.set_viewport_size(size)

    def close(self, failed: bool, reports: Path) -> None:
        """The windows go back to the spare ones; after a failure, each leaves a screenshot
        and a trace under ``reports`` (and is closed)."""
        for n, window in enumerate(self.opened):
            window.stop(reports / f"window-{n}" if failed else None)
            if failed or window.zone != "UTC":
                window.context.close()
            else:
                self.spare.append(window)
        self.opened.clear()
