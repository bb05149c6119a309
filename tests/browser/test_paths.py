"""The two paths of the article in a real browser, with a screenshot of each screen."""

from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlparse

from playwright.sync_api import expect

from precoro_2fa import WARNING_NOTICE
from precoro_2fa.entrypoints.web.demo_data import DEMO_ACCOUNTS
from tests.browser.conftest import RunningApp, screenshot
from tests.drivers.browser import Window
from tests.drivers.phone import Phone, set_up

NewWindow = Callable[[str], Window]
PASSWORDS = {account.login: account.password for account in DEMO_ACCOUNTS}
ADMIN, ANNA, BOB, SUPPORT = (
    "admin@acme.test",
    "anna@acme.test",
    "bob@acme.test",
    "support@precoro.test",
)


def sign_in(window: Window, login: str) -> None:
    window.open("/sign-in")
    window.fill("Login", login)
    window.fill("Password", PASSWORDS[login])
    window.press("Sign in")


def expect_at(window: Window, path: str) -> None:
    assert urlparse(window.page.url).path == path, window.page.url


def expect_text(window: Window, text: str) -> None:
    expect(window.page.get_by_text(text, exact=False).first).to_be_visible()


def scan(window: Window, app: RunningApp) -> Phone:
    """What the phone's camera sees: the QR code on the screen; it matches the typed secret."""
    seen = window.seen
    assert seen.qr_uri is not None and seen.grouped_secret is not None, seen
    phone = set_up(seen.qr_uri, app.clock)
    assert phone.secret == seen.grouped_secret.replace(" ", "")
    return phone


def turn_on(window: Window, app: RunningApp, application: str) -> Phone:
    """Profile settings → Two-factor authentication → Turn On → the app → Next → scan."""
    if window.click("Profile settings").screen.value == "Profile settings":
        window.click("Two-factor authentication")
    window.press("Turn On")
    window.choose(application)
    window.press("Next")
    return scan(window, app)


def confirm(window: Window, code: str) -> None:
    window.type("6-digit code", code)
    window.press("Confirm")
    expect_text(window, "Congratulations, you have activated two-factor authentication")


def test_required_two_factor_then_google_authenticator_then_sign_in_with_a_code(
    running_app: RunningApp, new_window: NewWindow
) -> None:
    admin = new_window(ADMIN)
    admin.open("/")
    expect_at(admin, "/sign-in")
    screenshot(admin, "01-sign-in")
    sign_in(admin, ADMIN)
    admin.click("Configuration")
    admin.page.get_by_label("Required two-factor authentication").check()
    screenshot(admin, "02-account-settings")
    admin.press("Update")
    admin.press("Sign out")

    anna = new_window(ANNA)
    sign_in(anna, ANNA)
    expect_at(anna, "/profile/two-factor")
    expect(anna.page.get_by_role("alert")).to_have_text(WARNING_NOTICE)
    screenshot(anna, "03-warning-notice")
    for link in ("Purchase orders", "Dashboard", "Profile settings"):
        anna.click(link)
        expect_at(anna, "/profile/two-factor")
        expect(anna.page.get_by_role("alert")).to_have_text(WARNING_NOTICE)

    anna.press("Turn On")
    expect_text(anna, "Do not remove Google Authenticator from your phone!")
    screenshot(anna, "04-choose-application")
    anna.choose("Google Authenticator")
    anna.press("Next")
    expect_at(anna, "/profile/two-factor/confirm")
    screenshot(anna, "05-qr-code-and-secret")
    phone = scan(anna, running_app)
    confirm(anna, phone.code())
    expect_text(anna, "it cannot be turned off")
    screenshot(anna, "06-activated")
    anna.click("Purchase orders")
    expect_at(anna, "/purchase-orders")
    anna.press("Sign out")

    running_app.clock.advance(timedelta(seconds=30))  # the confirmation code was used
    sign_in(anna, ANNA)
    expect_at(anna, "/sign-in/code")
    screenshot(anna, "07-code-step")
    anna.type("6-digit code", phone.code())
    anna.press("Sign in")
    expect_at(anna, "/")
    expect_text(anna, "Welcome to Precoro, anna@acme.test.")
    screenshot(anna, "08-signed-in")


def test_lost_phone_support_records_admin_approves_support_resets_and_set_up_again(
    running_app: RunningApp, new_window: NewWindow
) -> None:
    bob = new_window(BOB)
    sign_in(bob, BOB)
    confirm(bob, turn_on(bob, running_app, "Google Authenticator").code())
    bob.press("Sign out")
    running_app.clock.advance(timedelta(seconds=30))

    support = new_window(SUPPORT)
    sign_in(support, SUPPORT)
    support.click("Support")
    support.fill("Employee's login", BOB)
    support.choose("online chat")
    screenshot(support, "09-support-records-a-request")
    support.press("Record request")
    expect_text(support, "Request recorded for bob@acme.test")

    admin = new_window(ADMIN)
    sign_in(admin, ADMIN)
    admin.click("Configuration")
    admin.click("Recovery requests")
    expect_text(admin, "waiting for approval")
    screenshot(admin, "10-admin-approves")
    admin.press("Approve", row=BOB)
    expect_text(admin, "The request of bob@acme.test is approved")

    support.click("Support")
    expect(support.page.get_by_role("cell", name=BOB)).to_be_visible()
    screenshot(support, "11-support-resets")
    support.press("Reset", row=BOB)
    expect_text(support, "Reset two-factor authentication?")
    support.press("Reset")
    expect_text(support, "Two-factor authentication of bob@acme.test is reset")

    sign_in(bob, BOB)
    expect_at(bob, "/")
    confirm(bob, turn_on(bob, running_app, "Google Authenticator").code())

    admin.click("Configuration")
    admin.click("Audit log")
    expect(admin.page.get_by_role("cell", name="reset performed").first).to_be_visible()
    screenshot(admin, "12-audit-log")


def test_change_the_authentication_application_then_turn_off(
    running_app: RunningApp, new_window: NewWindow
) -> None:
    anna = new_window(ANNA)
    sign_in(anna, ANNA)
    old_phone = turn_on(anna, running_app, "Google Authenticator")
    confirm(anna, old_phone.code())
    running_app.clock.advance(timedelta(seconds=30))

    anna.press("Change authentication application")
    anna.type("Current 6-digit code", old_phone.code())
    anna.choose("Authy")
    screenshot(anna, "13-change-application")
    anna.press("Next")
    new_phone = scan(anna, running_app)
    anna.type("6-digit code", new_phone.code())
    anna.press("Confirm")
    expect_text(anna, "Your authentication application has been changed.")
    running_app.clock.advance(timedelta(seconds=30))

    anna.press("Turn Off")
    anna.type("6-digit code", new_phone.code())
    screenshot(anna, "14-turn-off")
    anna.press("Turn Off")
    expect_text(anna, "Two-factor authentication has been turned off.")
