"""Sessions live in the app's database: a restart of the server signs nobody out.

Two real server processes run one after the other on one SQLite file; a browser (a cookie
jar) keeps its session cookie across them.
"""

import http.cookiejar
import re
import sqlite3
import sys
import urllib.parse
import urllib.request
from pathlib import Path

from tests.web.test_serve import served

ANNA, ANNA_PASSWORD = "anna@acme.test", "anna-employee-2fa"
_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Browser:
    """Pages over HTTP with a cookie jar; redirects followed, as a browser does."""

    def __init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, url: str) -> str:
        with self._opener.open(url, timeout=10) as response:
            return str(response.read().decode())

    def post(self, url: str, form: str, **fields: str) -> str:
        token = _TOKEN.search(form)
        assert token is not None, "the form carries a CSRF token"
        data = urllib.parse.urlencode({"csrf_token": token.group(1), **fields}).encode()
        with self._opener.open(url, data=data, timeout=10) as response:
            return str(response.read().decode())


def server(database: Path) -> list[str]:
    command = [sys.executable, "-m", "precoro_2fa.entrypoints.cli", "serve", "--port", "0"]
    return [*command, "--database", str(database)]


def session_ids(database: Path) -> set[str]:
    with sqlite3.connect(database) as connection:
        return {row[0] for row in connection.execute("SELECT session_id FROM sessions")}


def test_a_signed_in_browser_is_still_signed_in_after_a_restart(tmp_path: Path) -> None:
    database, browser = tmp_path / "kept.sqlite3", Browser()
    with served(server(database)) as url:
        form = browser.get(f"{url}sign-in")
        assert "<h1>Dashboard</h1>" in browser.post(
            f"{url}sign-in", form, login=ANNA, password=ANNA_PASSWORD
        )
    with served(server(database)) as url:
        assert "<h1>Dashboard</h1>" in browser.get(url)


def test_a_form_opened_before_a_restart_is_still_accepted_after_it(tmp_path: Path) -> None:
    database, browser = tmp_path / "kept.sqlite3", Browser()
    with served(server(database)) as url:
        form = browser.get(f"{url}sign-in")
    with served(server(database)) as url:
        signed_in = browser.post(f"{url}sign-in", form, login=ANNA, password=ANNA_PASSWORD)
        assert "<h1>Dashboard</h1>" in signed_in


def test_signing_in_and_out_deletes_the_session_it_leaves(tmp_path: Path) -> None:
    database, browser = tmp_path / "kept.sqlite3", Browser()
    with served(server(database)) as url:
        form = browser.get(f"{url}sign-in")
        before_sign_in = session_ids(database)
        dashboard = browser.post(f"{url}sign-in", form, login=ANNA, password=ANNA_PASSWORD)
        signed_in = session_ids(database)
        browser.post(f"{url}sign-out", dashboard)
        signed_out = session_ids(database)
    assert len(before_sign_in) == len(signed_in) == 1
    assert before_sign_in.isdisjoint(signed_in)  # a new session id once signed in
    assert signed_in.isdisjoint(signed_out)  # and the signed-in session is gone after sign-out
