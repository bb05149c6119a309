"""An admin acts only inside their own company (ASVS 5.0 8.4.1)."""

import pytest

from precoro_2fa import (
    AuditKind,
    Channel,
    NotAnAdminOfThisCompany,
    Precoro,
    RequestStatus,
    Role,
)
from tests.conftest import PASSWORD
from tests.unit.conftest import GOOGLE, add_employee
from tests.unit.rfc import STEP_CODES


@pytest.fixture
def alices_request(rfc_precoro: Precoro, alice: str) -> str:
    """Acme: Alice (2FA on, lost her phone, request recorded) and Ann, admin.
    Globex: Gus, admin, and Gina, employee with 2FA on. Sam is Precoro support.
    Returns the id of Alice's request."""
    rfc_precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    rfc_precoro.add_company("globex", "Globex")
    rfc_precoro.add_user("gus", PASSWORD, "globex", Role.ADMIN)
    add_employee(rfc_precoro, "gina", "globex")
    rfc_precoro.choose_application("gina", GOOGLE)
    assert rfc_precoro.confirm("gina", STEP_CODES[5]).accepted
    rfc_precoro.add_support_agent("sam", PASSWORD)
    return rfc_precoro.request_reset("sam", alice, Channel.ONLINE_CHAT).id


def test_an_admin_of_another_company_cannot_approve_or_reject_a_request(
    rfc_precoro: Precoro, alices_request: str
) -> None:
    for decide in (rfc_precoro.approve, rfc_precoro.reject):
        with pytest.raises(NotAnAdminOfThisCompany, match="Only an admin of this company"):
            decide("gus", alices_request)
    assert [r.request.status for r in rfc_precoro.requests_to_decide("ann")] == [
        RequestStatus.REQUESTED
    ]


def test_an_admin_sees_only_the_requests_of_their_own_company(
    rfc_precoro: Precoro, alices_request: str
) -> None:
    assert rfc_precoro.requests_to_decide("gus") == []
    assert [r.request.id for r in rfc_precoro.requests_to_decide("ann")] == [alices_request]


def test_an_admin_sees_only_the_audit_log_of_their_own_company(
    rfc_precoro: Precoro, alices_request: str
) -> None:
    globex = rfc_precoro.audit_log("gus")
    acme = rfc_precoro.audit_log("ann")
    assert [(e.kind, e.subject, e.company_id) for e in globex] == [
        (AuditKind.TURNED_ON, "gina", "globex")
    ]
    assert {e.company_id for e in acme} == {"acme"}
    assert "gina" not in {e.subject for e in acme}
    assert {e.kind for e in acme} == {AuditKind.TURNED_ON, AuditKind.RESET_REQUESTED}


def test_an_admin_updates_the_account_settings_of_their_own_company_only(
    rfc_precoro: Precoro, alices_request: str
) -> None:
    rfc_precoro.update_account_settings("gus", required_two_factor=True)
    assert rfc_precoro.required_two_factor("globex") is True
    assert rfc_precoro.required_two_factor("acme") is False
    assert rfc_precoro.account_settings("ann") is False
    assert [e.kind for e in rfc_precoro.audit_log("ann")] == [
        AuditKind.TURNED_ON,
        AuditKind.RESET_REQUESTED,
    ]


@pytest.mark.parametrize("someone", ["alice", "sam"])
def test_only_an_admin_sees_or_changes_account_settings_and_the_audit_log(
    rfc_precoro: Precoro, alices_request: str, someone: str
) -> None:
    with pytest.raises(NotAnAdminOfThisCompany, match="Only an admin of this company"):
        rfc_precoro.update_account_settings(someone, required_two_factor=True)
    with pytest.raises(NotAnAdminOfThisCompany, match="Only an admin of this company"):
        rfc_precoro.account_settings(someone)
    with pytest.raises(NotAnAdminOfThisCompany, match="Only an admin of this company"):
        rfc_precoro.audit_log(someone)
    with pytest.raises(NotAnAdminOfThisCompany, match="Only an admin of this company"):
        rfc_precoro.requests_to_decide(someone)
    assert rfc_precoro.required_two_factor("acme") is False


def test_support_sees_approved_requests_of_every_company_but_decides_none(
    rfc_precoro: Precoro, alices_request: str
) -> None:
    with pytest.raises(NotAnAdminOfThisCompany, match="Only an admin of this company"):
        rfc_precoro.approve("sam", alices_request)
    assert rfc_precoro.approved_requests("sam") == []
    rfc_precoro.approve("ann", alices_request)
    assert [r.id for r in rfc_precoro.approved_requests("sam")] == [alices_request]


def test_the_policy_of_one_company_does_not_reach_another(
    rfc_precoro: Precoro, alices_request: str
) -> None:
    add_employee(rfc_precoro, "bob")
    add_employee(rfc_precoro, "greta", "globex")
    rfc_precoro.update_account_settings("gus", required_two_factor=True)
    assert rfc_precoro.two_factor_view("greta").notice is not None
    assert rfc_precoro.two_factor_view("bob").notice is None
