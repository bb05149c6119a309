"""``precoro-2fa demo``: Turn On, Confirm and signing in, told in the terminal, with a QR code
a phone's camera can read."""

import pytest
import zxingcpp
from freezegun.api import FrozenDateTimeFactory
from PIL import Image

from precoro_2fa.entrypoints import cli

HALF_BLOCKS = {"█": (1, 1), "▀": (1, 0), "▄": (0, 1), " ": (0, 0), "\xa0": (0, 0)}
"""A terminal character: two modules of the QR code, one above the other (1: printed)."""


def scanned(lines: list[str]) -> str:
    """What a camera reads from the QR code printed in ``lines`` (nothing: "")."""
    width, margin, scale = max(map(len, lines)), 4, 6
    image = Image.new("L", (width + 2 * margin, 2 * len(lines) + 2 * margin), 255)
    for y, line in enumerate(lines):
        for x, character in enumerate(line):
            for half, printed in enumerate(HALF_BLOCKS[character]):
                image.putpixel((x + margin, 2 * y + half + margin), 0 if printed else 255)
    size = (image.width * scale, image.height * scale)
    found = zxingcpp.read_barcode(image.resize(size, Image.Resampling.NEAREST))
    return "" if found is None else str(found.text)


def test_the_demo_turns_on_confirms_and_signs_in_with_a_qr_code_to_scan(
    capsys: pytest.CaptureFixture[str], clock: FrozenDateTimeFactory
) -> None:
    assert cli.main(["demo"]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[:5] == [
        "eve@acme.test opens Profile settings → Two-factor authentication and presses Turn On.",
        "Applications to choose from: Authy, Google Authenticator",
        "Chose Google Authenticator and pressed Next.",
        "  Google Authenticator does not have a function to restore the account.",
        "  Do not remove Google Authenticator from your phone!",
    ]
    [secret_at] = [n for n, line in enumerate(said) if line.startswith("Secret code to type")]
    secret = said[secret_at].removeprefix("Secret code to type by hand: ")
    assert [len(group) for group in secret.split(" ")] == [4] * 8
    qr_code = said[5:secret_at]
    assert len(qr_code) > 10
    # printed light on dark, as a terminal shows it: a quiet zone of 2 light modules around
    assert set(qr_code[0]) == {"█"} and qr_code[1].replace("\xa0", " ").startswith("██ ▄▄▄▄▄ ")
    assert scanned(qr_code) == (
        f"otpauth://totp/Precoro:eve%40acme.test?secret={secret.replace(' ', '')}&issuer=Precoro"
    )
    confirmed, signing_in, again = said[secret_at + 1 :]
    assert confirmed.startswith("Entered the app's 6-digit code and pressed Confirm: Activated(")
    assert signing_in == "Signs in with login and password: CodeRequired"
    assert again.startswith("Same code again: CodeRejected(reason=<Rejection.REPLAYED: ")
