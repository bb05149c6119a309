"""The step library: each phrase of the feature files, written once, run on every driver.

A step talks to the ``Driver`` (what a person does and sees) and to the ``Stage`` (the world
set up through the service for Givens); it never asks which driver runs it. Each action
answers ``Seen``, passed on as the fixture ``seen``; a Then reads it, or looks at a screen in
another tab of the person's browser (``Driver.look``).
"""

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import timedelta

import pyotp
import pytest
from playwright.sync_api import Browser
from pytest_bdd import given, parsers, then, when
from pytest_bdd.parser import Feature, Scenario, Step

from precoro_2fa import Role
from tests.conftest import FAILED, REPORTS
from tests.drivers import ByHand, Driver, Person, Screen, Seen, on_page, reached
from tests.drivers.browser import BrowserDriver
from tests.drivers.phone import Phone
from tests.drivers.stage import PASSWORD, Stage
from tests.mail import MailServer, mail_server
from tests.steps import fronts, pictures
from tests.steps.codes_typed import CODE_FORM, CODE_FORMS, REASON, REASONS
from tests.steps.fronts import FRONTS, Front, Served, browser_front, in_process_front
from tests.store.databases import Databases
from tests.store.faults import folder_on_disk

NAME = r"(?P<name>[A-Z][a-z]+)"
COMPANY = r"(?P<company>[A-Z][a-z]+)"
PRONOUN = r"(?:her|his|their)"
APP = r"(?P<app>Authy|Google Authenticator)"

INCORRECT = "Incorrect login or password."


@pytest.fixture(params=FRONTS, autouse=True)
def front(request: pytest.FixtureRequest, databases: Databases) -> Iterator[Front]:
    """Each scenario runs on every front (autouse: scenarios ask for no fixture by name)."""
    kind, store = str(request.param).split("-")
    request.node.user_properties.append(("driver", kind))
    with_mail = request.node.get_closest_marker("without_mail_server") is None
    on_disk = request.node.get_closest_marker("outage") is not None
    if kind != "browser":
        mail = request.getfixturevalue("mail") if with_mail else None
        kept = request.getfixturevalue("databases_on_disk") if on_disk else databases
        yield from in_process_front(kind, store, kept, mail)
        return
    app = "served_app" if with_mail else "served_without_mail"
    app = "served_on_disk" if on_disk else app
    with browser_front(request.getfixturevalue(app)) as on_browser:
        yield on_browser
        failed = request.node.stash.get(FAILED, False)
        assert isinstance(on_browser.driver, BrowserDriver)
        on_browser.driver.close(failed, REPORTS / request.node.name.replace("/", "_"))


def pytest_bdd_after_step(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario, step: Step
) -> None:
    """The living documentation's pictures (``tests/steps/pictures.py``)."""
    pictures.after_step(request, feature, scenario, step)


@pytest.fixture(scope="session")
def mail() -> Iterator[MailServer]:
    """A real SMTP server (aiosmtpd) per test session (per xdist worker): the scenarios read
    the notifications from what it received."""
    with mail_server() as server:
        yield server


@pytest.fixture(scope="session")
def served_app(
    chromium: Browser, tmp_path_factory: pytest.TempPathFactory, mail: MailServer
) -> Iterator[Served]:
    """One served app per test session (per xdist worker), shared by the browser scenarios."""
    with fronts.served_app(tmp_path_factory.mktemp("served"), chromium, mail) as served:
        yield served


@pytest.fixture(scope="session")
def served_without_mail(
    chromium: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """The served app without a mail server, as the demo runs (started only if a scenario
    tagged ``@without_mail_server`` runs in the browser)."""
    with fronts.served_app(tmp_path_factory.mktemp("demo"), chromium, None) as served:
        yield served


@pytest.fixture(scope="session")
def databases_on_disk() -> Iterator[Databases]:
    """SQLite files on disk, for the scenarios that make one read-only (``@outage``): the
    tests' temporary folder may be in memory, where that fault does not hold."""
    with folder_on_disk("databases") as folder, Databases(folder) as databases:
        yield databases


@pytest.fixture(scope="session")
def served_on_disk(chromium: Browser, mail: MailServer) -> Iterator[Served]:
    """The served app with its SQLite file on disk (``@outage``), started only if such a
    scenario runs in the browser."""
    with folder_on_disk("served") as folder, fronts.served_app(folder, chromium, mail) as served:
        yield served


@pytest.fixture
def driver(front: Front) -> Driver:
    return front.driver


@pytest.fixture
def stage(front: Front) -> Stage:
    return front.stage


def actor(stage: Stage, seen: Seen) -> Person:
    """The person who did what ``seen`` shows: the subject of "presses the Confirm button"."""
    [person] = [p for p in stage.people.values() if p.login == seen.who]
    return person


def phone_of(person: Person) -> Phone:
    assert person.phone is not None, f"{person.name} has no phone with the application"
    return person.phone


# --- The people of a scenario, and the world they start in (through the service)


@given(parsers.re(rf"{NAME} is an employee of {COMPANY}"))
def employee(stage: Stage, name: str, company: str) -> None:
    stage.add(name, company, Role.EMPLOYEE)


@given(parsers.re(rf"{NAME} is an admin of {COMPANY}"))
def admin(stage: Stage, name: str, company: str) -> None:
    stage.add(name, company, Role.ADMIN)


@given(parsers.re(rf"{NAME} is a Precoro support agent"))
def support_agent(stage: Stage, name: str) -> None:
    stage.add(name, "Precoro", Role.SUPPORT)


@given(parsers.re(rf"{NAME} has turned on two-factor authentication with {APP}"))
def has_turned_on(driver: Driver, stage: Stage, name: str, app: str) -> None:
    """Signed in with the password, she turned it on (and stays signed in in that window)."""
    person = stage.people[name]
    driver.sign_in(person, person.login, PASSWORD)
    stage.turn_on(person, app)


@given(parsers.re(rf"{NAME} has turned off two-factor authentication"), target_fixture="old_secret")
def has_turned_off(stage: Stage, name: str) -> str:
    """Turned off with a current code: her phone keeps the old secret, Precoro forgets it."""
    person = stage.people[name]
    stage.turn_off(person)
    return phone_of(person).secret


@given(parsers.re(rf"{NAME} has required two-factor authentication for {COMPANY}"))
def has_required(stage: Stage, name: str, company: str) -> None:
    assert stage.people[name].company == company
    stage.require_two_factor(stage.people[name], required=True)


@given(parsers.re(rf"{NAME} has lifted Required two-factor authentication for {COMPANY}"))
def has_lifted(stage: Stage, name: str, company: str) -> None:
    assert stage.people[name].company == company
    stage.require_two_factor(stage.people[name], required=False)


# --- Time moves only when a step says so


TIME_PASSES = r"(?P<amount>\d+) (?P<unit>seconds|minutes|hours|days) pass"


@given(parsers.re(TIME_PASSES))
@when(parsers.re(TIME_PASSES))
def time_passes(stage: Stage, amount: str, unit: str) -> None:
    stage.clock.advance(timedelta(**{unit: int(amount)}))


# --- Signing in: login and password, then the 6-digit code


@given(
    parsers.re(rf"{NAME} has entered {PRONOUN} unique login and password"), target_fixture="seen"
)
@when(parsers.re(rf"{NAME} enters {PRONOUN} unique login and password"), target_fixture="seen")
@when(parsers.re(rf"{NAME} signs in with {PRONOUN} password"), target_fixture="seen")
def enters_login_and_password(driver: Driver, stage: Stage, name: str) -> Seen:
    person = stage.people[name]
    return driver.sign_in(person, person.login, PASSWORD)


@when(
    parsers.re(rf"{NAME} signs in with {PRONOUN} password and a code from {PRONOUN} phone"),
    target_fixture="seen",
)
def signs_in_with_code(driver: Driver, stage: Stage, name: str) -> Seen:
    person = stage.people[name]
    asked = driver.sign_in(person, person.login, PASSWORD)
    assert asked.screen is Screen.CODE_STEP, asked
    return driver.enter_code(person, phone_of(person).code())


@given(parsers.re(rf"{NAME} has entered {CODE_FORM} to sign in"), target_fixture="seen")
@when(parsers.re(rf"{NAME} enters {CODE_FORM} to sign in"), target_fixture="seen")
def enters_code_to_sign_in(driver: Driver, stage: Stage, name: str, form: str) -> Seen:
    person = stage.people[name]
    return driver.enter_code(person, CODE_FORMS[form](phone_of(person)))


@given(
    parsers.re(rf"{NAME} has entered {CODE_FORM} to sign in (?P<times>\d+) times"),
    target_fixture="seen",
)
@when(
    parsers.re(rf"{NAME} enters {CODE_FORM} to sign in (?P<times>\d+) times"),
    target_fixture="seen",
)
def enters_code_times(driver: Driver, stage: Stage, name: str, form: str, times: str) -> Seen:
    """The same kind of code, again and again at one code step; what the last try shows."""
    person = stage.people[name]
    seen = [
        driver.enter_code(person, CODE_FORMS[form](phone_of(person))) for _ in range(int(times))
    ]
    return seen[-1]


@then(parsers.re(rf"{NAME} is signed in"))
def is_signed_in(stage: Stage, seen: Seen, name: str) -> None:
    login = stage.people[name].login
    assert (seen.who, seen.signed_in_as, seen.errors) == (login, login, ()), seen


@then(parsers.re(rf"{NAME} is signed in with the password alone"))
def signed_in_with_password_alone(stage: Stage, seen: Seen, name: str) -> None:
    """On the dashboard, with no code step between the password and it."""
    is_signed_in(stage, seen, name)
    assert seen.screen is Screen.DASHBOARD, seen


@then(parsers.re(rf"{NAME} is signed in with no warning notice"))
def signed_in_without_notice(stage: Stage, seen: Seen, name: str) -> None:
    is_signed_in(stage, seen, name)
    assert (seen.screen, seen.warnings) == (Screen.DASHBOARD, ()), seen


@then(parsers.re(rf"{NAME} is asked for the 6-digit code"))
def asked_for_code(stage: Stage, seen: Seen, name: str) -> None:
    login = stage.people[name].login
    assert (seen.who, seen.screen, seen.signed_in_as) == (login, Screen.CODE_STEP, None), seen
    assert seen.errors == (), seen


@then("the sign-in is refused as an incorrect login or password")
def sign_in_refused(seen: Seen) -> None:
    assert (seen.screen, seen.signed_in_as, seen.errors) == (Screen.SIGN_IN, None, (INCORRECT,))


@then(parsers.parse('the sign-in code is refused with "{message}"'))
def sign_in_code_refused_with(seen: Seen, message: str) -> None:
    assert (seen.screen, seen.errors) == (Screen.CODE_STEP, (message,)), seen


@then(parsers.re(rf"the sign-in code is refused as {REASON}"))
def sign_in_code_refused_as(seen: Seen, reason: str) -> None:
    if reason == "an expired sign-in":  # back to login and password
        assert (seen.screen, seen.signed_in_as) == (Screen.SIGN_IN, None), seen
        assert seen.messages == (REASONS[reason],), seen
        return
    assert seen.screen is Screen.CODE_STEP, seen
    refused_as(seen, reason)


def refused_as(seen: Seen, reason: str) -> None:
    """Refused for ``reason``, in the screen's words; "locked" says when the lock ends, and
    no other reason says the code entry is locked."""
    [error] = seen.errors
    lock_ends = r" Code entry is locked until \d\d:\d\d [\w/]+\."
    said = re.escape(REASONS[reason]) + (lock_ends if reason == "locked" else "")
    assert re.fullmatch(said, error), (error, reason)
    assert seen.messages == (), seen


@then(parsers.re(rf"the code is refused as {REASON}"))
def code_refused_as(seen: Seen, reason: str) -> None:
    assert seen.screen is not Screen.REFUSED, seen
    refused_as(seen, reason)


@then(parsers.parse('it is refused with "{message}"'))
@then(parsers.re(r"(?:Turn On|Next|Confirm|Turn Off) is refused with \"(?P<message>.+)\""))
@then(parsers.parse('the change is refused with "{message}"'))
def refused_with(seen: Seen, message: str) -> None:
    assert seen.errors == (message,), seen
    assert seen.messages == (), seen


@then(parsers.re(rf"{NAME} sees the warning notice \"(?P<message>.+)\""))
def sees_warning_notice(stage: Stage, seen: Seen, name: str, message: str) -> None:
    is_signed_in(stage, seen, name)
    assert seen.warnings == (message,), seen


@then(parsers.re(rf"{NAME} sees no warning notice"))
def sees_no_notice(stage: Stage, seen: Seen, name: str) -> None:
    is_signed_in(stage, seen, name)
    assert seen.warnings == (), seen


# --- Profile settings → Two-factor authentication


@when(
    parsers.re(rf"{NAME} goes to Profile settings and selects Two-factor authentication"),
    target_fixture="seen",
)
def goes_to_two_factor(driver: Driver, stage: Stage, name: str) -> Seen:
    return driver.go_to_two_factor(stage.people[name])


@when(parsers.re(rf"(?:{NAME} )?enters {CODE_FORM}"), target_fixture="typed_code")
def enters_code(stage: Stage, seen: Seen, form: str) -> object:
    """Typed into the code field of the page; the next button pressed sends it."""
    return CODE_FORMS[form](phone_of(actor(stage, seen)))


@when(parsers.parse('enters the code "{code}"'), target_fixture="typed_code")
def enters_literal_code(code: str) -> object:
    return code


@when(parsers.re(rf"(?:{NAME} )?presses the Turn On button"), target_fixture="seen")
def presses_turn_on(driver: Driver, stage: Stage, seen: Seen) -> Seen:
    return driver.press_turn_on(actor(stage, seen))


@when(parsers.re(rf"(?:{NAME} )?chooses {APP} and presses the Next button"), target_fixture="seen")
def chooses_and_presses_next(driver: Driver, stage: Stage, seen: Seen, app: str) -> Seen:
    return driver.choose_and_press_next(actor(stage, seen), app)


@when("presses the Confirm button", target_fixture="seen")
def presses_confirm(driver: Driver, stage: Stage, seen: Seen, typed_code: object) -> Seen:
    return driver.confirm(actor(stage, seen), typed_code)


@when("presses the Turn Off button", target_fixture="seen")
def presses_turn_off(driver: Driver, stage: Stage, seen: Seen) -> Seen:
    """Turn Off on the Two-factor authentication page: the Turn Off page asks for the code."""
    return driver.press_turn_off(actor(stage, seen))


@when(parsers.re(r"presses the Turn Off button (?:again|of that page)"), target_fixture="seen")
def presses_turn_off_with_code(
    driver: Driver, stage: Stage, seen: Seen, typed_code: object
) -> Seen:
    """The Turn Off button under the code field of the Turn Off page."""
    return driver.turn_off(actor(stage, seen), typed_code)


@when(
    parsers.re(rf"{NAME} (?:turns|tries to turn) off two-factor authentication with {CODE_FORM}"),
    target_fixture="seen",
)
@when(
    parsers.re(
        rf"{NAME} (?:turns|tries to turn) off two-factor authentication with (?P<form>a code) "
        rf"from {PRONOUN} phone"
    ),
    target_fixture="seen",
)
def turns_off_with(driver: Driver, stage: Stage, name: str, form: str) -> Seen:
    """Profile settings, Turn Off, the code (``a code``: her phone's current one), and the
    Turn Off button under it: the whole of turning off, in one sentence."""
    person = stage.people[name]
    driver.go_to_two_factor(person)
    driver.press_turn_off(person)
    code_form = CODE_FORMS["the 6-digit code from the application" if form == "a code" else form]
    return driver.turn_off(person, code_form(phone_of(person)))


@when(
    parsers.re(
        rf"{NAME} opens the Turn Off page by its address and tries to turn it off with a code "
        rf"from {PRONOUN} phone"
    ),
    target_fixture="seen",
)
def turns_off_by_address(driver: Driver, stage: Stage, name: str) -> Seen:
    """The page's address typed (a bookmark), the code, and the page's Turn Off button."""
    person = stage.people[name]
    driver.open_address(person, Screen.TURN_OFF)
    return driver.turn_off(person, phone_of(person).code())


@then(parsers.re(r"the refusal is shown on the (?P<page>.+) page"))
def refusal_shown_on(seen: Seen, page: str) -> None:
    """Answered on the page of the section where the person acted, never a dead end."""
    assert (on_page(seen).screen.value, bool(seen.errors)) == (page, True), seen


@then(parsers.parse('under "Lost your phone?" the page says "{words}"'))
def lost_phone_help(seen: Seen, words: str) -> None:
    """The page just shown (the code step, or the Two-factor authentication page)."""
    assert words in seen.lost_phone, seen


@then(parsers.parse('under "Lost your phone?" the page links to "{label}" at "{address}"'))
def links_to_authy_article(seen: Seen, label: str, address: str) -> None:
    """The link to the article on restoring an Authy account: its words and its address, as
    the feature writes them (decision-12 of spec/article.md)."""
    assert seen.screen in (Screen.CODE_STEP, Screen.TWO_FACTOR), seen
    assert (seen.authy_article_label, seen.authy_article) == (label, address), seen


@then("the page does not link to the article on restoring an Authy account")
def no_link_to_authy(seen: Seen) -> None:
    assert (seen.screen, seen.authy_article) == (Screen.TWO_FACTOR, None), seen


@then("two-factor authentication is activated")
def is_activated(seen: Seen) -> None:
    """Back on the Two-factor authentication page, which says it is on (what the page says
    besides is the scenario's: 'the page says "…"')."""
    assert (seen.screen, seen.status, seen.errors) == (Screen.TWO_FACTOR, "on", ()), seen


@then("two-factor authentication is turned off")
def is_turned_off(seen: Seen) -> None:
    assert (seen.screen, seen.status, seen.errors) == (Screen.TWO_FACTOR, "off", ()), seen


@then("the authentication application is changed")
def is_changed(seen: Seen) -> None:
    assert (seen.screen, seen.status, seen.errors) == (Screen.TWO_FACTOR, "on", ()), seen


@then(parsers.re(r"the page offers (?P<offer>no|the) Turn Off button"))
def offers_turn_off(seen: Seen, offer: str) -> None:
    assert on_page(seen).screen is Screen.TWO_FACTOR, seen
    assert ("Turn Off" in seen.buttons) is (offer == "the"), seen.buttons


@then(parsers.re(r"the page offers (?P<offer>no|the) Turn On button"))
def offers_turn_on(seen: Seen, offer: str) -> None:
    assert on_page(seen).screen is Screen.TWO_FACTOR, seen
    assert ("Turn On" in seen.buttons) is (offer == "the"), seen.buttons


@then(parsers.parse('the page shows the warning notice "{message}"'))
def page_shows_notice(seen: Seen, message: str) -> None:
    assert (seen.screen, seen.warnings) == (Screen.TWO_FACTOR, (message,)), seen


@then("the page shows no warning notice")
def page_shows_no_notice(seen: Seen) -> None:
    assert (seen.screen, seen.warnings) == (Screen.TWO_FACTOR, ()), seen


def no_qr_code_kept(driver: Driver, person: Person) -> None:
    """The page of the QR code, opened by its address, leads back to the Two-factor
    authentication page: no QR code, no secret is kept to show."""
    page = driver.look(person, Screen.SET_UP)
    assert (page.screen, page.qr_uri, page.grouped_secret) == (Screen.TWO_FACTOR, None, None), page


def other_pages(person: Person) -> tuple[Screen, ...]:
    """Every page of the menu but the Two-factor authentication page and Sign out: the
    "any other page" of the article, page by page."""
    menu = {"admin": (Screen.ACCOUNT_SETTINGS,), "support": (Screen.SUPPORT,)}
    return (Screen.DASHBOARD, Screen.PURCHASE_ORDERS, Screen.PROFILE, *menu.get(person.role, ()))


def two_factor_of(driver: Driver, person: Person) -> tuple[str | None, str | None]:
    """The status sentence of the person's Two-factor authentication page, in another tab."""
    page = driver.look(person, Screen.TWO_FACTOR)
    assert page.screen is Screen.TWO_FACTOR, page
    return page.status, page.application


@then(parsers.parse('two-factor authentication is {status} for "{login}"'))
def status_for(driver: Driver, stage: Stage, status: str, login: str) -> None:
    [person] = [p for p in stage.people.values() if p.login == stage.as_typed(login)]
    assert two_factor_of(driver, person)[0] == status


@then(parsers.re(rf"{NAME}'s two-factor authentication is (?P<status>on|off)"))
def named_status(driver: Driver, stage: Stage, name: str, status: str) -> None:
    assert two_factor_of(driver, stage.people[name])[0] == status


@then(parsers.re(rf"{NAME}'s two-factor authentication is on with {APP}"))
def named_status_with(driver: Driver, stage: Stage, name: str, app: str) -> None:
    assert two_factor_of(driver, stage.people[name]) == ("on", app)


@when(parsers.re(rf"{NAME} turns on two-factor authentication with {APP}"), target_fixture="seen")
def turns_on(driver: Driver, stage: Stage, name: str, app: str) -> Seen:
    """Profile settings, Turn On, the application, Next, the QR code scanned, Confirm."""
    person = stage.people[name]
    return set_up_two_factor(driver, stage, person, app)


def set_up_two_factor(driver: Driver, stage: Stage, person: Person, app: str) -> Seen:
    driver.go_to_two_factor(person)
    driver.press_turn_on(person)
    shown = driver.choose_and_press_next(person, app)
    assert shown.qr_uri is not None, shown
    person.phone = Phone(pyotp.parse_uri(shown.qr_uri).secret, stage.clock)
    return driver.confirm(person, person.phone.code())


# --- What an admin reads in Configuration


def admin_look(driver: Driver, stage: Stage, admin: Person, screen: Screen) -> Seen:
    """A Configuration page as the admin sees it (under Required two-factor authentication,
    an admin without it is led to the Two-factor authentication page instead: the scenario
    says she turns it on first)."""
    return reached(driver.look(admin, screen), screen)


def cells_of(rows: Iterable[Mapping[str, str]]) -> list[list[str]]:
    """Each row of a page's table as it reads, cell after cell."""
    return [list(row.values()) for row in rows]


def rows_of_table(stage: Stage, datatable: list[list[str]]) -> list[list[str]]:
    """A feature's rows, each as the page shows it; a person named in a cell ("eve") stands
    for that person's login."""
    return [[stage.as_typed(cell) for cell in row] for row in datatable]


def cell_of(row: Mapping[str, str], heading: str) -> str:
    """The cell under ``heading``; for a column of times, under "heading (its time zone)"."""
    if heading in row:
        return row[heading]
    [cell] = [cell for column, cell in row.items() if column.startswith(f"{heading} (")]
    return cell


def zone_of(row: Mapping[str, str], heading: str) -> str:
    """The time zone a column of times names in its heading: "Time (Europe/Kyiv)"."""
    [zone] = [c[len(heading) + 2 : -1] for c in row if c.startswith(f"{heading} (")]
    return zone


@then(parsers.re(rf"the Audit log of {COMPANY} shows these events, oldest first"))
def audit_log_shows(driver: Driver, stage: Stage, company: str, datatable: list[list[str]]) -> None:
    """Configuration → Audit log as the company's admin reads it: each row's time, event,
    by whom, for whom and detail. Of its rows, those of the events the scenario names, about
    the people it names (the Givens' other events are not the scenario's), oldest first; and
    no cell of the page holds a code or a secret."""
    expected = rows_of_table(stage, datatable)
    admin = stage.admins(stage.company_id(company))[0]
    log = cells_of(reversed(admin_look(driver, stage, admin, Screen.AUDIT_LOG).rows))
    kinds = {row[1] for row in expected}
    named = {cell for row in expected for cell in row[2:4] if cell}
    shown = [row for row in log if row[1] in kinds and set(row[2:4]) & named]
    assert shown == expected
    never_shown(stage, [cell for row in log for cell in row])


def never_shown(stage: Stage, cells: list[str]) -> None:
    """No cell holds, even within its text, a secret or a code of anyone's phone."""
    phones = [p for person in stage.people.values() for p in (person.phone, person.new_phone) if p]
    phones += stage.lost_phones
    secrets = {phone.secret for phone in phones}
    codes = {phone.code(offset) for phone in phones for offset in range(-2, 3)}
    assert not [(cell, s) for cell in cells for s in secrets | codes if s in cell]


# --- A lost phone: Authy's backup, or support, an admin of the company, and the reset


@given(parsers.re(rf"{NAME} lost access to {PRONOUN} Google Authenticator account"))
@given(parsers.re(rf"{NAME} lost {PRONOUN} phone"))
def lost_phone(stage: Stage, name: str) -> None:
    """Lost or stolen: she has no code any more; whoever found the phone might."""
    person = stage.people[name]
    stage.lost_phones.append(phone_of(person))
    person.phone = None


@given(parsers.re(rf"{NAME} turned on Authy's backups"))
def backups_on(stage: Stage, name: str) -> None:
    person = stage.people[name]
    stage.authy_backups[person.login] = phone_of(person).secret


@when(
    parsers.re(
        rf"{NAME} restores Authy on {PRONOUN} new phone from "
        r"(?:Authy's backup|(?P<owner>[A-Z][a-z]+)'s Authy backup)"
    )
)
def restores_authy(stage: Stage, name: str, owner: str | None) -> None:
    """Authy brings back the accounts of the backup it is given: the owner's, or her own."""
    backup = stage.people[owner or name].login
    stage.people[name].phone = Phone(stage.authy_backups[backup], stage.clock)


CHANNELS = {"CSM manager": "CSM manager", "online chat": "online chat"}
AUTHY_RESTORE_FAILED = " after Authy's restore failed"
AUTHY_FAILED = rf"(?P<authy_failed>(?:{AUTHY_RESTORE_FAILED})?)"
CONTACT = (
    rf"{NAME} (?:contacts|contacted) {PRONOUN} (?P<channel>CSM manager){AUTHY_FAILED}",
    rf"{NAME} (?:gets|got) in touch with us via (?P<channel>online chat){AUTHY_FAILED}",
)


@when(parsers.re(CONTACT[0]), target_fixture="requester")
@when(parsers.re(CONTACT[1]), target_fixture="requester")
def contacts_support(
    driver: Driver, stage: Stage, name: str, channel: str, authy_failed: str
) -> Person:
    """We (support) record the request on the Support page."""
    person = stage.people[name]
    failed = authy_failed == AUTHY_RESTORE_FAILED
    seen = driver.record_request(stage.support_agent(), person.login, channel, failed)
    assert reached(seen, Screen.SUPPORT).errors == (), seen
    stage.recorded = seen
    return person


@then(parsers.parse('support\'s page says "{message}"'))
def support_page_says(stage: Stage, message: str) -> None:
    """Support's page as it was when the agent last recorded a request: its one notice."""
    assert stage.recorded is not None, "support recorded no request"
    said = on_page(stage.recorded).messages
    assert said == (as_shown(stage, message),), said


@given(parsers.re(CONTACT[0]), target_fixture="requester")
@given(parsers.re(CONTACT[1]), target_fixture="requester")
def contacted_support(stage: Stage, name: str, channel: str, authy_failed: str) -> Person:
    person = stage.people[name]
    stage.record_request(person, channel, authy_failed == AUTHY_RESTORE_FAILED)
    return person


@when(
    parsers.re(
        rf"{NAME} asks (?:{PRONOUN} (?P<csm>CSM manager)|us via (?P<chat>online chat)) "
        rf"to reset {PRONOUN} two-factor authentication"
    ),
    target_fixture="seen",
)
def asks_for_reset(
    driver: Driver, stage: Stage, name: str, csm: str | None, chat: str | None
) -> Seen:
    channel = csm or chat or ""
    return driver.record_request(stage.support_agent(), stage.people[name].login, channel, False)


def rows_of(driver: Driver, stage: Stage, requester: Person) -> list[dict[str, str]]:
    """The rows of the requester in Configuration → Recovery requests, as an admin sees them."""
    admin = stage.admins(requester.company_id)[0]
    shown = admin_look(driver, stage, admin, Screen.RECOVERY_REQUESTS)
    return [dict(row) for row in shown.rows if row["Employee"] == requester.login]


@then(parsers.re(r"we ask an admin at (?:her|his) company to approve this request"))
def admins_are_asked(driver: Driver, stage: Stage, requester: Person) -> None:
    admins = stage.admins(requester.company_id)
    assert admins, "the scenario names no admin at the company"
    for admin in admins:
        shown = admin_look(driver, stage, admin, Screen.RECOVERY_REQUESTS)
        rows = [row for row in shown.rows if row["Employee"] == requester.login]
        assert [row["State"] for row in rows] == [WAITING_FOR_ADMIN], admin
    support = reached(driver.look(stage.support_agent(), Screen.SUPPORT), Screen.SUPPORT)
    rows = [row for row in support.rows if row["Employee"] == requester.login]
    assert [row["State"] for row in rows] == [WAITING_FOR_ADMIN], support


@then(parsers.parse("the request is recorded as made to {channel}"))
def recorded_channel(driver: Driver, stage: Stage, requester: Person, channel: str) -> None:
    assert [row["Asked via"] for row in rows_of(driver, stage, requester)] == [channel]


WAITING_FOR_ADMIN = "waiting for approval by an admin of the company"
DECIDED = r"(?P<decision>approved|rejected)"


@when(parsers.re(rf"the request is {DECIDED} by {NAME}"), target_fixture="seen")
def decided_by(driver: Driver, stage: Stage, requester: Person, decision: str, name: str) -> Seen:
    """The admin's Approve or Reject, in the request's row of Recovery requests."""
    button = "Approve" if decision == "approved" else "Reject"
    decider = stage.people[name]
    seen = driver.decide(decider, requester.login, button)
    back_on = Screen.SUPPORT if decider.role == "support" else Screen.RECOVERY_REQUESTS
    assert reached(seen, back_on).errors == (), seen
    return seen


@given(parsers.re(rf"the request was {DECIDED} by {NAME}"))
def was_decided(stage: Stage, requester: Person, decision: str, name: str) -> None:
    stage.decide(stage.people[name], stage.request_id(requester.login), decision)


@when(
    parsers.re(rf"{NAME} tries to (?P<decision>approve|reject) the request"),
    target_fixture="seen",
)
def tries_to_decide(
    driver: Driver, stage: Stage, requester: Person, name: str, decision: str
) -> Seen:
    """Sent by hand with her own session: only an admin of the company has the button."""
    form = ByHand.APPROVE if decision == "approve" else ByHand.REJECT
    return driver.send_by_hand(
        stage.people[name], form, {"request": stage.request_id(requester.login)}
    )


@when(
    parsers.re(r"we reset the two-factor authentication in (?:her|his) account"),
    target_fixture="seen",
)
def we_reset(driver: Driver, stage: Stage, requester: Person) -> Seen:
    seen = driver.reset(stage.support_agent(), requester.login)
    assert seen.errors == (), seen
    return seen


@given(parsers.re(r"we reset the two-factor authentication in (?:her|his) account"))
def we_have_reset(stage: Stage, requester: Person) -> None:
    stage.reset(stage.request_id(requester.login))


@when(
    parsers.re(r"we try to reset the two-factor authentication in (?:her|his) account"),
    target_fixture="seen",
)
def we_try_to_reset(driver: Driver, stage: Stage, requester: Person) -> Seen:
    """Sent by hand: Support offers Reset only for approved requests."""
    request = {"request": stage.request_id(requester.login)}
    return driver.send_by_hand(stage.support_agent(), ByHand.RESET, request)


@then(
    parsers.re(
        rf"{NAME} can log in to Precoro without two-factor authentication and set it up again"
    )
)
def can_log_in_and_set_up_again(driver: Driver, stage: Stage, name: str) -> None:
    """The password alone signs in; then Turn On, Next, the QR code, Confirm turn it on."""
    person = stage.people[name]
    signed_in_with_password_alone(stage, driver.sign_in(person, person.login, PASSWORD), name)
    assert two_factor_of(driver, person) == ("off", None)
    is_activated(set_up_two_factor(driver, stage, person, "Google Authenticator"))
    assert two_factor_of(driver, person) == ("on", "Google Authenticator")


@then(parsers.re(rf"no reset request is waiting for {NAME}"))
def no_request_waiting(driver: Driver, stage: Stage, name: str) -> None:
    assert rows_of(driver, stage, stage.people[name]) == []


@then(parsers.re(r'the request is "(?P<state>[^"]+)"'))
def request_state(driver: Driver, stage: Stage, requester: Person, state: str) -> None:
    """The request's state, whole, as the admin's Recovery requests page says it."""
    assert [row["State"] for row in rows_of(driver, stage, requester)] == [state]


# --- Cancel on a step of Turn On, Turn Off or the change of application


@when(parsers.re(rf"(?:{NAME} )?presses Cancel"), target_fixture="seen")
def presses_cancel(driver: Driver, stage: Stage, seen: Seen) -> Seen:
    return driver.cancel(actor(stage, seen))


@then(parsers.parse('the page says "{message}"'))
def page_says(seen: Seen, message: str) -> None:
    """The page's one notice of success or information is ``message``, and it shows no error."""
    assert (on_page(seen).messages, seen.errors) == ((message,), ()), seen


@when(
    parsers.re(rf"{NAME} opens the page to change the authentication application by its address"),
    target_fixture="seen",
)
def opens_change(driver: Driver, stage: Stage, name: str) -> Seen:
    return driver.open_address(stage.people[name], Screen.CHANGE)


@when(
    parsers.re(rf"{NAME} opens (?P<page>Dashboard|Purchase orders|Mailbox) from the menu"),
    target_fixture="seen",
)
def opens_from_menu(driver: Driver, stage: Stage, name: str, page: str) -> Seen:
    screen = {
        "Dashboard": Screen.DASHBOARD,
        "Purchase orders": Screen.PURCHASE_ORDERS,
        "Mailbox": Screen.MAILBOX,
    }[page]
    return reached(driver.click(stage.people[name], screen), screen)


@then("the page reads, in this order:")
def page_reads(stage: Stage, seen: Seen, docstring: str) -> None:
    reads_in_order(stage, seen, docstring)


@then("support's page reads, in this order:")
def support_page_reads(stage: Stage, docstring: str) -> None:
    """Support's page as it was when the agent last recorded a request."""
    assert stage.recorded is not None, "support recorded no request"
    reads_in_order(stage, stage.recorded, docstring)


def reads_in_order(stage: Stage, seen: Seen, docstring: str) -> None:
    """Each line is the whole words of one heading, paragraph, button, link, label, caption or
    notice of the page (``Seen.words``), in the page's order; other words may stand between
    them. A person's login is written as the feature writes it ("eve")."""
    shown = iter(on_page(seen).words)
    for line in docstring.splitlines():
        wanted = as_shown(stage, line.strip())
        assert not wanted or wanted in shown, f"{wanted!r} not read, in this order: {seen.words}"


def as_shown(stage: Stage, text: str) -> str:
    """``text`` as the page shows it: a person's login is written as the feature writes it
    ("eve") and shown as the scenario made it."""
    return re.sub(r"\b[a-z]+\b", lambda word: stage.as_typed(word.group()), text)
