"""Trust this browser at the code step (beyond the article): with the option off nothing is
trusted but the browser still gets its device id; on, each browser ticked is trusted beside
the ones before."""

from precoro_2fa import Precoro, Role, SignedIn
from tests.conftest import PASSWORD
from tests.unit.rfc import STEP_CODES
from tests.unit.test_attacks import code_step


def trusted_sign_in(precoro: Precoro, login: str, code: str) -> SignedIn:
    signed_in = precoro.enter_code(code_step(precoro, login), code, trust_browser=True)
    assert isinstance(signed_in, SignedIn)
    return signed_in


def test_with_the_option_off_ticking_trust_signs_in_with_a_device_id_and_no_token(
    rfc_precoro: Precoro, alice: str
) -> None:
    signed_in = trusted_sign_in(rfc_precoro, alice, STEP_CODES[5])
    assert (signed_in.login, signed_in.trusted_browser) == (alice, None)
    assert isinstance(signed_in.device, str) and signed_in.device


def test_with_one_day_of_trust_two_browsers_are_trusted_side_by_side(
    rfc_precoro: Precoro, alice: str
) -> None:
    rfc_precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    rfc_precoro.update_account_settings("ann", False, trust_browser_days=1)
    first = trusted_sign_in(rfc_precoro, alice, STEP_CODES[5])
    second = trusted_sign_in(rfc_precoro, alice, STEP_CODES[6])
    assert isinstance(first.device, str) and first.device
    for browser in (first, second):
        again = rfc_precoro.sign_in(alice, PASSWORD, trusted_browser=browser.trusted_browser)
        assert isinstance(again, SignedIn), again
