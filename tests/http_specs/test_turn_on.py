"""turn_on.feature over HTTP: Turn On, Next, the QR code and the secret on the page, Confirm."""

import base64
import re

import cairosvg
import pyotp
from flask import Flask
from pytest_bdd import parsers, scenarios, then, when

from tests.conftest import NAME, Phone
from tests.http_specs.browser import Page, decode_qr
from tests.http_specs.people import (
    CONFIRM,
    TURN_ON,
    ProfileSettings,
    scan,
    two_factor_of,
)
from tests.specs.conftest import APP, application

scenarios("turn_on.feature")


def secret_on(page: Page) -> str:
    """The secret as the page shows it for typing by hand, without the spaces between groups."""
    assert page.secret is not None, f"no secret on {page.path}"
    return page.secret.replace(" ", "")


def qr_text(page: Page) -> str:
    png = page.qr_png()
    assert png is not None, f"no QR code on {page.path}"
    return decode_qr(png)


@when(
    parsers.re(rf"chooses {APP} and presses the Next button again"),
    target_fixture="second_enrollment",
)
def presses_next_again(profile_settings: ProfileSettings, app: str) -> Page:
    """Back to the Turn On page (the browser's back button) and Next once more."""
    name = application(app).name
    return profile_settings.browser.send("post", TURN_ON, application=name)


@when("scans the QR code with the authentication application")
def scans_qr_code(
    profile_settings: ProfileSettings, enrollment: Page, phones: dict[str, Phone]
) -> None:
    phones[profile_settings.person.login] = scan(enrollment)


@when("enters the secret code in the application manually")
def types_secret(
    profile_settings: ProfileSettings, enrollment: Page, phones: dict[str, Phone]
) -> None:
    phones[profile_settings.person.login] = Phone(secret_on(enrollment))


@then(parsers.re(rf"the Two-factor authentication page shows {APP}"))
def page_shows(web_app: Flask, profile_settings: ProfileSettings, app: str) -> None:
    assert two_factor_of(web_app, profile_settings.person) == ("on", app)


@then(parsers.re(rf"{NAME} can choose Authy or Google Authenticator"))
def can_choose(choices: Page, name: str) -> None:
    assert (choices.status, choices.path) == (200, TURN_ON)
    assert choices.choices("application") == {
        "Authy": "AUTHY",
        "Google Authenticator": "GOOGLE_AUTHENTICATOR",
    }
    assert "Next" in choices.buttons()


@then(parsers.parse('the QR code reads "{prefix}" then the secret then "{suffix}"'))
def qr_code_reads(enrollment: Page, prefix: str, suffix: str) -> None:
    assert qr_text(enrollment) == prefix + secret_on(enrollment) + suffix


@then("the secret is 32 base32 characters, 160 bits")
def secret_is_160_bits(enrollment: Page) -> None:
    secret = pyotp.parse_uri(qr_text(enrollment)).secret
    assert re.fullmatch("[A-Z2-7]{32}", secret), secret
    assert len(base64.b32decode(secret)) * 8 == 160


@then("the page shows the same secret in groups of four characters for typing by hand")
def grouped_secret(enrollment: Page) -> None:
    assert enrollment.secret is not None
    groups = enrollment.secret.split(" ")
    assert [len(group) for group in groups] == [4] * 8
    assert "".join(groups) == pyotp.parse_uri(qr_text(enrollment)).secret


@then("the QR code is offered as PNG and as SVG")
def png_and_svg(enrollment: Page) -> None:
    """The page's image is a PNG; its SVG link, drawn again as PNG, reads the same."""
    png = enrollment.qr_png()
    assert png is not None and png.startswith(b"\x89PNG\r\n\x1a\n")
    svg = enrollment.qr_svg()
    assert svg is not None and b"<svg" in svg
    drawn = cairosvg.svg2png(bytestring=svg, output_width=400, background_color="white")
    assert decode_qr(drawn) == decode_qr(png)


@then("the second secret differs from the first")
def secrets_differ(enrollment: Page, second_enrollment: Page) -> None:
    assert secret_on(second_enrollment) != secret_on(enrollment)


@then("the authentication page shows the second secret")
def page_shows_second(profile_settings: ProfileSettings, second_enrollment: Page) -> None:
    shown = profile_settings.browser.peek(CONFIRM)
    assert secret_on(shown) == secret_on(second_enrollment)
    assert pyotp.parse_uri(qr_text(shown)).secret == secret_on(second_enrollment)


@then("the authentication page still shows the same secret")
def same_secret(profile_settings: ProfileSettings, enrollment: Page) -> None:
    shown = profile_settings.browser.peek(CONFIRM)
    assert secret_on(shown) == secret_on(enrollment)
    assert secret_on(profile_settings.browser.page) == secret_on(enrollment)


@then(parsers.parse('the page notes "{note}"'))
def page_notes(enrollment: Page, note: str) -> None:
    assert note in enrollment.notes


@then(parsers.parse('the page does not note "{note}"'))
def page_does_not_note(enrollment: Page, note: str) -> None:
    assert enrollment.notes, enrollment.text  # the page does show notes, only not this one
    assert note not in enrollment.notes


@then("no secret is shown")
def no_secret_shown(profile_settings: ProfileSettings) -> None:
    """Neither the page the button answered with nor the authentication page shows one."""
    shown = profile_settings.browser.page
    assert (shown.secret, shown.qr_png()) == (None, None)
    authentication_page = profile_settings.browser.peek(CONFIRM)
    assert authentication_page.path != CONFIRM
    assert (authentication_page.secret, authentication_page.qr_png()) == (None, None)
