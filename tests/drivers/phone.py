"""The phone: an authentication application that knows the secret, and reads QR codes."""

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pyotp
import zxingcpp
from PIL import Image


class SystemTime:
    """The time of the test process (which freezegun may freeze)."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class MovableClock:
    """The time of a scenario: it stands still until a step moves it (never a sleep)."""

    current: datetime

    def now(self) -> datetime:
        return self.current

    def advance(self, by: timedelta) -> None:
        self.move_to(self.current + by)

    def move_to(self, when: datetime) -> None:
        self.current = when


Clock = SystemTime | MovableClock


@dataclass
class Phone:
    """A user's phone with an authentication application: it knows the secret, not Precoro."""

    secret: str
    clock: Clock = field(default_factory=SystemTime)

    def code(self, steps_from_now: int = 0) -> str:
        return pyotp.TOTP(self.secret).at(self.clock.now(), counter_offset=steps_from_now)


def decode_qr(png: bytes) -> str:
    """What a phone's camera reads from a picture of a QR code (zxing-cpp, not qrcode)."""
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(found) == 1, f"{len(found)} QR codes in the picture"
    return str(found[0].text)


def set_up(uri: str, clock: Clock) -> Phone:
    """The authentication application set up from the key URI its camera read."""
    return Phone(pyotp.parse_uri(uri).secret, clock)
