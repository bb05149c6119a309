"""Every route, GET and POST, tried by each kind of visitor who may not go everywhere."""

from collections.abc import Callable

import pytest
from flask import Flask

from tests.conftest import Phone
from tests.web.routes import every_route
from tests.web.test_required_two_factor import require_two_factor
from tests.web.visitor import ANNA, BOB, Visitor

Visitors = Callable[[], Visitor]
TurnOn = Callable[[str], Phone]

SIGN_OUT = "signing_in.sign_out"
HEALTH = "health.healthz"
TIME_ZONE_SCRIPT = "time_zones.script"
OPEN_TO_ANYONE = (HEALTH, TIME_ZONE_SCRIPT)
"""The health check, and the script that tells the browser's time zone (no secret in it)."""


def try_route(person: Visitor, method: str, path: str) -> tuple[int, str | None]:
    page = person.get(path) if method == "GET" else person.post(path)
    assert page.status_code < 500, (method, path)
    return page.status_code, page.headers.get("Location")


def test_the_enumeration_sees_every_page_of_the_app(app: Flask) -> None:
    routes = every_route(app)
    endpoints = {endpoint for _, _, endpoint in routes}
    assert (len(endpoints), len(routes)) == (28, 39)  # 21 GET and 18 POST
    assert {"two_factor.settings", "support.reset", "configuration.audit_log"} <= endpoints


def test_under_required_two_factor_only_the_settings_pages_and_sign_out_are_reachable(
    app: Flask, visitor: Visitors
) -> None:
    require_two_factor(visitor)
    for method, path, endpoint in every_route(app):
        bob = visitor()
        bob.sign_in(BOB)
        status, location = try_route(bob, method, path)
        if endpoint.startswith("two_factor."):
            assert location in (None, "/profile/two-factor", "/profile/two-factor/confirm")
        elif endpoint == SIGN_OUT:
            assert location == "/sign-in"
        elif endpoint in OPEN_TO_ANYONE:
            assert (status, location) == (200, None)
        else:
            assert (status, location) == (303, "/profile/two-factor"), (method, path)


def test_between_the_two_steps_only_the_code_page_and_sign_out_are_reachable(
    app: Flask, visitor: Visitors, with_two_factor: TurnOn
) -> None:
    with_two_factor(ANNA)
    for method, path, endpoint in every_route(app):
        anna = visitor()
        assert anna.sign_in(ANNA).headers["Location"] == "/sign-in/code"
        status, location = try_route(anna, method, path)
        if endpoint == "signing_in.code":
            assert status == (200 if method == "GET" else 422)
        elif endpoint == SIGN_OUT:
            assert location == "/sign-in"
        elif endpoint in OPEN_TO_ANYONE:
            assert (status, location) == (200, None)
        else:
            assert (status, location) == (303, "/sign-in/code"), (method, path)


@pytest.mark.parametrize("kind", ["anonymous", "signed out"])
def test_without_signing_in_only_the_sign_in_page_is_reachable(
    app: Flask, visitor: Visitors, kind: str
) -> None:
    for method, path, endpoint in every_route(app):
        stranger = visitor()
        if kind == "signed out":
            stranger.sign_in(ANNA)
            stranger.sign_out()
        status, location = try_route(stranger, method, path)
        if endpoint == "signing_in.sign_in":
            assert status == (200 if method == "GET" else 422)
        elif endpoint in OPEN_TO_ANYONE:
            assert (status, location) == (200, None)
        else:
            assert (status, location) == (303, "/sign-in"), (method, path)
