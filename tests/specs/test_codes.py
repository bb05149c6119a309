"""Steps of codes.feature: what a code is, once only, the window, and the lock."""

import dataclasses
from datetime import UTC, datetime, timedelta

from freezegun.api import FrozenDateTimeFactory
from pytest_bdd import given, parsers, scenarios, when

from precoro_2fa import (
    AuthenticationApplication,
    CodeRejected,
    CodeRequired,
    Precoro,
    SignedIn,
    SignInRefused,
)
from tests.conftest import NAME, PASSWORD, PRONOUN, Phone, login_of

scenarios("codes.feature")

TIME = r"(?P<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC"


def utc(time: str) -> datetime:
    return datetime.fromisoformat(time).replace(tzinfo=UTC)


@given(
    parsers.re(
        rf"{NAME} turned on two-factor authentication with the RFC 6238 secret"
        rf' "(?P<secret>[A-Z2-7]+)" 2 minutes before {TIME}'
    )
)
def turned_on_with_secret(
    precoro: Precoro,
    clock: FrozenDateTimeFactory,
    phones: dict[str, Phone],
    name: str,
    secret: str,
    time: str,
) -> None:
    """Turn On, Next and Confirm, with Precoro issuing the given secret this once."""
    clock.move_to(utc(time) - timedelta(minutes=2))
    issuing = dataclasses.replace(precoro, new_secret=lambda: secret)
    login = login_of(name)
    issuing.turn_on(login)
    issuing.choose_application(login, AuthenticationApplication.GOOGLE_AUTHENTICATOR)
    phones[login] = Phone(secret)
    assert precoro.confirm(login, phones[login].code()).accepted


@given(
    parsers.re(rf"{NAME} has entered {PRONOUN} unique login and password at {TIME}"),
    target_fixture="signed_in",
)
def signs_in_at(
    precoro: Precoro, clock: FrozenDateTimeFactory, name: str, time: str
) -> SignedIn | CodeRequired | SignInRefused:
    clock.move_to(utc(time))
    return precoro.sign_in(login_of(name), PASSWORD)


@when(parsers.re(rf'{NAME} types "(?P<code>[0-9]*)" to sign in'), target_fixture="sign_in_answer")
def types_code(
    precoro: Precoro, signed_in: SignedIn | CodeRequired | SignInRefused, code: str
) -> SignedIn | CodeRejected:
    assert isinstance(signed_in, CodeRequired), signed_in
    return precoro.enter_code(signed_in.attempt_id, code)
