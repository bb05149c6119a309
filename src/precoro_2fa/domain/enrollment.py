"""What the authentication page shows after Next: the QR code and the secret to type by hand."""

from dataclasses import dataclass, field

import pyotp

from precoro_2fa.domain.applications import AuthenticationApplication
from precoro_2fa.domain.qr import QrCode

ISSUER = "Precoro"


def provisioning_uri(secret: str, login: str) -> str:
    """``otpauth://totp/Precoro:<login>?secret=…&issuer=Precoro`` (SHA1, 6 digits, 30 s)."""
    return pyotp.TOTP(secret).provisioning_uri(name=login, issuer_name=ISSUER)


def grouped(secret: str) -> str:
    """The secret in groups of four, as typed into the app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@dataclass(frozen=True, slots=True)
class Enrollment:
    login: str
    application: AuthenticationApplication
    secret: str = field(repr=False)

    @property
    def provisioning_uri(self) -> str:
        return provisioning_uri(self.secret, self.login)

    @property
    def grouped_secret(self) -> str:
        return grouped(self.secret)

    @property
    def qr_code(self) -> QrCode:
        return QrCode(self.provisioning_uri)

    @property
    def notes(self) -> tuple[str, ...]:
        return self.application.notes

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.application.warnings
