"""codes.feature over HTTP: what a code is, once only, the window, and the lock."""

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from flask import Flask
from freezegun.api import FrozenDateTimeFactory
from pytest_bdd import given, parsers, scenarios, when

from precoro_2fa import AuthenticationApplication, Precoro
from tests.conftest import NAME, PRONOUN, Phone
from tests.http_specs.browser import Page
from tests.http_specs.people import (
    CONFIRM,
    SETTINGS,
    TURN_ON,
    Person,
    assert_accepted,
    enter_code,
    sign_in,
    signed_in_browser,
)

scenarios("codes.feature")

TIME = r"(?P<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC"


def utc(time: str) -> datetime:
    return datetime.fromisoformat(time).replace(tzinfo=UTC)


@contextmanager
def issuing(web_app: Flask, secret: str) -> Iterator[None]:
    """The app's Precoro issues ``secret`` as the next new secret, for RFC 6238's vectors."""
    precoro: Precoro = web_app.extensions["precoro"]
    web_app.extensions["precoro"] = dataclasses.replace(precoro, new_secret=lambda: secret)
    try:
        yield
    finally:
        web_app.extensions["precoro"] = precoro


@given(
    parsers.re(
        rf"{NAME} turned on two-factor authentication with the RFC 6238 secret"
        rf' "(?P<secret>[A-Z2-7]+)" 2 minutes before {TIME}'
    )
)
def turned_on_with_secret(
    web_app: Flask,
    clock: FrozenDateTimeFactory,
    people: dict[str, Person],
    phones: dict[str, Phone],
    name: str,
    secret: str,
    time: str,
) -> None:
    """Turn On, Next and Confirm in Rita's browser, the app issuing the given secret this once."""
    clock.move_to(utc(time) - timedelta(minutes=2))
    person = people[name]
    browser = signed_in_browser(web_app, person)
    browser.open(SETTINGS)
    browser.press("Turn On", TURN_ON)
    with issuing(web_app, secret):
        page = browser.press("Next", TURN_ON, application="GOOGLE_AUTHENTICATOR")
    assert page.secret is not None and page.secret.replace(" ", "") == secret
    phones[person.login] = Phone(secret)
    assert_accepted(browser.press("Confirm", CONFIRM, code=phones[person.login].code()))
    assert AuthenticationApplication.GOOGLE_AUTHENTICATOR.value in page.heading


@given(
    parsers.re(rf"{NAME} has entered {PRONOUN} unique login and password at {TIME}"),
    target_fixture="signed_in",
)
def signs_in_at(
    web_app: Flask, clock: FrozenDateTimeFactory, people: dict[str, Person], name: str, time: str
) -> Page:
    clock.move_to(utc(time))
    return sign_in(web_app, people[name])


@when(parsers.re(rf'{NAME} types "(?P<code>[0-9]*)" to sign in'), target_fixture="sign_in_answer")
def types_code(people: dict[str, Person], name: str, code: str) -> Page:
    return enter_code(people[name], code)
