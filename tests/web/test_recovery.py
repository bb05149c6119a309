"""Lost phone: support records the request, an admin of the company approves, support resets."""

import re
from collections.abc import Callable

import pyotp
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import AuthenticationApplication, Channel, Precoro
from tests.conftest import Phone
from tests.web.visitor import ADMIN, ANNA, BOB, GLOBEX_ADMIN, SUPPORT, Visitor

Visitors = Callable[[], Visitor]
TurnOn = Callable[[str], Phone]

_APPROVE = re.compile(r'action="(/configuration/recovery-requests/[^/"]+)/approve"')
_RESET = re.compile(r'action="(/support/recovery-requests/[^/"]+/reset)"')


def signed_in(visitor: Visitors, login: str, phone: Phone | None = None) -> Visitor:
    person = visitor()
    person.sign_in(login)
    if phone is not None:
        person.enter_code(phone.code())
    return person


def record_request(support: Visitor, login: str = ANNA, **fields: str) -> None:
    support.post("/support/recovery-requests", login=login, channel="ONLINE_CHAT", **fields)


def request_path(admin: Visitor) -> str:
    found = _APPROVE.search(admin.get("/configuration/recovery-requests").text)
    assert found is not None, admin.text
    return found.group(1)


def test_lost_phone_request_approved_and_reset_then_sign_in_with_the_password(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    with_two_factor(ANNA)
    support = signed_in(visitor, SUPPORT)
    assert "Support" in support.get("/").text
    record_request(support)
    support.follow()
    asked = "We will ask an admin at their company to approve it: admin@acme.test."
    assert support.notices == [f"Request recorded for {ANNA}. {asked}"]
    admin = signed_in(visitor, ADMIN)
    path = request_path(admin)
    assert "online chat" in admin.text and "waiting for approval" in admin.text
    admin.post(f"{path}/approve")
    admin.follow()
    assert admin.notices == ["The request of anna@acme.test is approved: support will reset 2FA."]
    reset = _RESET.search(support.get("/support/recovery-requests").text)
    assert reset is not None
    support.post(reset.group(1))
    support.follow()
    assert "Two-factor authentication of anna@acme.test is reset" in support.notices[0]
    assert _RESET.search(support.text) is None and "<td>reset</td>" in support.text
    anna = visitor()
    assert anna.sign_in(ANNA).headers["Location"] == "/"
    assert "<p>Two-factor authentication is off.</p>" in anna.get("/profile/two-factor").text


def test_a_rejected_request_leaves_two_factor_on(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    with_two_factor(ANNA)
    record_request(signed_in(visitor, SUPPORT))
    admin = signed_in(visitor, ADMIN)
    admin.post(f"{request_path(admin)}/reject")
    admin.follow()
    assert admin.notices == ["The request of anna@acme.test is rejected."]
    assert "<td>rejected</td>" in admin.text
    assert visitor().sign_in(ANNA).headers["Location"] == "/sign-in/code"


def test_an_admin_of_another_company_neither_sees_nor_decides_the_request(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    with_two_factor(ANNA)
    record_request(signed_in(visitor, SUPPORT))
    path = request_path(signed_in(visitor, ADMIN))
    globex = signed_in(visitor, GLOBEX_ADMIN)
    assert "anna@acme.test" not in globex.get("/configuration/recovery-requests").text
    assert globex.post(f"{path}/approve").status_code == 403
    assert globex.notices == ["Only an admin of this company can do this."]
    assert globex.post(f"{path}/reject").status_code == 403
    assert (
        "waiting for approval"
        in signed_in(visitor, ADMIN).get("/configuration/recovery-requests").text
    )


def test_employees_open_neither_the_admin_nor_the_support_pages(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    with_two_factor(ANNA)
    record_request(signed_in(visitor, SUPPORT))
    path = request_path(signed_in(visitor, ADMIN))
    bob = signed_in(visitor, BOB)
    for page in ("/configuration/recovery-requests", "/configuration/audit-log"):
        assert bob.get(page).status_code == 403
    assert bob.post(f"{path}/approve").status_code == 403
    assert bob.get("/support/recovery-requests").status_code == 403
    assert bob.post("/support/recovery-requests", login=ANNA, channel="CSM_MANAGER").status_code
    assert bob.notices == ["Only Precoro support can do this."]


def test_support_resets_only_approved_requests_and_only_once(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    with_two_factor(ANNA)
    support = signed_in(visitor, SUPPORT)
    record_request(support)
    admin = signed_in(visitor, ADMIN)
    path = request_path(admin)
    request_id = path.rsplit("/", 1)[1]
    reset = f"/support/recovery-requests/{request_id}/reset"
    answered_on = "/support/recovery-requests"  # where support acted, never a dead end
    assert support.post(reset).headers["Location"] == answered_on
    support.follow()
    assert support.notices == ["Two-factor authentication is reset only for an approved request."]
    admin.post(f"{path}/approve")
    assert support.post(reset).status_code == 303
    assert support.post(reset).headers["Location"] == answered_on
    support.follow()
    assert support.notices == ["Two-factor authentication was already reset for this request."]
    assert admin.post(f"{path}/approve").headers["Location"] == "/configuration/recovery-requests"
    admin.follow()
    assert admin.notices == ["This request has already been approved or rejected."]


def test_support_cannot_record_a_request_for_an_unknown_user_or_one_without_two_factor(
    visitor: Visitors,
) -> None:
    support = signed_in(visitor, SUPPORT)
    record_request(support, "nobody@acme.test")
    assert support.page is not None and support.page.status_code == 422
    assert support.notices == ["No such user."]
    record_request(support, BOB)
    assert support.notices == ["Two-factor authentication is off."]


def test_an_authy_user_restores_from_authy_first(
    visitor: Visitors, clock: FrozenDateTimeFactory
) -> None:
    anna = signed_in(visitor, ANNA)
    anna.post("/profile/two-factor/turn-on", application="AUTHY")
    anna.follow()
    anna.post(
        "/profile/two-factor/confirm", code=Phone(anna.shown_secret().replace(" ", "")).code()
    )
    support = signed_in(visitor, SUPPORT)
    record_request(support)
    assert support.page is not None and support.page.status_code == 422
    assert "Restore your Authy account" in support.notices[0]
    record_request(support, authy_restore_failed="y")
    assert support.page.status_code == 303


def test_the_audit_log_shows_the_admins_company_only(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    with_two_factor(ANNA)
    record_request(signed_in(visitor, SUPPORT))
    acme = signed_in(visitor, ADMIN).get("/configuration/audit-log").text
    assert "two-factor authentication turned on" in acme
    assert "reset requested" in acme and "support@precoro.test" in acme
    globex = signed_in(visitor, GLOBEX_ADMIN).get("/configuration/audit-log").text
    assert "anna@acme.test" not in globex
    assert "Nothing has happened yet." in globex


def test_support_s_requests_fifty_a_page(
    precoro: Precoro, visitor: Visitors, clock: FrozenDateTimeFactory
) -> None:
    for number in range(51):
        login = f"user-{number}@acme.test"
        precoro.add_user(login, "a long password", "acme")
        application = AuthenticationApplication.GOOGLE_AUTHENTICATOR
        secret = precoro.choose_application(login, application).secret
        assert precoro.confirm(login, pyotp.TOTP(secret).now()).accepted
        precoro.request_reset(SUPPORT, login, Channel.ONLINE_CHAT)
    support = signed_in(visitor, SUPPORT)
    assert "Page 1 of 2" in support.get("/support/recovery-requests").text
    older = support.get("/support/recovery-requests?page=2").text
    assert "Page 2 of 2" in older and "user-0@acme.test" in older
