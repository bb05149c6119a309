"""A visitor probing the app over HTTP (Flask's test client): requests sent as they are, for
the checks of status codes, headers, sessions and bad input. Pages are read by the HTTP
driver's reader (tests/drivers/html.py); the session cookie's name is the app's own."""

import html
from dataclasses import dataclass, field

import pyotp
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from precoro_2fa.entrypoints.web.demo_data import DEMO_ACCOUNTS
from tests.drivers import html as pages
from tests.drivers.phone import decode_qr

__all__ = ["ADMIN", "ANNA", "BOB", "GLOBEX_ADMIN", "SUPPORT", "Visitor", "decode_qr", "secret_of"]


PASSWORDS = {account.login: account.password for account in DEMO_ACCOUNTS}
ADMIN, ANNA, BOB = "admin@acme.test", "anna@acme.test", "bob@acme.test"
GLOBEX_ADMIN, SUPPORT = "admin@globex.test", "support@precoro.test"


def session_cookie(app: Flask) -> str:
    return str(app.config["SESSION_COOKIE_NAME"])


@dataclass
class Visitor:
    app: Flask
    client: FlaskClient = field(init=False)
    page: TestResponse | None = None

    def __post_init__(self) -> None:
        self.client = self.app.test_client()

    def get(self, path: str) -> TestResponse:
        self.page = self.client.get(path)
        return self.page

    def post(self, path: str, token: bool = True, **fields: str) -> TestResponse:
        data = {"csrf_token": self.token(), **fields} if token else fields
        self.page = self.client.post(path, data=data)
        return self.page

    def follow(self) -> TestResponse:
        assert self.page is not None and self.page.status_code == 303, self.page
        return self.get(self.page.headers["Location"])

    def headers_location(self) -> str:
        assert self.page is not None
        return self.page.headers["Location"]

    def token(self) -> str:
        """The CSRF token of this session, as any page with a form carries it."""
        page = self.client.get("/", follow_redirects=True)
        return pages.csrf_token(BeautifulSoup(page.text, "html.parser"))

    def sign_in(self, login: str, password: str | None = None) -> TestResponse:
        return self.post("/sign-in", login=login, password=password or PASSWORDS[login])

    def enter_code(self, code: str) -> TestResponse:
        return self.post("/sign-in/code", code=code)

    def sign_out(self) -> TestResponse:
        return self.post("/sign-out")

    @property
    def session_id(self) -> str | None:
        cookie = self.client.get_cookie(session_cookie(self.app))
        return None if cookie is None else cookie.value

    @property
    def text(self) -> str:
        assert self.page is not None
        return html.unescape(self.page.text)

    @property
    def soup(self) -> BeautifulSoup:
        assert self.page is not None
        return BeautifulSoup(self.page.text, "html.parser")

    @property
    def notices(self) -> list[str]:
        return [pages.text(notice) for notice in self.soup.select("div.notice")]

    def shown_secret(self) -> str:
        """The secret as grouped for typing on the page after Next."""
        found = self.soup.find(id="secret")
        assert found is not None, self.text
        return pages.text(found)

    def qr_png(self) -> bytes:
        png = pages.qr_png(self.soup)
        assert png is not None, self.text
        return png


def secret_of(uri: str) -> str:
    return str(pyotp.parse_uri(uri).secret)
