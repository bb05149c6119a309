"""A person using the app through Flask's test client: pages, forms with their CSRF token."""

import base64
import html
import io
import re
from dataclasses import dataclass, field

import zxingcpp
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from werkzeug.test import TestResponse

from precoro_2fa.entrypoints.web.demo_data import DEMO_ACCOUNTS

PASSWORDS = {account.login: account.password for account in DEMO_ACCOUNTS}
ADMIN, ANNA, BOB = "admin@acme.test", "anna@acme.test", "bob@acme.test"
GLOBEX_ADMIN, SUPPORT = "admin@globex.test", "support@precoro.test"
SESSION_COOKIE = "precoro_session"

_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
_NOTICE = re.compile(r'class="notice [a-z]+" role="(?:status|alert)">([^<]+)<')
_SECRET = re.compile(r'id="secret">([^<]+)<')
_QR_PNG = re.compile(r'src="data:image/png;base64,([^"]+)"')


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
        found = _TOKEN.search(page.text)
        assert found is not None, page.text
        return found.group(1)

    def sign_in(self, login: str, password: str | None = None) -> TestResponse:
        return self.post("/sign-in", login=login, password=password or PASSWORDS[login])

    def enter_code(self, code: str) -> TestResponse:
        return self.post("/sign-in/code", code=code)

    def sign_out(self) -> TestResponse:
        return self.post("/sign-out")

    @property
    def session_id(self) -> str | None:
        cookie = self.client.get_cookie(SESSION_COOKIE)
        return None if cookie is None else cookie.value

    @property
    def text(self) -> str:
        assert self.page is not None
        return html.unescape(self.page.text)

    @property
    def notices(self) -> list[str]:
        assert self.page is not None
        return [html.unescape(text) for text in _NOTICE.findall(self.page.text)]

    def shown_secret(self) -> str:
        """The secret as grouped for typing on the page after Next."""
        found = _SECRET.search(self.text)
        assert found is not None, self.text
        return found.group(1)

    def qr_png(self) -> bytes:
        found = _QR_PNG.search(self.text)
        assert found is not None, self.text
        return base64.b64decode(found.group(1))


def decode_qr(png: bytes) -> str:
    """What a phone reads from the QR code (zxing-cpp, independent of the qrcode package)."""
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(results) == 1, results
    return results[0].text


def secret_of(uri: str) -> str:
    found = re.search(r"[?&]secret=([A-Z2-7]+)", uri)
    assert found is not None, uri
    return found.group(1)
