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

from tests.drivers import ByHand, Person, Screen, Seen
from tests.drivers import html as pages
from tests.drivers.phone import MovableClock, decode_qr
from tests.drivers.stage import PASSWORD, Stage

CHROMIUM = "/usr/bin/chromium"
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
def served(folder: Path, clock: FileClock) -> Iterator[str]:
    """``precoro-2fa serve`` on a free port over a new SQLite file; its address."""
    command = Path(sys.executable).with_name("precoro-2fa")
    arguments = ["serve", "--port", "0", "--database", str(folder / "served.sqlite3")]
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
    return playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=not headed, slow_mo=slowmo
    )


class Window:
    """A browser window (a context of its own: its cookies) and the page it shows."""

    def __init__(self, browser: Browser, url: str, who: str) -> None:
        self.context: BrowserContext = browser.new_context(viewport={"width": 1100, "height": 720})
        self.context.set_default_timeout(10_000)
        self.context.tracing.start()  # the actions, their log and the network: DOM snapshots
        # at each action would cost a fifth of the run; a failure adds a screenshot instead
        self.page = self.context.new_page()
        self.url, self.who = url, who

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
        links = self.page.get_by_role("link", name=link, exact=True)
        assert links.count() > 0, f"no link {link!r} on {self.page.url}"
        links.first.click()
        return self.seen

    def press(self, button: str, row: str | None = None) -> Seen:
        """Press the visible button labelled ``button``: a missing button is a failure."""
        scope: Page | Locator = self.page
        if row is not None:
            scope = self.page.get_by_role("row").filter(has_text=row)
        buttons = scope.get_by_role("button", name=button, exact=True)
        assert buttons.count() == 1, f"{buttons.count()} {button!r} on {self.page.url}"
        with self.page.expect_navigation():
            buttons.click()
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

    def choose(self, label: str) -> None:
        """The radio button whose label starts with ``label`` (its notes may follow)."""
        starts = re.compile(rf"^\s*{re.escape(label)}(\s|$)")
        choice = self.page.locator("label").filter(has=self.page.get_by_role("radio"))
        chosen = choice.filter(has_text=starts)
        assert chosen.count() == 1, f"{chosen.count()} choices {label!r} on {self.page.url}"
        chosen.get_by_role("radio").check()

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


def typed(code: object) -> str:
    assert isinstance(code, str), f"no form field carries {code!r}"
    return code


@dataclass
class BrowserDriver:
    browser: Browser
    url: str
    stage: Stage
    opened: list[Window] = field(default_factory=list)
    windows: dict[str, Window] = field(default_factory=dict)
    attempts: dict[str, Window] = field(default_factory=dict)
    anonymous: Window | None = None
    """The window where someone unnamed signs in (wrong passwords, unknown logins)."""

    def new_window(self, who: str) -> Window:
        window = Window(self.browser, self.url, who)
        self.opened.append(window)
        return window

    def close(self, failed: bool, reports: Path) -> None:
        """Close every window; after a failure, each leaves a screenshot and a trace."""
        for n, window in enumerate(self.opened):
            if failed:
                reports.mkdir(parents=True, exist_ok=True)
                window.page.screenshot(path=reports / f"window-{n}-{window.who}.png")
                window.context.tracing.stop(path=reports / f"window-{n}-{window.who}.zip")
            else:
                window.context.tracing.stop()
            window.context.close()

    # --- signing in

    def sign_in(self, person: Person | None, login: str, password: str | None) -> Seen:
        """In a new window; someone unnamed tries again in the window they tried in."""
        window = self.anonymous if person is None else None
        if window is None:
            window = self.new_window(login)
        if person is None:
            self.anonymous, window.who = window, login
        window.open(pages.ADDRESSES[Screen.SIGN_IN])
        window.fill("Login", login)
        window.fill("Password", typed(password))
        seen = window.press("Sign in")
        if person is not None:
            self._signing_in(person, window, seen)
        return seen

    def enter_code(self, person: Person, code: object) -> Seen:
        window = self.attempts.get(person.login)
        assert window is not None, f"{person.name} has not entered a login and password"
        window.type("6-digit code", typed(code))
        seen = window.press("Sign in")
        self._signing_in(person, window, seen)
        return seen

    def enter_code_without_attempt(self, person: Person, code: object) -> Seen:
        seen = self.new_window(person.login).open(pages.ADDRESSES[Screen.CODE_STEP])
        assert seen.screen is not Screen.CODE_STEP, seen
        return seen

    def try_sign_in(self, person: Person, code: object) -> Seen:
        window = self.new_window(person.login)
        window.open(pages.ADDRESSES[Screen.SIGN_IN])
        window.fill("Login", person.login)
        window.fill("Password", PASSWORD)
        asked = window.press("Sign in")
        assert asked.screen is Screen.CODE_STEP, asked
        window.type("6-digit code", typed(code))
        return window.press("Sign in")

    def _signing_in(self, person: Person, window: Window, seen: Seen) -> None:
        self.attempts[person.login] = window
        if seen.signed_in_as == person.login:
            self.windows[person.login] = window

    def window(self, person: Person) -> Window:
        if person.login not in self.windows:
            seen = self.sign_in(person, person.login, PASSWORD)
            if seen.screen is Screen.CODE_STEP:
                assert person.phone is not None, f"{person.name} cannot sign in without a phone"
                self.enter_code(person, person.phone.code())
        assert person.login in self.windows, f"{person.name} could not sign in"
        return self.windows[person.login]

    # --- Profile settings → Two-factor authentication

    def go_to_two_factor(self, person: Person) -> Seen:
        window = self.window(person)
        seen = window.click("Profile settings")
        if seen.screen is Screen.PROFILE:
            seen = window.click("Two-factor authentication")
        return seen

    def press_turn_on(self, person: Person) -> Seen:
        return self.window(person).press("Turn On")

    def choose_and_press_next(self, person: Person, application: str) -> Seen:
        window = self.window(person)
        window.choose(application)
        return window.press("Next")

    def confirm(self, person: Person, code: object) -> Seen:
        window = self.window(person)
        window.type("6-digit code", typed(code))
        return window.press("Confirm")

    def turn_off(self, person: Person, code: object) -> Seen:
        window = self.window(person)
        if window.seen.screen is not Screen.TURN_OFF:
            window.press("Turn Off")
        window.type("6-digit code", typed(code))
        return window.press("Turn Off")

    def change_application(self, person: Person, code: object, application: str) -> Seen:
        window = self.window(person)
        if window.seen.screen is not Screen.CHANGE:
            window.press("Change authentication application")
        window.type("Current 6-digit code", typed(code))
        window.choose(application)
        return window.press("Next")

    # --- addresses, links and the menu

    def open_address(self, person: Person, screen: Screen) -> Seen:
        return self.window(person).open(pages.ADDRESSES[screen])

    def click(self, person: Person, destination: Screen) -> Seen:
        window = self.window(person)
        if destination is Screen.SIGN_IN:
            del self.windows[person.login]
            return window.press("Sign out")
        if destination is Screen.TWO_FACTOR:
            return self.go_to_two_factor(person)
        return window.click("Purchase orders")

    def look(self, person: Person, screen: Screen) -> Seen:
        return self.window(person).peek(pages.ADDRESSES[screen])

    # --- Configuration and Support

    def open_account_settings(self, person: Person) -> Seen:
        return self.window(person).click("Configuration")

    def update_account_settings(self, person: Person, box: str, ticked: bool) -> Seen:
        window = self.window(person)
        window.page.get_by_label(box, exact=True).set_checked(ticked)
        return window.press("Update")

    def record_request(
        self, agent: Person, login: str, channel: str, authy_restore_failed: bool
    ) -> Seen:
        window = self.window(agent)
        window.click("Support")
        window.type("Employee's login", login)
        window.choose(channel)
        failed = "The employee uses Authy and could not restore it"
        window.page.get_by_label(failed, exact=True).set_checked(authy_restore_failed)
        return window.press("Record request")

    def decide(self, admin: Person, login: str, button: str) -> Seen:
        window = self.window(admin)
        window.click("Configuration")
        window.click("Recovery requests")
        return window.press(button, row=login)

    def reset(self, agent: Person, login: str) -> Seen:
        window = self.window(agent)
        window.click("Support")
        return window.press("Reset", row=login)

    def send_by_hand(self, person: Person, form: ByHand, fields: Mapping[str, str]) -> Seen:
        action, sent = pages.by_hand(form, dict(fields))
        return self.window(person).send(action, sent)
