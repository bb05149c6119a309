"""The feature files of spec/features, bound to the HTTP layer: each person uses the reference
app in a browser of their own (Flask's test client), pressing the buttons the pages offer.

What a step checks is read from the pages: statuses, redirects, notices, the words shown.
Only people are made through the service object behind the app: the app has no page to create
companies or users (the demo data of ``precoro-2fa serve`` is made the same way).
"""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from cachelib import SimpleCache
from flask import Flask
from freezegun.api import FrozenDateTimeFactory
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from pytest_bdd import given, parsers, then, when

from precoro_2fa import AuthenticationApplication, Precoro, SignInExpired
from precoro_2fa.domain.sign_in import INCORRECT_LOGIN_OR_PASSWORD
from precoro_2fa.entrypoints.web import create_app
from precoro_2fa.entrypoints.web.two_factor import ACTIVATED
from precoro_2fa.service_layer.ports import Store
from tests.conftest import (
    COMPANY,
    NAME,
    PRONOUN,
    Phone,
    admins_of,
    company_id,
    login_of,
    stores,
    support_agent,
)
from tests.http_specs.browser import Page
from tests.http_specs.people import (
    AUDIT_LOG,
    AUTHY_RESTORE_FAILED,
    BUTTON_ANSWERS,
    CODE,
    CONFIRM,
    CONTACT,
    REQUESTS,
    SETTINGS,
    SIGN_IN,
    SUPPORT,
    TURN_ON,
    Person,
    ProfileSettings,
    RecordedRequest,
    admin_browser,
    assert_accepted,
    assert_refused,
    assert_signed_in,
    audit_rows,
    by_login,
    decide,
    enter_code,
    record_request,
    refused_as,
    requests_page,
    reset,
    rows_of,
    set_up,
    sign_in,
    signed_in_browser,
    submit_code,
    turn_off,
    two_factor_of,
    two_factor_shown,
    update_account_settings,
)
from tests.specs.conftest import CHANNELS, CODE_FORM, CODE_FORMS, REASON, REASONS, application
from tests.store.databases import Databases


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, databases: Databases) -> Iterator[Store]:
    """The HTTP layer over the in-memory store and over SQLite (PostgreSQL runs in tests/specs)."""
    yield from stores(request.param, databases)


class CompiledTemplates(BytecodeCache):
    """Jinja2's compiled templates, kept for the next scenario's app (each has its own)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


@pytest.fixture(autouse=True)
def web_app(precoro: Precoro) -> Flask:
    """The reference app over this scenario's Precoro (named so, as steps parse an "app")."""
    app = create_app(precoro, secret_key="http specs", sessions=SimpleCache())
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    return app


@pytest.fixture
def person_kind() -> type[Person]:
    """People called by name here use browsers (tests/conftest.py makes them)."""
    return Person


@given(parsers.re(rf"{NAME} has turned on two-factor authentication with (?P<app>.+)"))
def named_two_factor_on(
    web_app: Flask,
    clock: FrozenDateTimeFactory,
    people: dict[str, Person],
    phones: dict[str, Phone],
    name: str,
    app: str,
) -> None:
    """In her browser: Turn On, the app, Next, scan, Confirm; then the next 30-second step."""
    person = people[name]
    phones[person.login], page = set_up(signed_in_browser(web_app, person), application(app))
    assert_accepted(page)
    clock.tick(timedelta(seconds=30))


@when(
    parsers.re(rf"{NAME} turns on two-factor authentication with (?P<app>.+)"),
    target_fixture="verdict",
)
def turns_on(
    web_app: Flask, people: dict[str, Person], phones: dict[str, Phone], name: str, app: str
) -> Page:
    """Turn On, choose the application, Next, scan the QR code, Confirm."""
    person = people[name]
    phones[person.login], page = set_up(signed_in_browser(web_app, person), application(app))
    return page


@then("the code is accepted")
def code_accepted(verdict: Page) -> None:
    assert_accepted(verdict)


@then(parsers.parse('two-factor authentication is {status} for "{login}"'))
def status_is(web_app: Flask, people: dict[str, Person], status: str, login: str) -> None:
    assert two_factor_of(web_app, by_login(people, login))[0] == status


@then(parsers.re(rf"{NAME}'s two-factor authentication is (?P<status>on|off)"))
def named_status(web_app: Flask, people: dict[str, Person], name: str, status: str) -> None:
    assert two_factor_of(web_app, people[name])[0] == status


@then(parsers.re(rf"{NAME}'s two-factor authentication is on with (?P<app>.+)"))
def named_status_with(web_app: Flask, people: dict[str, Person], name: str, app: str) -> None:
    assert two_factor_of(web_app, people[name]) == ("on", app)


@when(
    parsers.re(rf"{NAME} signs in with {PRONOUN} password and a code from {PRONOUN} phone"),
    target_fixture="sign_in_answer",
)
def signs_in_with_code(
    web_app: Flask, people: dict[str, Person], phones: dict[str, Phone], name: str
) -> Page:
    person = people[name]
    assert sign_in(web_app, person).path == CODE
    return enter_code(person, phones[person.login].code())


@when(parsers.re(rf"{NAME} signs in with {PRONOUN} password"), target_fixture="signed_in")
@when(parsers.re(rf"{NAME} enters {PRONOUN} unique login and password"), target_fixture="signed_in")
@given(
    parsers.re(rf"{NAME} has entered {PRONOUN} unique login and password"),
    target_fixture="signed_in",
)
def enters_login_and_password(web_app: Flask, people: dict[str, Person], name: str) -> Page:
    return sign_in(web_app, people[name])


@when(parsers.re(rf"{NAME} enters {CODE_FORM} to sign in"), target_fixture="sign_in_answer")
@given(parsers.re(rf"{NAME} has entered {CODE_FORM} to sign in"), target_fixture="sign_in_answer")
def enters_code_to_sign_in(
    people: dict[str, Person], phones: dict[str, Phone], name: str, form: str
) -> Page:
    person = people[name]
    return enter_code(person, CODE_FORMS[form](phones[person.login]))


@when(
    parsers.re(rf"{NAME} enters {CODE_FORM} to sign in (?P<times>\d+) times"),
    target_fixture="sign_in_answer",
)
@given(
    parsers.re(rf"{NAME} has entered {CODE_FORM} to sign in (?P<times>\d+) times"),
    target_fixture="sign_in_answer",
)
def enters_code_to_sign_in_times(
    people: dict[str, Person], phones: dict[str, Phone], name: str, form: str, times: str
) -> Page:
    """The same kind of code, again and again at one code step; the last page."""
    person = people[name]
    pages = [enter_code(person, CODE_FORMS[form](phones[person.login])) for _ in range(int(times))]
    return pages[-1]


@then(parsers.re(rf"{NAME} is signed in"))
def is_signed_in(sign_in_answer: Page, name: str) -> None:
    assert sign_in_answer.path in ("/", SETTINGS)
    assert_signed_in(sign_in_answer, login_of(name))


@then(parsers.re(rf"{NAME} is signed in with the password alone"))
def signed_in_with_password_alone(signed_in: Page, name: str) -> None:
    assert_signed_in(signed_in, login_of(name))


@then(parsers.re(rf"{NAME} is asked for the 6-digit code"))
def asked_for_code(signed_in: Page, name: str) -> None:
    assert (signed_in.first_status, signed_in.path) == (303, CODE), signed_in.notices("error")
    assert signed_in.signed_in_as is None
    assert "enter the dynamic 6-digit code" in signed_in.text


@then("the sign-in is refused as an incorrect login or password")
def sign_in_refused(signed_in: Page) -> None:
    assert (signed_in.status, signed_in.path) == (422, SIGN_IN)
    assert signed_in.notices("error") == [INCORRECT_LOGIN_OR_PASSWORD]


@then(parsers.parse('the sign-in code is refused with "{message}"'))
def sign_in_code_refused(sign_in_answer: Page, message: str) -> None:
    assert (sign_in_answer.status, sign_in_answer.path) == (422, CODE)
    assert sign_in_answer.notices("error") == [message]


@then(parsers.re(rf"the sign-in code is refused as {REASON}"))
def sign_in_code_refused_as(sign_in_answer: Page, reason: str) -> None:
    rejection = REASONS[reason]
    if isinstance(rejection, SignInExpired):  # back to login and password
        assert (sign_in_answer.path, sign_in_answer.signed_in_as) == (SIGN_IN, None)
        assert sign_in_answer.notices("info") == [rejection.message]
        return
    assert (sign_in_answer.status, sign_in_answer.path) == (422, CODE)
    refused_as(sign_in_answer, rejection)


@then(parsers.re(rf"the code is refused as {REASON}"))
def code_refused_as(verdict: Page, reason: str) -> None:
    assert verdict.status == 422, (verdict.status, verdict.text)
    refused_as(verdict, REASONS[reason])


@then(parsers.parse('it is refused with "{message}"'))
def refused_with(refusal: Page, message: str) -> None:
    assert refusal.status in (403, 409, 422), refusal.status
    assert_refused(refusal, message)


@then(parsers.re(r"(?P<button>Turn On|Next|Confirm|Turn Off) is refused with \"(?P<message>.+)\""))
def button_refused(request: pytest.FixtureRequest, button: str, message: str) -> None:
    answer = request.getfixturevalue(BUTTON_ANSWERS[button])
    assert isinstance(answer, Page), answer
    assert_refused(answer, message)


@then(parsers.re(rf"{NAME} sees the warning notice \"(?P<message>.+)\""))
def sees_warning_notice(signed_in: Page, name: str, message: str) -> None:
    assert_signed_in(signed_in, login_of(name))
    assert signed_in.notices("warning") == [message]


@when(
    parsers.re(rf"{NAME} goes to Profile settings and selects Two-factor authentication"),
    target_fixture="profile_settings",
)
def goes_to_profile_settings(
    web_app: Flask, people: dict[str, Person], name: str
) -> ProfileSettings:
    """The Profile settings link of the page's header, then Two-factor authentication."""
    person = people[name]
    browser = signed_in_browser(web_app, person)
    page = browser.click("Profile settings")
    if page.path != SETTINGS:  # Required two-factor authentication led there already
        page = browser.click("Two-factor authentication")
    assert page.path == SETTINGS
    return ProfileSettings(person, browser, page)


@when(parsers.re(rf"(?:{NAME} )?enters {CODE_FORM}"))
def enters_code(profile_settings: ProfileSettings, phones: dict[str, Phone], form: str) -> None:
    """Typed into the code field of the next form the person submits."""
    profile_settings.typed = CODE_FORMS[form](phones[profile_settings.person.login])


@when(parsers.parse('enters the code "{code}"'))
def enters_literal_code(profile_settings: ProfileSettings, code: str) -> None:
    profile_settings.typed = code


@when("presses the Confirm button", target_fixture="verdict")
def presses_confirm(profile_settings: ProfileSettings) -> Page:
    return submit_code(profile_settings.browser, "Confirm", CONFIRM, profile_settings.typed)


@when("presses the Turn On button", target_fixture="choices")
def presses_turn_on(profile_settings: ProfileSettings) -> Page:
    """Turn On on the page; when the page does not offer it, its address, typed."""
    return profile_settings.browser.press_or_send("Turn On", TURN_ON, "get")


@when(
    parsers.re(
        r"(?:[A-Z][a-z]+ )?chooses (?P<app>Authy|Google Authenticator) and presses the Next button"
    ),
    target_fixture="enrollment",
)
def chooses_and_presses_next(profile_settings: ProfileSettings, app: str) -> Page:
    """The application's radio button, then Next (from the Turn On page opened before)."""
    name = application(app).name
    return profile_settings.browser.press_or_send("Next", TURN_ON, "post", application=name)


@when("presses the Turn Off button", target_fixture="verdict")
def presses_turn_off(profile_settings: ProfileSettings) -> Page:
    return turn_off(profile_settings.browser, profile_settings.typed)


@when(
    parsers.re(rf"{NAME} presses the Turn Off button and enters a code from {PRONOUN} phone"),
    target_fixture="verdict",
)
def turns_off_with_code(
    web_app: Flask, people: dict[str, Person], phones: dict[str, Phone], name: str
) -> Page:
    """Turn Off asks for a current code (re-authentication) before it forgets the secret."""
    person = people[name]
    browser = signed_in_browser(web_app, person)
    browser.open(SETTINGS)
    return turn_off(browser, phones[person.login].code())


@then("two-factor authentication is activated")
def is_activated(web_app: Flask, profile_settings: ProfileSettings, verdict: Page) -> None:
    assert_accepted(verdict)
    assert ACTIVATED in verdict.notices("success")
    assert two_factor_of(web_app, profile_settings.person)[0] == "on"


@given(parsers.re(rf"{NAME} has required two-factor authentication for {COMPANY}"))
def has_required_two_factor(
    web_app: Flask, people: dict[str, Person], phones: dict[str, Phone], name: str, company: str
) -> None:
    """Configuration → Account Settings, "Required two-factor authentication" ticked, Update."""
    update_account_settings(web_app, people[name], phones, company, ticked=True)


@given(
    parsers.re(rf"{NAME} lost access to {PRONOUN} Google Authenticator account"),
    target_fixture="lost_phone",
)
def lost_google_authenticator(phones: dict[str, Phone], name: str) -> Phone:
    """The phone is lost or stolen: the user has no code any more; whoever found it might."""
    return phones.pop(login_of(name))


@when(parsers.re(CONTACT[0]), target_fixture="recovery_request")
@when(parsers.re(CONTACT[1]), target_fixture="recovery_request")
@given(parsers.re(CONTACT[0]), target_fixture="recovery_request")
@given(parsers.re(CONTACT[1]), target_fixture="recovery_request")
def contacts_support(
    web_app: Flask,
    people: dict[str, Person],
    phones: dict[str, Phone],
    name: str,
    channel: str,
    authy_failed: str,
) -> RecordedRequest:
    """We record the request the user made to the CSM manager or in the online chat."""
    person = people[name]
    restore_failed = authy_failed == AUTHY_RESTORE_FAILED
    page = record_request(web_app, people, person.login, CHANNELS[channel], restore_failed)
    assert page.first_status == 303 and page.notices("success"), page.text
    company = company_id(person.company)
    [form] = [
        form
        for form in requests_page(web_app, people, phones, company).soup.find_all("form")
        if str(form.get("action")).endswith("/approve")
        and form.find_parent("tr").find("td").get_text(strip=True) == person.login
    ]
    request_id = str(form["action"]).split("/")[-2]
    return RecordedRequest(person.login, company, request_id)


@when(
    parsers.re(
        rf"{NAME} asks (?P<channel>{PRONOUN} CSM manager|us via online chat) "
        rf"to reset {PRONOUN} two-factor authentication"
    ),
    target_fixture="refusal",
)
def asks_for_reset(web_app: Flask, people: dict[str, Person], name: str, channel: str) -> Page:
    return record_request(web_app, people, people[name].login, CHANNELS[channel], False)


@then("we ask an admin at her company to approve this request")
@then("we ask an admin at his company to approve this request")
def admins_are_asked(
    web_app: Flask,
    people: dict[str, Person],
    phones: dict[str, Phone],
    recovery_request: RecordedRequest,
) -> None:
    admins = admins_of(people, recovery_request.company)
    assert admins, "the scenario names no admin at the company"
    for admin in admins:
        page = admin_browser(web_app, admin, phones).open(REQUESTS)
        rows = rows_of(page, recovery_request.login)
        assert [row["Status"] for row in rows] == ["waiting for approval"], admin
        assert page.form(recovery_request.approve(), "Approve") is not None
        assert page.form(recovery_request.reject(), "Reject") is not None
    support = signed_in_browser(web_app, support_agent(people)).open(SUPPORT)
    assert support.form(recovery_request.reset(), "Reset") is None


DECIDED = r"(?P<decision>approve|reject)e?d"


@when(parsers.re(rf"the request is {DECIDED} by {NAME}"), target_fixture="decided")
@given(parsers.re(rf"the request was {DECIDED} by {NAME}"), target_fixture="decided")
def decided_by(
    web_app: Flask,
    people: dict[str, Person],
    phones: dict[str, Phone],
    recovery_request: RecordedRequest,
    decision: str,
    name: str,
) -> Page:
    page = decide(web_app, people[name], phones, recovery_request, decision)
    assert page.notices("success"), page.text
    return page


@when(
    parsers.re(rf"{NAME} tries to (?P<decision>approve|reject) the request"),
    target_fixture="refusal",
)
def tries_to_decide(
    web_app: Flask,
    people: dict[str, Person],
    phones: dict[str, Phone],
    recovery_request: RecordedRequest,
    name: str,
    decision: str,
) -> Page:
    return decide(web_app, people[name], phones, recovery_request, decision)


@when(parsers.re(r"we reset the two-factor authentication in (?:her|his) account"))
@given(parsers.re(r"we reset the two-factor authentication in (?:her|his) account"))
def we_reset(web_app: Flask, people: dict[str, Person], recovery_request: RecordedRequest) -> None:
    page = reset(web_app, people, recovery_request)
    assert page.first_status == 303 and page.notices("success"), page.text


@when(
    parsers.re(r"we try to reset the two-factor authentication in (?:her|his) account"),
    target_fixture="refusal",
)
def we_try_to_reset(
    web_app: Flask, people: dict[str, Person], recovery_request: RecordedRequest
) -> Page:
    return reset(web_app, people, recovery_request)


@then(
    parsers.re(
        rf"{NAME} can log in to Precoro without two-factor authentication and set it up again"
    )
)
def can_log_in_and_set_up_again(
    web_app: Flask, people: dict[str, Person], phones: dict[str, Phone], name: str
) -> None:
    """The password alone signs in; then Turn On, Next, scan, Confirm turns 2FA on again."""
    person = people[name]
    page = sign_in(web_app, person)
    assert page.signed_in_as == person.login, page.text
    assert person.browser is not None
    assert two_factor_shown(person.browser.open(SETTINGS)) == ("off", None)
    phone, page = set_up(person.browser, AuthenticationApplication.GOOGLE_AUTHENTICATOR)
    assert_accepted(page)
    phones[person.login] = phone
    assert two_factor_shown(page) == ("on", "Google Authenticator")


@then(parsers.re(rf"no reset request is waiting for {NAME}"))
def no_request_waiting(
    web_app: Flask, people: dict[str, Person], phones: dict[str, Phone], name: str
) -> None:
    person = people[name]
    page = requests_page(web_app, people, phones, company_id(person.company))
    assert rows_of(page, person.login) == []


@then(parsers.re(r"the request is (?P<status>waiting for approval|approved|rejected|reset)"))
def request_status(
    web_app: Flask,
    people: dict[str, Person],
    phones: dict[str, Phone],
    recovery_request: RecordedRequest,
    status: str,
) -> None:
    page = requests_page(web_app, people, phones, recovery_request.company)
    assert [row["Status"] for row in rows_of(page, recovery_request.login)] == [status]


@then(parsers.re(rf"the audit trail of {COMPANY} records"))
def audit_trail_records(
    web_app: Flask,
    people: dict[str, Person],
    phones: dict[str, Phone],
    company: str,
    datatable: list[list[str]],
) -> None:
    """The events of the kinds and people the table names, in order; no code or secret shown.

    Only the people the table names: the admin who reads the log may first have had to turn
    on two-factor authentication (see ``admin_browser``), which the table does not mention.
    """
    header, *rows = datatable
    admin = admins_of(people, company_id(company))[0]
    page = admin_browser(web_app, admin, phones).open(AUDIT_LOG)
    kinds = {row[header.index("event")] for row in rows}
    named = {row[header.index(c)] for row in rows for c in ("by", "for") if c in header}
    shown = [
        [row[column] for column in header]
        for row in audit_rows(page)
        if row["event"] in kinds and {row["by"], row["for"]} & named
    ]
    assert shown == rows
    secrets = {phone.secret for phone in phones.values()}
    codes = {phone.code(offset) for phone in phones.values() for offset in (-1, 0, 1)}
    assert not [secret for secret in secrets if secret in page.text]
    assert not set(page.text.split()) & codes


@when(parsers.parse("{days:d} days pass"))
@given(parsers.parse("{days:d} days pass"))
def days_pass(clock: FrozenDateTimeFactory, people: dict[str, Person], days: int) -> None:
    """Sessions last hours, not days: after days everyone signs in again."""
    clock.tick(timedelta(days=days))
    for person in people.values():
        person.browser = None
