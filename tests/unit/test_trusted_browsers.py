"""Trust this browser (beyond the article): forged or copied tokens, and when trust ends.

Each test fails if its rule is dropped: the token is bound to its person, kept only hashed,
and worthless after the period, a Turn Off, a change of app, a new password or a forget.
"""

from datetime import timedelta

import pytest
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import CodeRequired, Precoro, Role, SignedIn, TrustPeriodOutOfRange
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.domain.trusted_browsers import token_hash
from tests.conftest import PASSWORD
from tests.unit.conftest import GOOGLE, add_employee, at_step
from tests.unit.rfc import STEP_CODES
from tests.unit.test_attacks import code_step


def trusted(precoro: Precoro, login: str, code: str) -> str:
    """``login`` signs in with ``code``, ticking "Trust this browser": the browser's token."""
    answer = precoro.enter_code(code_step(precoro, login), code, trust_browser=True)
    assert isinstance(answer, SignedIn) and answer.trusted_browser is not None, answer
    return answer.trusted_browser


@pytest.fixture
def acme(rfc_precoro: Precoro) -> Precoro:
    """Acme trusts browsers for 30 days; Eve and Bob turned 2FA on during step 1."""
    for login in ("eve", "bob"):
        add_employee(rfc_precoro, login)
        rfc_precoro.choose_application(login, GOOGLE)
        assert rfc_precoro.confirm(login, STEP_CODES[1]).accepted
    rfc_precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    rfc_precoro.update_account_settings("ann", False, trust_browser_days=30)
    return rfc_precoro


@pytest.fixture
def eve_token(acme: Precoro, rfc_clock: FrozenDateTimeFactory) -> str:
    rfc_clock.move_to(at_step(2, 10))
    return trusted(acme, "eve", STEP_CODES[2])


def skips_code_step(precoro: Precoro, login: str, token: str | None) -> bool:
    return isinstance(precoro.sign_in(login, PASSWORD, trusted_browser=token), SignedIn)


@pytest.fixture
def bob_token(acme: Precoro, eve_token: str) -> str:
    """Bob trusted a browser of his own too: a token is checked against its person's only."""
    return trusted(acme, "bob", STEP_CODES[2])


def test_a_trusted_browser_skips_the_code_step_of_its_person_only(
    acme: Precoro, eve_token: str, bob_token: str
) -> None:
    assert skips_code_step(acme, "eve", eve_token)
    assert skips_code_step(acme, "bob", bob_token)
    assert not skips_code_step(acme, "bob", eve_token)  # copied into Bob's browser
    assert not skips_code_step(acme, "eve", bob_token)


def test_a_forged_or_altered_token_skips_nothing(
    acme: Precoro, eve_token: str, bob_token: str
) -> None:
    altered = eve_token[:-1] + ("A" if eve_token[-1] != "A" else "B")
    for forged in (altered, token_hash(eve_token), "", "x" * 10_000, None, 42):
        assert isinstance(acme.sign_in("eve", PASSWORD, trusted_browser=forged), CodeRequired)


def test_a_trusted_browser_still_needs_the_password(acme: Precoro, eve_token: str) -> None:
    assert not isinstance(
        acme.sign_in("eve", "wrong horse battery", trusted_browser=eve_token), SignedIn
    )


def test_trust_ends_with_its_period(
    acme: Precoro, eve_token: str, rfc_clock: FrozenDateTimeFactory
) -> None:
    rfc_clock.tick(timedelta(days=30))
    assert not skips_code_step(acme, "eve", eve_token)


def test_trust_ends_when_the_password_changes(acme: Precoro, eve_token: str) -> None:
    acme.change_password("eve", PASSWORD)
    assert not skips_code_step(acme, "eve", eve_token)


def test_trust_ends_when_forgotten(acme: Precoro, eve_token: str) -> None:
    acme.forget_trusted_browsers("eve")
    assert not skips_code_step(acme, "eve", eve_token)


def test_trust_ends_when_two_factor_authentication_is_turned_off(
    acme: Precoro, eve_token: str, rfc_clock: FrozenDateTimeFactory
) -> None:
    rfc_clock.move_to(at_step(3, 10))
    assert acme.turn_off("eve", STEP_CODES[3]).accepted
    acme.choose_application("eve", GOOGLE)
    assert acme.confirm("eve", STEP_CODES[4]).accepted
    assert not skips_code_step(acme, "eve", eve_token)


def test_trust_ends_when_the_company_turns_the_option_off(acme: Precoro, eve_token: str) -> None:
    acme.update_account_settings("ann", False, trust_browser_days=0)
    assert not skips_code_step(acme, "eve", eve_token)


def test_the_store_keeps_only_the_tokens_hash(acme: Precoro, eve_token: str) -> None:
    assert isinstance(acme.store, InMemoryStore)
    [kept] = acme.store.users["eve"].two_factor.trusted_browsers.browsers
    assert kept.token_hash == token_hash(eve_token) != eve_token


def test_without_the_option_no_token_is_given(rfc_precoro: Precoro) -> None:
    add_employee(rfc_precoro, "eve")
    rfc_precoro.choose_application("eve", GOOGLE)
    assert rfc_precoro.confirm("eve", STEP_CODES[1]).accepted
    answer = rfc_precoro.sign_in("eve", PASSWORD)
    assert isinstance(answer, CodeRequired) and answer.trust_browser_days == 0


def test_at_most_30_days(acme: Precoro) -> None:
    with pytest.raises(TrustPeriodOutOfRange):
        acme.update_account_settings("ann", False, trust_browser_days=31)
