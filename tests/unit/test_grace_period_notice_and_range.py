"""The grace period (beyond the article): its longest length is allowed, and its notice says
when it ends on the clocks of the person's own time zone."""

from datetime import UTC, datetime

import pytest

from precoro_2fa import Destination, Precoro, Role, SignedIn
from precoro_2fa.domain.model import Company
from precoro_2fa.domain.policy import grace_notice, grace_period_ends
from tests.conftest import PASSWORD
from tests.unit.conftest import add_employee

ENDS = datetime(2026, 11, 27, 9, 15, tzinfo=UTC)


@pytest.fixture
def acme(rfc_precoro: Precoro) -> Precoro:
    add_employee(rfc_precoro, "dan")
    rfc_precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    return rfc_precoro


@pytest.mark.parametrize("hours", [0, 720])
def test_a_grace_period_of_0_or_720_hours_is_allowed(acme: Precoro, hours: int) -> None:
    acme.update_account_settings("ann", True, grace_period_hours=hours)
    assert acme.account_options("ann").required_two_factor is True


def test_the_notice_of_720_hours_lets_every_page_open_for_30_days(acme: Precoro) -> None:
    acme.update_account_settings("ann", True, grace_period_hours=720)
    assert acme.destination("dan", Destination.ELSEWHERE) is Destination.ELSEWHERE
    assert acme.visitor("dan").grace_notice == (
        "Your company requires two-factor authentication. Please turn it on in Profile "
        "settings → Two-factor authentication by 1970-01-31 00:00 UTC."
    )


def test_the_notice_says_when_the_grace_period_ends_in_the_persons_time_zone() -> None:
    assert grace_notice(ENDS, "Europe/Kyiv") == (
        "Your company requires two-factor authentication. Please turn it on in Profile "
        "settings → Two-factor authentication by 2026-11-27 11:15 Europe/Kyiv."
    )


def test_signing_in_during_the_grace_period_shows_its_notice_in_the_persons_time_zone(
    acme: Precoro,
) -> None:
    acme.choose_time_zone("dan", "Asia/Tokyo")
    acme.update_account_settings("ann", True, grace_period_hours=24)
    signed_in = acme.sign_in("dan", PASSWORD)
    assert isinstance(signed_in, SignedIn)
    assert signed_in.notice == (
        "Your company requires two-factor authentication. Please turn it on in Profile "
        "settings → Two-factor authentication by 1970-01-02 09:00 Asia/Tokyo."
    )


def test_without_required_two_factor_authentication_signing_in_shows_no_notice(
    acme: Precoro,
) -> None:
    signed_in = acme.sign_in("dan", PASSWORD)
    assert isinstance(signed_in, SignedIn) and signed_in.notice is None


def test_a_requirement_ticked_before_grace_periods_existed_has_none() -> None:
    """Migration 0004 leaves ``required_since`` empty for a company that already required
    2FA: no time to count from, so no grace period, whatever hours are set later."""
    company = Company("acme", "Acme", required_two_factor=True, grace_period_hours=24)
    assert grace_period_ends(company) is None
