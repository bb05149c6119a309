"""Every page at a phone's width and a laptop's: no sideways scroll, the focus where the
keyboard needs it, and no serious or critical axe-core violation; a screenshot of each."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.conftest import SCREENSHOTS, RunningApp
from tests.browser.test_paths import ADMIN, ANNA, SUPPORT, scan, sign_in
from tests.drivers.browser import Window

NewWindow = Callable[[str], Window]
WIDTHS = (375, 1280)
BLOCKING = {"serious", "critical"}
AXE = Axe()


def focused(page: Page) -> str:
    """The focused element as ``tag#id[name]``, or ``body`` when nothing has focus.

    Read after the page's next rendering update: a browser moves the focus to an
    ``autofocus`` field there ("flush autofocus candidates", before the animation frame
    callbacks), not at the load event, which the page's deferred script can bring first."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => done(null)))")
    return str(
        page.evaluate(
            "() => { const e = document.activeElement;"
            " return `${e.tagName.toLowerCase()}#${e.id}[${e.getAttribute('name') || ''}]`; }"
        )
    )


def in_view(page: Page, selector: str) -> bool:
    return bool(
        page.locator(selector).evaluate(
            "e => { const r = e.getBoundingClientRect();"
            " return r.top >= 0 && r.bottom <= window.innerHeight; }"
        )
    )


def submit(window: Window, button: str) -> None:
    """Press ``button`` without reading the page after (reading the QR code scrolls to it)."""
    with window.page.expect_navigation():
        window.page.get_by_role("button", name=button, exact=True).click()


def blocking_violations(page: Page) -> list[str]:
    violations = AXE.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]


def check(window: Window, width: int, name: str) -> None:
    """The page as it is now: fits the width, code field focused, axe-clean; screenshot."""
    page = window.page
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], (name, width, widths)
    if page.locator("input[name=code]").count():
        assert focused(page) == "input#code[code]", (name, width)
        assert in_view(page, "input[name=code]"), (name, width)
    assert blocking_violations(page) == [], (name, width)
    folder = SCREENSHOTS / f"{width}px"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}.png", full_page=True)


def refused(window: Window, width: int, name: str, focus: str, message: str) -> None:
    """After a refused form the focus is on its message (or its field), in view."""
    assert focus in focused(window.page), (name, width, focused(window.page))
    error = f"#{window.page.evaluate('() => document.activeElement.id')}"
    if error == "#code":
        error = "#code-error"
        assert window.page.locator("#code").get_attribute("aria-describedby") == "code-error"
        assert window.page.locator("#code").get_attribute("aria-invalid") == "true"
    assert window.page.locator(error).inner_text().startswith(message), (name, width)
    assert in_view(window.page, error), (name, width)
    check(window, width, name)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_the_width_has_focus_where_needed_and_no_blocking_axe_violation(
    running_app: RunningApp, new_window: NewWindow, width: int
) -> None:
    def opened(who: str) -> Window:
        window = new_window(who)
        window.page.set_viewport_size({"width": width, "height": 740})
        return window

    visitor = opened("visitor")
    visitor.open("/sign-in")
    check(visitor, width, "01-sign-in")
    visitor.fill("Login", ANNA)
    visitor.fill("Password", "not her password")
    visitor.press("Sign in")
    refused(visitor, width, "02-sign-in-refused", "div#error-summary", "Incorrect login")

    anna = opened(ANNA)
    sign_in(anna, ANNA)
    check(anna, width, "03-dashboard")
    anna.click("Purchase orders")
    check(anna, width, "04-purchase-orders")
    anna.click("Profile settings")
    check(anna, width, "05-profile")
    anna.click("Two-factor authentication")
    check(anna, width, "06-two-factor-off")
    anna.press("Turn On")
    check(anna, width, "07-turn-on")
    anna.choose("Google Authenticator")
    submit(anna, "Next")
    check(anna, width, "08-confirm")
    phone = scan(anna, running_app)
    anna.type("6-digit code", "000000")
    submit(anna, "Confirm")
    refused(anna, width, "09-confirm-refused", "input#code", "This code is incorrect")
    anna.type("6-digit code", phone.code())
    anna.press("Confirm")
    check(anna, width, "10-two-factor-on")
    anna.click("Mailbox")
    check(anna, width, "20-mailbox")
    anna.click("Profile settings")
    anna.click("Two-factor authentication")
    anna.press("Change authentication application")
    check(anna, width, "11-change")
    anna.click("Profile settings")
    anna.click("Two-factor authentication")
    anna.press("Turn Off")
    check(anna, width, "12-turn-off")
    anna.press("Sign out")
    running_app.clock.advance(timedelta(seconds=30))
    sign_in(anna, ANNA)
    check(anna, width, "13-code")
    anna.type("6-digit code", "12345")
    anna.press("Sign in")
    refused(anna, width, "14-code-refused", "input#code", "Enter the 6-digit code")

    support = opened(SUPPORT)
    sign_in(support, SUPPORT)
    support.click("Support")
    support.fill("Employee's login", ANNA)
    support.choose("online chat")
    support.press("Record request")
    check(support, width, "15-support")

    admin = opened(ADMIN)
    sign_in(admin, ADMIN)
    admin.click("Configuration")
    check(admin, width, "16-account-settings")
    admin.click("Users")
    check(admin, width, "17-users")
    admin.click("Configuration")
    admin.click("Recovery requests")
    check(admin, width, "18-recovery-requests")
    admin.click("Configuration")
    admin.click("Audit log")
    check(admin, width, "19-audit-log")
