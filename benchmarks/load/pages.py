"""The pages of a whole sign-in, as a browser goes through them, on each system.

A ``Browser`` sends one request at a time over locust's ``FastHttpSession`` (its own
cookies, no redirect followed) and raises ``Unexpected`` on an HTTP error or a page that
is not the expected one: the sign-in then counts as an error. Each request is named for
locust's statistics by its place in the sign-in ("1 sign-in page" … "5 signed-in page").
"""

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlencode, urlsplit

from locust.contrib.fasthttp import FastHttpSession

from benchmarks.load.people import PASSWORD, Person

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class Unexpected(Exception):
    """An HTTP error, or not the page a person signing in expects next."""


@dataclass(frozen=True, slots=True)
class Page:
    status: int
    location: str
    """The path a redirect leads to ("" if none)."""
    text: str

    def token(self, field: str) -> str:
        found = re.search(rf'<input[^>]*name="{field}"[^>]*value="([^"]+)"', self.text)
        if found is None:
            raise Unexpected(f"no {field} on the page")
        return found.group(1)

    def showing(self, words: str) -> "Page":
        if words not in self.text:
            raise Unexpected(f"the page does not show {words!r}")
        return self

    def leading_to(self, path: str) -> "Page":
        if self.location != path:
            raise Unexpected(f"redirected to {self.location!r}, not {path!r}")
        return self


class Browser:
    """One person's browser: its cookies are its session with the site."""

    def __init__(self, session: FastHttpSession) -> None:
        self._session = session

    def forget_cookies(self) -> None:
        """A new visit: no session with the site yet."""
        self._session.cookiejar.clear()

    def get(self, path: str, name: str, expect: Collection[int] = (200,)) -> Page:
        return self._send("GET", path, name, expect)

    def post(self, path: str, form: dict[str, str], name: str, expect: Collection[int]) -> Page:
        return self._send("POST", path, name, expect, urlencode(form))

    def _send(
        self, method: str, path: str, name: str, expect: Collection[int], body: str = ""
    ) -> Page:
        headers = FORM if body else None
        with self._session.request(
            method, path, name=name, data=body or None, headers=headers,
            allow_redirects=False, catch_response=True,
        ) as response:  # fmt: skip
            status = response.status_code
            if status not in expect:
                response.failure(f"HTTP {status}")
                raise Unexpected(f"{name}: HTTP {status} {response.error or ''}".strip())
            response.success()
            location = urlsplit(response.headers.get("Location") or "").path
            return Page(status, location, response.text or "")


class Site(Protocol):
    """A system's sign-in pages: password, then a 6-digit code, then a signed-in page."""

    def to_code_step(self, browser: Browser, person: Person) -> str:
        """The sign-in page and the password: the CSRF token of the code form."""
        ...

    def enter_code(self, browser: Browser, token: str, code: str) -> bool:
        """Accepted (True) or refused as already used (False); anything else is unexpected."""
        ...

    def signed_in(self, browser: Browser, person: Person) -> None:
        """The page after the sign-in shows who is signed in."""
        ...


class ThisApp:
    """Precoro's reference app: /sign-in, then /sign-in/code, then the dashboard at /."""

    def to_code_step(self, browser: Browser, person: Person) -> str:
        token = browser.get("/sign-in", "1 sign-in page").token("csrf_token")
        form = {"csrf_token": token, "login": person.login, "password": PASSWORD}
        browser.post("/sign-in", form, "2 password", (303,)).leading_to("/sign-in/code")
        return browser.get("/sign-in/code", "3 code page").token("csrf_token")

    def enter_code(self, browser: Browser, token: str, code: str) -> bool:
        form = {"csrf_token": token, "code": code}
        page = browser.post("/sign-in/code", form, "4 code", (303, 422))
        if page.status == 303:
            page.leading_to("/")
            return True
        page.showing("This code has already been used.")
        return False

    def signed_in(self, browser: Browser, person: Person) -> None:
        browser.get("/", "5 signed-in page").showing(f"Welcome to Precoro, {person.login}.")


class DjangoTwoFactorAuth:
    """django-two-factor-auth's LoginView wizard: one URL, the token form answers the password."""

    LOGIN = "/account/login/"
    STEP = "login_view-current_step"
    TOKEN = "csrfmiddlewaretoken"  # noqa: S105 (the name of Django's CSRF field)

    def to_code_step(self, browser: Browser, person: Person) -> str:
        token = browser.get(self.LOGIN, "1 sign-in page").token(self.TOKEN)
        form = {self.TOKEN: token, self.STEP: "auth", "auth-username": person.login}
        page = browser.post(self.LOGIN, form | {"auth-password": PASSWORD}, "2 password", (200,))
        return page.showing('name="token-otp_token"').token(self.TOKEN)

    def enter_code(self, browser: Browser, token: str, code: str) -> bool:
        form = {self.TOKEN: token, self.STEP: "token", "token-otp_token": code}
        page = browser.post(self.LOGIN, form, "4 code", (302, 200))
        if page.status == 302:
            page.leading_to("/")
            return True
        page.showing("Invalid token.")
        return False

    def signed_in(self, browser: Browser, person: Person) -> None:
        browser.get("/", "5 signed-in page").showing(f"Welcome, {person.login}.")


SITES: dict[str, type[Site]] = {"app": ThisApp, "django": DjangoTwoFactorAuth}
