"""Required two-factor authentication: Configuration → Account Settings, notices, destinations."""

import dataclasses
from dataclasses import dataclass

from pytest_bdd import given, parsers, scenarios, then, when

from precoro_2fa import (
    AuthenticationApplication,
    CodeRejected,
    CodeRequired,
    CodeVerdict,
    Destination,
    Precoro,
    Role,
    SignedIn,
    SignInRefused,
    TwoFactorRuleBroken,
)
from tests.conftest import COMPANY, NAME, Person, Phone, add_person, company_id, login_of
from tests.specs.conftest import ProfileSettings, application, attempt

scenarios("required_two_factor.feature")

REQUIRED_BOX = "Required two-factor authentication"
"""The one box of Account Settings the article names."""

DESTINATION = r"(?:the )?(?P<{}>any other page|two-factor authentication settings|sign out)"


@dataclass(frozen=True, slots=True)
class AccountSettings:
    """Configuration → Account Settings as the admin sees it, with the box as ticked so far."""

    login: str
    required_two_factor: bool


@when(
    parsers.re(rf"{NAME} opens Configuration → Account Settings"),
    target_fixture="account_settings",
)
def opens_account_settings(precoro: Precoro, name: str) -> AccountSettings:
    return AccountSettings(login_of(name), precoro.account_settings(login_of(name)))


@when(
    parsers.re(rf"{NAME} tries to open Configuration → Account Settings"),
    target_fixture="refusal",
)
def tries_to_open_account_settings(precoro: Precoro, name: str) -> TwoFactorRuleBroken | None:
    return attempt(lambda: precoro.account_settings(login_of(name)))


@when(
    parsers.re(r"(?P<tick>checks|unticks) the box \"(?P<label>.+)\""),
    target_fixture="account_settings",
)
def ticks_box(account_settings: AccountSettings, tick: str, label: str) -> AccountSettings:
    assert label == REQUIRED_BOX, label
    return dataclasses.replace(account_settings, required_two_factor=tick == "checks")


@when("presses the Update button")
def presses_update(precoro: Precoro, account_settings: AccountSettings) -> None:
    precoro.update_account_settings(
        account_settings.login, required_two_factor=account_settings.required_two_factor
    )


@when(
    parsers.re(rf"{NAME} tries to update Account Settings with the box \"(?P<label>.+)\" checked"),
    target_fixture="refusal",
)
def tries_to_update(precoro: Precoro, name: str, label: str) -> TwoFactorRuleBroken | None:
    """The update sent without the page (a forged request): the same rule refuses it."""
    assert label == REQUIRED_BOX, label
    return attempt(lambda: precoro.update_account_settings(login_of(name), True))


@given(parsers.re(rf"{NAME} has lifted Required two-factor authentication for {COMPANY}"))
def has_lifted(precoro: Precoro, people: dict[str, Person], name: str, company: str) -> None:
    assert company_id(people[name].company) == company_id(company), people[name]
    precoro.update_account_settings(login_of(name), required_two_factor=False)


@when(parsers.re(rf"{NAME} joins {COMPANY} as an? (?P<role>employee|admin)"))
def joins(precoro: Precoro, people: dict[str, Person], name: str, company: str, role: str) -> None:
    add_person(precoro, people, Person(name, company, Role(role)))


@when(
    parsers.re(rf"{NAME} turns on two-factor authentication with (?P<app>.+)"),
    target_fixture="verdict",
)
def turns_on(precoro: Precoro, phones: dict[str, Phone], name: str, app: str) -> CodeVerdict:
    """Turn On, choose the application, Next, scan the QR code, Confirm."""
    login = login_of(name)
    chosen: AuthenticationApplication = application(app)
    assert chosen in precoro.turn_on(login).applications
    phones[login] = Phone(precoro.choose_application(login, chosen).secret)
    return precoro.confirm(login, phones[login].code())


@then(parsers.re(rf"{COMPANY} (?P<does>requires|does not require) two-factor authentication"))
def company_requires(precoro: Precoro, company: str, does: str) -> None:
    assert precoro.required_two_factor(company_id(company)) is (does == "requires")


@then(parsers.re(rf"Account Settings shows the box \"(?P<label>.+)\" checked for {NAME}"))
def box_checked(precoro: Precoro, label: str, name: str) -> None:
    assert label == REQUIRED_BOX, label
    assert precoro.account_settings(login_of(name)) is True


@then(parsers.re(rf"{NAME} sees no warning notice"))
def sees_no_notice(signed_in: SignedIn | CodeRequired | SignInRefused, name: str) -> None:
    assert isinstance(signed_in, SignedIn), signed_in
    assert (signed_in.login, signed_in.notice) == (login_of(name), None)


@then(parsers.re(rf"{NAME} is signed in with no warning notice"))
def signed_in_without_notice(sign_in_answer: SignedIn | CodeRejected, name: str) -> None:
    assert isinstance(sign_in_answer, SignedIn), sign_in_answer
    assert (sign_in_answer.login, sign_in_answer.notice) == (login_of(name), None)


@then(parsers.parse('the page shows the warning notice "{message}"'))
def page_shows_notice(profile_settings: ProfileSettings, message: str) -> None:
    assert profile_settings.page.notice == message


@then("the page shows no warning notice")
def page_shows_no_notice(profile_settings: ProfileSettings) -> None:
    assert profile_settings.page.notice is None


@then(parsers.re(r"the page offers (?P<offer>no|the) Turn Off button"))
def offers_turn_off(profile_settings: ProfileSettings, offer: str) -> None:
    assert profile_settings.page.can_turn_off is (offer == "the")


@then(
    parsers.re(
        rf"{NAME}'s? click on {DESTINATION.format('page')} leads to {DESTINATION.format('to')}"
    )
)
def click_leads_to(precoro: Precoro, name: str, page: str, to: str) -> None:
    assert precoro.destination(login_of(name), Destination(page)) is Destination(to)
