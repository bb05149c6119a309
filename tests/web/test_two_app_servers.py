"""Two app servers, two processes, one PostgreSQL database: one Precoro for the people.

A throw-away PostgreSQL (tests/store/postgres.py) holds the store and the sessions; both
servers are given the same two keys. Codes are taken on the real clock: Anna confirmed
her app at a fixed time in the past, so every current step is still unused.
"""

from collections.abc import Iterator
from datetime import UTC, datetime

import pyotp
import pytest

from precoro_2fa import AuthenticationApplication, bootstrap
from precoro_2fa.adapters.sql import SqlStore, new_key
from precoro_2fa.entrypoints.web.keys import KEY_VARIABLE, SESSION_KEY_VARIABLE
from tests.store.contenders import SetClock
from tests.store.databases import Databases
from tests.web.served import Browser, serve_command, served

ANNA, BOB, ADMIN = "anna@acme.test", "bob@acme.test", "admin@acme.test"
PASSWORDS = {ANNA: "anna-employee-2fa", BOB: "bob-employee-2fa", ADMIN: "acme-admin-2fa"}
ANNA_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
CONFIRMED_AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
SIGNED_IN = "<h1>Dashboard</h1>"
ON, OFF = "authentication is on, with", "authentication is off."


def code(steps_from_now: int = 0) -> str:
    return pyotp.TOTP(ANNA_SECRET).at(datetime.now(UTC), counter_offset=steps_from_now)


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The URLs of two app servers on one new PostgreSQL database, Anna's 2FA on."""
    with Databases(tmp_path_factory.mktemp("two-servers")) as databases:
        database = databases.new_database("postgres")
        keys = {KEY_VARIABLE: new_key(), SESSION_KEY_VARIABLE: new_key()}
        with served(serve_command(database), keys) as first:
            turn_on_for_anna(database, keys[KEY_VARIABLE])
            with served(serve_command(database), keys) as second:
                yield first, second


def turn_on_for_anna(database: str, key: str) -> None:
    store = SqlStore(database, key)
    precoro = bootstrap(store, clock=SetClock(CONFIRMED_AT), new_secret=lambda: ANNA_SECRET)
    precoro.choose_application(ANNA, AuthenticationApplication.GOOGLE_AUTHENTICATOR)
    assert precoro.confirm(ANNA, pyotp.TOTP(ANNA_SECRET).at(CONFIRMED_AT)).accepted
    store.dispose()


def signs_in(browser: Browser, url: str, login: str) -> str:
    browser.get(f"{url}sign-in")
    return browser.post(f"{url}sign-in", login=login, password=PASSWORDS[login])


def test_a_sign_in_begun_on_one_server_ends_on_the_other_and_its_code_is_spent_on_both(
    servers: tuple[str, str],
) -> None:
    first, second = servers
    anna, thief = Browser(), Browser()
    assert "6-digit code" in signs_in(anna, first, ANNA)
    assert SIGNED_IN in anna.post(f"{second}sign-in/code", code=code())
    assert "6-digit code" in signs_in(thief, second, ANNA)  # the password alone
    refused = thief.post(f"{first}sign-in/code", code=code())
    assert (thief.status, SIGNED_IN in refused) == (422, False)
    assert "already been used" in refused
    anna.get(f"{first}profile/two-factor/turn-off")
    anna.post(f"{first}profile/two-factor/turn-off", code=code(1))  # the next step's code
    assert OFF in anna.get(f"{second}profile/two-factor")


def test_an_admins_update_on_one_server_holds_on_the_other_at_the_next_click(
    servers: tuple[str, str],
) -> None:
    first, second = servers
    admin, bob = Browser(), Browser()
    assert SIGNED_IN in signs_in(bob, second, BOB)
    signs_in(admin, first, ADMIN)
    admin.get(f"{first}configuration/account-settings")
    admin.post(f"{first}configuration/account-settings", required_two_factor="y")
    led = bob.get(f"{second}purchase-orders")
    assert "<h1>Two-factor authentication</h1>" in led
    assert "Your company requires two-factor authentication" in led
