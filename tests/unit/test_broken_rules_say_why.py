"""Every broken rule says why, in the words a person reads on the page (each exception's
message is shown as is): each rule is broken here through the service, as a page would."""

from collections.abc import Callable

import pytest
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import (
    AuthenticationApplication,
    Channel,
    Precoro,
    Role,
    TwoFactorRuleBroken,
)
from tests.conftest import PASSWORD
from tests.unit.conftest import GOOGLE
from tests.unit.rfc import STEP_CODES

AUTHY = AuthenticationApplication.AUTHY
Breaking = Callable[[Precoro], object]


@pytest.fixture
def acme(rfc_precoro: Precoro, rfc_clock: FrozenDateTimeFactory) -> Precoro:
    """Acme: Ann and Bob are admins, Dan has 2FA off, Eve has Google Authenticator, Amy has
    Authy. Solo: Olga, its only admin, has Google Authenticator. Sam and Sue are support."""
    precoro = rfc_precoro
    for company in ("acme", "solo"):
        precoro.add_company(company, company.title())
    people = [
        ("ann", "acme", Role.ADMIN),
        ("bob", "acme", Role.ADMIN),
        ("olga", "solo", Role.ADMIN),
    ]
    people += [
        ("dan", "acme", Role.EMPLOYEE),
        ("eve", "acme", Role.EMPLOYEE),
        ("amy", "acme", Role.EMPLOYEE),
    ]
    for login, company, role in people:
        precoro.add_user(login, PASSWORD, company, role)
    precoro.add_support_agent("sam", PASSWORD)
    precoro.add_support_agent("sue", PASSWORD)
    for login, app in (("eve", GOOGLE), ("amy", AUTHY), ("olga", GOOGLE)):
        precoro.choose_application(login, app)
        assert precoro.confirm(login, STEP_CODES[1]).accepted
    return precoro


def request_for(precoro: Precoro, login: str) -> str:
    return precoro.request_reset("sam", login, Channel.CSM_MANAGER).id


def approved_for(precoro: Precoro, login: str) -> str:
    request_id = request_for(precoro, login)
    precoro.approve("ann", request_id)
    return request_id


def reset_for(precoro: Precoro, login: str) -> str:
    request_id = approved_for(precoro, login)
    precoro.reset("sam", request_id)
    return request_id


def own_request(precoro: Precoro, admin: str) -> str:
    """``admin`` turns 2FA on, loses the phone, and support records the request."""
    precoro.choose_application(admin, GOOGLE)
    assert precoro.confirm(admin, STEP_CODES[5]).accepted
    return request_for(precoro, admin)


def expired_approval(precoro: Precoro, clock: FrozenDateTimeFactory) -> None:
    request_id = approved_for(precoro, "eve")
    clock.tick(7 * 24 * 3600)
    precoro.reset("sam", request_id)


RULES: dict[str, tuple[Breaking, str]] = {
    "already on": (
        lambda p: p.choose_application("eve", GOOGLE),
        "Two-factor authentication is already on.",
    ),
    "off": (lambda p: p.turn_off("dan", "123456"), "Two-factor authentication is off."),
    "no application": (
        lambda p: p.confirm("dan", "123456"),
        "Press Turn On and choose an authentication application first.",
    ),
    "required": (
        lambda p: (p.update_account_settings("ann", True), p.turn_off("eve", STEP_CODES[5])),
        "Your company requires two-factor authentication: it cannot be turned off. "
        "You can change the authentication application instead.",
    ),
    "not an admin": (
        lambda p: p.update_account_settings("dan", True),
        "Only an admin of this company can do this.",
    ),
    "not support": (
        lambda p: p.request_reset("ann", "eve", Channel.CSM_MANAGER),
        "Only Precoro support can do this.",
    ),
    "another agent": (
        lambda p: p.approve("sam", request_for(p, "olga")),
        "The request of a company's only admin is approved by another Precoro support agent "
        "than the one who recorded it.",
    ),
    "own request": (
        lambda p: p.approve("ann", own_request(p, "ann")),
        "A request must be approved by another admin of the company.",
    ),
    "decided": (
        lambda p: p.reject("bob", approved_for(p, "eve")),
        "This request has already been approved or rejected.",
    ),
    "not approved": (
        lambda p: p.reset("sam", request_for(p, "eve")),
        "Two-factor authentication is reset only for an approved request.",
    ),
    "reset already": (
        lambda p: p.reset("sam", reset_for(p, "eve")),
        "Two-factor authentication was already reset for this request.",
    ),
    "open already": (
        lambda p: (request_for(p, "eve"), request_for(p, "eve")),
        "A reset request for this user is already open.",
    ),
    "authy first": (
        lambda p: request_for(p, "amy"),
        "Restore your Authy account on the new phone from Authy's backup "
        "(see Precoro's article on restoring an Authy account); your codes will keep working.",
    ),
    "login": (
        lambda p: p.add_user("a:b", PASSWORD, "acme"),
        "A login must be non-empty and cannot contain a colon.",
    ),
    "login taken": (
        lambda p: p.add_user("dan", PASSWORD, "acme"),
        "This login is already taken.",
    ),
    "unknown user": (lambda p: p.two_factor_view("nobody"), "No such user."),
    "unknown company": (
        lambda p: p.add_user("zed", PASSWORD, "initech"),
        "No such company.",
    ),
    "unknown request": (lambda p: p.approve("ann", "no-such-id"), "No such recovery request."),
    "short password": (
        lambda p: p.change_password("dan", "short"),
        "A password has at least 8 characters.",
    ),
    "backup codes": (
        lambda p: p.regenerate_backup_codes("eve", STEP_CODES[5]),
        "Your company does not allow backup codes.",
    ),
    "grace period": (
        lambda p: p.update_account_settings("ann", True, grace_period_hours=721),
        "The grace period is from 0 to 720 hours.",
    ),
    "trust period": (
        lambda p: p.update_account_settings("ann", False, trust_browser_days=31),
        "Trust this browser is from 0 (off) to 30 days.",
    ),
    "time zone": (
        lambda p: p.choose_time_zone("dan", "Mars/Olympus"),
        "Choose a time zone from the list.",
    ),
}


@pytest.mark.parametrize("rule", RULES)
def test_a_broken_rule_says_why(acme: Precoro, rfc_clock: FrozenDateTimeFactory, rule: str) -> None:
    breaking, message = RULES[rule]
    rfc_clock.tick(4 * 30)  # step 5: the codes of step 1 are used, those of step 5 are fresh
    with pytest.raises(TwoFactorRuleBroken) as broken:
        breaking(acme)
    assert str(broken.value) == message


def test_an_approval_older_than_seven_days_says_to_record_a_new_request(
    acme: Precoro, rfc_clock: FrozenDateTimeFactory
) -> None:
    with pytest.raises(TwoFactorRuleBroken) as broken:
        expired_approval(acme, rfc_clock)
    assert str(broken.value) == (
        "This approval has expired: record a new request for an admin to approve."
    )
