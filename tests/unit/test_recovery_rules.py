"""Rules of the lost-phone recovery that the article leaves open: one open request per
user, and an approval that must be carried out while it is fresh."""

from datetime import timedelta

import pyotp
import pytest
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import (
    ApprovalExpired,
    AuthenticationApplication,
    Channel,
    Precoro,
    RequestAlreadyOpen,
    Role,
    TwoFactorStatus,
)
from tests.conftest import PASSWORD


@pytest.fixture
def eve(precoro: Precoro, clock: FrozenDateTimeFactory) -> str:
    """Eve of Acme has Google Authenticator on; Ann is Acme's admin, Sam is support."""
    precoro.add_company("acme", "Acme")
    precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    precoro.add_user("eve", PASSWORD, "acme")
    precoro.add_support_agent("sam", PASSWORD)
    secret = precoro.choose_application("eve", AuthenticationApplication.GOOGLE_AUTHENTICATOR)
    assert precoro.confirm("eve", pyotp.TOTP(secret.secret).now()).accepted
    return "eve"


def test_a_second_request_is_refused_while_one_waits_for_approval(
    precoro: Precoro, eve: str
) -> None:
    precoro.request_reset("sam", eve, Channel.CSM_MANAGER)
    with pytest.raises(RequestAlreadyOpen, match="already open"):
        precoro.request_reset("sam", eve, Channel.ONLINE_CHAT)
    assert len(precoro.requests_to_decide("ann")) == 1


def test_a_second_request_is_refused_while_an_approved_one_waits_for_the_reset(
    precoro: Precoro, eve: str
) -> None:
    first = precoro.request_reset("sam", eve, Channel.CSM_MANAGER)
    precoro.approve("ann", first.id)
    with pytest.raises(RequestAlreadyOpen):
        precoro.request_reset("sam", eve, Channel.ONLINE_CHAT)


def test_a_new_request_may_follow_a_rejected_one(precoro: Precoro, eve: str) -> None:
    first = precoro.request_reset("sam", eve, Channel.CSM_MANAGER)
    precoro.reject("ann", first.id)
    second = precoro.request_reset("sam", eve, Channel.ONLINE_CHAT)
    assert second.id != first.id


def test_an_approval_is_carried_out_within_seven_days(
    precoro: Precoro, eve: str, clock: FrozenDateTimeFactory
) -> None:
    request = precoro.request_reset("sam", eve, Channel.CSM_MANAGER)
    precoro.approve("ann", request.id)
    clock.tick(timedelta(days=7) - timedelta(seconds=1))
    precoro.reset("sam", request.id)
    assert precoro.two_factor_view(eve).status is TwoFactorStatus.OFF


def test_an_approval_older_than_seven_days_no_longer_resets_two_factor(
    precoro: Precoro, eve: str, clock: FrozenDateTimeFactory
) -> None:
    request = precoro.request_reset("sam", eve, Channel.CSM_MANAGER)
    precoro.approve("ann", request.id)
    clock.tick(timedelta(days=7))
    with pytest.raises(ApprovalExpired, match="record a new request"):
        precoro.reset("sam", request.id)
    assert precoro.two_factor_view(eve).status is TwoFactorStatus.ON
    assert precoro.request_reset("sam", eve, Channel.ONLINE_CHAT).id != request.id
