"""Sessions live in the app's database: a restart of the server signs nobody out.

Two real server processes run one after the other on one SQLite file; a browser (a cookie
jar) keeps its session cookie across them.
"""

import sqlite3
from pathlib import Path

from tests.web.served import Browser, serve_command, served

ANNA, ANNA_PASSWORD = "anna@acme.test", "anna-employee-2fa"
DASHBOARD = "<h1>Dashboard</h1>"


def session_ids(database: Path) -> set[str]:
    with sqlite3.connect(database) as connection:
        return {row[0] for row in connection.execute("SELECT id FROM web_sessions")}


def test_a_signed_in_browser_is_still_signed_in_after_a_restart(tmp_path: Path) -> None:
    database, browser = tmp_path / "kept.sqlite3", Browser()
    with served(serve_command(str(database))) as url:
        browser.get(f"{url}sign-in")
        assert DASHBOARD in browser.post(f"{url}sign-in", login=ANNA, password=ANNA_PASSWORD)
    with served(serve_command(str(database))) as url:
        assert DASHBOARD in browser.get(url)


def test_a_form_opened_before_a_restart_is_still_accepted_after_it(tmp_path: Path) -> None:
    database, browser = tmp_path / "kept.sqlite3", Browser()
    with served(serve_command(str(database))) as url:
        browser.get(f"{url}sign-in")
    with served(serve_command(str(database))) as url:
        assert DASHBOARD in browser.post(f"{url}sign-in", login=ANNA, password=ANNA_PASSWORD)


def test_signing_in_and_out_deletes_the_session_it_leaves(tmp_path: Path) -> None:
    database, browser = tmp_path / "kept.sqlite3", Browser()
    with served(serve_command(str(database))) as url:
        browser.get(f"{url}sign-in")
        before_sign_in = session_ids(database)
        browser.post(f"{url}sign-in", login=ANNA, password=ANNA_PASSWORD)
        signed_in = session_ids(database)
        browser.post(f"{url}sign-out")
        signed_out = session_ids(database)
    assert len(before_sign_in) == len(signed_in) == 1
    assert before_sign_in.isdisjoint(signed_in)  # a new session id once signed in
    assert signed_in.isdisjoint(signed_out)  # and the signed-in session is gone after sign-out
