"""The device cookie: a stranger's wrong passwords block strangers' browsers, never the
browser the owner signed in from; the blocked page is the same for every login."""

import base64
import binascii
import contextlib
import re
import zlib
from collections.abc import Callable
from datetime import timedelta

from cachelib import SimpleCache
from flask import Flask
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import Precoro
from precoro_2fa.entrypoints.web import create_app
from precoro_2fa.entrypoints.web.devices import COOKIE
from tests.web.visitor import ANNA, BOB, PASSWORDS, Visitor

BLOCKED = re.compile(
    r"Sign-in is temporarily blocked after too many incorrect passwords\. Try again after "
    r"09:15 UTC, or sign in from a browser you have signed in from before\. If you cannot, "
    r"contact your company&#39;s admin\."
)
DASHBOARD = "/"


def guess(visitor: Callable[[], Visitor], login: str, times: int = 10) -> Visitor:
    """A stranger's browser that typed ``times`` wrong passwords for ``login``."""
    stranger = visitor()
    for _ in range(times):
        stranger.sign_in(login, "not the password")
    return stranger


def signed_in_then_out(visitor: Callable[[], Visitor], login: str) -> Visitor:
    owner = visitor()
    assert owner.sign_in(login).headers["Location"] == DASHBOARD
    owner.sign_out()
    return owner


def test_signing_in_leaves_a_signed_http_only_device_cookie(visitor: Callable[[], Visitor]) -> None:
    owner = visitor()
    assert owner.client.get_cookie(COOKIE) is None
    owner.sign_in(ANNA)
    cookie = owner.client.get_cookie(COOKIE)
    assert cookie is not None
    assert (cookie.http_only, cookie.same_site, cookie.secure) == (True, "Lax", False)
    assert cookie.max_age == 90 * 24 * 3600


def test_the_owner_signs_in_from_her_browser_while_strangers_are_blocked(
    visitor: Callable[[], Visitor],
) -> None:
    owner = signed_in_then_out(visitor, ANNA)
    stranger = guess(visitor, ANNA)
    assert stranger.page is not None and stranger.page.status_code == 429
    assert owner.sign_in(ANNA).headers["Location"] == DASHBOARD
    newcomer = visitor()
    assert newcomer.sign_in(ANNA).status_code == 429  # the right password, a new browser


def test_the_blocked_page_says_until_when_and_what_to_do(visitor: Callable[[], Visitor]) -> None:
    stranger = guess(visitor, ANNA)
    page = stranger.sign_in(ANNA)
    assert page.status_code == 429
    assert page.headers["Retry-After"] == str(15 * 60)
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert BLOCKED.search(page.text), page.text


def test_an_unknown_login_gets_the_same_refusals_and_the_same_block(
    visitor: Callable[[], Visitor],
) -> None:
    def answers(login: str) -> list[tuple[int, str]]:
        stranger = visitor()
        pages = [stranger.sign_in(login, "not the password") for _ in range(11)]
        return [(page.status_code, _notice(page.text)) for page in pages]

    known, unknown = answers(ANNA), answers("nobody@acme.test")
    assert known == unknown
    assert [status for status, _ in known] == 9 * [422] + 2 * [429]


def test_a_tampered_device_cookie_counts_as_a_strangers_browser(
    visitor: Callable[[], Visitor],
) -> None:
    owner = signed_in_then_out(visitor, ANNA)
    cookie = owner.client.get_cookie(COOKIE)
    assert cookie is not None
    value = cookie.value
    tampered = value[:-2] + ("AA" if not value.endswith("AA") else "BB")
    owner.client.set_cookie(COOKIE, tampered)
    guess(visitor, ANNA)
    assert owner.sign_in(ANNA).status_code == 429


def test_a_browser_trusted_for_one_login_is_a_stranger_for_another(
    visitor: Callable[[], Visitor],
) -> None:
    annas_browser = signed_in_then_out(visitor, ANNA)
    guess(visitor, BOB)
    assert annas_browser.sign_in(BOB, PASSWORDS[BOB]).status_code == 429
    assert annas_browser.sign_in(ANNA).headers["Location"] == DASHBOARD


def test_wrong_passwords_in_the_owners_browser_block_that_browser_only(
    visitor: Callable[[], Visitor],
) -> None:
    owner = signed_in_then_out(visitor, ANNA)
    pages = [owner.sign_in(ANNA, "not the password") for _ in range(10)]
    assert [page.status_code for page in pages] == 9 * [422] + [429]
    assert owner.sign_in(ANNA).status_code == 429
    assert visitor().sign_in(ANNA).headers["Location"] == DASHBOARD


def test_a_device_cookie_is_trusted_for_90_days_after_the_last_sign_in(
    visitor: Callable[[], Visitor], clock: FrozenDateTimeFactory
) -> None:
    """Checked by the server, whatever the browser keeps: the value is sent again as it was."""
    owner = signed_in_then_out(visitor, ANNA)
    cookie = owner.client.get_cookie(COOKIE)
    assert cookie is not None
    clock.tick(timedelta(days=90))
    guess(visitor, ANNA)
    owner.client.set_cookie(COOKIE, cookie.value)
    assert owner.sign_in(ANNA).headers["Location"] == DASHBOARD  # and a fresh cookie
    owner.sign_out()
    clock.tick(timedelta(days=90, seconds=1))
    guess(visitor, ANNA)
    owner.client.set_cookie(COOKIE, cookie.value)  # the first cookie, 180 days old
    assert owner.sign_in(ANNA).status_code == 429


def test_behind_https_the_device_cookie_is_secure(precoro: Precoro) -> None:
    app: Flask = create_app(precoro, "test secret key", SimpleCache(), https_proxies=1)
    client, https = app.test_client(), "https://precoro.example"
    proxied = {"X-Forwarded-Proto": "https", "Referer": f"{https}/sign-in"}
    page = client.get("/sign-in", base_url=https, headers=proxied)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)
    assert token is not None
    form = {"csrf_token": token.group(1), "login": ANNA, "password": PASSWORDS[ANNA]}
    signed_in = client.post("/sign-in", base_url=https, headers=proxied, data=form)
    assert signed_in.status_code == 303
    [device] = [c for c in signed_in.headers.getlist("Set-Cookie") if c.startswith(f"{COOKIE}=")]
    assert "; Secure" in device and "; HttpOnly" in device


def _notice(page: str) -> str:
    found = re.search(r'role="alert"[^>]*>([^<]+)<', page)
    assert found is not None, page
    return found.group(1)


def test_the_device_cookie_keeps_its_logins_to_itself(visitor: Callable[[], Visitor]) -> None:
    """Sealed, not signed: neither the cookie nor any base64 reading of it shows a login."""
    browser = visitor()
    for login in (ANNA, BOB):
        browser.sign_in(login, PASSWORDS[login])
        browser.sign_out()
    cookie = browser.client.get_cookie(COOKIE)
    assert cookie is not None
    readings = [cookie.value.encode()]
    for part in (cookie.value, *cookie.value.split(".")):  # itsdangerous: payload.time.sig
        for decode in (base64.urlsafe_b64decode, base64.b64decode):
            with contextlib.suppress(binascii.Error, ValueError):
                readings.append(decode(part + "=" * (-len(part) % 4)))
    for reading in list(readings):  # and compressed, as itsdangerous may compress
        with contextlib.suppress(zlib.error):
            readings.append(zlib.decompress(reading))
    assert len(readings) > 1  # the cookie is base64: read, and still nothing shows
    for reading in readings:
        for shown in (ANNA.encode(), BOB.encode(), b"acme.test"):
            assert shown not in reading, (shown, reading[:60])


def test_a_browser_shared_by_two_people_is_known_for_both(
    visitor: Callable[[], Visitor],
) -> None:
    shared = signed_in_then_out(visitor, ANNA)
    assert shared.sign_in(BOB).headers["Location"] == DASHBOARD
    shared.sign_out()
    guess(visitor, ANNA)
    assert shared.sign_in(ANNA).headers["Location"] == DASHBOARD  # still her browser
