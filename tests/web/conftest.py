"""The app over a fresh in-memory Precoro with the demo accounts, at a frozen time."""

from collections.abc import Callable

import pytest
from cachelib import SimpleCache
from flask import Flask
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import Precoro, bootstrap
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.entrypoints.web import create_app
from precoro_2fa.entrypoints.web.demo_data import seed
from tests.conftest import TEST_CONFIG, Phone
from tests.web.visitor import Visitor


@pytest.fixture
def precoro(clock: FrozenDateTimeFactory) -> Precoro:
    """The HTTP layer is the same over every store: the in-memory one keeps these tests fast."""
    precoro = bootstrap(InMemoryStore(), config=TEST_CONFIG)
    seed(precoro)
    return precoro


@pytest.fixture
def app(precoro: Precoro) -> Flask:
    return create_app(precoro, secret_key="test secret key", sessions=SimpleCache())


@pytest.fixture
def visitor(app: Flask) -> Callable[[], Visitor]:
    """A new person at a new browser, each time it is called."""
    return lambda: Visitor(app)


@pytest.fixture
def with_two_factor(
    visitor: Callable[[], Visitor], clock: FrozenDateTimeFactory
) -> Callable[[str], Phone]:
    """Turn On Google Authenticator for a user through the pages; their phone."""

    def turn_on(login: str) -> Phone:
        person = visitor()
        person.sign_in(login)
        person.post("/profile/two-factor/turn-on", application="GOOGLE_AUTHENTICATOR")
        person.follow()
        phone = Phone(person.shown_secret().replace(" ", ""))
        assert person.post("/profile/two-factor/confirm", code=phone.code()).status_code == 303
        clock.tick(30)  # the confirmation code is used: the next sign-in needs the next one
        return phone

    return turn_on
