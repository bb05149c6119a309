"""Steps shared by several feature files. Flow-specific steps live in that flow's module."""

from datetime import timedelta

import pytest
from freezegun.api import FrozenDateTimeFactory
from pytest_bdd import given, parsers, then, when

from precoro_2fa import (
    AuthenticationApplication,
    CodeVerdict,
    Precoro,
    Role,
    TwoFactorStatus,
)
from tests.conftest import PASSWORD, Phone

APPLICATIONS = {application.value: application for application in AuthenticationApplication}


def application(name: str) -> AuthenticationApplication:
    return APPLICATIONS[name]


TYPES = {"App": application}


@pytest.fixture(autouse=True)
def every_store(precoro: Precoro) -> Precoro:
    """Steps ask for fixtures by name; depending on ``precoro`` here runs each spec per store."""
    return precoro


def company_id(name: str) -> str:
    return name.lower()


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


@when(parsers.parse("{seconds:d} seconds pass"))
@given(parsers.parse("{seconds:d} seconds pass"))
def seconds_pass(clock: FrozenDateTimeFactory, seconds: int) -> None:
    clock.tick(timedelta(seconds=seconds))


@when(parsers.parse("{minutes:d} minutes pass"))
@given(parsers.parse("{minutes:d} minutes pass"))
def minutes_pass(clock: FrozenDateTimeFactory, minutes: int) -> None:
    clock.tick(timedelta(minutes=minutes))


@then("the code is accepted")
def code_accepted(verdict: CodeVerdict) -> None:
    assert verdict.accepted, verdict


@then(parsers.parse('the code is refused with "{message}"'))
def code_refused(verdict: CodeVerdict, message: str) -> None:
    assert not verdict.accepted
    assert message in verdict.message


@then(parsers.parse('two-factor authentication is {status} for "{login}"'))
def status_is(precoro: Precoro, status: str, login: str) -> None:
    assert precoro.two_factor_page(login).status is TwoFactorStatus(status)
