"""The HTTP driver: each person uses the reference app in windows of their own (Flask's test
client), reading the pages and pressing the buttons they offer, with the forms' CSRF tokens."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
from cachelib import SimpleCache
from flask import Flask
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from werkzeug.test import TestResponse

from precoro_2fa.entrypoints.web import create_app
from tests.drivers import ByHand, Person, Screen, Seen
from tests.drivers import html as pages
from tests.drivers.phone import decode_qr
from tests.drivers.stage import PASSWORD, Stage

Fields = Mapping[str, str | None]


class CompiledTemplates(BytecodeCache):
    """Jinja2's compiled templates, kept for the next scenario's app (each has its own)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def reference_app(stage: Stage) -> Flask:
    app = create_app(stage.precoro, secret_key="http driver", sessions=SimpleCache())
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    return app


class Window:
    """A browser window: its cookies, and the page it shows."""

    def __init__(self, app: Flask, who: str) -> None:
        self.client = app.test_client()
        self.who = who
        self.response: TestResponse | None = None
        self.soup = BeautifulSoup("", "html.parser")

    @property
    def path(self) -> str:
        assert self.response is not None, "the window shows no page yet"
        return str(self.response.request.path)

    @property
    def seen(self) -> Seen:
        png = pages.qr_png(self.soup)
        return pages.read(self.who, self.path, self.soup, None if png is None else decode_qr(png))

    def open(self, path: str) -> Seen:
        return self._show(self.client.get(path, follow_redirects=True))

    def peek(self, path: str) -> Seen:
        """``path`` in another tab: this window's page stays as it is."""
        tab = Window.__new__(Window)
        tab.client, tab.who = self.client, self.who
        return tab.open(path)

    def click(self, link: str) -> Seen:
        links = {pages.text(a): str(a["href"]) for a in self.soup.find_all("a")}
        assert link in links, f"no link {link!r} on {self.path}: {sorted(links)}"
        return self.open(links[link])

    def press(self, button: str, row: str | None = None, **fields: str | None) -> Seen:
        """Press ``button`` of the page: its form's hidden fields, and ``fields`` filled in.

        A field given as None is not sent (an unticked box); a missing button is a failure.
        """
        form = pages.form_of(self.soup, button, row)
        assert form is not None, f"no {button!r} on {self.path}: {self.seen.buttons}"
        names = {str(i["name"]) for i in form.find_all("input") if i.has_attr("name")}
        assert set(fields) <= names, f"{sorted(fields)} not all in the form: {sorted(names)}"
        sent = {
            str(hidden["name"]): str(hidden.get("value", ""))
            for hidden in form.find_all("input", attrs={"type": "hidden"})
        }
        sent.update({name: value for name, value in fields.items() if value is not None})
        return self._send(str(form.get("method", "get")), str(form["action"]), sent)

    def send(self, action: str, fields: Mapping[str, str]) -> Seen:
        """A form sent without its page, with this session's CSRF token (not a forgery of it)."""
        token = pages.csrf_token(self.soup) if self.response else pages.csrf_token(self._any())
        return self._send("post", action, {"csrf_token": token, **fields})

    def _any(self) -> BeautifulSoup:
        self.open("/")
        return self.soup

    def _send(self, method: str, action: str, fields: dict[str, str]) -> Seen:
        if method.lower() == "get":
            return self._show(self.client.get(action, query_string=fields, follow_redirects=True))
        return self._show(self.client.post(action, data=fields, follow_redirects=True))

    def _show(self, response: TestResponse) -> Seen:
        self.response = response
        self.soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        return self.seen


def typed(code: object) -> str:
    """What a code field carries: text; a number or no field at all is not typed on a page."""
    assert isinstance(code, str), f"no form field carries {code!r}"
    return code


@dataclass
class HttpDriver:
    app: Flask
    stage: Stage
    windows: dict[str, Window] = field(default_factory=dict)
    """The window where each person (by login) is signed in and working."""
    attempts: dict[str, Window] = field(default_factory=dict)
    """The window of each person's latest sign-in attempt."""
    anonymous: Window | None = None
    """The window where someone unnamed signs in (wrong passwords, unknown logins)."""

    @classmethod
    def over(cls, stage: Stage) -> "HttpDriver":
        return cls(reference_app(stage), stage)

    # --- signing in

    def sign_in(self, person: Person | None, login: str, password: str | None) -> Seen:
        """In a new window; someone unnamed tries again in the window they tried in."""
        window = self.anonymous if person is None else None
        if window is None:
            window = Window(self.app, login)
        if person is None:
            self.anonymous, window.who = window, login
        window.open(pages.ADDRESSES[Screen.SIGN_IN])
        seen = window.press("Sign in", login=login, password=typed(password))
        if person is not None:
            self._signing_in(person, window, seen)
        return seen

    def enter_code(self, person: Person, code: object) -> Seen:
        window = self.attempts.get(person.login)
        assert window is not None, f"{person.name} has not entered a login and password"
        seen = window.press("Sign in", code=typed(code))
        self._signing_in(person, window, seen)
        return seen

    def enter_code_without_attempt(self, person: Person, code: object) -> Seen:
        """The code step's address in a new window: no attempt, so no field to type into."""
        seen = Window(self.app, person.login).open(pages.ADDRESSES[Screen.CODE_STEP])
        assert seen.screen is not Screen.CODE_STEP, seen
        return seen

    def try_sign_in(self, person: Person, code: object) -> Seen:
        window = Window(self.app, person.login)
        window.open(pages.ADDRESSES[Screen.SIGN_IN])
        asked = window.press("Sign in", login=person.login, password=PASSWORD)
        assert asked.screen is Screen.CODE_STEP, asked
        return window.press("Sign in", code=typed(code))

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
        window = self.window(person)
        seen = window.click("Profile settings")
        if seen.screen is Screen.PROFILE:  # else Required two-factor authentication led there
            seen = window.click("Two-factor authentication")
        return seen

    def press_turn_on(self, person: Person) -> Seen:
        return self.window(person).press("Turn On")

    def choose_and_press_next(self, person: Person, application: str) -> Seen:
        window = self.window(person)
        choices = pages.choices(window.soup)
        assert application in choices, f"no {application} on {window.path}: {sorted(choices)}"
        return window.press("Next", application=choices[application])

    def confirm(self, person: Person, code: object) -> Seen:
        return self.window(person).press("Confirm", code=typed(code))

    def turn_off(self, person: Person, code: object) -> Seen:
        window = self.window(person)
        if window.seen.screen is not Screen.TURN_OFF:
            window.press("Turn Off")
        return window.press("Turn Off", code=typed(code))

    def change_application(self, person: Person, code: object, application: str) -> Seen:
        window = self.window(person)
        if window.seen.screen is not Screen.CHANGE:
            window.press("Change authentication application")
        choices = pages.choices(window.soup)
        assert application in choices, f"no {application} on {window.path}: {sorted(choices)}"
        return window.press("Next", code=typed(code), application=choices[application])

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
        checkbox = pages.box(window.soup, box)
        assert isinstance(checkbox, Tag), f"no box {box!r} on {window.path}"
        return window.press("Update", **{str(checkbox["name"]): "y" if ticked else None})

    def record_request(
        self, agent: Person, login: str, channel: str, authy_restore_failed: bool
    ) -> Seen:
        window = self.window(agent)
        window.click("Support")
        channels = pages.choices(window.soup)
        failed = "y" if authy_restore_failed else None
        return window.press(
            "Record request",
            login=login,
            channel=channels[channel],
            authy_restore_failed=failed,
        )

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
