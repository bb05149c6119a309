"""Required two-factor authentication: Configuration → Account Settings, notices, destinations."""

from dataclasses import dataclass

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from precoro_2fa import Role
from tests.drivers import ByHand, Driver, Person, Screen, Seen, reached
from tests.drivers.stage import Stage
from tests.steps.conftest import (
    COMPANY,
    NAME,
    actor,
    admin_look,
    cells_of,
    other_pages,
    rows_of_table,
)

scenarios("required_two_factor.feature")

DESTINATIONS = ("any other page", "the two-factor authentication settings", "sign out")
DESTINATION = "(?P<{}>" + "|".join(DESTINATIONS) + ")"


def pages_of(person: Person, page: str) -> tuple[Screen, ...]:
    """The pages a phrase names: "any other page" is every page of the menu but the two
    settings of the phrases (each is clicked)."""
    named = {
        "the two-factor authentication settings": Screen.TWO_FACTOR,
        "sign out": Screen.SIGN_IN,
    }
    return other_pages(person) if page == "any other page" else (named[page],)


@dataclass(frozen=True, slots=True)
class Box:
    """A box of Account Settings, by its label, as the admin ticked or unticked it."""

    label: str
    ticked: bool


@pytest.fixture
def box() -> Box | None:
    """No box touched: Update sends the page as it was shown."""
    return None


@when(parsers.re(rf"{NAME} opens Configuration → Account Settings"), target_fixture="seen")
def opens_account_settings(driver: Driver, stage: Stage, name: str) -> Seen:
    return driver.open_account_settings(stage.people[name])


@given(
    parsers.re(
        rf'{NAME} has ticked and unticked the box "Required two-factor authentication" '
        r"(?P<times>\d+) times"
    )
)
def ticked_and_unticked(stage: Stage, name: str, times: str) -> None:
    """Two events of the Audit log each time."""
    for _ in range(int(times)):
        for ticked in (True, False):
            stage.precoro.update_account_settings(stage.people[name].login, ticked)


@when(parsers.re(rf"{NAME} opens Configuration → Audit log"), target_fixture="seen")
def opens_audit_log(driver: Driver, stage: Stage, name: str) -> Seen:
    """Configuration, then its link Audit log."""
    admin = stage.people[name]
    driver.open_account_settings(admin)
    return reached(driver.follow(admin, "Audit log"), Screen.AUDIT_LOG)


@when(parsers.re(rf"{NAME} clicks (?P<link>Older|Newer)"), target_fixture="seen")
def clicks(driver: Driver, stage: Stage, name: str, link: str) -> Seen:
    return reached(driver.follow(stage.people[name], link), Screen.AUDIT_LOG)


@when(parsers.re(rf"{NAME} tries to open Configuration → Account Settings"), target_fixture="seen")
def tries_to_open_account_settings(driver: Driver, stage: Stage, name: str) -> Seen:
    """Its address typed: the menu offers Configuration to admins only."""
    return driver.open_address(stage.people[name], Screen.ACCOUNT_SETTINGS)


@when(parsers.re(r"(?P<tick>checks|unticks) the box \"(?P<label>.+)\""), target_fixture="box")
def ticks_box(tick: str, label: str) -> Box:
    return Box(label, tick == "checks")


@when("presses the Update button", target_fixture="seen")
def presses_update(driver: Driver, stage: Stage, seen: Seen, box: Box | None) -> Seen:
    assert seen.screen is Screen.ACCOUNT_SETTINGS, seen
    label = "Required two-factor authentication" if box is None else box.label
    ticked = bool(seen.box_ticked) if box is None else box.ticked
    return driver.update_account_settings(actor(stage, seen), label, ticked)


@when(
    parsers.re(rf"{NAME} tries to update Account Settings with the box \"(?P<label>.+)\" checked"),
    target_fixture="seen",
)
def tries_to_update(driver: Driver, stage: Stage, name: str, label: str) -> Seen:
    """The form of Account Settings sent by hand (a forged request), with her own session."""
    assert label == "Required two-factor authentication", label
    fields = {"required_two_factor": "y"}
    return driver.send_by_hand(stage.people[name], ByHand.UPDATE, fields)


@when(parsers.re(rf"{NAME} joins {COMPANY} as an? (?P<role>employee|admin)"))
def joins(stage: Stage, name: str, company: str, role: str) -> None:
    stage.add(name, company, Role(role))


@then(parsers.re(rf"{COMPANY} (?P<does>requires|does not require) two-factor authentication"))
def company_requires(driver: Driver, stage: Stage, company: str, does: str) -> None:
    """What Account Settings shows the company's admin."""
    admin = stage.admins(stage.company_id(company))[0]
    shown = admin_look(driver, stage, admin, Screen.ACCOUNT_SETTINGS)
    assert shown.box_ticked is (does == "requires"), shown


@then(parsers.re(rf"Account Settings shows the box \"(?P<label>.+)\" checked for {NAME}"))
def box_checked(driver: Driver, stage: Stage, label: str, name: str) -> None:
    shown = admin_look(driver, stage, stage.people[name], Screen.ACCOUNT_SETTINGS)
    assert label == "Required two-factor authentication", label
    assert shown.box_ticked is True, shown


@then(
    parsers.re(
        rf"{NAME}'s? click on {DESTINATION.format('page')} leads to {DESTINATION.format('to')}"
    )
)
def click_leads_to(driver: Driver, stage: Stage, name: str, page: str, to: str) -> None:
    """Each page the phrase names, clicked in turn, leads to where the phrase says: "any
    other page" to that same page."""
    person = stage.people[name]
    clicked = pages_of(person, page)
    led_to = [driver.click(person, screen).screen for screen in clicked]
    expected = list(clicked) if to == page else [*pages_of(person, to)] * len(clicked)
    assert led_to == expected


# --- Before checking the box: who has two-factor authentication, and what Update does


@when(parsers.re(rf"{NAME} opens Configuration → Users"), target_fixture="seen")
def opens_users(driver: Driver, stage: Stage, name: str) -> Seen:
    return driver.open_users(stage.people[name])


@then("the Users page lists")
def users_page_lists(stage: Stage, seen: Seen, datatable: list[list[str]]) -> None:
    """Each person of the company, as the page's row reads (in any order)."""
    assert seen.screen is Screen.USERS, seen
    assert sorted(cells_of(seen.rows)) == sorted(rows_of_table(stage, datatable))


@then(parsers.parse('Account Settings say "{note}"'))
def account_settings_say(seen: Seen, note: str) -> None:
    assert seen.screen is Screen.ACCOUNT_SETTINGS, seen
    assert note in seen.notes, seen.notes


@then(parsers.parse('Account Settings warn "{warning}"'))
def account_settings_warn(seen: Seen, warning: str) -> None:
    assert seen.warnings == (warning,), seen


@then("Account Settings give no warning")
def account_settings_no_warning(seen: Seen) -> None:
    assert (seen.screen, seen.warnings) == (Screen.ACCOUNT_SETTINGS, ()), seen
