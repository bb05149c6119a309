"""Bad input of every kind gets a clear answer, never a 500: CSRF, forms, ids, methods."""

from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from flask import Flask

from precoro_2fa import Rejection
from precoro_2fa.domain.sign_in import INCORRECT_LOGIN_OR_PASSWORD
from precoro_2fa.entrypoints.messages import FORM_EXPIRED
from tests.conftest import Phone
from tests.web.routes import every_route
from tests.web.visitor import ADMIN, ANNA, SUPPORT, Visitor, session_cookie

Visitors = Callable[[], Visitor]
TurnOn = Callable[[str], Phone]

MALFORMED_CODES = [
    "",
    " ",
    "12345",
    "1234567",
    "abcdef",
    "123 -456",
    "12-34-56",
    "\uff11\uff12\uff13\uff14\uff15\uff16",  # fullwidth digits
    "\u0662\u0668\u0667\u0660\u0668\u0662",  # Arabic-Indic digits
    "12 34 56",
    "x" * 10_000,
    "123456" * 1000,
]
GARBAGE = ["", "x" * 5_000, "\x00", "' OR 1=1 --", "<script>alert(1)</script>", "é" * 300]
FIELDS = [
    "login",
    "password",
    "code",
    "application",
    "channel",
    "required_two_factor",
    "authy_restore_failed",
]


def signed_in(visitor: Visitors, login: str) -> Visitor:
    person = visitor()
    person.sign_in(login)
    return person


@pytest.mark.parametrize("login", [ANNA, ADMIN, SUPPORT])
def test_every_post_without_a_csrf_token_is_refused(
    app: Flask, visitor: Visitors, login: str
) -> None:
    person = signed_in(visitor, login)
    for method, path, _ in every_route(app):
        if method == "POST":
            page = person.post(path, token=False, code="123456", application="AUTHY")
            assert page.status_code == 400, path
            assert person.notices == [FORM_EXPIRED]
    assert person.get("/").status_code == 200  # still signed in: nothing was done


def test_the_sign_in_form_needs_its_csrf_token(visitor: Visitors) -> None:
    anna = visitor()
    page = anna.post("/sign-in", token=False, login=ANNA, password="anna-employee-2fa")
    assert page.status_code == 400
    assert anna.get("/").headers["Location"] == "/sign-in"


def test_a_csrf_token_of_another_session_is_refused(visitor: Visitors) -> None:
    anna, mallory = signed_in(visitor, ANNA), signed_in(visitor, ADMIN)
    stolen = mallory.token()
    page = anna.client.post(
        "/profile/two-factor/turn-on", data={"csrf_token": stolen, "application": "AUTHY"}
    )
    assert page.status_code == 400


def test_the_csrf_token_from_before_sign_in_is_dead_after_it(visitor: Visitors) -> None:
    anna = visitor()
    before = anna.token()
    anna.sign_in(ANNA)
    page = anna.client.post("/sign-out", data={"csrf_token": before})
    assert page.status_code == 400


def test_a_forged_or_garbage_session_cookie_is_a_stranger(visitor: Visitors) -> None:
    for value in ["", "garbage", "x" * 4000, "../../etc/passwd", "session:abc"]:
        stranger = visitor()
        stranger.client.set_cookie(session_cookie(stranger.app), value)
        assert stranger.get("/").headers["Location"] == "/sign-in"
        assert stranger.get("/sign-in").status_code == 200


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"login": ANNA},
        {"password": "anna-employee-2fa"},
        {"login": "", "password": ""},
        {"login": "x" * 50_000, "password": "y"},
        {"login": "\x00", "password": "\x00"},
    ],
)
def test_a_malformed_sign_in_form_gets_the_one_refusal_message(
    visitor: Visitors, fields: dict[str, str]
) -> None:
    person = visitor()
    assert person.post("/sign-in", **fields).status_code == 422
    assert person.notices == [INCORRECT_LOGIN_OR_PASSWORD]


def test_malformed_codes_get_one_clear_message_on_every_code_form(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    phone = with_two_factor(ANNA)
    half = visitor()
    half.sign_in(ANNA)
    anna = visitor()
    anna.sign_in(ANNA)
    anna.enter_code(phone.code())
    for code in MALFORMED_CODES:  # none counts toward the lock
        for person, path in ((half, "/sign-in/code"), (anna, "/profile/two-factor/turn-off")):
            page = person.post(path, code=code)
            assert page.status_code == 422, (path, code)
            assert person.notices == [Rejection.MALFORMED.message], (path, code)


@pytest.mark.parametrize("code", MALFORMED_CODES)
def test_each_malformed_code_is_refused_as_malformed(
    visitor: Visitors, with_two_factor: TurnOn, code: str
) -> None:
    with_two_factor(ANNA)
    anna = visitor()
    anna.sign_in(ANNA)
    assert anna.enter_code(code).status_code == 422
    assert anna.notices == [Rejection.MALFORMED.message]


def test_a_missing_code_field_is_a_malformed_code(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    with_two_factor(ANNA)
    anna = visitor()
    anna.sign_in(ANNA)
    assert anna.post("/sign-in/code").status_code == 422
    assert anna.notices == [Rejection.MALFORMED.message]


@pytest.mark.parametrize("login", [ANNA, ADMIN, SUPPORT])
def test_garbage_in_every_field_of_every_form_never_gives_a_500(
    app: Flask, visitor: Visitors, login: str
) -> None:
    for value in GARBAGE:
        person = signed_in(visitor, login)
        for method, path, _ in every_route(app, argument=value or "x"):
            if method == "POST" and path != "/sign-out":
                page = person.post(path, **dict.fromkeys(FIELDS, value))
                assert page.status_code in (303, 403, 404, 409, 422), (path, value[:20])


def test_unknown_request_ids_are_not_found(visitor: Visitors) -> None:
    admin, support = signed_in(visitor, ADMIN), signed_in(visitor, SUPPORT)
    for person, path in (
        (admin, "/configuration/recovery-requests/nope/approve"),
        (admin, "/configuration/recovery-requests/nope/reject"),
        (support, "/support/recovery-requests/nope/reset"),
    ):
        assert person.post(path).status_code == 404
        assert person.notices == ["No such recovery request."]


def test_wrong_methods_and_unknown_paths_get_a_page_saying_so(
    app: Flask, visitor: Visitors
) -> None:
    admin = signed_in(visitor, ADMIN)
    for method, path, _ in every_route(app):
        for wrong in {"GET", "POST", "PUT", "DELETE", "PATCH"} - {method}:
            if (wrong, path) in {(m, p) for m, p, _ in every_route(app)}:
                continue
            page = admin.client.open(path, method=wrong)
            assert page.status_code == 405, (wrong, path)
            assert "method is not allowed" in page.text
    assert admin.get("/no/such/page").status_code == 404
    assert "not found" in admin.text.lower()
    assert "<h1>Sorry</h1>" in admin.text and "Back to Precoro" in admin.text  # the app's page


def test_a_body_too_large_is_refused(visitor: Visitors) -> None:
    anna = signed_in(visitor, ANNA)
    page = anna.post("/sign-in/code", code="1" * 100_000)
    assert page.status_code == 413


def test_a_json_body_is_a_form_without_a_token(visitor: Visitors) -> None:
    anna = signed_in(visitor, ANNA)
    page = anna.client.post("/profile/two-factor/turn-on", json={"application": "AUTHY"})
    assert page.status_code == 400


@pytest.mark.parametrize("chosen", [{}, {"application": "SMS"}, {"application": ""}])
def test_next_without_one_of_the_two_applications_says_which_to_choose(
    visitor: Callable[[], Visitor], chosen: dict[str, str]
) -> None:
    anna = visitor()
    anna.sign_in(ANNA)
    page = anna.post("/profile/two-factor/turn-on", **chosen)
    assert page.status_code == 422
    assert errors_on(page.text) == ["Choose Authy or Google Authenticator."]


@pytest.mark.parametrize("chosen", [{}, {"channel": "PHONE"}])
def test_a_request_without_one_of_the_two_channels_says_which_to_choose(
    visitor: Callable[[], Visitor], chosen: dict[str, str]
) -> None:
    support = visitor()
    support.sign_in(SUPPORT)
    page = support.post("/support/recovery-requests", login=ANNA, **chosen)
    assert page.status_code == 422
    assert errors_on(page.text) == ["Choose how the employee asked: CSM manager or online chat."]


def errors_on(page: str) -> list[str]:
    soup = BeautifulSoup(page, "html.parser")
    return [" ".join(tag.get_text().split()) for tag in soup.select(".error")]
