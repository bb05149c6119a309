"""A person at a browser window: what they click and type, named as on the screens."""

import io
import re
from dataclasses import dataclass

import pyotp
import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect

from precoro_2fa.entrypoints.web.demo_data import DEMO_ACCOUNTS
from tests.browser.conftest import RunningApp

PASSWORDS = {account.login: account.password for account in DEMO_ACCOUNTS}


@dataclass
class Person:
    page: Page
    app: RunningApp

    def open(self, path: str = "/") -> None:
        self.page.goto(self.app.url + path)

    def sign_in(self, login: str) -> None:
        self.open("/sign-in")
        self.page.get_by_label("Login").fill(login)
        self.page.get_by_label("Password").fill(PASSWORDS[login])
        self.page.get_by_role("button", name="Sign in").click()

    def enter_code(self, code: str) -> None:
        expect(self.page).to_have_url(self.app.url + "/sign-in/code")
        self.page.get_by_label("6-digit code").fill(code)
        self.page.get_by_role("button", name="Sign in").click()

    def sign_out(self) -> None:
        self.page.get_by_role("button", name="Sign out").click()
        expect(self.page.get_by_text("You have signed out.")).to_be_visible()

    def click(self, name: str, role: str = "button") -> None:
        self.page.get_by_role(role, name=name, exact=True).click()  # type: ignore[arg-type]

    def menu(self, name: str) -> None:
        """A link of the menu at the top of every page."""
        self.page.get_by_role("banner").get_by_role("link", name=name, exact=True).click()

    def expect_at(self, path: str) -> None:
        expect(self.page).to_have_url(self.app.url + path)

    def expect_text(self, text: str) -> None:
        expect(self.page.get_by_text(text, exact=False).first).to_be_visible()

    def turn_on(self, application: str) -> "Phone":
        """Profile settings → Two-factor authentication → Turn On → app → Next → scan."""
        self.menu("Profile settings")
        if self.page.url.endswith("/profile"):  # else Required 2FA led here already
            self.click("Two-factor authentication", "link")
        self.expect_at("/profile/two-factor")
        self.click("Turn On")
        self.page.get_by_label(application).check()
        self.click("Next")
        return self.scan_qr_code()

    def scan_qr_code(self) -> "Phone":
        """What the phone's camera sees: the QR code on the screen, decoded by zxing-cpp."""
        picture = Image.open(io.BytesIO(self.page.locator("#qr-code").screenshot()))
        found = zxingcpp.read_barcodes(picture)
        assert len(found) == 1, found
        uri = found[0].text
        assert uri.startswith("otpauth://totp/Precoro:"), uri
        secret = re.search(r"[?&]secret=([A-Z2-7]+)", uri)
        assert secret is not None, uri
        shown = self.page.locator("#secret").inner_text().replace(" ", "")
        assert shown == secret.group(1)
        return Phone(secret.group(1), self.app)

    def confirm(self, code: str) -> None:
        self.page.get_by_label("6-digit code").fill(code)
        self.click("Confirm")
        self.expect_text("Congratulations, you have activated two-factor authentication")


@dataclass
class Phone:
    """The authentication application: it computes codes at the app's (moved) time."""

    secret: str
    app: RunningApp

    def code(self) -> str:
        return pyotp.TOTP(self.secret).at(self.app.clock.now())
