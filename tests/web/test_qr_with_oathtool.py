"""The QR code the app shows, read by zxing-cpp, gives a secret whose codes from Debian's
``oathtool`` (another TOTP implementation) confirm 2FA and sign in."""

import subprocess
from collections.abc import Callable
from datetime import UTC, datetime

from freezegun.api import FrozenDateTimeFactory

from tests.web.visitor import ANNA, Visitor, decode_qr, secret_of

Visitors = Callable[[], Visitor]


def oathtool(secret: str, unix_time: int | None = None) -> str:
    """The code ``oathtool --totp -b SECRET`` gives now (the frozen clock) or at ``unix_time``."""
    at = int(datetime.now(UTC).timestamp()) if unix_time is None else unix_time
    command = ["/usr/bin/oathtool", "--totp", "-b", secret, "--now", f"@{at}"]
    answer = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    return answer.stdout.strip()


def test_oathtool_gives_the_rfc_6238_known_answer() -> None:
    assert oathtool("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 1111111109) == "081804"


def test_the_qr_code_scanned_and_oathtool_codes_turn_on_and_sign_in(
    visitor: Visitors, clock: FrozenDateTimeFactory
) -> None:
    anna = visitor()
    anna.sign_in(ANNA)
    anna.post("/profile/two-factor/turn-on", application="GOOGLE_AUTHENTICATOR")
    anna.follow()
    secret = secret_of(decode_qr(anna.qr_png()))
    anna.post("/profile/two-factor/confirm", code=oathtool(secret))
    anna.follow()
    assert anna.notices == ["Congratulations, you have activated two-factor authentication"]
    anna.sign_out()
    clock.tick(30)
    anna.sign_in(ANNA)
    assert anna.enter_code(oathtool(secret)).headers["Location"] == "/"
    assert "<h1>Dashboard</h1>" in anna.follow().text
