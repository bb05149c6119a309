"""``precoro-2fa serve`` as a real server process, and a browser that talks to it over HTTP."""

import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def serve_command(database: str, *options: str) -> list[str]:
    command = [sys.executable, "-m", "precoro_2fa.entrypoints.cli", "serve", "--port", "0"]
    return [*command, "--database", database, *options]


@contextmanager
def served(command: list[str], environment: dict[str, str] | None = None) -> Iterator[str]:
    """The URL the server prints once it listens; the server is stopped afterwards."""
    env = {**os.environ, **(environment or {})}
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)  # noqa: S603
    try:
        assert server.stdout is not None
        for line in server.stdout:
            if match := re.search(r"(http://127\.0\.0\.1:\d+/)", line):
                yield match.group(1)
                return
        raise AssertionError("the server stopped before it listened")
    finally:
        stop(server)


def stop(server: subprocess.Popen[str]) -> None:
    """Stop the server as its operator would (SIGTERM), and see it end well. gunicorn stops
    its workers gracefully within 30 s; a worker still starting may miss the signal (it
    comes before the worker listens for it) and is then killed when those 30 s are over."""
    server.terminate()
    assert server.wait(timeout=45) == 0


class Browser:
    """Pages over HTTP with a cookie jar; redirects followed, as a browser does."""

    def __init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        handler = urllib.request.HTTPCookieProcessor(self.cookies)
        self._opener = urllib.request.build_opener(handler)
        self.page, self.status = "", 0

    def get(self, url: str) -> str:
        return self._open(url, None)

    def post(self, url: str, **fields: str) -> str:
        """Send the form of the page last seen (its CSRF token) with ``fields``."""
        token = _TOKEN.search(self.page)
        assert token is not None, "the page's form carries a CSRF token"
        data = urllib.parse.urlencode({"csrf_token": token.group(1), **fields}).encode()
        return self._open(url, data)

    def _open(self, url: str, data: bytes | None) -> str:
        """The page shown, whatever its status (a refused form answers 422 with its page)."""
        try:
            with self._opener.open(url, data=data, timeout=30) as response:
                self.status, self.page = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            self.status, self.page = error.code, error.read().decode()
        return self.page
