"""Behind HTTPS reverse proxies: the session cookie is Secure, and only their headers count."""

from cachelib import SimpleCache
from flask import Flask, Response, request

from precoro_2fa import Precoro
from precoro_2fa.entrypoints.web import create_app

SESSION_COOKIE = "precoro_session"


def app_behind(precoro: Precoro, proxies: int) -> Flask:
    return create_app(precoro, "test secret key", SimpleCache(), https_proxies=proxies)


def session_cookie_of(app: Flask, headers: dict[str, str]) -> str:
    response = app.test_client().get("/sign-in", headers=headers)
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(SESSION_COOKIE)]
    assert len(cookies) == 1
    return cookies[0]


def test_behind_one_https_proxy_the_session_cookie_is_secure(precoro: Precoro) -> None:
    cookie = session_cookie_of(app_behind(precoro, 1), {"X-Forwarded-Proto": "https"})
    assert "; Secure" in cookie
    assert "; HttpOnly" in cookie


def test_served_directly_the_cookie_is_not_secure_whatever_a_client_claims(
    precoro: Precoro,
) -> None:
    cookie = session_cookie_of(app_behind(precoro, 0), {"X-Forwarded-Proto": "https"})
    assert "Secure" not in cookie


def test_only_as_many_forwarded_hops_as_there_are_proxies_are_believed(precoro: Precoro) -> None:
    app = app_behind(precoro, 1)
    seen: list[tuple[str, str | None, str]] = []

    @app.after_request
    def remember(response: Response) -> Response:
        seen.append((request.scheme, request.remote_addr, request.host))
        return response

    forged_then_real = {
        "X-Forwarded-Proto": "http, https",
        "X-Forwarded-For": "6.6.6.6, 10.0.0.7",
        "X-Forwarded-Host": "forged.test, precoro.example",
        "X-Forwarded-Port": "8443, 443",
    }
    app.test_client().get("/sign-in", headers=forged_then_real)
    assert seen == [("https", "10.0.0.7", "precoro.example")]
