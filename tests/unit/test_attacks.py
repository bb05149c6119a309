"""The attack list of the security reference (domain cases), one test per attack or more.

Alice turned 2FA on with the RFC secret during step 1; the clock is in step 5, where the
window accepts the RFC codes of steps 4, 5 and 6 (``STEP_CODES``).
"""

import re

import pyotp
import pytest
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import (
    AuthenticationApplication,
    CannotApproveOwnRequest,
    Channel,
    CodeRejected,
    CodeRequired,
    Destination,
    NotAnAdminOfThisCompany,
    NotASupportAgent,
    Precoro,
    Rejection,
    RequestAlreadyDecided,
    RequestNotApproved,
    ResetAlreadyPerformed,
    Role,
    SignedIn,
    SignInRefused,
    TwoFactorAlreadyOn,
    TwoFactorStatus,
)
from tests.conftest import PASSWORD, Phone
from tests.unit.conftest import GOOGLE, add_employee, at_step
from tests.unit.rfc import RFC_SECRET, STEP_CODES

FULLWIDTH_STEP_5 = "\uff12\uff15\uff14\uff16\uff17\uff16"  # 254676 in fullwidth digits
ARABIC_INDIC_STEP_5 = "٢٥٤٦٧٦"


def code_step(precoro: Precoro, login: str) -> str:
    """Sign in with the password; the id of the attempt now waiting for the code."""
    answer = precoro.sign_in(login, PASSWORD)
    assert isinstance(answer, CodeRequired), answer
    return answer.attempt_id


def lets_in(answer: object) -> bool:
    return isinstance(answer, SignedIn)


def rejected(verdict: object, reason: Rejection) -> bool:
    return isinstance(verdict, CodeRejected) and verdict.reason is reason


def is_on(precoro: Precoro, login: str) -> bool:
    return precoro.two_factor_view(login).status is TwoFactorStatus.ON


# 1. The same valid code twice in one step.


def test_the_same_valid_code_twice_in_one_step_is_refused_the_second_time(
    rfc_precoro: Precoro, alice: str
) -> None:
    first, second = code_step(rfc_precoro, alice), code_step(rfc_precoro, alice)
    assert isinstance(rfc_precoro.enter_code(first, STEP_CODES[5]), SignedIn)
    assert rejected(rfc_precoro.enter_code(second, STEP_CODES[5]), Rejection.REPLAYED)


# 3. After step T was accepted, the code of step T-1 is rejected.


def test_after_step_t_was_accepted_the_code_of_step_t_minus_1_is_refused(
    rfc_precoro: Precoro, alice: str
) -> None:
    assert lets_in(rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[5]))
    verdict = rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[4])
    assert rejected(verdict, Rejection.REPLAYED)


def test_after_step_t_was_accepted_the_code_of_step_t_plus_1_still_works(
    rfc_precoro: Precoro, alice: str
) -> None:
    assert lets_in(rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[5]))
    assert lets_in(rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[6]))


def test_a_code_used_in_one_step_is_still_refused_in_the_next(
    rfc_precoro: Precoro, alice: str, rfc_clock: FrozenDateTimeFactory
) -> None:
    assert lets_in(rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[5]))
    rfc_clock.move_to(at_step(6, 1))
    verdict = rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[5])
    assert rejected(verdict, Rejection.REPLAYED)


# 4. The ±1 window.


@pytest.mark.parametrize(
    ("step", "accepted"), [(2, False), (3, False), (4, True), (5, True), (6, True), (7, False)]
)
def test_codes_two_steps_old_or_two_steps_ahead_are_refused(
    rfc_precoro: Precoro, alice: str, step: int, accepted: bool
) -> None:
    verdict = rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[step])
    assert lets_in(verdict) is accepted
    assert accepted or rejected(verdict, Rejection.WRONG)


# 5 and 6. Digits of other scripts.


def test_pyotp_alone_would_accept_fullwidth_digits() -> None:
    assert pyotp.TOTP(RFC_SECRET).verify(FULLWIDTH_STEP_5, for_time=at_step(5, 10))


def test_int_and_backslash_d_alone_would_accept_arabic_indic_digits() -> None:
    assert int(ARABIC_INDIC_STEP_5) == 254676
    assert re.fullmatch(r"\d{6}", ARABIC_INDIC_STEP_5)


@pytest.mark.parametrize("code", [FULLWIDTH_STEP_5, ARABIC_INDIC_STEP_5, "۲۵۴۶۷۶", "२५४६७६"])
def test_the_right_code_in_digits_of_another_script_is_refused(
    rfc_precoro: Precoro, alice: str, code: str
) -> None:
    attempt = code_step(rfc_precoro, alice)
    assert rejected(rfc_precoro.enter_code(attempt, code), Rejection.MALFORMED)
    assert lets_in(rfc_precoro.enter_code(attempt, STEP_CODES[5]))


# 7. A leading zero.


def test_a_code_with_a_leading_zero_is_accepted(
    rfc_precoro: Precoro, rfc_clock: FrozenDateTimeFactory
) -> None:
    """RFC 6238 at 1111111109 and 1111111111: 081804 and 050471."""
    rfc_clock.move_to("2005-03-18 01:58:29+00:00")
    add_employee(rfc_precoro, "alice")
    rfc_precoro.choose_application("alice", GOOGLE)
    assert rfc_precoro.confirm("alice", "081804").accepted
    rfc_clock.move_to("2005-03-18 01:58:31+00:00")
    assert lets_in(rfc_precoro.enter_code(code_step(rfc_precoro, "alice"), "050471"))


def test_a_code_whose_leading_zero_was_dropped_is_refused(
    rfc_precoro: Precoro, rfc_clock: FrozenDateTimeFactory
) -> None:
    rfc_clock.move_to("2005-03-18 01:58:29+00:00")
    add_employee(rfc_precoro, "alice")
    rfc_precoro.choose_application("alice", GOOGLE)
    assert rejected(rfc_precoro.confirm("alice", str(int("081804"))), Rejection.MALFORMED)


# 12. Another user's code.


def test_user_bs_valid_code_during_user_as_second_step_is_refused(
    rfc_precoro: Precoro, alice: str
) -> None:
    add_employee(rfc_precoro, "bob")
    bobs_phone = Phone(pyotp.random_base32())
    rfc_precoro.new_secret = lambda: bobs_phone.secret
    rfc_precoro.choose_application("bob", GOOGLE)
    assert rfc_precoro.confirm("bob", bobs_phone.code(-1)).accepted
    alices_attempt = code_step(rfc_precoro, alice)
    verdict = rfc_precoro.enter_code(alices_attempt, bobs_phone.code())
    assert rejected(verdict, Rejection.WRONG)
    assert lets_in(rfc_precoro.enter_code(code_step(rfc_precoro, "bob"), bobs_phone.code()))


def test_a_sign_in_attempt_lets_in_only_the_user_who_gave_the_password(
    rfc_precoro: Precoro, alice: str
) -> None:
    add_employee(rfc_precoro, "bob")
    rfc_precoro.choose_application("bob", GOOGLE)
    assert rfc_precoro.confirm("bob", STEP_CODES[4]).accepted
    signed_in = rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[5])
    assert isinstance(signed_in, SignedIn)
    assert signed_in.login == "alice"


# 13. Turn Off and change of application need a current code of one's own.


@pytest.mark.parametrize("code", [None, "", "000000"])
def test_turning_2fa_off_without_a_current_code_is_refused(
    rfc_precoro: Precoro, alice: str, code: object
) -> None:
    assert not rfc_precoro.turn_off(alice, code).accepted
    assert is_on(rfc_precoro, alice)


def test_turning_2fa_off_with_a_replayed_code_is_refused(rfc_precoro: Precoro, alice: str) -> None:
    assert lets_in(rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[5]))
    assert rejected(rfc_precoro.turn_off(alice, STEP_CODES[5]), Rejection.REPLAYED)
    assert is_on(rfc_precoro, alice)


def test_turning_2fa_off_with_the_confirm_code_is_refused(
    rfc_precoro: Precoro, alice: str, rfc_clock: FrozenDateTimeFactory
) -> None:
    rfc_clock.move_to(at_step(2, 10))
    assert rejected(rfc_precoro.turn_off(alice, STEP_CODES[1]), Rejection.REPLAYED)
    assert is_on(rfc_precoro, alice)


def test_turning_2fa_off_on_another_users_account_with_ones_own_code_is_refused(
    rfc_precoro: Precoro, alice: str
) -> None:
    add_employee(rfc_precoro, "mallory")
    mallorys_phone = Phone(pyotp.random_base32())
    rfc_precoro.new_secret = lambda: mallorys_phone.secret
    rfc_precoro.choose_application("mallory", GOOGLE)
    assert rfc_precoro.confirm("mallory", mallorys_phone.code(-1)).accepted
    assert rejected(rfc_precoro.turn_off(alice, mallorys_phone.code()), Rejection.WRONG)
    assert is_on(rfc_precoro, alice)


def test_turning_2fa_off_with_a_current_code_works_and_forgets_the_secret(
    rfc_precoro: Precoro, alice: str
) -> None:
    assert rfc_precoro.turn_off(alice, STEP_CODES[5]).accepted
    assert rfc_precoro.two_factor_view(alice).status is TwoFactorStatus.OFF
    assert rfc_precoro.two_factor_view(alice).pending is None
    assert isinstance(rfc_precoro.sign_in(alice, PASSWORD), SignedIn)


@pytest.mark.parametrize("code", [None, "", "000000", "two-steps-old"])
def test_changing_the_application_without_a_current_code_is_refused(
    rfc_precoro: Precoro, alice: str, code: str | None
) -> None:
    code = STEP_CODES[3] if code == "two-steps-old" else code
    answer = rfc_precoro.change_application(alice, code, AuthenticationApplication.AUTHY)
    assert isinstance(answer, CodeRejected)
    assert rfc_precoro.two_factor_view(alice).pending is None
    assert rfc_precoro.two_factor_view(alice).application is GOOGLE


def test_changing_the_application_with_a_replayed_code_is_refused(
    rfc_precoro: Precoro, alice: str
) -> None:
    assert lets_in(rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[5]))
    answer = rfc_precoro.change_application(alice, STEP_CODES[5], AuthenticationApplication.AUTHY)
    assert rejected(answer, Rejection.REPLAYED)
    assert rfc_precoro.two_factor_view(alice).pending is None


def test_the_old_app_keeps_working_until_the_new_one_is_confirmed(
    rfc_precoro: Precoro, alice: str, rfc_clock: FrozenDateTimeFactory
) -> None:
    new_phone = Phone(pyotp.random_base32())
    rfc_precoro.new_secret = lambda: new_phone.secret
    rfc_precoro.change_application(alice, STEP_CODES[5], AuthenticationApplication.AUTHY)
    assert rejected(rfc_precoro.confirm(alice, "000000"), Rejection.WRONG)
    rfc_clock.move_to(at_step(6, 10))
    assert lets_in(rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[6]))
    assert rfc_precoro.confirm(alice, new_phone.code()).accepted
    assert rfc_precoro.two_factor_view(alice).application is AuthenticationApplication.AUTHY
    assert rejected(
        rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[7]), Rejection.WRONG
    )


# 14. Enrollment.


def test_a_wrong_confirmation_code_leaves_2fa_off_and_keeps_the_secret(
    rfc_precoro: Precoro, rfc_clock: FrozenDateTimeFactory
) -> None:
    add_employee(rfc_precoro, "alice")
    shown = rfc_precoro.choose_application("alice", GOOGLE)
    assert rejected(rfc_precoro.confirm("alice", STEP_CODES[5]), Rejection.WRONG)
    assert rfc_precoro.two_factor_view("alice").status is TwoFactorStatus.WAITING_FOR_CONFIRMATION
    assert rfc_precoro.two_factor_view("alice").pending == shown
    assert isinstance(rfc_precoro.sign_in("alice", PASSWORD), SignedIn)
    assert rfc_precoro.confirm("alice", STEP_CODES[1]).accepted
    assert is_on(rfc_precoro, "alice")


def test_starting_turn_on_again_while_2fa_is_on_neither_shows_nor_replaces_the_secret(
    rfc_precoro: Precoro, alice: str
) -> None:
    rfc_precoro.new_secret = pyotp.random_base32
    with pytest.raises(TwoFactorAlreadyOn, match="already on"):
        rfc_precoro.turn_on(alice)
    with pytest.raises(TwoFactorAlreadyOn, match="already on"):
        rfc_precoro.choose_application(alice, AuthenticationApplication.AUTHY)
    with pytest.raises(TwoFactorAlreadyOn, match="already on"):
        rfc_precoro.confirm(alice, STEP_CODES[5])
    assert rfc_precoro.two_factor_view(alice).pending is None
    assert lets_in(rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[5]))


def test_the_confirmation_code_cannot_then_be_used_to_sign_in(
    rfc_precoro: Precoro, alice: str, rfc_clock: FrozenDateTimeFactory
) -> None:
    rfc_clock.move_to(at_step(1, 20))
    verdict = rfc_precoro.enter_code(code_step(rfc_precoro, alice), STEP_CODES[1])
    assert rejected(verdict, Rejection.REPLAYED)


# 15. Recovery and the required policy.


@pytest.fixture
def request_id(rfc_precoro: Precoro, alice: str) -> str:
    """Alice lost her phone; support recorded her request. Acme's admin is Ann."""
    rfc_precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    rfc_precoro.add_support_agent("sam", PASSWORD)
    return rfc_precoro.request_reset("sam", alice, Channel.ONLINE_CHAT).id


def test_a_reset_approved_by_an_admin_of_another_company_is_refused(
    rfc_precoro: Precoro, request_id: str
) -> None:
    rfc_precoro.add_company("globex", "Globex")
    rfc_precoro.add_user("gus", PASSWORD, "globex", Role.ADMIN)
    with pytest.raises(NotAnAdminOfThisCompany, match="Only an admin of this company"):
        rfc_precoro.approve("gus", request_id)
    with pytest.raises(NotAnAdminOfThisCompany, match="Only an admin of this company"):
        rfc_precoro.reject("gus", request_id)


@pytest.mark.parametrize("approver", ["bob", "sam"])
def test_a_reset_approved_by_a_non_admin_is_refused(
    rfc_precoro: Precoro, request_id: str, approver: str
) -> None:
    add_employee(rfc_precoro, "bob")
    with pytest.raises(NotAnAdminOfThisCompany, match="Only an admin of this company"):
        rfc_precoro.approve(approver, request_id)


def test_a_reset_approved_by_the_requester_is_refused(
    rfc_precoro: Precoro, request_id: str, rfc_clock: FrozenDateTimeFactory
) -> None:
    rfc_precoro.choose_application("ann", GOOGLE)
    assert rfc_precoro.confirm("ann", STEP_CODES[5]).accepted
    own_request = rfc_precoro.request_reset("sam", "ann", Channel.CSM_MANAGER).id
    with pytest.raises(CannotApproveOwnRequest, match="another admin"):
        rfc_precoro.approve("ann", own_request)


def test_an_approved_reset_is_carried_out_once(rfc_precoro: Precoro, request_id: str) -> None:
    rfc_precoro.approve("ann", request_id)
    rfc_precoro.reset("sam", request_id)
    assert isinstance(rfc_precoro.sign_in("alice", PASSWORD), SignedIn)
    with pytest.raises(ResetAlreadyPerformed, match="already reset"):
        rfc_precoro.reset("sam", request_id)


@pytest.mark.parametrize("decision", ["none", "rejected"])
def test_a_request_not_approved_is_not_carried_out(
    rfc_precoro: Precoro, request_id: str, decision: str
) -> None:
    if decision == "rejected":
        rfc_precoro.reject("ann", request_id)
    with pytest.raises(RequestNotApproved, match="only for an approved request"):
        rfc_precoro.reset("sam", request_id)
    assert is_on(rfc_precoro, "alice")


@pytest.mark.parametrize("agent", ["ann", "alice"])
def test_only_support_carries_out_a_reset(
    rfc_precoro: Precoro, request_id: str, agent: str
) -> None:
    rfc_precoro.approve("ann", request_id)
    with pytest.raises(NotASupportAgent, match="Only Precoro support"):
        rfc_precoro.reset(agent, request_id)
    assert is_on(rfc_precoro, "alice")


@pytest.mark.parametrize("requested", list(Destination))
def test_under_the_required_policy_a_user_without_2fa_reaches_only_the_2fa_page_and_sign_out(
    rfc_precoro: Precoro, requested: Destination
) -> None:
    add_employee(rfc_precoro, "bob")
    rfc_precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    rfc_precoro.update_account_settings("ann", required_two_factor=True)
    reached = rfc_precoro.destination("bob", requested)
    assert reached in {Destination.TWO_FACTOR_SETTINGS, Destination.SIGN_OUT}
    assert (reached is Destination.SIGN_OUT) is (requested is Destination.SIGN_OUT)


def test_under_the_required_policy_a_user_just_reset_is_sent_to_set_2fa_up_again(
    rfc_precoro: Precoro, request_id: str
) -> None:
    rfc_precoro.update_account_settings("ann", required_two_factor=True)
    rfc_precoro.approve("ann", request_id)
    rfc_precoro.reset("sam", request_id)
    signed_in = rfc_precoro.sign_in("alice", PASSWORD)
    assert isinstance(signed_in, SignedIn)
    assert signed_in.notice is not None
    assert rfc_precoro.destination("alice", Destination.ELSEWHERE) is (
        Destination.TWO_FACTOR_SETTINGS
    )


def test_a_decided_request_cannot_be_decided_again(rfc_precoro: Precoro, request_id: str) -> None:
    rfc_precoro.add_user("abe", PASSWORD, "acme", Role.ADMIN)
    rfc_precoro.reject("ann", request_id)
    with pytest.raises(RequestAlreadyDecided, match="already been approved or rejected"):
        rfc_precoro.approve("abe", request_id)
    with pytest.raises(RequestNotApproved, match="only for an approved request"):
        rfc_precoro.reset("sam", request_id)


# Errors are generic: the answer does not tell whether a login exists or has 2FA.


@pytest.mark.parametrize(
    ("login", "password"),
    [
        ("alice", "not the password"),
        ("nobody", PASSWORD),
        ("bob", "not the password"),
        (None, None),
    ],
)
def test_an_unknown_login_and_a_wrong_password_get_the_same_answer(
    rfc_precoro: Precoro, alice: str, login: object, password: object
) -> None:
    add_employee(rfc_precoro, "bob")
    assert rfc_precoro.sign_in(login, password) == SignInRefused()
    assert SignInRefused().message == "Incorrect login or password."
