"""Steps shared by several feature files. Flow-specific steps live in that flow's module."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

import pytest
from freezegun.api import FrozenDateTimeFactory
from pytest_bdd import given, parsers, then, when

from precoro_2fa import (
    Activated,
    AuditEvent,
    AuditKind,
    AuthenticationApplication,
    Channel,
    CodeRejected,
    CodeRequired,
    CodeVerdict,
    Enrollment,
    Precoro,
    RecoveryRequest,
    Rejection,
    RequestStatus,
    Role,
    SignedIn,
    SignInExpired,
    SignInRefused,
    TwoFactorRuleBroken,
    TwoFactorStatus,
    TwoFactorView,
)
from precoro_2fa.domain.sign_in import INCORRECT_LOGIN_OR_PASSWORD
from tests.conftest import (
    COMPANY,
    NAME,
    PASSWORD,
    PRONOUN,
    Person,
    Phone,
    admins_of,
    company_id,
    login_of,
    support_agent,
)

APPLICATIONS = {application.value: application for application in AuthenticationApplication}


def application(name: str) -> AuthenticationApplication:
    return APPLICATIONS[name]


TYPES = {"App": application}


@pytest.fixture(autouse=True)
def every_store(precoro: Precoro) -> Precoro:
    """Steps ask for fixtures by name; depending on ``precoro`` here runs each spec per store."""
    return precoro


@given(parsers.parse('the company "{name}"'))
def a_company(precoro: Precoro, name: str) -> None:
    precoro.add_company(company_id(name), name)


@given(parsers.parse('"{login}" is an employee of "{company}"'))
def an_employee(precoro: Precoro, login: str, company: str) -> None:
    precoro.add_company(company_id(company), company)
    precoro.add_user(login, PASSWORD, company_id(company), Role.EMPLOYEE)


@given(parsers.parse('"{login}" is an admin of "{company}"'))
def an_admin(precoro: Precoro, login: str, company: str) -> None:
    precoro.add_company(company_id(company), company)
    precoro.add_user(login, PASSWORD, company_id(company), Role.ADMIN)


@given(parsers.parse('"{login}" is a Precoro support agent'))
def a_support_agent(precoro: Precoro, login: str) -> None:
    precoro.add_support_agent(login, PASSWORD)


@given(parsers.parse('"{login}" has turned on two-factor authentication with {app:App}', TYPES))
def two_factor_on(
    precoro: Precoro,
    clock: FrozenDateTimeFactory,
    phones: dict[str, Phone],
    login: str,
    app: AuthenticationApplication,
) -> None:
    """Turn On, choose the app, Next, scan, Confirm; then the next 30-second step begins."""
    precoro.turn_on(login)
    phones[login] = Phone(precoro.choose_application(login, app).secret)
    assert precoro.confirm(login, phones[login].code()).accepted
    clock.tick(timedelta(seconds=30))


@given(parsers.parse('the company "{company}" requires two-factor authentication'))
def company_requires(precoro: Precoro, company: str) -> None:
    admin = f"admin-of-{company_id(company)}"
    precoro.add_user(admin, PASSWORD, company_id(company), Role.ADMIN)
    precoro.update_account_settings(admin, required_two_factor=True)


@then("the code is accepted")
def code_accepted(verdict: CodeVerdict) -> None:
    assert verdict.accepted, verdict


@then(parsers.parse('the code is refused with "{message}"'))
def code_refused(verdict: CodeVerdict, message: str) -> None:
    assert not verdict.accepted
    assert message in verdict.message


@then(parsers.parse('two-factor authentication is {status} for "{login}"'))
def status_is(precoro: Precoro, status: str, login: str) -> None:
    assert precoro.two_factor_view(login).status is TwoFactorStatus(status)


# --- People called by name ("Eve", "Ann") are made in tests/conftest.py; here: their sign-in
# and the rules they break.


@given(parsers.re(rf"{NAME} has turned on two-factor authentication with (?P<app>.+)"))
def named_two_factor_on(
    precoro: Precoro,
    clock: FrozenDateTimeFactory,
    phones: dict[str, Phone],
    name: str,
    app: str,
) -> None:
    two_factor_on(precoro, clock, phones, login_of(name), application(app))


def sign_in_with_code(precoro: Precoro, login: str, code: str) -> SignedIn | CodeRejected:
    """Login and password, then the code: the second step of that one sign-in attempt."""
    first_step = precoro.sign_in(login, PASSWORD)
    assert isinstance(first_step, CodeRequired), first_step
    return precoro.enter_code(first_step.attempt_id, code)


@when(
    parsers.re(rf"{NAME} signs in with {PRONOUN} password and a code from {PRONOUN} phone"),
    target_fixture="sign_in_answer",
)
def signs_in_with_code(
    precoro: Precoro, phones: dict[str, Phone], name: str
) -> SignedIn | CodeRejected:
    return sign_in_with_code(precoro, login_of(name), phones[login_of(name)].code())


@when(
    parsers.re(rf"{NAME} signs in with {PRONOUN} password"),
    target_fixture="signed_in",
)
def signs_in_with_password(precoro: Precoro, name: str) -> SignedIn | CodeRequired | SignInRefused:
    return precoro.sign_in(login_of(name), PASSWORD)


@then(parsers.re(rf"{NAME} is signed in"))
def is_signed_in(sign_in_answer: SignedIn | CodeRejected, name: str) -> None:
    assert isinstance(sign_in_answer, SignedIn), sign_in_answer
    assert sign_in_answer.login == login_of(name)


@then(parsers.parse('the sign-in code is refused with "{message}"'))
def sign_in_code_refused(sign_in_answer: SignedIn | CodeRejected, message: str) -> None:
    assert isinstance(sign_in_answer, CodeRejected), sign_in_answer
    assert sign_in_answer.message == message


def attempt(action: Callable[[], object]) -> TwoFactorRuleBroken | None:
    """Run an action a When step expects may be refused: the broken rule, or None."""
    try:
        action()
    except TwoFactorRuleBroken as broken:
        return broken
    return None


@then(parsers.parse('it is refused with "{message}"'))
def refused_with(refusal: TwoFactorRuleBroken | None, message: str) -> None:
    assert refusal is not None, "the action went through"
    assert str(refusal) == message


@then(parsers.re(rf"{NAME} sees the warning notice \"(?P<message>.+)\""))
def sees_warning_notice(
    signed_in: SignedIn | CodeRequired | SignInRefused, name: str, message: str
) -> None:
    assert isinstance(signed_in, SignedIn), signed_in
    assert signed_in.login == login_of(name)
    assert signed_in.notice == message


# --- Recovery after a lost phone: support records, an admin approves, support resets. ---

CHANNELS = {
    "her CSM manager": Channel.CSM_MANAGER,
    "his CSM manager": Channel.CSM_MANAGER,
    "their CSM manager": Channel.CSM_MANAGER,
    "us via online chat": Channel.ONLINE_CHAT,
}
AUTHY_RESTORE_FAILED = " after Authy's restore failed"


def stored_request(
    precoro: Precoro, people: dict[str, Person], recovery_request: RecoveryRequest
) -> RecoveryRequest:
    """The request as the store keeps it, read by an admin of its company."""
    admin = admins_of(people, recovery_request.company_id)[0]
    [stored] = [r for r in precoro.requests_to_decide(admin.login) if r.id == recovery_request.id]
    return stored


@given(
    parsers.re(rf"{NAME} lost access to {PRONOUN} Google Authenticator account"),
    target_fixture="lost_phone",
)
def lost_google_authenticator(phones: dict[str, Phone], name: str) -> Phone:
    """The phone is lost or stolen: the user has no code any more; whoever found it might."""
    return phones.pop(login_of(name))


def record_request(
    precoro: Precoro, people: dict[str, Person], name: str, channel: str, authy_failed: str
) -> RecoveryRequest:
    agent = support_agent(people)
    restore_failed = authy_failed == AUTHY_RESTORE_FAILED
    return precoro.request_reset(agent.login, login_of(name), CHANNELS[channel], restore_failed)


AUTHY_FAILED = rf"(?P<authy_failed>(?:{AUTHY_RESTORE_FAILED})?)"
CONTACT = (
    rf"{NAME} (?:contacts|contacted) (?P<channel>{PRONOUN} CSM manager){AUTHY_FAILED}",
    rf"{NAME} (?:gets|got) in touch with (?P<channel>us via online chat){AUTHY_FAILED}",
)


@when(parsers.re(CONTACT[0]), target_fixture="recovery_request")
@when(parsers.re(CONTACT[1]), target_fixture="recovery_request")
@given(parsers.re(CONTACT[0]), target_fixture="recovery_request")
@given(parsers.re(CONTACT[1]), target_fixture="recovery_request")
def contacts_support(
    precoro: Precoro, people: dict[str, Person], name: str, channel: str, authy_failed: str
) -> RecoveryRequest:
    """We record the request the user made to the CSM manager or in the online chat."""
    return record_request(precoro, people, name, channel, authy_failed)


@when(
    parsers.re(
        rf"{NAME} asks (?P<channel>{PRONOUN} CSM manager|us via online chat) "
        rf"to reset {PRONOUN} two-factor authentication"
    ),
    target_fixture="refusal",
)
def asks_for_reset(
    precoro: Precoro, people: dict[str, Person], name: str, channel: str
) -> TwoFactorRuleBroken | None:
    return attempt(lambda: record_request(precoro, people, name, channel, ""))


@then("we ask an admin at her company to approve this request")
@then("we ask an admin at his company to approve this request")
def admins_are_asked(
    precoro: Precoro, people: dict[str, Person], recovery_request: RecoveryRequest
) -> None:
    admins = admins_of(people, recovery_request.company_id)
    assert admins, "the scenario names no admin at the company"
    for admin in admins:
        waiting = [
            r for r in precoro.requests_to_decide(admin.login) if r.id == recovery_request.id
        ]
        assert [r.status for r in waiting] == [RequestStatus.REQUESTED], admin
    agent = support_agent(people)
    assert recovery_request.id not in [r.id for r in precoro.approved_requests(agent.login)]


@when(parsers.re(rf"the request is approved by {NAME}"), target_fixture="recovery_request")
@given(parsers.re(rf"the request was approved by {NAME}"), target_fixture="recovery_request")
def approved_by(precoro: Precoro, recovery_request: RecoveryRequest, name: str) -> RecoveryRequest:
    return precoro.approve(login_of(name), recovery_request.id)


@when(parsers.re(rf"the request is rejected by {NAME}"), target_fixture="recovery_request")
@given(parsers.re(rf"the request was rejected by {NAME}"), target_fixture="recovery_request")
def rejected_by(precoro: Precoro, recovery_request: RecoveryRequest, name: str) -> RecoveryRequest:
    return precoro.reject(login_of(name), recovery_request.id)


@when(
    parsers.re(rf"{NAME} tries to (?P<decision>approve|reject) the request"),
    target_fixture="refusal",
)
def tries_to_decide(
    precoro: Precoro, recovery_request: RecoveryRequest, name: str, decision: str
) -> TwoFactorRuleBroken | None:
    decide = precoro.approve if decision == "approve" else precoro.reject
    return attempt(lambda: decide(login_of(name), recovery_request.id))


@when(
    parsers.re(r"we reset the two-factor authentication in (?:her|his) account"),
    target_fixture="recovery_request",
)
@given(
    parsers.re(r"we reset the two-factor authentication in (?:her|his) account"),
    target_fixture="recovery_request",
)
def we_reset(
    precoro: Precoro, people: dict[str, Person], recovery_request: RecoveryRequest
) -> RecoveryRequest:
    return precoro.reset(support_agent(people).login, recovery_request.id)


@when(
    parsers.re(r"we try to reset the two-factor authentication in (?:her|his) account"),
    target_fixture="refusal",
)
def we_try_to_reset(
    precoro: Precoro, people: dict[str, Person], recovery_request: RecoveryRequest
) -> TwoFactorRuleBroken | None:
    return attempt(lambda: precoro.reset(support_agent(people).login, recovery_request.id))


@then(
    parsers.re(
        rf"{NAME} can log in to Precoro without two-factor authentication and set it up again"
    )
)
def can_log_in_and_set_up_again(precoro: Precoro, phones: dict[str, Phone], name: str) -> None:
    """The password alone signs in; then Turn On, Next, scan, Confirm turns 2FA on again."""
    login = login_of(name)
    signed_in = precoro.sign_in(login, PASSWORD)
    assert isinstance(signed_in, SignedIn), signed_in
    assert precoro.two_factor_view(login).status is TwoFactorStatus.OFF
    precoro.turn_on(login)
    enrollment = precoro.choose_application(login, AuthenticationApplication.GOOGLE_AUTHENTICATOR)
    phones[login] = Phone(enrollment.secret)
    assert precoro.confirm(login, phones[login].code()).accepted
    assert precoro.two_factor_view(login).status is TwoFactorStatus.ON


@then(parsers.re(rf"no reset request is waiting for {NAME}"))
def no_request_waiting(precoro: Precoro, people: dict[str, Person], name: str) -> None:
    person = people[name]
    admin = admins_of(people, company_id(person.company))[0]
    assert [r for r in precoro.requests_to_decide(admin.login) if r.login == person.login] == []


@then(parsers.re(r"the request is (?P<status>waiting for approval|approved|rejected|reset)"))
def request_status(
    precoro: Precoro, people: dict[str, Person], recovery_request: RecoveryRequest, status: str
) -> None:
    assert stored_request(precoro, people, recovery_request).status is RequestStatus(status)


@then(parsers.re(rf"{NAME}'s two-factor authentication is (?P<status>on|off)"))
def named_status(precoro: Precoro, name: str, status: str) -> None:
    assert precoro.two_factor_view(login_of(name)).status is TwoFactorStatus(status)


@then(parsers.re(rf"{NAME} is asked for the 6-digit code"))
def asked_for_code(signed_in: SignedIn | CodeRequired | SignInRefused, name: str) -> None:
    assert isinstance(signed_in, CodeRequired), signed_in


def audit_column(event: AuditEvent, column: str) -> str:
    """An audit event as a row of a feature's table: at, event, by, for, detail."""
    columns = {
        "at": f"{event.at:%H:%M:%S}",
        "event": event.kind.value,
        "by": event.actor,
        "for": event.subject or "",
        "detail": event.detail,
    }
    return columns[column]


@then(parsers.re(rf"the audit trail of {COMPANY} records"))
def audit_trail_records(
    precoro: Precoro,
    people: dict[str, Person],
    phones: dict[str, Phone],
    company: str,
    datatable: list[list[str]],
) -> None:
    """The events of the kinds the table names, in order; no event holds a code or a secret."""
    header, *rows = datatable
    admin = admins_of(people, company_id(company))[0]
    trail = precoro.audit_log(admin.login)
    kinds = {AuditKind(row[header.index("event")]) for row in rows}
    recorded = [[audit_column(event, column) for column in header] for event in trail]
    assert [row for row, event in zip(recorded, trail, strict=True) if event.kind in kinds] == rows
    secrets = {phone.secret for phone in phones.values()}
    codes = {phone.code(offset) for phone in phones.values() for offset in (-1, 0, 1)}
    for event in trail:
        assert not {event.actor, event.subject, event.detail} & (secrets | codes), event


@then(parsers.re(rf"{NAME}'s two-factor authentication is on with (?P<app>.+)"))
def named_status_with(precoro: Precoro, name: str, app: str) -> None:
    page = precoro.two_factor_view(login_of(name))
    assert (page.status, page.application) == (TwoFactorStatus.ON, application(app))


@when(
    parsers.re(rf"{NAME} presses the Turn Off button and enters a code from {PRONOUN} phone"),
    target_fixture="verdict",
)
def turns_off_with_code(
    precoro: Precoro, phones: dict[str, Phone], name: str
) -> CodeVerdict | TwoFactorRuleBroken:
    """Turn Off asks for a current code (re-authentication) before it forgets the secret."""
    return or_refusal(lambda: precoro.turn_off(login_of(name), phones[login_of(name)].code()))


@given(parsers.re(rf"{NAME} has required two-factor authentication for {COMPANY}"))
def has_required_two_factor(
    precoro: Precoro, people: dict[str, Person], name: str, company: str
) -> None:
    """Configuration → Account Settings, "Required two-factor authentication" ticked, Update."""
    assert company_id(people[name].company) == company_id(company), people[name]
    precoro.update_account_settings(login_of(name), required_two_factor=True)


# --- Profile settings, codes as typed, and the sign-in code step (Turn On/Off, codes). ---

FULLWIDTH = {ord("0") + digit: 0xFF10 + digit for digit in range(10)}
"""０１２３４５６７８９, which pyotp would NFKC-normalise to ASCII digits."""  # noqa: RUF001
ARABIC_INDIC = {ord("0") + digit: 0x0660 + digit for digit in range(10)}
"""٠١٢٣٤٥٦٧٨٩, which ``int()`` and ``\\d`` accept."""


def wrong_code(phone: Phone) -> str:
    """Six ASCII digits that are none of the codes of the accepted window, or near it."""
    near = {phone.code(offset) for offset in range(-3, 4)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in near)


NewAppCode = Callable[[Phone, Phone], str]
NEW_APP_CODES: dict[str, NewAppCode] = {
    "the code from her new app": lambda old, new: new.code(),
    "a wrong code": lambda old, new: wrong_code(new),
    "the code from her old app": lambda old, new: old.code(),
    "the code from her new app, 5 digits only": lambda old, new: new.code()[:5],
}
NEW_APP_CODE = "(?P<what>" + "|".join(NEW_APP_CODES) + ")"


CodeForm = Callable[[Phone], object]
"""What the user types into the code field, made from the codes the phone shows."""

CODE_FORMS: dict[str, CodeForm] = {
    "the 6-digit code from the application": lambda phone: phone.code(),
    "the code from the application in two groups of three": (
        lambda phone: f"{phone.code()[:3]} {phone.code()[3:]}"
    ),
    "a wrong code": wrong_code,
    "the code of two steps ago": lambda phone: phone.code(-2),
    "the code of the previous step": lambda phone: phone.code(-1),
    "the code of the next step": lambda phone: phone.code(1),
    "the code of two steps ahead": lambda phone: phone.code(2),
    "only 5 digits of the code": lambda phone: phone.code()[:5],
    "the code with a 7th digit": lambda phone: phone.code() + "7",
    "the code with a letter for its last digit": lambda phone: phone.code()[:5] + "a",
    "the code in letters": lambda phone: "abcdef",
    "the code with a leading space": lambda phone: " " + phone.code(),
    "the code with a trailing space": lambda phone: phone.code() + " ",
    "the code with a trailing newline": lambda phone: phone.code() + "\n",
    "the code with a tab between the groups": (
        lambda phone: f"{phone.code()[:3]}\t{phone.code()[3:]}"
    ),
    "the code with two spaces between the groups": (
        lambda phone: f"{phone.code()[:3]}  {phone.code()[3:]}"
    ),
    "an empty code": lambda phone: "",
    "the code in fullwidth digits": lambda phone: phone.code().translate(FULLWIDTH),
    "the code in Arabic-Indic digits": lambda phone: phone.code().translate(ARABIC_INDIC),
    "the code followed by 9,994 more digits": lambda phone: phone.code() + "0" * 9_994,
    "the code as a number": lambda phone: int(phone.code()),
    "no code at all": lambda phone: None,
}
CODE_FORM = "(?P<form>" + "|".join(sorted(map(re.escape, CODE_FORMS), key=len, reverse=True)) + ")"

REASONS = {
    "wrong": Rejection.WRONG,
    "malformed": Rejection.MALFORMED,
    "already used": Rejection.REPLAYED,
    "locked": Rejection.LOCKED,
    "an expired sign-in": SignInExpired(),
}
REASON = "(?P<reason>" + "|".join(REASONS) + ")"


@dataclass(frozen=True, slots=True)
class ProfileSettings:
    """Profile settings → Two-factor authentication, open in the browser of ``login``."""

    login: str
    page: TwoFactorView


@when(
    parsers.re(rf"{NAME} goes to Profile settings and selects Two-factor authentication"),
    target_fixture="profile_settings",
)
@given(
    parsers.re(rf"{NAME} went to Profile settings and selected Two-factor authentication"),
    target_fixture="profile_settings",
)
def goes_to_profile_settings(precoro: Precoro, name: str) -> ProfileSettings:
    login = login_of(name)
    return ProfileSettings(login, precoro.two_factor_view(login))


T = TypeVar("T")


def or_refusal(action: Callable[[], T]) -> T | TwoFactorRuleBroken:
    """What pressing a button shows: its answer, or the rule it would break."""
    try:
        return action()
    except TwoFactorRuleBroken as broken:
        return broken


BUTTON_ANSWERS = {
    "Turn On": "choices",
    "Next": "enrollment",
    "Confirm": "verdict",
    "Turn Off": "verdict",
}
"""The fixture that holds what each button answered."""


@then(parsers.re(r"(?P<button>Turn On|Next|Confirm|Turn Off) is refused with \"(?P<message>.+)\""))
def button_refused(request: pytest.FixtureRequest, button: str, message: str) -> None:
    answer = request.getfixturevalue(BUTTON_ANSWERS[button])
    assert isinstance(answer, TwoFactorRuleBroken), answer
    assert str(answer) == message


@when(parsers.re(rf"(?:{NAME} )?enters {CODE_FORM}"), target_fixture="typed_code")
def enters_code(profile_settings: ProfileSettings, phones: dict[str, Phone], form: str) -> object:
    return CODE_FORMS[form](phones[profile_settings.login])


@when(parsers.parse('enters the code "{code}"'), target_fixture="typed_code")
def enters_literal_code(code: str) -> object:
    return code


@when("presses the Confirm button", target_fixture="verdict")
def presses_confirm(
    precoro: Precoro, profile_settings: ProfileSettings, typed_code: object
) -> CodeVerdict | TwoFactorRuleBroken:
    return or_refusal(lambda: precoro.confirm(profile_settings.login, typed_code))


@then("two-factor authentication is activated")
def is_activated(
    precoro: Precoro, profile_settings: ProfileSettings, verdict: CodeVerdict | TwoFactorRuleBroken
) -> None:
    assert isinstance(verdict, Activated), verdict
    assert precoro.two_factor_view(profile_settings.login).status is TwoFactorStatus.ON


@then(parsers.re(rf"the code is refused as {REASON}"))
def code_refused_as(verdict: CodeVerdict | TwoFactorRuleBroken, reason: str) -> None:
    refused_as(verdict, REASONS[reason])


@then(parsers.re(rf"the sign-in code is refused as {REASON}"))
def sign_in_code_refused_as(
    sign_in_answer: SignedIn | CodeRejected | SignInExpired, reason: str
) -> None:
    if isinstance(REASONS[reason], SignInExpired):
        assert sign_in_answer == REASONS[reason], sign_in_answer
        return
    refused_as(sign_in_answer, REASONS[reason])


def refused_as(answer: object, reason: Rejection) -> None:
    """Refused for ``reason``, with the domain's message for it (and the lock's end, if any)."""
    assert isinstance(answer, CodeRejected), answer
    assert answer.reason is reason, answer
    assert answer.message.startswith(reason.message)


@when(parsers.re(rf"{NAME} enters {PRONOUN} unique login and password"), target_fixture="signed_in")
@given(
    parsers.re(rf"{NAME} has entered {PRONOUN} unique login and password"),
    target_fixture="signed_in",
)
def enters_login_and_password(
    precoro: Precoro, name: str
) -> SignedIn | CodeRequired | SignInRefused:
    return precoro.sign_in(login_of(name), PASSWORD)


@when(parsers.re(rf"{NAME} enters {CODE_FORM} to sign in"), target_fixture="sign_in_answer")
@given(parsers.re(rf"{NAME} has entered {CODE_FORM} to sign in"), target_fixture="sign_in_answer")
def enters_code_to_sign_in(
    precoro: Precoro,
    phones: dict[str, Phone],
    signed_in: SignedIn | CodeRequired | SignInRefused,
    name: str,
    form: str,
) -> SignedIn | CodeRejected:
    """The second step of the sign-in attempt the password opened."""
    assert isinstance(signed_in, CodeRequired), signed_in
    return precoro.enter_code(signed_in.attempt_id, CODE_FORMS[form](phones[login_of(name)]))


@then(parsers.re(rf"{NAME} is signed in with the password alone"))
def signed_in_with_password_alone(
    signed_in: SignedIn | CodeRequired | SignInRefused, name: str
) -> None:
    assert isinstance(signed_in, SignedIn), signed_in
    assert signed_in.login == login_of(name)


@then("the sign-in is refused as an incorrect login or password")
def sign_in_refused(signed_in: SignedIn | CodeRequired | SignInRefused) -> None:
    assert isinstance(signed_in, SignInRefused), signed_in
    assert signed_in.message == INCORRECT_LOGIN_OR_PASSWORD


@when(
    parsers.re(rf"{NAME} enters {CODE_FORM} to sign in (?P<times>\d+) times"),
    target_fixture="sign_in_answer",
)
@given(
    parsers.re(rf"{NAME} has entered {CODE_FORM} to sign in (?P<times>\d+) times"),
    target_fixture="sign_in_answer",
)
def enters_code_to_sign_in_times(
    precoro: Precoro,
    phones: dict[str, Phone],
    signed_in: SignedIn | CodeRequired | SignInRefused,
    name: str,
    form: str,
    times: str,
) -> SignedIn | CodeRejected:
    """The same kind of code, again and again in one sign-in attempt; the last answer."""
    assert isinstance(signed_in, CodeRequired), signed_in
    answers = [
        precoro.enter_code(signed_in.attempt_id, CODE_FORMS[form](phones[login_of(name)]))
        for _ in range(int(times))
    ]
    return answers[-1]


APP = r"(?P<app>Authy|Google Authenticator)"
Choices = tuple[AuthenticationApplication, ...]


@when("presses the Turn On button", target_fixture="choices")
def presses_turn_on(
    precoro: Precoro, profile_settings: ProfileSettings
) -> Choices | TwoFactorRuleBroken:
    return or_refusal(lambda: precoro.turn_on(profile_settings.login).applications)


@when(
    parsers.re(rf"(?:[A-Z][a-z]+ )?chooses {APP} and presses the Next button"),
    target_fixture="enrollment",
)
def chooses_and_presses_next(
    precoro: Precoro, profile_settings: ProfileSettings, app: str
) -> Enrollment | TwoFactorRuleBroken:
    login = profile_settings.login
    return or_refusal(lambda: precoro.choose_application(login, application(app)))


@when("presses the Turn Off button", target_fixture="verdict")
def presses_turn_off(
    precoro: Precoro, profile_settings: ProfileSettings, typed_code: object
) -> CodeVerdict | TwoFactorRuleBroken:
    return or_refusal(lambda: precoro.turn_off(profile_settings.login, typed_code))
