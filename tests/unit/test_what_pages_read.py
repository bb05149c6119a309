"""What a page reads from the service, to the letter: support's company name in the menu,
the company on an admin's request rows, the backup-code and trusted-browser counts only where
they mean something, and a code step that no longer applies."""

import pytest

from precoro_2fa import Channel, Precoro, Role, SignedIn, SignInExpired, SignInRefused, UnknownUser
from precoro_2fa.domain.exceptions import PasswordTooShort
from tests.conftest import PASSWORD
from tests.unit.conftest import add_employee
from tests.unit.rfc import STEP_CODES
from tests.unit.test_attacks import code_step


def test_a_support_agent_s_menu_names_precoro_support(rfc_precoro: Precoro) -> None:
    rfc_precoro.add_support_agent("sam", PASSWORD)
    assert rfc_precoro.visitor("sam").company_name == "Precoro support"


def test_an_admin_s_request_rows_name_the_company(rfc_precoro: Precoro, alice: str) -> None:
    rfc_precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    rfc_precoro.add_support_agent("sam", PASSWORD)
    rfc_precoro.request_reset("sam", alice, Channel.CSM_MANAGER)
    [row] = rfc_precoro.requests_to_decide("ann")
    assert row.company_name == "Acme"


def test_with_2fa_off_no_backup_code_or_trusted_browser_is_counted(rfc_precoro: Precoro) -> None:
    add_employee(rfc_precoro, "dan")
    rfc_precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    rfc_precoro.update_account_settings("ann", False, backup_codes=True)
    view = rfc_precoro.two_factor_view("dan")
    assert (view.backup_codes_left, view.trusted_browsers) == (None, None)


def test_with_trust_off_no_trusted_browser_is_counted(rfc_precoro: Precoro, alice: str) -> None:
    assert rfc_precoro.two_factor_view(alice).trusted_browsers is None


def test_an_attempt_id_that_is_no_text_is_an_expired_sign_in(rfc_precoro: Precoro) -> None:
    assert rfc_precoro.enter_code(["an id"], "123456") == SignInExpired()


def test_a_login_that_is_no_text_is_no_one(rfc_precoro: Precoro, alice: str) -> None:
    with pytest.raises(UnknownUser):
        rfc_precoro.visitor([alice])


def test_a_login_that_is_no_text_signs_no_one_in(rfc_precoro: Precoro, alice: str) -> None:
    assert rfc_precoro.sign_in([alice], PASSWORD) == SignInRefused()


def test_a_password_has_at_least_eight_characters(rfc_precoro: Precoro) -> None:
    rfc_precoro.add_company("acme", "Acme")
    rfc_precoro.add_user("dan", "8 chars!", "acme")
    with pytest.raises(PasswordTooShort, match=r"^A password has at least 8 characters\.$"):
        rfc_precoro.add_user("eve", "7 chars", "acme")


def test_a_code_step_whose_2fa_was_turned_off_meanwhile_has_expired(
    rfc_precoro: Precoro, alice: str
) -> None:
    attempt = code_step(rfc_precoro, alice)
    assert rfc_precoro.turn_off(alice, STEP_CODES[5]).accepted
    assert rfc_precoro.enter_code(attempt, STEP_CODES[6]) == SignInExpired()


def test_with_one_day_of_trust_the_trusted_browsers_are_counted(
    rfc_precoro: Precoro, alice: str
) -> None:
    rfc_precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    rfc_precoro.update_account_settings("ann", False, trust_browser_days=1)
    assert rfc_precoro.two_factor_view(alice).trusted_browsers == 0


def test_signing_in_with_the_password_alone_gives_the_browser_a_device_id(
    rfc_precoro: Precoro,
) -> None:
    add_employee(rfc_precoro, "dan")
    signed_in = rfc_precoro.sign_in("dan", PASSWORD)
    assert isinstance(signed_in, SignedIn)
    assert isinstance(signed_in.device, str) and signed_in.device
