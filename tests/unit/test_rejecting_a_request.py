"""Rejecting a recovery request follows the rules of approving one: an admin of the company
decides while the company has one besides the requester, and the decision keeps who and when."""

from collections.abc import Callable
from datetime import UTC, datetime

import pyotp
import pytest
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import (
    AuthenticationApplication,
    Channel,
    NotAnAdminOfThisCompany,
    Precoro,
    RecoveryRequest,
    RequestStatus,
    Role,
)
from precoro_2fa.domain.model import PRECORO_SUPPORT, User
from tests.conftest import PASSWORD, START

Decision = Callable[[RecoveryRequest, User, datetime], None]


@pytest.fixture
def request_of_eve(precoro: Precoro, clock: FrozenDateTimeFactory) -> RecoveryRequest:
    """Eve of Acme lost her phone; Sam (support) recorded it; Ann is Acme's admin; Sue is
    another support agent."""
    precoro.add_company("acme", "Acme")
    precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    precoro.add_user("eve", PASSWORD, "acme")
    precoro.add_support_agent("sam", PASSWORD)
    precoro.add_support_agent("sue", PASSWORD)
    secret = precoro.choose_application("eve", AuthenticationApplication.GOOGLE_AUTHENTICATOR)
    assert precoro.confirm("eve", pyotp.TOTP(secret.secret).now()).accepted
    return precoro.request_reset("sam", "eve", Channel.CSM_MANAGER)


def test_a_rejection_keeps_who_rejected_and_when(
    precoro: Precoro, request_of_eve: RecoveryRequest
) -> None:
    rejected = precoro.reject("ann", request_of_eve.id)
    assert (rejected.status, rejected.decided_by) == (RequestStatus.REJECTED, "ann")
    assert rejected.decided_at == START


def test_support_cannot_reject_while_the_company_has_an_admin_to_decide(
    precoro: Precoro, request_of_eve: RecoveryRequest
) -> None:
    with pytest.raises(NotAnAdminOfThisCompany):
        precoro.reject("sue", request_of_eve.id)


@pytest.mark.parametrize("decide", [RecoveryRequest.approve, RecoveryRequest.reject])
def test_unless_told_there_is_no_other_admin_only_an_admin_of_the_company_decides(
    request_of_eve: RecoveryRequest, decide: Decision
) -> None:
    sue = User("sue", PRECORO_SUPPORT, Role.SUPPORT, password_hash="")
    with pytest.raises(NotAnAdminOfThisCompany):
        decide(request_of_eve, sue, datetime(2026, 11, 27, 10, tzinfo=UTC))
    assert request_of_eve.status is RequestStatus.REQUESTED
