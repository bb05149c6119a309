"""The HTTP driver: each person uses the reference app in windows of their own (Flask's test
client), reading the pages and pressing the buttons they offer, with the forms' CSRF tokens."""

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag
from cachelib import SimpleCache
from flask import Flask
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from werkzeug.test import TestResponse

from precoro_2fa.entrypoints.web import create_app
from precoro_2fa.entrypoints.web.time_zones import BROWSER_TIME_ZONE
from tests.drivers import Seen
from tests.drivers import html as pages
from tests.drivers.page_driver import PageDriver
from tests.drivers.phone import decode_qr
from tests.drivers.stage import Stage


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
    """A browser window: its cookies (a test client), the page it shows, what is filled in."""

    def __init__(self, app: Flask, who: str) -> None:
        self.client = app.test_client()
        self.who = who
        self.response: TestResponse | None = None
        self.soup = BeautifulSoup("", "html.parser")
        self.filled: dict[str, str | None] = {}

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
        tab.client, tab.who, tab.filled = self.client, self.who, {}
        return tab.open(path)

    def click(self, link: str) -> Seen:
        links = {pages.text(a): str(a["href"]) for a in self.soup.find_all("a")}
        assert link in links, f"no link {link!r} on {self.path}: {sorted(links)}"
        return self.open(urljoin(self.path, links[link]))  # "": this page's own address

    def type(self, label: str, text: str) -> None:
        field = pages.text_field(self.soup, label)
        assert field is not None, f"no field {label!r} on {self.path}"
        self.filled[str(field["name"])] = text

    fill = type

    def choose(self, label: str) -> None:
        choice = pages.radio(self.soup, label)
        assert choice is not None, f"no choice {label!r} on {self.path}"
        self.filled[str(choice["name"])] = str(choice["value"])

    def select(self, label: str, option: str) -> None:
        found = pages.option(self.soup, label, option)
        assert found is not None, f"no option {option!r} in the list {label!r} on {self.path}"
        name, value = found
        self.filled[name] = value

    def tick(self, label: str, ticked: bool) -> None:
        box = pages.box(self.soup, label)
        assert box is not None, f"no box {label!r} on {self.path}"
        self.filled[str(box["name"])] = str(box.get("value", "y")) if ticked else None

    def press(self, button: str, row: str | None = None) -> Seen:
        """Submit the form of ``button``: its fields as shown, with what was filled in.

        A missing button, or a field filled in outside its form, is a failure.
        """
        form = pages.form_of(self.soup, button, row)
        assert form is not None, f"no {button!r} on {self.path}: {self.seen.buttons}"
        named = [field for field in form.find_all(["input", "select"]) if field.has_attr("name")]
        sent: dict[str, str | None] = {
            str(field["name"]): pages.value_of(field) for field in named if shown_as_sent(field)
        }
        names = {str(field["name"]) for field in named}
        assert set(self.filled) <= names, f"{sorted(self.filled)} not in the form of {button!r}"
        sent.update(self.filled)
        fields = {name: value for name, value in sent.items() if value is not None}
        return self._send(str(form.get("method", "get")), str(form["action"]), fields)

    def send(self, action: str, fields: Mapping[str, str]) -> Seen:
        """A form sent without its page, with this session's CSRF token (not a forgery of it)."""
        if self.response is None:
            self.open("/")
        return self._send("post", action, {"csrf_token": pages.csrf_token(self.soup), **fields})

    def cookie(self, name: str) -> str | None:
        found = self.client.get_cookie(name)
        return None if found is None else found.value

    def set_cookie(self, name: str, value: str) -> None:
        self.client.set_cookie(name, value)

    def _send(self, method: str, action: str, fields: dict[str, str]) -> Seen:
        if method.lower() == "get":
            return self._show(self.client.get(action, query_string=fields, follow_redirects=True))
        return self._show(self.client.post(action, data=fields, follow_redirects=True))

    def _show(self, response: TestResponse) -> Seen:
        self.response, self.filled = response, {}
        self.soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        return self.seen


def shown_as_sent(field: Tag) -> bool:
    """What a browser sends of a field nobody touched: its value, a box only if ticked."""
    if field.get("type") in ("checkbox", "radio"):
        return field.has_attr("checked")
    return True


@dataclass
class HttpDriver(PageDriver):
    app: Flask | None = None

    @classmethod
    def over(cls, stage: Stage) -> "HttpDriver":
        return cls(app=reference_app(stage))

    def new_window(self, who: str) -> Window:
        """A test client runs no script: the cookie ``/time-zone.js`` would set in a browser
        of that time zone is set here in its place."""
        assert self.app is not None
        window = Window(self.app, who)
        if who in self.browser_zones:
            window.set_cookie(BROWSER_TIME_ZONE, self.browser_zones[who])
        return window
