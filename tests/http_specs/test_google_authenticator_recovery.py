"""google_authenticator_recovery.feature over HTTP: support's, the admin's and Eve's pages."""

from flask import Flask
from pytest_bdd import parsers, scenarios, then, when

from tests.conftest import NAME, Phone, login_of
from tests.http_specs.browser import Page
from tests.http_specs.people import (
    AUDIT_LOG,
    CODE,
    SUPPORT,
    Person,
    RecordedRequest,
    admin_browser,
    admins_of,
    audit_rows,
    by_login,
    enter_code,
    requests_page,
    rows_of,
    sign_in,
    signed_in_browser,
    support_agent,
)

scenarios("google_authenticator_recovery.feature")


@then(parsers.parse("the request is recorded as made to {channel}"))
def recorded_channel(
    web_app: Flask,
    people: dict[str, Person],
    phones: dict[str, Phone],
    recovery_request: RecordedRequest,
    channel: str,
) -> None:
    """The admin's page shows the channel; the audit log shows who recorded it."""
    page = requests_page(web_app, people, phones, recovery_request.company)
    assert [row["Asked via"] for row in rows_of(page, recovery_request.login)] == [channel]
    admin = admins_of(people, recovery_request.company)[0]
    log = admin_browser(web_app, admin, phones).open(AUDIT_LOG)
    requested = [row for row in audit_rows(log) if row["event"] == "reset requested"]
    assert [(row["by"], row["for"]) for row in requested] == [
        (support_agent(people).login, recovery_request.login)
    ]


@then("the request waits for us to reset the two-factor authentication")
def waits_for_reset(
    web_app: Flask, people: dict[str, Person], recovery_request: RecordedRequest
) -> None:
    """Support's page lists it among the approved requests, with its Reset button."""
    page = signed_in_browser(web_app, support_agent(people)).open(SUPPORT)
    assert [row["Employee"] for row in page.table()] == [recovery_request.login]
    assert page.form(recovery_request.reset(), "Reset") is not None


@then(parsers.parse('a code from the lost phone is refused at sign-in with "{message}"'))
def lost_phone_refused(
    web_app: Flask,
    people: dict[str, Person],
    recovery_request: RecordedRequest,
    lost_phone: Phone,
    message: str,
) -> None:
    person = by_login(people, recovery_request.login)
    assert sign_in(web_app, person).path == CODE
    page = enter_code(person, lost_phone.code())
    assert (page.status, page.path) == (422, CODE)
    assert page.notices("error") == [message]


@when(
    parsers.re(rf"{NAME} tries to record a reset request for (?P<user>[A-Z][a-z]+)"),
    target_fixture="refusal",
)
def non_support_records(web_app: Flask, people: dict[str, Person], name: str, user: str) -> Page:
    """Support's form, sent from a browser that was never shown it."""
    browser = signed_in_browser(web_app, people[name])
    return browser.send("post", SUPPORT, login=login_of(user), channel="ONLINE_CHAT")


@when(
    parsers.re(
        rf"{NAME} tries to reset the two-factor authentication in (?P<user>[A-Z][a-z]+)'s account"
    ),
    target_fixture="refusal",
)
def non_support_resets(
    web_app: Flask,
    people: dict[str, Person],
    recovery_request: RecordedRequest,
    name: str,
    user: str,
) -> Page:
    assert recovery_request.login == login_of(user)
    browser = signed_in_browser(web_app, people[name])
    return browser.send("post", recovery_request.reset())
