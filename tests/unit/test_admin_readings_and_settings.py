"""What an admin reads and sets, to the letter: the audit log as chosen, its first page by
default, the trust period's audit detail; a password of exactly 8 characters; a block's end
on the reader's clocks."""

from datetime import UTC, datetime

import pytest
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import (
    AccountOptions,
    AuditFilter,
    AuditKind,
    Channel,
    Precoro,
    Role,
    SignedIn,
    UnknownRequest,
)
from precoro_2fa.service_layer.signing_in import SignInBlocked
from tests.conftest import PASSWORD
from tests.unit.conftest import GOOGLE, add_employee, at_step
from tests.unit.rfc import STEP_CODES


def acme(precoro: Precoro) -> Precoro:
    add_employee(precoro, "dan")
    precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    return precoro


def test_the_audit_log_keeps_only_the_chosen_events(rfc_precoro: Precoro) -> None:
    acme(rfc_precoro).update_account_settings("ann", True)
    rfc_precoro.change_password("dan", "a new password")
    chosen = AuditFilter(kinds=frozenset({AuditKind.PASSWORD_CHANGED}))
    assert [event.actor for event in rfc_precoro.audit_log("ann", chosen)] == ["dan"]


def test_the_audit_trail_opens_on_its_first_page_the_newest_events(rfc_precoro: Precoro) -> None:
    acme(rfc_precoro).update_account_settings("ann", True)
    for number in range(50):
        rfc_precoro.change_password("dan", f"password {number}")
    trail = rfc_precoro.audit_trail("ann")
    page = trail.page
    assert (page.number, page.count, len(page.shown)) == (1, 2, 50)
    assert trail.people == ("ann", "dan")
    assert {event.kind for event in page.shown} == {AuditKind.PASSWORD_CHANGED}


def test_the_trust_period_is_audited_with_its_days(rfc_precoro: Precoro) -> None:
    acme(rfc_precoro).update_account_settings("ann", False, trust_browser_days=7)
    [event] = rfc_precoro.audit_log("ann")
    assert (event.kind, event.detail) == (AuditKind.TRUST_BROWSER_SETTING_CHANGED, "7 days")


def test_a_password_of_exactly_8_characters_is_long_enough(rfc_precoro: Precoro) -> None:
    acme(rfc_precoro).change_password("dan", "8 chars!")
    assert isinstance(rfc_precoro.sign_in("dan", "8 chars!"), SignedIn)


def test_a_blocked_sign_in_says_when_it_ends_on_the_readers_clocks() -> None:
    blocked = SignInBlocked(datetime(2026, 11, 27, 9, 15, tzinfo=UTC))
    assert blocked.message_in("Asia/Tokyo") == (
        "Sign-in is temporarily blocked after too many incorrect passwords. Try again after "
        "18:15 Asia/Tokyo, or sign in from a browser you have signed in from before. "
        "If you cannot, contact your company's admin."
    )


def test_the_backup_codes_box_reads_back_ticked(rfc_precoro: Precoro) -> None:
    acme(rfc_precoro).update_account_settings("ann", False, backup_codes=True)
    assert rfc_precoro.account_options("ann").backup_codes is True


def test_a_person_who_turned_2fa_off_has_no_since_in_the_overview(
    rfc_precoro: Precoro, alice: str
) -> None:
    rfc_precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    assert rfc_precoro.turn_off(alice, STEP_CODES[5]).accepted
    [person] = [p for p in rfc_precoro.company_overview("ann").people if p.login == alice]
    assert person.since is None


def test_support_confirms_a_reset_seeing_the_company_name(rfc_precoro: Precoro, alice: str) -> None:
    rfc_precoro.add_support_agent("sam", PASSWORD)
    request = rfc_precoro.request_reset("sam", alice, Channel.CSM_MANAGER)
    assert rfc_precoro.request_to_reset("sam", request.id).company_name == "Acme"


def test_the_overview_dates_each_app_from_its_confirmation_and_reads_every_box(
    rfc_precoro: Precoro, alice: str, rfc_clock: FrozenDateTimeFactory
) -> None:
    """Alice confirmed during step 1, Ann during step 5; a refused code after that
    dates nothing."""
    rfc_precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    rfc_precoro.choose_application("ann", GOOGLE)
    assert rfc_precoro.confirm("ann", STEP_CODES[5]).accepted
    rfc_clock.tick(30)
    assert not rfc_precoro.turn_off(alice, "000000").accepted
    rfc_precoro.update_account_settings("ann", True, grace_period_hours=24, trust_browser_days=7)
    overview = rfc_precoro.company_overview("ann")
    since = {person.login: person.since for person in overview.people}
    assert since == {"alice": at_step(1, 10), "ann": at_step(5, 10)}
    assert overview.admin.since == at_step(5, 10)
    assert overview.required_two_factor is True
    assert overview.options == AccountOptions(True, False, 24, 7)


def test_support_s_recovery_requests_open_on_the_first_of_their_pages(
    rfc_precoro: Precoro,
) -> None:
    rfc_precoro.add_company("acme", "Acme")
    rfc_precoro.add_support_agent("sam", PASSWORD)
    for number in range(51):
        rfc_precoro.add_user(f"e{number}", PASSWORD, "acme")
        rfc_precoro.choose_application(f"e{number}", GOOGLE)
        assert rfc_precoro.confirm(f"e{number}", STEP_CODES[1]).accepted
        rfc_precoro.request_reset("sam", f"e{number}", Channel.ONLINE_CHAT)
    page = rfc_precoro.support_requests("sam")
    assert (page.number, page.count, len(page.shown)) == (1, 2, 50)


@pytest.mark.parametrize("request_id", [42, ["a list"], None])
def test_a_request_id_that_is_no_text_is_no_request(
    rfc_precoro: Precoro, alice: str, request_id: object
) -> None:
    rfc_precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    with pytest.raises(UnknownRequest):
        rfc_precoro.approve("ann", request_id)


def test_the_grace_notice_is_read_on_the_clocks_of_the_zone_asked(rfc_precoro: Precoro) -> None:
    acme(rfc_precoro).update_account_settings("ann", True, grace_period_hours=24)
    assert rfc_precoro.visitor("dan").grace_notice_in("Asia/Tokyo") == (
        "Your company requires two-factor authentication. Please turn it on in Profile "
        "settings → Two-factor authentication by 1970-01-02 09:00 Asia/Tokyo."
    )


def test_the_backup_codes_box_is_audited_ticked_then_unticked(rfc_precoro: Precoro) -> None:
    acme(rfc_precoro).update_account_settings("ann", False, backup_codes=True)
    rfc_precoro.update_account_settings("ann", False, backup_codes=False)
    details = [event.detail for event in rfc_precoro.audit_log("ann")]
    assert details == ["ticked", "unticked"]
