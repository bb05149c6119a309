"""One step library, three fronts: what a person does and sees, in the article's words.

Steps talk to a ``Driver``; only the driver knows whether the ``Precoro`` service, Flask's
test client or a real browser is behind it. A driver presses only the buttons the page it
shows offers: a missing button is a failure, never a request sent in its place. A request
sent without a page is a step of its own (``send_by_hand``), said so in the feature file.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from tests.drivers.phone import Phone


class Screen(Enum):
    """The screens of Precoro a person can be on, named as the article names them."""

    SIGN_IN = "sign in"
    CODE_STEP = "the 6-digit code step"
    DASHBOARD = "the dashboard"
    PURCHASE_ORDERS = "Purchase orders"
    PROFILE = "Profile settings"
    TWO_FACTOR = "two-factor authentication settings"
    TURN_ON = "Turn On"
    SET_UP = "the QR code and the secret"
    TURN_OFF = "Turn Off"
    CHANGE = "change the authentication application"
    ACCOUNT_SETTINGS = "Configuration → Account Settings"
    USERS = "Configuration → Users"
    RECOVERY_REQUESTS = "Configuration → Recovery requests"
    AUDIT_LOG = "Configuration → Audit log"
    SUPPORT = "Support → Recovery requests"
    REFUSED = "a page that refuses"
    BACKUP_CODES = "the backup codes, shown once"
    REGENERATE = "regenerate backup codes"
    CONFIRM_RESET = "support's confirmation before a reset"
    MAILBOX = "the Mailbox (the app without a mail server)"
    TRY_AGAIN = "the page that asks to try again (Precoro cannot save)"


class ByHand(Enum):
    """A form sent without its page (a forged or replayed request), with the person's session."""

    NEXT = "Next"
    UPDATE = "Update"
    RECORD_REQUEST = "Record request"
    APPROVE = "Approve"
    REJECT = "Reject"
    RESET = "Reset"
    SUPPORT_APPROVE = "Approve on Support → Recovery requests"
    TIME_ZONE = "Update on Profile settings"


@dataclass(slots=True)
class Person:
    """Someone a scenario names ("Eve"); their login is unique to the scenario."""

    name: str
    company: str
    company_id: str
    role: str
    login: str
    phone: Phone | None = None
    new_phone: Phone | None = None
    backup_codes: list[str] = field(default_factory=list)
    """The sheet of backup codes the person kept (beyond the article), unused first."""
    used_backup_codes: list[str] = field(default_factory=list)
    old_backup_codes: list[str] = field(default_factory=list)
    """The sheet that new codes replaced."""


@dataclass(frozen=True, slots=True)
class Seen:
    """What a person sees after doing something: the one answer of every driver."""

    who: str
    """The login of the person who acted (or the login typed, for someone unnamed)."""
    screen: Screen
    page: str | None = None
    """The address of the page this was read from; None when no page was read (the service
    driver). A step that checks what a page says or offers reads it through ``on_page``."""
    signed_in_as: str | None = None
    menu: tuple[str, ...] = ()
    """The links of the menu, in its order."""
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()
    """Success and information notices."""
    status: str | None = None
    """The status sentence of the Two-factor authentication page: on, off, waiting for
    confirmation (off, with an application chosen)."""
    application: str | None = None
    buttons: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    beside: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The warnings that stand beside each choice (inside its label), by choice."""
    notes: tuple[str, ...] = ()
    qr_uri: str | None = None
    """The QR code as a phone reads it; None when no QR code is shown."""
    qr_formats: tuple[str, ...] = ()
    qr_caption: str | None = None
    """The caption under the QR code (a page's ``figcaption``), if shown."""
    grouped_secret: str | None = None
    rows: tuple[Mapping[str, str], ...] = field(default=(), repr=False)
    """The rows of the page's table, by column heading."""
    box_ticked: bool | None = None
    lost_phone: tuple[str, ...] = ()
    """What the page says under "Lost your phone?", application by application."""
    authy_article: str | None = None
    """The address of the link to the article on restoring an Authy account, if shown."""
    authy_article_label: str | None = None
    """The words of that link, as the page shows them."""
    request_waiting: str | None = None
    """The banner of every page an admin opens while a recovery request waits for him."""
    backup_codes: tuple[str, ...] = ()
    """Backup codes shown on the page (beyond the article): once, after Confirm or regenerate."""
    backup_codes_left: int | None = None
    download: str | None = None
    """The text of the page's download link for its backup codes."""
    boxes: tuple[str, ...] = ()
    """The labels of the page's checkboxes."""
    trusted_browsers: int | None = None
    words: tuple[str, ...] = field(default=(), repr=False)
    """The page's words as a person reads them, block by block in the page's order: each
    heading, paragraph, list item, label, legend, button, link, caption, notice and table
    cell, and an image's alternative text."""


def on_page(seen: Seen) -> Seen:
    """``seen``, read from a page: what a page says or offers is never checked without one.

    The service driver reads no page; a scenario that checks a page's words, its buttons or
    where it answers is tagged ``@pages`` and runs on the HTTP and browser drivers only.
    """
    assert seen.page is not None, (
        f"no page was read ({seen.screen.value}): a scenario that checks what a page says or "
        "offers is tagged @pages"
    )
    return seen


def reached(seen: Seen, screen: Screen) -> Seen:
    """``seen``, which must be ``screen``: a way that ends on another page fails."""
    assert seen.screen is screen, f"not on {screen.value}: {seen}"
    return seen


class Driver(Protocol):
    """What a person does in Precoro, and what they see; every action answers ``Seen``."""

    def sign_in(self, person: Person | None, login: str, password: str | None) -> Seen: ...
    def sign_in_and_out_in_own_browser(self, person: Person) -> Seen:
        """Login, password and code in the person's own browser, then Sign out: the browser
        keeps what shows it signed in as them before (the device cookie)."""
        ...

    def sign_in_in_own_browser(self, person: Person, password: str | None) -> Seen:
        """Login and password in the browser the person signed in from before."""
        ...

    def enter_code(self, person: Person, code: object) -> Seen: ...
    def enter_code_without_attempt(self, person: Person, code: object) -> Seen: ...
    def try_sign_in(self, person: Person, code: object) -> Seen:
        """Login, password and ``code`` in another window; the person's own stays as it is."""
        ...

    def go_to_two_factor(self, person: Person) -> Seen: ...
    def press_turn_on(self, person: Person) -> Seen: ...
    def press_turn_off(self, person: Person) -> Seen:
        """Turn Off on the Two-factor authentication page: the Turn Off page, with its code."""
        ...

    def choose_and_press_next(self, person: Person, application: str) -> Seen: ...
    def confirm(self, person: Person, code: object) -> Seen: ...
    def turn_off(self, person: Person, code: object) -> Seen:
        """The code typed on the Turn Off page (which must be open), and its Turn Off."""
        ...

    def change_application(self, person: Person, code: object, application: str) -> Seen: ...
    def cancel(self, person: Person) -> Seen:
        """Cancel on the step of Turn On, Turn Off or the change that the person has open."""
        ...

    def open_address(self, person: Person, screen: Screen) -> Seen: ...
    def click(self, person: Person, destination: Screen) -> Seen:
        """The menu's link to ``destination`` (Sign out for ``Screen.SIGN_IN``)."""
        ...

    def open_account_settings(self, person: Person) -> Seen: ...
    def open_users(self, person: Person) -> Seen:
        """Configuration → Users: the company's people and their two-factor authentication."""
        ...

    def update_account_settings(self, person: Person, box: str, ticked: bool) -> Seen: ...
    def record_request(
        self, agent: Person, login: str, channel: str, authy_restore_failed: bool
    ) -> Seen: ...
    def decide(self, admin: Person, login: str, button: str) -> Seen: ...
    def reset(self, agent: Person, login: str) -> Seen: ...
    def press_reset(self, agent: Person, login: str) -> Seen:
        """Reset beside the request on Support → Recovery requests: the page that asks support
        to confirm (``reset`` then presses its Reset)."""
        ...

    def send_by_hand(self, person: Person, form: ByHand, fields: Mapping[str, str]) -> Seen: ...
    def try_again(self, person: Person) -> Seen:
        """Try again on the page that asked to, in the window where the person met it."""
        ...

    def look(self, person: Person, screen: Screen) -> Seen:
        """The screen opened in another tab of the person's browser, the current one kept."""
        ...

    def follow(self, person: Person, link: str) -> Seen:
        """The link labelled ``link`` on the page the person has open (Older, Newer)."""
        ...

    # Times in the reader's time zone (spec/features/time_zone.feature)
    def set_browser_time_zone(self, person: Person, zone: str) -> None:
        """The time zone of the person's browser, in every window they open from now on."""
        ...

    def choose_time_zone(self, person: Person, option: str) -> Seen:
        """Profile settings: ``option`` chosen in the Time zone list (a zone, or "Your
        browser's time zone"), and Update."""
        ...

    # Beyond the article (spec/features/beyond_the_article/)
    def set_grace_period(self, person: Person, hours: int) -> Seen:
        """Configuration → Account Settings: the grace period typed in, and Update."""
        ...

    def enter_backup_code(self, person: Person, backup_code: str) -> Seen: ...
    def enter_code_and_trust_browser(self, person: Person, code: object) -> Seen: ...
    def sign_in_again(self, person: Person) -> Seen:
        """Login and password in the browser the person trusted (signed out there first)."""
        ...

    def copy_trusted_browser(self, owner: Person, into: Person) -> None:
        """The owner's trust cookie copied into a browser of ``into`` (their trusted one now)."""
        ...

    def forge_trusted_browser(self, person: Person, token: str) -> None: ...
    def forget_trusted_browsers(self, person: Person) -> Seen: ...
    def set_trust_period(self, person: Person, days: int) -> Seen: ...
    def regenerate_backup_codes(self, person: Person, code: object) -> Seen: ...
    def change_application_with_backup_code(
        self, person: Person, backup_code: str, application: str
    ) -> Seen: ...
