"""What the HTTP and the browser drivers share: a person's windows, and the way through the
pages to each action. Only the window differs (Flask's test client, or a browser context)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from precoro_2fa.entrypoints.web.context import TRUSTED_BROWSER
from tests.drivers import ByHand, Person, Screen, Seen, reached
from tests.drivers import html as pages
from tests.drivers.stage import PASSWORD


class Window(Protocol):
    """A browser window: its cookies, and the page it shows."""

    who: str

    @property
    def seen(self) -> Seen: ...
    def open(self, path: str) -> Seen: ...
    def peek(self, path: str) -> Seen: ...
    def click(self, link: str) -> Seen: ...
    def press(self, button: str, row: str | None = None) -> Seen: ...
    def type(self, label: str, text: str) -> None: ...
    def fill(self, label: str, text: str) -> None: ...
    def choose(self, label: str) -> None: ...
    def tick(self, label: str, ticked: bool) -> None: ...
    def select(self, label: str, option: str) -> None: ...
    def send(self, action: str, fields: Mapping[str, str]) -> Seen: ...
    def cookie(self, name: str) -> str | None: ...
    def set_cookie(self, name: str, value: str) -> None: ...


MENU = {
    Screen.DASHBOARD: "Dashboard",
    Screen.PURCHASE_ORDERS: "Purchase orders",
    Screen.PROFILE: "Profile settings",
    Screen.MAILBOX: "Mailbox",
    Screen.ACCOUNT_SETTINGS: "Configuration",
    Screen.SUPPORT: "Support",
}
"""The links of the menu, by the page each opens."""


def typed(code: object) -> str:
    """What a code field carries: text; a number, or no field at all, no page sends."""
    assert isinstance(code, str), f"no form field carries {code!r}"
    return code


@dataclass
class PageDriver:
    """A person's actions through the pages, in windows of their own."""

    windows: dict[str, Window] = field(default_factory=dict)
    """The window where each person (by login) is signed in and working."""
    attempts: dict[str, Window] = field(default_factory=dict)
    """The window of each person's latest sign-in attempt."""
    anonymous: Window | None = None
    """The window where someone unnamed signs in (wrong passwords, unknown logins)."""
    own: dict[str, Window] = field(default_factory=dict)
    """Each person's own browser (by login), signed out, after they signed in from it."""
    trusted: dict[str, Window] = field(default_factory=dict)
    """The window (its browser's cookies) each person trusted (beyond the article)."""
    browser_zones: dict[str, str] = field(default_factory=dict)
    """The time zone of each person's browser (by login), where a scenario sets one."""

    def new_window(self, who: str) -> Window:
        raise NotImplementedError

    # --- signing in

    def sign_in(self, person: Person | None, login: str, password: str | None) -> Seen:
        """In a new window; someone unnamed tries again in the window they tried in."""
        window = self.anonymous if person is None else None
        if window is None:
            window = self.new_window(login)
        if person is None:
            self.anonymous, window.who = window, login
        seen = self._login_and_password(window, login, password)
        if person is not None:
            self._signing_in(person, window, seen)
        return seen

    def sign_in_and_out_in_own_browser(self, person: Person) -> Seen:
        assert person.phone is not None, f"{person.name} cannot sign in without a phone"
        window = self.own[person.login] = self.new_window(person.login)
        asked = self._login_and_password(window, person.login, PASSWORD)
        assert asked.screen is Screen.CODE_STEP, asked
        window.type("6-digit code", typed(person.phone.code()))
        signed_in = window.press("Sign in")
        assert signed_in.signed_in_as == person.login, signed_in
        return reached(window.press("Sign out"), Screen.SIGN_IN)

    def sign_in_in_own_browser(self, person: Person, password: str | None) -> Seen:
        window = self.own[person.login]
        seen = self._login_and_password(window, person.login, password)
        self._signing_in(person, window, seen)
        return seen

    def _login_and_password(self, window: Window, login: str, password: str | None) -> Seen:
        window.open(pages.ADDRESSES[Screen.SIGN_IN])
        window.fill("Login", login)
        window.fill("Password", typed(password))
        return window.press("Sign in")

    def enter_code(self, person: Person, code: object) -> Seen:
        window = self.attempts.get(person.login)
        assert window is not None, f"{person.name} has not entered a login and password"
        window.type("6-digit code", typed(code))
        seen = window.press("Sign in")
        self._signing_in(person, window, seen)
        return seen

    def enter_code_without_attempt(self, person: Person, code: object) -> Seen:
        """The code step's address in a new window: no attempt, so no field to type into."""
        seen = self.new_window(person.login).open(pages.ADDRESSES[Screen.CODE_STEP])
        assert seen.screen is not Screen.CODE_STEP, seen
        return seen

    def try_sign_in(self, person: Person, code: object) -> Seen:
        window = self.new_window(person.login)
        asked = self._login_and_password(window, person.login, PASSWORD)
        assert asked.screen is Screen.CODE_STEP, asked
        window.type("6-digit code", typed(code))
        return window.press("Sign in")

    def _signing_in(self, person: Person, window: Window, seen: Seen) -> None:
        self.attempts[person.login] = window
        if seen.signed_in_as == person.login:
            self.windows[person.login] = window

    def window(self, person: Person) -> Window:
        """The person's window where they are signed in; signing in first if need be."""
        if person.login not in self.windows:
            seen = self.sign_in(person, person.login, PASSWORD)
            if seen.screen is Screen.CODE_STEP:
                assert person.phone is not None, f"{person.name} cannot sign in without a phone"
                self.enter_code(person, person.phone.code())
        assert person.login in self.windows, f"{person.name} could not sign in"
        return self.windows[person.login]

    # --- Profile settings → Two-factor authentication

    def go_to_two_factor(self, person: Person) -> Seen:
        """Profile settings, then Two-factor authentication; where the company requires it and
        the person has not turned it on, the first click already leads there."""
        window = self.window(person)
        seen = window.click("Profile settings")
        if seen.screen is Screen.PROFILE:
            seen = window.click("Two-factor authentication")
        return reached(seen, Screen.TWO_FACTOR)

    def press_turn_on(self, person: Person) -> Seen:
        return reached(self.window(person).press("Turn On"), Screen.TURN_ON)

    def choose_and_press_next(self, person: Person, application: str) -> Seen:
        window = self.window(person)
        window.choose(application)
        return reached(window.press("Next"), Screen.SET_UP)

    def confirm(self, person: Person, code: object) -> Seen:
        window = self.window(person)
        window.type("6-digit code", typed(code))
        return window.press("Confirm")

    def press_turn_off(self, person: Person) -> Seen:
        return reached(self.window(person).press("Turn Off"), Screen.TURN_OFF)

    def turn_off(self, person: Person, code: object) -> Seen:
        window = self.window(person)
        reached(window.seen, Screen.TURN_OFF)
        window.type("6-digit code", typed(code))
        return window.press("Turn Off")

    def change_application(self, person: Person, code: object, application: str) -> Seen:
        window = self.window(person)
        if window.seen.screen is not Screen.CHANGE:
            reached(window.press("Change authentication application"), Screen.CHANGE)
        window.type("Current 6-digit code", typed(code))
        window.choose(application)
        return window.press("Next")

    def cancel(self, person: Person) -> Seen:
        return self.window(person).press("Cancel")

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
        return window.click(MENU[destination])

    def look(self, person: Person, screen: Screen) -> Seen:
        return self.window(person).peek(pages.ADDRESSES[screen])

    def follow(self, person: Person, link: str) -> Seen:
        return self.window(person).click(link)

    # --- Configuration and Support

    def open_account_settings(self, person: Person) -> Seen:
        return reached(self.window(person).click("Configuration"), Screen.ACCOUNT_SETTINGS)

    def open_users(self, person: Person) -> Seen:
        self.open_account_settings(person)
        return reached(self.window(person).click("Users"), Screen.USERS)

    # --- times in the reader's time zone

    def set_browser_time_zone(self, person: Person, zone: str) -> None:
        self.browser_zones[person.login] = zone

    def choose_time_zone(self, person: Person, option: str) -> Seen:
        window = self.window(person)
        reached(window.click("Profile settings"), Screen.PROFILE)
        window.select("Time zone", option)
        return window.press("Update")

    def update_account_settings(self, person: Person, box: str, ticked: bool) -> Seen:
        window = self.window(person)
        window.tick(box, ticked)
        return window.press("Update")

    def record_request(
        self, agent: Person, login: str, channel: str, authy_restore_failed: bool
    ) -> Seen:
        window = self.window(agent)
        reached(window.click("Support"), Screen.SUPPORT)
        window.fill("Employee's login", login)
        window.choose(channel)
        window.tick("The employee uses Authy and could not restore it", authy_restore_failed)
        return window.press("Record request")

    def decide(self, admin: Person, login: str, button: str) -> Seen:
        window = self.window(admin)
        if admin.role == "support":  # a company's only admin: a second agent decides
            reached(window.click("Support"), Screen.SUPPORT)
            return window.press(button, row=login)
        reached(window.click("Configuration"), Screen.ACCOUNT_SETTINGS)
        reached(window.click("Recovery requests"), Screen.RECOVERY_REQUESTS)
        return window.press(button, row=login)

    def press_reset(self, agent: Person, login: str) -> Seen:
        window = self.window(agent)
        reached(window.click("Support"), Screen.SUPPORT)
        return reached(window.press("Reset", row=login), Screen.CONFIRM_RESET)

    def reset(self, agent: Person, login: str) -> Seen:
        self.press_reset(agent, login)
        return self.window(agent).press("Reset")

    def send_by_hand(self, person: Person, form: ByHand, fields: Mapping[str, str]) -> Seen:
        action, sent = pages.by_hand(form, dict(fields))
        return self.window(person).send(action, sent)

    def try_again(self, person: Person) -> Seen:
        """In the person's window that asks to: where they sign in, or where they are signed in."""
        windows = (self.attempts.get(person.login), self.windows.get(person.login))
        asking = [w for w in windows if w is not None and w.seen.screen is Screen.TRY_AGAIN]
        assert asking, f"no window of {person.name} asks to try again"
        window = asking[0]
        seen = window.click("Try again")
        if window is self.attempts.get(person.login):
            self._signing_in(person, window, seen)
        return seen

    # --- beyond the article: backup codes

    def enter_backup_code(self, person: Person, backup_code: str) -> Seen:
        window = self.attempts.get(person.login)
        assert window is not None, f"{person.name} has not entered a login and password"
        window.type("Backup code", backup_code)
        seen = window.press("Use backup code")
        self._signing_in(person, window, seen)
        return seen

    def regenerate_backup_codes(self, person: Person, code: object) -> Seen:
        self.go_to_two_factor(person)
        window = self.window(person)
        reached(window.press("Regenerate backup codes"), Screen.REGENERATE)
        window.type("6-digit code", typed(code))
        return window.press("Regenerate backup codes")

    def change_application_with_backup_code(
        self, person: Person, backup_code: str, application: str
    ) -> Seen:
        self.go_to_two_factor(person)
        window = self.window(person)
        reached(window.press("Change authentication application"), Screen.CHANGE)
        window.type("Backup code", backup_code)
        window.choose(application)
        return window.press("Next")

    # --- beyond the article: a grace period for Required two-factor authentication

    def set_grace_period(self, person: Person, hours: int) -> Seen:
        window = self.window(person)
        if window.seen.screen is not Screen.ACCOUNT_SETTINGS:
            reached(window.click("Configuration"), Screen.ACCOUNT_SETTINGS)
        window.fill("Grace period (hours)", str(hours))
        return window.press("Update")

    # --- beyond the article: trust this browser

    def enter_code_and_trust_browser(self, person: Person, code: object) -> Seen:
        window = self.attempts.get(person.login)
        assert window is not None, f"{person.name} has not entered a login and password"
        window.type("6-digit code", typed(code))
        window.tick("Trust this browser", True)
        seen = window.press("Sign in")
        self._signing_in(person, window, seen)
        self.trusted[person.login] = window
        return seen

    def sign_in_again(self, person: Person) -> Seen:
        window = self.trusted[person.login]
        if self.windows.get(person.login) is window:
            del self.windows[person.login]
            window.press("Sign out")
        window.open(pages.ADDRESSES[Screen.SIGN_IN])
        window.fill("Login", person.login)
        window.fill("Password", PASSWORD)
        seen = window.press("Sign in")
        self._signing_in(person, window, seen)
        return seen

    def copy_trusted_browser(self, owner: Person, into: Person) -> None:
        token = self.trusted[owner.login].cookie(TRUSTED_BROWSER)
        assert token is not None, f"{owner.name}'s browser keeps no trust cookie"
        self.forge_trusted_browser(into, token)

    def forge_trusted_browser(self, person: Person, token: str) -> None:
        window = self.new_window(person.login)
        window.open(pages.ADDRESSES[Screen.SIGN_IN])
        window.set_cookie(TRUSTED_BROWSER, token)
        self.trusted[person.login] = window

    def forget_trusted_browsers(self, person: Person) -> Seen:
        self.go_to_two_factor(person)
        return self.window(person).press("Forget trusted browsers")

    def set_trust_period(self, person: Person, days: int) -> Seen:
        window = self.window(person)
        if window.seen.screen is not Screen.ACCOUNT_SETTINGS:
            reached(window.click("Configuration"), Screen.ACCOUNT_SETTINGS)
        window.fill("Trust this browser for (days)", str(days))
        return window.press("Update")
