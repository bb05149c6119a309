"""A terminal walk-through of the help article, with the real QR code: scan it with your phone."""

import io

import pyotp
import qrcode

from precoro_2fa import AuthenticationApplication, CodeRequired, Role, bootstrap

LOGIN, PASSWORD = "eve@acme.test", "demo password"


def _show_qr(uri: str) -> None:
    code = qrcode.QRCode(border=2)
    code.add_data(uri)
    text = io.StringIO()
    code.print_ascii(out=text, invert=True)
    print(text.getvalue())


def run_demo() -> int:
    precoro = bootstrap()
    precoro.add_company("acme", "Acme")
    precoro.add_user(LOGIN, PASSWORD, "acme", Role.EMPLOYEE)
    print(f"{LOGIN} opens Profile settings → Two-factor authentication and presses Turn On.")
    choice = precoro.turn_on(LOGIN)
    print("Applications to choose from:", ", ".join(a.value for a in choice.applications))
    enrollment = precoro.choose_application(LOGIN, AuthenticationApplication.GOOGLE_AUTHENTICATOR)
    print(
        "Chose Google Authenticator and pressed Next.",
        *enrollment.notes,
        *enrollment.warnings,
        sep="\n  ",
    )
    _show_qr(enrollment.provisioning_uri)
    print("Secret code to type by hand:", enrollment.grouped_secret)
    phone = pyotp.TOTP(enrollment.secret)
    confirmed = precoro.confirm(LOGIN, phone.now())
    print("Entered the app's 6-digit code and pressed Confirm:", confirmed)
    outcome = precoro.sign_in(LOGIN, PASSWORD)
    print("Signs in with login and password:", type(outcome).__name__)
    if isinstance(outcome, CodeRequired):
        print("Same code again:", precoro.enter_code(outcome.attempt_id, phone.now()))
    return 0
