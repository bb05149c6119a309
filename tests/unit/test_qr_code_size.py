"""The QR code's PNG, as the Confirm page and the notebooks show it: each module a square of
6 pixels, inside the quiet zone of 4 modules that scanners need (ISO/IEC 18004)."""

import io

import qrcode
from PIL import Image

from precoro_2fa import QrCode

URI = "otpauth://totp/Precoro:eve?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Precoro"


def test_the_png_draws_each_module_as_6_pixels_inside_a_quiet_zone_of_4_modules() -> None:
    code = qrcode.QRCode(border=0)
    code.add_data(URI)
    code.make(fit=True)
    side = (code.modules_count + 2 * 4) * 6
    assert Image.open(io.BytesIO(QrCode(URI).png())).size == (side, side)
