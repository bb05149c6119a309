"""The authentication page's QR code and secret, read back with decoders Precoro does not use."""

import base64
import io
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, unquote, urlsplit

import cairosvg
import pyotp
import pytest
from PIL import Image

from precoro_2fa import Enrollment, InvalidLogin, Precoro, QrCode, bootstrap
from precoro_2fa.domain.model import validated_login
from tests.drivers.phone import decode_qr
from tests.unit.conftest import GOOGLE, add_employee
from tests.unit.rfc import RFC_SECRET

BOX = 6
"""Pixels per module, in the PNG and in the rasterised SVG."""


def decoded(image: Image.Image) -> list[str]:
    """The QR codes a phone reads in the picture (``decode_qr`` insists on exactly one)."""
    picture = io.BytesIO()
    image.save(picture, format="PNG")
    return [decode_qr(picture.getvalue())]


def png_image(qr: QrCode) -> Image.Image:
    return Image.open(io.BytesIO(qr.png(box_size=BOX)))


def svg_image(qr: QrCode) -> Image.Image:
    root = ET.fromstring(qr.svg())  # noqa: S314 (our own output, parsed to prove it well-formed)
    modules = int(root.attrib["viewBox"].split()[2])
    png = cairosvg.svg2png(
        bytestring=qr.svg().encode(), output_width=modules * BOX, background_color="white"
    )
    return Image.open(io.BytesIO(png))


def matrix(image: Image.Image) -> list[list[bool]]:
    """Dark (True) or light module by module, read at the centre of each module."""
    grey = image.convert("L")
    size = grey.width // BOX
    return [
        [grey.getpixel((x * BOX + BOX // 2, y * BOX + BOX // 2)) < 128 for x in range(size)]
        for y in range(size)
    ]


@pytest.fixture
def enrollment(precoro: Precoro) -> Enrollment:
    add_employee(precoro, "alice")
    return precoro.choose_application("alice", GOOGLE)


def test_the_png_qr_code_decodes_to_exactly_the_provisioning_uri(enrollment: Enrollment) -> None:
    uri = f"otpauth://totp/Precoro:alice?secret={enrollment.secret}&issuer=Precoro"
    assert enrollment.provisioning_uri == uri
    assert decoded(png_image(enrollment.qr_code)) == [uri]


def test_the_png_is_a_png(enrollment: Enrollment) -> None:
    assert enrollment.qr_code.png().startswith(b"\x89PNG\r\n\x1a\n")
    assert enrollment.qr_code._repr_png_() == enrollment.qr_code.png()


def test_the_svg_qr_code_is_well_formed_svg(enrollment: Enrollment) -> None:
    root = ET.fromstring(enrollment.qr_code.svg())  # noqa: S314 (our own output)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert enrollment.qr_code._repr_svg_() == enrollment.qr_code.svg()


def test_the_svg_qr_code_decodes_to_exactly_the_provisioning_uri(enrollment: Enrollment) -> None:
    assert decoded(svg_image(enrollment.qr_code)) == [enrollment.provisioning_uri]


def test_the_svg_and_the_png_draw_the_same_modules(enrollment: Enrollment) -> None:
    png, svg = matrix(png_image(enrollment.qr_code)), matrix(svg_image(enrollment.qr_code))
    assert len(png) == len(svg) >= 21 + 8
    assert png == svg


def test_a_login_is_percent_encoded_in_the_label_and_decodes_back() -> None:
    enrollment = Enrollment("alice@acme.test", GOOGLE, RFC_SECRET)
    expected = (
        "otpauth://totp/Precoro:alice%40acme.test"
        "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Precoro"
    )
    assert decoded(png_image(enrollment.qr_code)) == [expected]
    assert unquote(urlsplit(expected).path) == "/Precoro:alice@acme.test"


def test_the_uri_leaves_algorithm_digits_and_period_to_their_defaults(
    enrollment: Enrollment,
) -> None:
    """SHA1, 6 digits, 30 s: the only parameters Google Authenticator honours."""
    parts = urlsplit(enrollment.provisioning_uri)
    assert (parts.scheme, parts.netloc) == ("otpauth", "totp")
    assert parse_qs(parts.query) == {"secret": [enrollment.secret], "issuer": ["Precoro"]}
    totp = pyotp.parse_uri(enrollment.provisioning_uri)
    assert isinstance(totp, pyotp.TOTP)
    assert (totp.digest().name, totp.digits, totp.interval) == ("sha1", 6, 30)


def test_the_secret_is_32_base32_characters_that_is_160_bits(enrollment: Enrollment) -> None:
    assert re.fullmatch(r"[A-Z2-7]{32}", enrollment.secret)
    assert len(base64.b32decode(enrollment.secret)) * 8 == 160


def test_precoro_draws_secrets_from_pyotp_random_base32() -> None:
    assert bootstrap().new_secret is pyotp.random_base32


def test_each_choice_of_application_issues_a_fresh_secret(precoro: Precoro) -> None:
    add_employee(precoro, "alice")
    add_employee(precoro, "bob")
    secrets = [precoro.choose_application(login, GOOGLE).secret for login in 3 * ["alice", "bob"]]
    assert len(set(secrets)) == 6


def test_the_grouped_secret_regroups_to_the_secret(enrollment: Enrollment) -> None:
    groups = enrollment.grouped_secret.split(" ")
    assert [len(group) for group in groups] == 8 * [4]
    assert "".join(groups) == enrollment.secret


def test_the_rfc_secret_is_grouped_in_fours() -> None:
    grouped = Enrollment("alice", GOOGLE, RFC_SECRET).grouped_secret
    assert grouped == "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"


@pytest.mark.parametrize("login", ["ali:ce", ":", "alice:", "Precoro:alice"])
def test_a_login_with_a_colon_is_refused(precoro: Precoro, login: str) -> None:
    precoro.add_company("acme", "Acme")
    with pytest.raises(InvalidLogin, match="colon"):
        precoro.add_user(login, "correct horse battery", "acme")


@pytest.mark.parametrize("login", ["", "ali ce", "alice\n", None, 42, "a" * 255])
def test_an_empty_blank_or_non_text_login_is_refused(login: object) -> None:
    with pytest.raises(InvalidLogin, match="non-empty"):
        validated_login(login)
