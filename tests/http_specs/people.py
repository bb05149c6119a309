"""People using the reference app, each in browsers of their own: what they do on its pages
and what the pages show. The steps of conftest.py are made of these."""

import re
from dataclasses import dataclass

import pyotp
from flask import Flask

from precoro_2fa import AuthenticationApplication, Channel, Rejection, Role
from precoro_2fa.entrypoints.web.configuration import UPDATED
from precoro_2fa.entrypoints.web.two_factor import ACTIVATED, CHANGED, TURNED_OFF
from tests.conftest import NAME, PASSWORD, PRONOUN, Phone, admins_of, company_id, support_agent
from tests.conftest import Person as NamedPerson
from tests.http_specs.browser import Browser, Page, decode_qr

SIGN_IN, CODE, SIGN_OUT = "/sign-in", "/sign-in/code", "/sign-out"
SETTINGS = "/profile/two-factor"
TURN_ON, CONFIRM = f"{SETTINGS}/turn-on", f"{SETTINGS}/confirm"
TURN_OFF, CHANGE = f"{SETTINGS}/turn-off", f"{SETTINGS}/change"
ACCOUNT_SETTINGS = "/configuration/account-settings"
REQUESTS, AUDIT_LOG = "/configuration/recovery-requests", "/configuration/audit-log"
SUPPORT = "/support/recovery-requests"
PURCHASE_ORDERS = "/purchase-orders"

SIGNED_OUT = "You have signed out."
ACCEPTED = (ACTIVATED, CHANGED, TURNED_OFF)
"""What the page says once a code was accepted: by Confirm, the change, or Turn Off."""


@dataclass
class Person(NamedPerson):
    """A person called by name, with the browsers they use."""

    browser: Browser | None = None
    """Where the person is signed in (their working browser), if anywhere."""
    attempt: Browser | None = None
    """The browser of the person's latest sign-in attempt."""
    attempt_session: str | None = None
    """The session cookie of that attempt's code step (the attempt, as the server knows it)."""


def by_login(people: dict[str, Person], login: str) -> Person:
    [person] = [person for person in people.values() if person.login == login]
    return person


def sign_in(web_app: Flask, person: Person, password: str | None = PASSWORD) -> Page:
    """A new browser opens the sign-in page, fills in login and password, presses Sign in."""
    browser = Browser(web_app)
    browser.open(SIGN_IN)
    page = browser.press("Sign in", SIGN_IN, login=person.login, password=password)
    person.attempt, person.attempt_session = browser, browser.session_id
    if page.signed_in_as == person.login:
        person.browser = browser
    return page


def enter_code(person: Person, code: object) -> Page:
    """The code typed at the code step of the person's latest sign-in attempt.

    Once that attempt is over (signed in, or restarted), its session cookie is gone from the
    browser: the code is then sent with a copy of that cookie, as a replayed request would be.
    """
    browser, session = person.attempt, person.attempt_session
    assert browser is not None and session is not None, f"{person.name} has not signed in"
    if browser.session_id != session:
        browser = browser.with_session(session)
        browser.open(CODE)
    page = submit_code(browser, "Sign in", CODE, code)
    if page.signed_in_as == person.login:
        person.browser = browser
    return page


def submit_code(browser: Browser, button: str, action: str, code: object, **more: str) -> Page:
    """Type ``code`` into the code field and press ``button``.

    None leaves the field out; a number (not text) can only be sent in a JSON body.
    """
    if isinstance(code, int):
        return browser.send_json(action, {"code": code, **more})
    assert code is None or isinstance(code, str), code
    return browser.press_or_send(button, action, "post", code=code, **more)


def signed_in_browser(web_app: Flask, person: Person) -> Browser:
    """The browser where the person is signed in; signing in with the password if need be."""
    if person.browser is None:
        page = sign_in(web_app, person)
        assert page.signed_in_as == person.login, f"{person.name} needs a code to sign in"
    assert person.browser is not None
    return person.browser


def scan(page: Page) -> Phone:
    """The authentication application scans the QR code on the page."""
    png = page.qr_png()
    assert png is not None, f"no QR code on {page.path}"
    return Phone(pyotp.parse_uri(decode_qr(png)).secret)


def set_up(browser: Browser, app_name: AuthenticationApplication) -> tuple[Phone, Page]:
    """Two-factor authentication page → Turn On → the app → Next → scan → Confirm."""
    browser.open(SETTINGS)
    browser.press("Turn On", TURN_ON)
    browser.press("Next", TURN_ON, application=app_name.name)
    phone = scan(browser.page)
    return phone, browser.press("Confirm", CONFIRM, code=phone.code())


def admin_browser(web_app: Flask, person: Person, phones: dict[str, Phone]) -> Browser:
    """An admin's browser, signed in, able to open Configuration.

    Under Required two-factor authentication the app leads an admin without it from every page
    to the 2FA settings (as the article says of every employee), so she turns it on first with
    Google Authenticator: the app leaves her no other way to reach Configuration.
    """
    browser = signed_in_browser(web_app, person)
    if browser.peek(ACCOUNT_SETTINGS).path == SETTINGS:
        phones[person.login], page = set_up(browser, AuthenticationApplication.GOOGLE_AUTHENTICATOR)
        assert_accepted(page)
    return browser


def assert_accepted(page: Page) -> None:
    assert page.first_status == 303, (page.first_status, page.notices("error"))
    assert page.notices("error") == [], page.notices("error")
    assert set(page.notices("success")) & set(ACCEPTED), page.text


def assert_refused(page: Page, message: str) -> None:
    """The page shows the message as an error; nothing went through."""
    assert message in page.notices("error"), (page.status, page.notices("error"), page.text)
    assert page.notices("success") == [], page.notices("success")


def two_factor_shown(page: Page) -> tuple[str, str | None]:
    """What the Two-factor authentication page says: the status, and the application if on."""
    assert page.path == SETTINGS, page.path
    [said] = [p for p in page.paragraphs() if p.startswith("Two-factor authentication is ")]
    found = re.fullmatch(r"Two-factor authentication is (on|off)(?:, with (.+))?\.", said)
    assert found is not None, said
    status, app_name = found.groups()
    if status == "off" and any(p.startswith("You chose ") for p in page.paragraphs()):
        return "waiting for confirmation", None
    return status, app_name


def two_factor_of(web_app: Flask, person: Person) -> tuple[str, str | None]:
    return two_factor_shown(signed_in_browser(web_app, person).peek(SETTINGS))


def assert_signed_in(page: Page, login: str) -> None:
    assert page.path != CODE, page.notices("error")
    assert page.signed_in_as == login, page.text


def refused_as(page: Page, rejection: Rejection) -> None:
    """Refused for the reason, with its message (and the lock's end, if any)."""
    [error] = page.notices("error")
    assert error.startswith(rejection.message), error


BUTTON_ANSWERS = {
    "Turn On": "choices",
    "Next": "enrollment",
    "Confirm": "verdict",
    "Turn Off": "verdict",
}
"""The fixture that holds the page each button answered with."""


@dataclass
class ProfileSettings:
    """The Two-factor authentication page, open in a person's browser; what it showed."""

    person: Person
    browser: Browser
    page: Page
    typed: object = None


def turn_off(browser: Browser, code: object) -> Page:
    """Turn Off on the Two-factor authentication page, then the code and Turn Off."""
    browser.press_or_send("Turn Off", TURN_OFF, "get")
    return submit_code(browser, "Turn Off", TURN_OFF, code)


def update_account_settings(
    web_app: Flask, person: Person, phones: dict[str, Phone], company: str, ticked: bool
) -> None:
    assert company_id(person.company) == company_id(company), person
    browser = admin_browser(web_app, person, phones)
    browser.open(ACCOUNT_SETTINGS)
    box = "y" if ticked else None
    page = browser.press("Update", ACCOUNT_SETTINGS, required_two_factor=box)
    assert page.notices("success") == [UPDATED], page.text


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """A request as support recorded it; its id as the admin's page links to it."""

    login: str
    company: str
    id: str

    def approve(self) -> str:
        return f"{REQUESTS}/{self.id}/approve"

    def reject(self) -> str:
        return f"{REQUESTS}/{self.id}/reject"

    def reset(self) -> str:
        return f"{SUPPORT}/{self.id}/reset"


AUTHY_RESTORE_FAILED = " after Authy's restore failed"
AUTHY_FAILED = rf"(?P<authy_failed>(?:{AUTHY_RESTORE_FAILED})?)"
CONTACT = (
    rf"{NAME} (?:contacts|contacted) (?P<channel>{PRONOUN} CSM manager){AUTHY_FAILED}",
    rf"{NAME} (?:gets|got) in touch with (?P<channel>us via online chat){AUTHY_FAILED}",
)


def record_request(
    web_app: Flask, people: dict[str, Person], login: str, channel: Channel, authy_failed: bool
) -> Page:
    """Support → Recovery requests: the employee's login, the channel, Record request."""
    browser = signed_in_browser(web_app, support_agent(people))
    browser.open(SUPPORT)
    return browser.press(
        "Record request",
        SUPPORT,
        login=login,
        channel=channel.name,
        authy_restore_failed="y" if authy_failed else None,
    )


def requests_page(
    web_app: Flask, people: dict[str, Person], phones: dict[str, Phone], company: str
) -> Page:
    """Configuration → Recovery requests, as the first admin of the company sees it."""
    admin = admins_of(people, company)[0]
    return admin_browser(web_app, admin, phones).open(REQUESTS)


def rows_of(page: Page, login: str) -> list[dict[str, str]]:
    return [row for row in page.table() if row["Employee"] == login]


def decide(
    web_app: Flask,
    person: Person,
    phones: dict[str, Phone],
    recovery_request: RecordedRequest,
    decision: str,
) -> Page:
    """The admin's Approve or Reject in the request's row; others send it without the page."""
    action = getattr(recovery_request, decision)()
    if person.role is Role.ADMIN:
        browser = admin_browser(web_app, person, phones)
        browser.open(REQUESTS)
    else:
        browser = signed_in_browser(web_app, person)
    return browser.press_or_send(decision.capitalize(), action, "post")


def reset(web_app: Flask, people: dict[str, Person], recovery_request: RecordedRequest) -> Page:
    """Support → Recovery requests: Reset in the approved request's row."""
    browser = signed_in_browser(web_app, support_agent(people))
    browser.open(SUPPORT)
    return browser.press_or_send("Reset", recovery_request.reset(), "post")


def audit_rows(page: Page) -> list[dict[str, str]]:
    """The audit log's rows, oldest first, with the columns of the feature files' tables."""
    columns = {"at": "Time (UTC)", "event": "Event", "by": "By", "for": "Employee"}
    columns["detail"] = "Detail"
    rows = [{key: row[heading] for key, heading in columns.items()} for row in page.table()]
    for row in rows:
        row["at"] = row["at"].split(" ")[1]
    return rows[::-1]
