"""Steps of turn_on.feature: Turn On, Next, the QR code and the secret, Confirm."""

import base64
import io
import re

import pyotp
import zxingcpp
from PIL import Image
from pytest_bdd import parsers, scenarios, then, when

from precoro_2fa import Enrollment, Precoro, TwoFactorRuleBroken
from tests.conftest import NAME, Phone
from tests.specs.conftest import APP, Choices, ProfileSettings, application

scenarios("turn_on.feature")


def shown(enrollment: Enrollment | TwoFactorRuleBroken) -> Enrollment:
    assert isinstance(enrollment, Enrollment), enrollment
    return enrollment


def decoded_qr_code(enrollment: Enrollment) -> str:
    """The QR code as an independent decoder (zxing-cpp) reads it from the PNG."""
    [barcode] = zxingcpp.read_barcodes(Image.open(io.BytesIO(enrollment.qr_code.png())))
    return barcode.text


@when(
    parsers.re(rf"chooses {APP} and presses the Next button again"),
    target_fixture="second_enrollment",
)
def presses_next_again(precoro: Precoro, profile_settings: ProfileSettings, app: str) -> Enrollment:
    return precoro.choose_application(profile_settings.login, application(app))


@when("scans the QR code with the authentication application", target_fixture="phone")
def scans_qr_code(enrollment: Enrollment | TwoFactorRuleBroken, phones: dict[str, Phone]) -> Phone:
    enrollment = shown(enrollment)
    phone = Phone(pyotp.parse_uri(decoded_qr_code(enrollment)).secret)
    phones[enrollment.login] = phone
    return phone


@when("enters the secret code in the application manually", target_fixture="phone")
def types_secret(enrollment: Enrollment | TwoFactorRuleBroken, phones: dict[str, Phone]) -> Phone:
    enrollment = shown(enrollment)
    phone = Phone(enrollment.grouped_secret.replace(" ", ""))
    phones[enrollment.login] = phone
    return phone


@then(parsers.re(rf"the Two-factor authentication page shows {APP}"))
def page_shows(precoro: Precoro, profile_settings: ProfileSettings, app: str) -> None:
    assert precoro.two_factor_view(profile_settings.login).application is application(app)


@then(parsers.re(rf"{NAME} can choose Authy or Google Authenticator"))
def can_choose(choices: Choices | TwoFactorRuleBroken, name: str) -> None:
    assert not isinstance(choices, TwoFactorRuleBroken), choices
    assert [choice.value for choice in choices] == ["Authy", "Google Authenticator"]


@then(parsers.parse('the QR code reads "{prefix}" then the secret then "{suffix}"'))
def qr_code_reads(enrollment: Enrollment | TwoFactorRuleBroken, prefix: str, suffix: str) -> None:
    enrollment = shown(enrollment)
    assert decoded_qr_code(enrollment) == prefix + enrollment.secret + suffix


@then("the secret is 32 base32 characters, 160 bits")
def secret_is_160_bits(enrollment: Enrollment | TwoFactorRuleBroken) -> None:
    secret = shown(enrollment).secret
    assert re.fullmatch("[A-Z2-7]{32}", secret), secret
    assert len(base64.b32decode(secret)) * 8 == 160


@then("the page shows the same secret in groups of four characters for typing by hand")
def grouped_secret(enrollment: Enrollment | TwoFactorRuleBroken) -> None:
    enrollment = shown(enrollment)
    groups = enrollment.grouped_secret.split(" ")
    assert [len(group) for group in groups] == [4] * 8
    assert "".join(groups) == enrollment.secret


@then("the QR code is offered as PNG and as SVG")
def png_and_svg(enrollment: Enrollment | TwoFactorRuleBroken) -> None:
    qr_code = shown(enrollment).qr_code
    assert qr_code.png().startswith(b"\x89PNG\r\n\x1a\n")
    assert qr_code.svg().lstrip().startswith(("<?xml", "<svg"))
    assert "<svg" in qr_code.svg()


@then("the second secret differs from the first")
def secrets_differ(
    enrollment: Enrollment | TwoFactorRuleBroken, second_enrollment: Enrollment
) -> None:
    assert second_enrollment.secret != shown(enrollment).secret


@then("the authentication page shows the second secret")
def page_shows_second(
    precoro: Precoro, profile_settings: ProfileSettings, second_enrollment: Enrollment
) -> None:
    pending = precoro.two_factor_view(profile_settings.login).pending
    assert pending is not None
    assert pending.secret == second_enrollment.secret


@then("the authentication page still shows the same secret")
def same_secret(
    precoro: Precoro,
    profile_settings: ProfileSettings,
    enrollment: Enrollment | TwoFactorRuleBroken,
) -> None:
    pending = precoro.two_factor_view(profile_settings.login).pending
    assert pending is not None
    assert pending.secret == shown(enrollment).secret


@then(parsers.parse('the page notes "{note}"'))
def page_notes(enrollment: Enrollment | TwoFactorRuleBroken, note: str) -> None:
    assert note in shown(enrollment).notes


@then(parsers.parse('the page does not note "{note}"'))
def page_does_not_note(enrollment: Enrollment | TwoFactorRuleBroken, note: str) -> None:
    assert note not in shown(enrollment).notes


@then("no secret is shown")
def no_secret_shown(precoro: Precoro, profile_settings: ProfileSettings) -> None:
    assert precoro.two_factor_view(profile_settings.login).pending is None
