"""What a page shows is read in one reading, never in a unit of work; a command is one unit
of work (run again only when it lost a race), and says what it did."""

from collections.abc import Callable

import pytest
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import (
    WARNING_NOTICE,
    Activated,
    ApplicationChanged,
    AuthenticationApplication,
    Channel,
    CodeRejected,
    Destination,
    Precoro,
    Rejection,
    Role,
    SignInBlocked,
    TwoFactorStatus,
    TwoFactorView,
    Visitor,
    bootstrap,
)
from precoro_2fa.adapters.memory import InMemoryStore
from tests.conftest import PASSWORD, TEST_CONFIG
from tests.counted_store import CountedStore
from tests.unit.conftest import GOOGLE, add_employee, at_step
from tests.unit.rfc import RFC_SECRET, STEP_CODES


@pytest.fixture
def counted() -> CountedStore:
    return CountedStore(InMemoryStore())


@pytest.fixture
def acme(counted: CountedStore, rfc_clock: FrozenDateTimeFactory) -> Precoro:
    """Alice (2FA on since step 1, clock in step 5), Ann their admin, Sam support; a request."""
    precoro = bootstrap(counted, config=TEST_CONFIG, new_secret=lambda: RFC_SECRET)
    add_employee(precoro, "alice")
    precoro.choose_application("alice", GOOGLE)
    assert precoro.confirm("alice", STEP_CODES[1]).accepted
    precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    precoro.add_support_agent("sam", PASSWORD)
    precoro.request_reset("sam", "alice", Channel.ONLINE_CHAT)
    rfc_clock.move_to(at_step(5, 10))
    counted.counts()
    return precoro


READINGS: dict[str, Callable[[Precoro], object]] = {
    "visitor": lambda p: p.visitor("alice"),
    "destination": lambda p: p.destination("alice", Destination.ELSEWHERE),
    "two_factor_view": lambda p: p.two_factor_view("alice"),
    "turn_on": lambda p: p.turn_on("ann"),
    "account_settings": lambda p: p.account_settings("ann"),
    "required_two_factor": lambda p: p.required_two_factor("acme"),
    "audit_log": lambda p: p.audit_log("ann"),
    "requests_to_decide": lambda p: p.requests_to_decide("ann"),
    "approved_requests": lambda p: p.approved_requests("sam"),
}


@pytest.mark.parametrize("read", READINGS.values(), ids=READINGS.keys())
def test_what_a_page_shows_is_one_reading_and_no_unit_of_work(
    acme: Precoro, counted: CountedStore, read: Callable[[Precoro], object]
) -> None:
    read(acme)
    assert counted.counts() == (1, 0)


COMMANDS: dict[str, Callable[[Precoro], object]] = {
    "choose_application": lambda p: p.choose_application("ann", GOOGLE),
    "confirm": lambda p: p.confirm("ann", "000000"),
    "turn_off": lambda p: p.turn_off("alice", "000000"),
    "change_application": lambda p: p.change_application("alice", "000000", GOOGLE),
    "enter_code": lambda p: p.enter_code("no such attempt", STEP_CODES[5]),
    "update_account_settings": lambda p: p.update_account_settings("ann", True),
    "add_user": lambda p: p.add_user("bob", PASSWORD, "acme"),
}


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_command_is_one_unit_of_work_and_no_reading(
    acme: Precoro, counted: CountedStore, command: Callable[[Precoro], object]
) -> None:
    if command is COMMANDS["confirm"]:
        acme.choose_application("ann", GOOGLE)
        counted.counts()
    command(acme)
    assert counted.counts() == (0, 1)


def test_a_sign_in_reads_the_user_then_records_the_outcome_in_one_command(
    acme: Precoro, counted: CountedStore
) -> None:
    acme.sign_in("ann", PASSWORD)
    assert counted.counts() == (1, 1)


def test_a_sign_in_with_an_unknown_login_reads_and_counts_like_a_wrong_password(
    acme: Precoro, counted: CountedStore
) -> None:
    acme.sign_in("nobody", PASSWORD)
    assert counted.counts() == (1, 1)


def test_a_blocked_sign_in_only_reads(acme: Precoro, counted: CountedStore) -> None:
    for _ in range(10):
        acme.sign_in("nobody", PASSWORD)
    counted.counts()
    assert isinstance(acme.sign_in("nobody", PASSWORD), SignInBlocked)
    assert counted.counts() == (1, 0)


def test_confirm_says_it_activated_two_factor_authentication(acme: Precoro) -> None:
    acme.choose_application("ann", GOOGLE)
    assert acme.confirm("ann", STEP_CODES[5]) == Activated()
    assert acme.two_factor_view("ann").status is TwoFactorStatus.ON


def test_confirm_says_it_completed_a_change_of_application(acme: Precoro) -> None:
    acme.change_application("alice", STEP_CODES[5], AuthenticationApplication.AUTHY)
    assert acme.confirm("alice", STEP_CODES[6]) == ApplicationChanged()
    assert acme.two_factor_view("alice").application is AuthenticationApplication.AUTHY


def test_a_refused_confirmation_is_a_rejected_code(acme: Precoro) -> None:
    acme.change_application("alice", STEP_CODES[5], AuthenticationApplication.AUTHY)
    answer = acme.confirm("alice", "000000")
    assert answer == CodeRejected(Rejection.WRONG)
    assert not answer.accepted


def test_the_two_factor_view_shows_the_pending_application_and_the_visitor(
    acme: Precoro,
) -> None:
    acme.update_account_settings("ann", required_two_factor=True)
    enrollment = acme.choose_application("ann", AuthenticationApplication.AUTHY)
    view = acme.two_factor_view("ann")
    assert view == TwoFactorView(
        Visitor("ann", "Acme", Role.ADMIN, must_turn_on_two_factor=True, requests_waiting=1),
        TwoFactorStatus.WAITING_FOR_CONFIRMATION,
        application=None,
        can_turn_off=False,
        pending=enrollment,
    )
    assert view.notice == WARNING_NOTICE
    assert acme.visitor("alice").requests_waiting == 0  # her own request; and no admin
    assert view.visitor.destination(Destination.ELSEWHERE) is Destination.TWO_FACTOR_SETTINGS


def test_turn_on_offers_both_applications_to_the_visitor(acme: Precoro) -> None:
    choice = acme.turn_on("ann")
    assert choice.visitor == acme.visitor("ann")
    assert choice.applications == (
        AuthenticationApplication.AUTHY,
        AuthenticationApplication.GOOGLE_AUTHENTICATOR,
    )
