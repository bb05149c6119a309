"""required_two_factor.feature over HTTP: Account Settings, the warning notice, the clicks."""

from dataclasses import dataclass

from flask import Flask
from pytest_bdd import given, parsers, scenarios, then, when

from precoro_2fa import Precoro, Role
from precoro_2fa.entrypoints.web.configuration import UPDATED
from tests.conftest import COMPANY, NAME, Phone, add_person, company_id, login_of
from tests.http_specs.browser import Browser, Page
from tests.http_specs.people import (
    ACCOUNT_SETTINGS,
    PURCHASE_ORDERS,
    SETTINGS,
    SIGN_IN,
    SIGN_OUT,
    SIGNED_OUT,
    TURN_OFF,
    Person,
    ProfileSettings,
    admin_browser,
    admins_of,
    assert_signed_in,
    signed_in_browser,
    update_account_settings,
)

scenarios("required_two_factor.feature")

REQUIRED_BOX = "Required two-factor authentication"
BOX = "required_two_factor"
"""The one box of Account Settings the article names, and its field."""

DESTINATION = r"(?:the )?(?P<{}>any other page|two-factor authentication settings|sign out)"


@dataclass
class AccountSettings:
    """Configuration → Account Settings, open in the admin's browser, the box as ticked so far."""

    browser: Browser
    required_two_factor: bool


@when(
    parsers.re(rf"{NAME} opens Configuration → Account Settings"),
    target_fixture="account_settings",
)
def opens_account_settings(
    web_app: Flask, people: dict[str, Person], phones: dict[str, Phone], name: str
) -> AccountSettings:
    """The Configuration link of the page's header."""
    browser = admin_browser(web_app, people[name], phones)
    page = browser.click("Configuration")
    assert (page.path, page.heading) == (ACCOUNT_SETTINGS, "Configuration → Account Settings")
    return AccountSettings(browser, page.checkbox(BOX))


@when(
    parsers.re(rf"{NAME} tries to open Configuration → Account Settings"),
    target_fixture="refusal",
)
def tries_to_open_account_settings(web_app: Flask, people: dict[str, Person], name: str) -> Page:
    """Not an admin: the header has no Configuration link; the address, typed."""
    browser = signed_in_browser(web_app, people[name])
    assert "Configuration" not in browser.page.links()
    return browser.open(ACCOUNT_SETTINGS)


@when(parsers.re(r"(?P<tick>checks|unticks) the box \"(?P<label>.+)\""))
def ticks_box(account_settings: AccountSettings, tick: str, label: str) -> None:
    assert label == REQUIRED_BOX, label
    assert label in account_settings.browser.page.text
    account_settings.required_two_factor = tick == "checks"


@when("presses the Update button")
def presses_update(account_settings: AccountSettings) -> None:
    box = "y" if account_settings.required_two_factor else None
    page = account_settings.browser.press("Update", ACCOUNT_SETTINGS, required_two_factor=box)
    assert page.notices("success") == [UPDATED], page.text


@when(
    parsers.re(rf"{NAME} tries to update Account Settings with the box \"(?P<label>.+)\" checked"),
    target_fixture="refusal",
)
def tries_to_update(web_app: Flask, people: dict[str, Person], name: str, label: str) -> Page:
    """The update sent without the page (the session's own CSRF token): the rule refuses it."""
    assert label == REQUIRED_BOX, label
    browser = signed_in_browser(web_app, people[name])
    return browser.send("post", ACCOUNT_SETTINGS, required_two_factor="y")


@given(parsers.re(rf"{NAME} has lifted Required two-factor authentication for {COMPANY}"))
def has_lifted(
    web_app: Flask, people: dict[str, Person], phones: dict[str, Phone], name: str, company: str
) -> None:
    update_account_settings(web_app, people[name], phones, company, ticked=False)


@when(parsers.re(rf"{NAME} joins {COMPANY} as an? (?P<role>employee|admin)"))
def joins(precoro: Precoro, people: dict[str, Person], name: str, company: str, role: str) -> None:
    """No page adds a user: made through the service object, like every person of the specs."""
    add_person(precoro, people, Person(name, company, Role(role)))


@then(parsers.re(rf"{COMPANY} (?P<does>requires|does not require) two-factor authentication"))
def company_requires(
    web_app: Flask, people: dict[str, Person], phones: dict[str, Phone], company: str, does: str
) -> None:
    """As the box on Account Settings of the company's admin shows it."""
    admin = admins_of(people, company_id(company))[0]
    page = admin_browser(web_app, admin, phones).peek(ACCOUNT_SETTINGS)
    assert page.checkbox(BOX) is (does == "requires")


@then(parsers.re(rf"Account Settings shows the box \"(?P<label>.+)\" checked for {NAME}"))
def box_checked(
    web_app: Flask, people: dict[str, Person], phones: dict[str, Phone], label: str, name: str
) -> None:
    assert label == REQUIRED_BOX, label
    page = admin_browser(web_app, people[name], phones).peek(ACCOUNT_SETTINGS)
    assert label in page.text
    assert page.checkbox(BOX) is True


@then(parsers.re(rf"{NAME} sees no warning notice"))
def sees_no_notice(signed_in: Page, name: str) -> None:
    assert_signed_in(signed_in, login_of(name))
    assert signed_in.path == "/"
    assert signed_in.notices("warning") == []


@then(parsers.re(rf"{NAME} is signed in with no warning notice"))
def signed_in_without_notice(sign_in_answer: Page, name: str) -> None:
    sees_no_notice(sign_in_answer, name)


@then(parsers.parse('the page shows the warning notice "{message}"'))
def page_shows_notice(profile_settings: ProfileSettings, message: str) -> None:
    assert profile_settings.page.notices("warning") == [message]


@then("the page shows no warning notice")
def page_shows_no_notice(profile_settings: ProfileSettings) -> None:
    assert profile_settings.page.notices("warning") == []


@then(parsers.re(r"the page offers (?P<offer>no|the) Turn Off button"))
def offers_turn_off(profile_settings: ProfileSettings, offer: str) -> None:
    page = profile_settings.page
    assert ("Turn Off" in page.buttons()) is (offer == "the")
    assert (page.form(TURN_OFF, "Turn Off") is not None) is (offer == "the")


LANDINGS = {
    "any other page": PURCHASE_ORDERS,
    "two-factor authentication settings": SETTINGS,
    "sign out": SIGN_IN,
}
"""Where each destination's page is."""


def click(browser: Browser, page: str) -> Page:
    """A click on the header's Purchase orders, on Two-factor authentication, or Sign out."""
    if page == "sign out":
        return browser.press("Sign out", SIGN_OUT)
    if page == "any other page":
        return browser.click("Purchase orders")
    return browser.open(SETTINGS)


@then(
    parsers.re(
        rf"{NAME}'s? click on {DESTINATION.format('page')} leads to {DESTINATION.format('to')}"
    )
)
def click_leads_to(people: dict[str, Person], name: str, page: str, to: str) -> None:
    person = people[name]
    assert person.browser is not None, f"{name} is not signed in"
    landed = click(person.browser, page)
    assert landed.path == LANDINGS[to], (landed.path, landed.notices("warning"))
    assert landed.redirected is (LANDINGS[to] != LANDINGS[page] or page == "sign out")
    if to == "sign out":
        assert landed.notices("info") == [SIGNED_OUT]
        person.browser = None
    else:
        assert landed.signed_in_as == person.login
