"""The two paths of the article in a real browser, with a screenshot of each screen."""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from precoro_2fa import WARNING_NOTICE
from tests.browser.conftest import RunningApp, screenshot
from tests.browser.person import Person, Phone

NewPage = Callable[[], Page]
ADMIN, ANNA, BOB, SUPPORT = (
    "admin@acme.test",
    "anna@acme.test",
    "bob@acme.test",
    "support@precoro.test",
)


def test_required_two_factor_then_google_authenticator_then_sign_in_with_a_code(
    running_app: RunningApp, new_page: NewPage
) -> None:
    admin = Person(new_page(), running_app)
    admin.open()
    admin.expect_at("/sign-in")
    screenshot(admin.page, "01-sign-in")
    admin.sign_in(ADMIN)
    admin.menu("Configuration")
    admin.page.get_by_label("Required two-factor authentication").check()
    screenshot(admin.page, "02-account-settings")
    admin.click("Update")
    admin.expect_text("Account Settings have been updated.")
    admin.sign_out()

    anna = Person(new_page(), running_app)
    anna.sign_in(ANNA)
    anna.expect_at("/profile/two-factor")
    expect(anna.page.get_by_role("alert")).to_have_text(WARNING_NOTICE)
    screenshot(anna.page, "03-warning-notice")
    for link in ("Purchase orders", "Dashboard", "Profile settings"):
        anna.menu(link)
        anna.expect_at("/profile/two-factor")
        expect(anna.page.get_by_role("alert")).to_have_text(WARNING_NOTICE)

    anna.click("Turn On")
    anna.expect_text("Do not remove Google Authenticator from your phone!")
    screenshot(anna.page, "04-choose-application")
    anna.page.get_by_label("Google Authenticator").check()
    anna.click("Next")
    anna.expect_at("/profile/two-factor/confirm")
    screenshot(anna.page, "05-qr-code-and-secret")
    phone = anna.scan_qr_code()
    anna.confirm(phone.code())
    anna.expect_text("it cannot be turned off")
    screenshot(anna.page, "06-activated")
    anna.menu("Purchase orders")
    anna.expect_at("/purchase-orders")
    anna.sign_out()

    running_app.clock.tick(30)  # the next step: the confirmation code was used
    anna.sign_in(ANNA)
    anna.expect_at("/sign-in/code")
    screenshot(anna.page, "07-code-step")
    anna.enter_code(phone.code())
    anna.expect_at("/")
    anna.expect_text("Welcome to Precoro, anna@acme.test.")
    screenshot(anna.page, "08-signed-in")


def test_lost_phone_support_records_admin_approves_support_resets_and_set_up_again(
    running_app: RunningApp, new_page: NewPage
) -> None:
    bob = Person(new_page(), running_app)
    bob.sign_in(BOB)
    bob.confirm(bob.turn_on("Google Authenticator").code())
    bob.sign_out()
    running_app.clock.tick(30)

    support = Person(new_page(), running_app)
    support.sign_in(SUPPORT)
    support.menu("Support")
    support.page.get_by_label("Employee's login").fill(BOB)
    support.page.get_by_label("online chat").check()
    screenshot(support.page, "09-support-records-a-request")
    support.click("Record request")
    support.expect_text("Request recorded for bob@acme.test")

    admin = Person(new_page(), running_app)
    admin.sign_in(ADMIN)
    admin.menu("Configuration")
    admin.click("Recovery requests", "link")
    admin.expect_text("waiting for approval")
    screenshot(admin.page, "10-admin-approves")
    admin.click("Approve")
    admin.expect_text("The request of bob@acme.test is approved")

    support.menu("Support")
    expect(support.page.get_by_role("cell", name=BOB)).to_be_visible()
    screenshot(support.page, "11-support-resets")
    support.click("Reset")
    support.expect_text("Two-factor authentication of bob@acme.test is reset")

    bob.sign_in(BOB)
    bob.expect_at("/")
    new_phone: Phone = bob.turn_on("Google Authenticator")
    bob.confirm(new_phone.code())

    admin.menu("Configuration")
    admin.click("Audit log", "link")
    admin.expect_text("reset performed")
    screenshot(admin.page, "12-audit-log")


def test_change_the_authentication_application_then_turn_off(
    running_app: RunningApp, new_page: NewPage
) -> None:
    anna = Person(new_page(), running_app)
    anna.sign_in(ANNA)
    old_phone = anna.turn_on("Google Authenticator")
    anna.confirm(old_phone.code())
    running_app.clock.tick(30)

    anna.click("Change authentication application")
    anna.page.get_by_label("Current 6-digit code").fill(old_phone.code())
    anna.page.get_by_label("Authy").check()
    screenshot(anna.page, "13-change-application")
    anna.click("Next")
    new_phone = anna.scan_qr_code()
    anna.page.get_by_label("6-digit code").fill(new_phone.code())
    anna.click("Confirm")
    anna.expect_text("Your authentication application has been changed.")
    running_app.clock.tick(30)

    anna.click("Turn Off")
    anna.page.get_by_label("6-digit code").fill(new_phone.code())
    screenshot(anna.page, "14-turn-off")
    anna.click("Turn Off")
    anna.expect_text("Two-factor authentication has been turned off.")
