"""A grace period for Required two-factor authentication (beyond the article): its bounds."""

from datetime import timedelta

import pytest
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import WARNING_NOTICE, Destination, GracePeriodOutOfRange, Precoro, Role
from tests.conftest import PASSWORD
from tests.unit.conftest import add_employee


@pytest.fixture
def acme(rfc_precoro: Precoro) -> Precoro:
    add_employee(rfc_precoro, "dan")
    rfc_precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    return rfc_precoro


def clicks_lead_to(precoro: Precoro, login: str) -> Destination:
    return precoro.destination(login, Destination.ELSEWHERE)


def test_with_no_grace_period_every_click_leads_to_the_settings_at_once(acme: Precoro) -> None:
    acme.update_account_settings("ann", True)
    assert clicks_lead_to(acme, "dan") is Destination.TWO_FACTOR_SETTINGS
    assert acme.two_factor_view("dan").notice == WARNING_NOTICE


def test_the_grace_period_ends_exactly_its_hours_after_the_box_was_ticked(
    acme: Precoro, rfc_clock: FrozenDateTimeFactory
) -> None:
    acme.update_account_settings("ann", True, grace_period_hours=24)
    rfc_clock.tick(timedelta(hours=24) - timedelta(seconds=1))
    assert clicks_lead_to(acme, "dan") is Destination.ELSEWHERE
    assert acme.visitor("dan").grace_notice is not None
    rfc_clock.tick(timedelta(seconds=1))
    assert clicks_lead_to(acme, "dan") is Destination.TWO_FACTOR_SETTINGS
    assert acme.visitor("dan").grace_notice is None


def test_ticking_the_box_again_starts_a_new_grace_period(
    acme: Precoro, rfc_clock: FrozenDateTimeFactory
) -> None:
    acme.update_account_settings("ann", True, grace_period_hours=1)
    rfc_clock.tick(timedelta(hours=2))
    acme.update_account_settings("ann", False)
    acme.update_account_settings("ann", True)
    assert clicks_lead_to(acme, "dan") is Destination.ELSEWHERE


@pytest.mark.parametrize("hours", [-1, 721])
def test_the_grace_period_is_from_0_to_720_hours(acme: Precoro, hours: int) -> None:
    with pytest.raises(GracePeriodOutOfRange):
        acme.update_account_settings("ann", True, grace_period_hours=hours)
    assert acme.account_options("ann").required_two_factor is False
