"""The QR code of the authentication page, as PNG or SVG, shown inline in notebooks."""

import io
from dataclasses import dataclass, field

import qrcode
import qrcode.image.svg
from qrcode.image.pil import PilImage


@dataclass(frozen=True, slots=True)
class QrCode:
    uri: str = field(repr=False)
    """It holds the secret: shown as an image, never in a repr or a log."""

    def png(self, box_size: int = 6) -> bytes:
        image = qrcode.make(self.uri, image_factory=PilImage, box_size=box_size, border=4)
        buffer = io.BytesIO()
        image.save(buffer)
        return buffer.getvalue()

    def svg(self) -> str:
        image = qrcode.make(self.uri, image_factory=qrcode.image.svg.SvgPathImage)
        return image.to_string(encoding="unicode")

    def _repr_png_(self) -> bytes:
        return self.png()

    def _repr_svg_(self) -> str:
        return self.svg()
