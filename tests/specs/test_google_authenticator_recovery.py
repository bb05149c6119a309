"""Restore an account in Google Authenticator: request, approval, reset, set up again."""

from pytest_bdd import parsers, scenarios, then, when

from precoro_2fa import (
    Channel,
    CodeRejected,
    Precoro,
    RecoveryRequest,
    RequestStatus,
    TwoFactorRuleBroken,
)
from tests.conftest import NAME, Person, Phone, login_of, support_agent
from tests.specs.conftest import attempt, sign_in_with_code, stored_request

scenarios("google_authenticator_recovery.feature")


@then(parsers.parse("the request is recorded as made to {channel}"))
def recorded_channel(
    precoro: Precoro, people: dict[str, Person], recovery_request: RecoveryRequest, channel: str
) -> None:
    stored = stored_request(precoro, people, recovery_request)
    assert stored.channel is Channel(channel)
    assert stored.recorded_by == support_agent(people).login


@then("the request waits for us to reset the two-factor authentication")
def waits_for_reset(
    precoro: Precoro, people: dict[str, Person], recovery_request: RecoveryRequest
) -> None:
    waiting = precoro.approved_requests(support_agent(people).login)
    assert [r.status for r in waiting if r.id == recovery_request.id] == [RequestStatus.APPROVED]


@then(parsers.parse('a code from the lost phone is refused at sign-in with "{message}"'))
def lost_phone_refused(
    precoro: Precoro, recovery_request: RecoveryRequest, lost_phone: Phone, message: str
) -> None:
    answer = sign_in_with_code(precoro, recovery_request.login, lost_phone.code())
    assert isinstance(answer, CodeRejected), answer
    assert answer.message == message


@when(
    parsers.re(rf"{NAME} tries to record a reset request for (?P<user>[A-Z][a-z]+)"),
    target_fixture="refusal",
)
def non_support_records(precoro: Precoro, name: str, user: str) -> TwoFactorRuleBroken | None:
    return attempt(
        lambda: precoro.request_reset(login_of(name), login_of(user), Channel.ONLINE_CHAT)
    )


@when(
    parsers.re(
        rf"{NAME} tries to reset the two-factor authentication in (?P<user>[A-Z][a-z]+)'s account"
    ),
    target_fixture="refusal",
)
def non_support_resets(
    precoro: Precoro, recovery_request: RecoveryRequest, name: str, user: str
) -> TwoFactorRuleBroken | None:
    assert recovery_request.login == login_of(user)
    return attempt(lambda: precoro.reset(login_of(name), recovery_request.id))
