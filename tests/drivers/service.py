"""The service driver: a person's actions as calls of the ``Precoro`` service.

Every use of the ``Precoro`` API by a driver is here. The driver keeps, for each person, the
screen last shown, and presses only what the service allows there (``buttons``, ``choices``
and ``boxes`` record it), as the pages do. It reads no page, so it writes no page's words:
what it answers is the service's own (who is signed in, the status, a refusal's reason and
the domain's words for it, the rows of data a page would show). Scenarios about what a page
says or offers are tagged ``@pages`` and run on the HTTP and browser drivers only.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from precoro_2fa import (
    Activated,
    ApplicationChanged,
    AuthenticationApplication,
    Channel,
    CodeRejected,
    CodeRequired,
    Destination,
    Enrollment,
    NotAnAdminOfThisCompany,
    NotASupportAgent,
    Precoro,
    RequestStatus,
    SignedIn,
    SignInBlocked,
    SignInExpired,
    SignInRefused,
    TwoFactorRuleBroken,
    TwoFactorStatus,
    UnknownCompany,
    UnknownRequest,
)
from precoro_2fa.domain.exceptions import NoApplicationChosen
from precoro_2fa.domain.time_zones import local, time_zone_names, zone_shown
from precoro_2fa.entrypoints.web.forms import BROWSERS_TIME_ZONE
from precoro_2fa.service_layer.views import SupportAction
from tests.drivers import ByHand, Person, Screen, Seen
from tests.drivers.phone import decode_qr
from tests.drivers.stage import PASSWORD

APPLICATIONS = {application.value: application for application in AuthenticationApplication}
CHANNELS = {channel.value: channel for channel in Channel}
NEXT, OFF = ("Next", "Cancel"), ("Turn Off", "Cancel")
"""The buttons of Turn On and the change, and of Turn Off: each step has a Cancel."""


def _local(at: datetime | None, zone: str, shown: str) -> str:
    """A time as a page's table shows it, on the clocks of ``zone``."""
    return "" if at is None else local(at, zone).strftime(shown)


NOT_THEIRS = (NotAnAdminOfThisCompany, NotASupportAgent, UnknownCompany, UnknownRequest)
"""Refusals of a page that is not the person's; any other broken rule is answered on the page
of the section where the person acted (``ANSWERED_ON``)."""
ANSWERED_ON = {
    ByHand.NEXT: Screen.TWO_FACTOR,
    ByHand.APPROVE: Screen.RECOVERY_REQUESTS,
    ByHand.REJECT: Screen.RECOVERY_REQUESTS,
    ByHand.RESET: Screen.SUPPORT,
    ByHand.SUPPORT_APPROVE: Screen.SUPPORT,
    ByHand.TIME_ZONE: Screen.PROFILE,
}
TWO_FACTOR_SCREENS = (
    Screen.TWO_FACTOR,
    Screen.TURN_ON,
    Screen.SET_UP,
    Screen.TURN_OFF,
    Screen.CHANGE,
)


@dataclass
class ServiceDriver:
    precoro: Precoro
    shown: dict[str, Seen] = field(default_factory=dict)
    """The screen each person (by login) has in front of them."""
    attempts: dict[str, str] = field(default_factory=dict)
    """Each person's latest sign-in attempt, by login."""
    code_steps: dict[str, Seen] = field(default_factory=dict)
    """Each person's latest code step, with the buttons it offers."""
    trusted: dict[str, str] = field(default_factory=dict)
    """The trust cookie of the browser each person trusted (beyond the article)."""
    devices: dict[str, str] = field(default_factory=dict)
    """The device id of each person's own browser (by login), once they signed in from it."""
    browser_zones: dict[str, str] = field(default_factory=dict)
    """The time zone of each person's browser (by login), where a scenario sets one."""

    # --- signing in

    def sign_in(self, person: Person | None, login: str, password: str | None) -> Seen:
        return self._password_answer(login, self.precoro.sign_in(login, password))

    def sign_in_and_out_in_own_browser(self, person: Person) -> Seen:
        assert person.phone is not None, f"{person.name} cannot sign in without a phone"
        asked = self.precoro.sign_in(person.login, PASSWORD)
        assert isinstance(asked, CodeRequired), asked
        signed_in = self.precoro.enter_code(asked.attempt_id, person.phone.code())
        assert isinstance(signed_in, SignedIn), signed_in
        self.devices[person.login] = signed_in.device
        return Seen(person.login, Screen.SIGN_IN)

    def sign_in_in_own_browser(self, person: Person, password: str | None) -> Seen:
        device = self.devices[person.login]
        return self._password_answer(
            person.login, self.precoro.sign_in(person.login, password, device)
        )

    def _password_answer(
        self, login: str, outcome: SignedIn | CodeRequired | SignInRefused | SignInBlocked
    ) -> Seen:
        if isinstance(outcome, SignInBlocked):
            return Seen(login, Screen.SIGN_IN, errors=(self._said(login, outcome, False),))
        if isinstance(outcome, SignInRefused):
            return Seen(login, Screen.SIGN_IN, errors=(outcome.message,))
        if isinstance(outcome, CodeRequired):
            self.attempts[login] = outcome.attempt_id
            offered = ("Use backup code",) if outcome.backup_codes else ()
            boxes = ("Trust this browser",) if outcome.trust_browser_days else ()
            buttons = ("Sign in", *offered)
            seen = replace(self._code_step(login), buttons=buttons, boxes=boxes)
            self.code_steps[login] = seen
            return seen
        return self._signed_in(outcome)

    def enter_code(self, person: Person, code: object) -> Seen:
        attempt = self.attempts.get(person.login)
        assert attempt is not None, f"{person.name} has not entered a login and password"
        return self._code_answer(person, self.precoro.enter_code(attempt, code))

    def enter_code_without_attempt(self, person: Person, code: object) -> Seen:
        return self._code_answer(person, self.precoro.enter_code("nobody opened this", code))

    def try_sign_in(self, person: Person, code: object) -> Seen:
        """Login, password and ``code`` in another window; the person's own stays as it is."""
        outcome = self.precoro.sign_in(person.login, PASSWORD)
        assert isinstance(outcome, CodeRequired), outcome
        return self._code_answer(person, self.precoro.enter_code(outcome.attempt_id, code))

    def _code_answer(
        self, person: Person, verdict: SignedIn | CodeRejected | SignInExpired
    ) -> Seen:
        if isinstance(verdict, SignedIn):
            return self._signed_in(verdict)
        if isinstance(verdict, SignInExpired):
            return Seen(person.login, Screen.SIGN_IN, messages=(verdict.message,))
        step = self.code_steps.get(person.login) or self._code_step(person.login)
        return replace(step, errors=(self._said(person.login, verdict, False),))

    def _code_step(self, login: str, errors: tuple[str, ...] = ()) -> Seen:
        """The code step, and what it says under "Lost your phone?" for each application."""
        return Seen(
            login,
            Screen.CODE_STEP,
            errors=errors,
            lost_phone=tuple(application.lost_phone for application in AuthenticationApplication),
            authy_article=self.precoro.config.authy_restore_article,
        )

    def _signed_in(self, signed_in: SignedIn) -> Seen:
        seen = self._open(signed_in.login, Screen.DASHBOARD)
        if signed_in.notice is not None:
            assert seen.warnings == (signed_in.notice,), seen
        return replace(seen, backup_codes_left=signed_in.backup_codes_left)

    # --- beyond the article: backup codes

    def enter_backup_code(self, person: Person, backup_code: str) -> Seen:
        step = self.code_steps.get(person.login)
        assert step is not None, f"{person.name} has not entered a login and password"
        assert "Use backup code" in step.buttons, f"no Use backup code on the code step: {step}"
        verdict = self.precoro.enter_backup_code(self.attempts[person.login], backup_code)
        return self._code_answer(person, verdict)

    def regenerate_backup_codes(self, person: Person, code: object) -> Seen:
        self.go_to_two_factor(person)
        self._offered(person, "Regenerate backup codes")

        def press() -> Seen:
            outcome = self.precoro.regenerate_backup_codes(person.login, code)
            if isinstance(outcome, CodeRejected):
                return Seen(
                    person.login, Screen.REGENERATE, errors=(self._said(person.login, outcome),)
                )
            return self._backup_codes(person.login, outcome.backup_codes)

        return self._show(person, self._refusable(person.login, press, Screen.TWO_FACTOR))

    def change_application_with_backup_code(
        self, person: Person, backup_code: str, application: str
    ) -> Seen:
        self.go_to_two_factor(person)
        page = self.precoro.two_factor_view(person.login)
        self._offered(person, "Change authentication application")
        assert page.backup_codes_left is not None, "no Backup code field on the change page"
        chosen = APPLICATIONS[application]

        def press() -> Seen:
            outcome = self.precoro.change_application_with_backup_code(
                person.login, backup_code, chosen
            )
            if isinstance(outcome, CodeRejected):
                return Seen(
                    person.login, Screen.CHANGE, errors=(self._said(person.login, outcome),)
                )
            return self._set_up(outcome)

        return self._show(person, self._refusable(person.login, press, Screen.TWO_FACTOR))

    def set_grace_period(self, person: Person, hours: int) -> Seen:
        login = person.login
        return self._update_option(
            person,
            lambda required: self.precoro.update_account_settings(
                login, required, grace_period_hours=hours
            ),
        )

    def _update_option(self, person: Person, update: Callable[[bool], None]) -> Seen:
        """Configuration → Account Settings, one option changed (``update``, given whether
        Required two-factor authentication is ticked), Update."""
        if self.shown.get(person.login, Seen("", Screen.SIGN_IN)).screen is not (
            Screen.ACCOUNT_SETTINGS
        ):
            self.open_account_settings(person)
        required = self.precoro.account_settings(person.login)

        def press() -> Seen:
            update(required)
            return self._account_settings(person.login)

        return self._show(person, self._refusable(person.login, press, Screen.ACCOUNT_SETTINGS))

    # --- beyond the article: trust this browser

    def enter_code_and_trust_browser(self, person: Person, code: object) -> Seen:
        step = self.code_steps.get(person.login)
        assert step is not None, f"{person.name} has not entered a login and password"
        assert "Trust this browser" in step.boxes, f"no Trust this browser box: {step}"
        verdict = self.precoro.enter_code(self.attempts[person.login], code, trust_browser=True)
        if isinstance(verdict, SignedIn) and verdict.trusted_browser is not None:
            self.trusted[person.login] = verdict.trusted_browser
        return self._code_answer(person, verdict)

    def sign_in_again(self, person: Person) -> Seen:
        trusted = self.trusted.get(person.login)
        outcome = self.precoro.sign_in(person.login, PASSWORD, trusted_browser=trusted)
        return self._password_answer(person.login, outcome)

    def copy_trusted_browser(self, owner: Person, into: Person) -> None:
        self.trusted[into.login] = self.trusted[owner.login]

    def forge_trusted_browser(self, person: Person, token: str) -> None:
        self.trusted[person.login] = token

    def forget_trusted_browsers(self, person: Person) -> Seen:
        self.go_to_two_factor(person)
        self._offered(person, "Forget trusted browsers")
        self.precoro.forget_trusted_browsers(person.login)
        self.trusted.pop(person.login, None)  # the response deletes the cookie
        return self._show(person, self._settings(person.login))

    def set_trust_period(self, person: Person, days: int) -> Seen:
        login = person.login
        return self._update_option(
            person,
            lambda required: self.precoro.update_account_settings(
                login, required, trust_browser_days=days
            ),
        )

    def _backup_codes(self, login: str, codes: tuple[str, ...]) -> Seen:
        return Seen(login, Screen.BACKUP_CODES, signed_in_as=login, backup_codes=codes)

    # --- Profile settings → Two-factor authentication

    def go_to_two_factor(self, person: Person) -> Seen:
        return self._show(person, self._open(person.login, Screen.TWO_FACTOR))

    def press_turn_on(self, person: Person) -> Seen:
        self._offered(person, "Turn On")
        return self._show(person, self._turn_on_page(person.login))

    def choose_and_press_next(self, person: Person, application: str) -> Seen:
        self._offered(person, "Next", application)
        chosen = APPLICATIONS[application]
        return self._show(
            person,
            self._refusable(
                person.login, lambda: self._choose(person.login, chosen), Screen.TWO_FACTOR
            ),
        )

    def confirm(self, person: Person, code: object) -> Seen:
        set_up = self._offered(person, "Confirm")

        def press() -> Seen:
            verdict = self.precoro.confirm(person.login, code)
            if isinstance(verdict, CodeRejected):
                return replace(set_up, errors=(self._said(person.login, verdict),))
            if isinstance(verdict, Activated) and verdict.backup_codes:
                return self._backup_codes(person.login, verdict.backup_codes)
            assert isinstance(verdict, Activated | ApplicationChanged), verdict
            return self._settings(person.login)

        return self._show(person, self._refusable(person.login, press, Screen.TWO_FACTOR))

    def press_turn_off(self, person: Person) -> Seen:
        self._offered(person, "Turn Off")
        return self._show(person, self._open(person.login, Screen.TURN_OFF))

    def turn_off(self, person: Person, code: object) -> Seen:
        shown = self.shown.get(person.login)
        assert shown is not None and shown.screen is Screen.TURN_OFF, (
            f"{person.name} has no Turn Off page open: {shown}"
        )

        def press() -> Seen:
            if isinstance(verdict := self.precoro.turn_off(person.login, code), CodeRejected):
                return Seen(
                    person.login,
                    Screen.TURN_OFF,
                    errors=(self._said(person.login, verdict),),
                    buttons=OFF,
                )
            return self._settings(person.login)

        return self._show(person, self._refusable(person.login, press, Screen.TWO_FACTOR))

    def change_application(self, person: Person, code: object, application: str) -> Seen:
        self._on_or_offered(person, Screen.CHANGE, "Change authentication application")
        chosen = APPLICATIONS[application]

        def press() -> Seen:
            outcome = self.precoro.change_application(person.login, code, chosen)
            if isinstance(outcome, CodeRejected):
                return Seen(
                    person.login,
                    Screen.CHANGE,
                    errors=(self._said(person.login, outcome),),
                    buttons=NEXT,
                )
            return self._set_up(outcome)

        return self._show(person, self._refusable(person.login, press, Screen.TWO_FACTOR))

    def cancel(self, person: Person) -> Seen:
        shown = self._offered(person, "Cancel")
        if shown.screen is Screen.TURN_OFF:  # nothing pending: back to the settings
            return self._show(person, self._settings(person.login))
        self.precoro.cancel(person.login)
        return self._show(person, self._settings(person.login))

    # --- addresses, links and the menu

    def open_address(self, person: Person, screen: Screen) -> Seen:
        return self._show(person, self._open(person.login, screen))

    def click(self, person: Person, destination: Screen) -> Seen:
        if destination is Screen.SIGN_IN:
            self.shown.pop(person.login, None)
            return Seen(person.login, Screen.SIGN_IN)
        return self._show(person, self._open(person.login, destination))

    def look(self, person: Person, screen: Screen) -> Seen:
        return self._open(person.login, screen)

    def follow(self, person: Person, link: str) -> Seen:
        raise AssertionError(f"no page, no link {link!r}: a scenario that follows one is @pages")

    def try_again(self, person: Person) -> Seen:
        raise AssertionError("no page asks to try again: a scenario that meets one is @pages")

    # --- times in the reader's time zone

    def set_browser_time_zone(self, person: Person, zone: str) -> None:
        self.browser_zones[person.login] = zone

    def choose_time_zone(self, person: Person, option: str) -> Seen:
        self._show(person, self._open(person.login, Screen.PROFILE))
        shown = self._offered(person, "Update")
        assert option in shown.choices, f"no {option!r} in the Time zone list"
        zone = "" if option == BROWSERS_TIME_ZONE else option
        return self._show(person, self.send_by_hand(person, ByHand.TIME_ZONE, {"time_zone": zone}))

    def _choose_zone(self, login: str, zone: str) -> Seen:
        self.precoro.choose_time_zone(login, zone)
        return self._profile(login)

    def _profile(self, login: str) -> Seen:
        choices = (BROWSERS_TIME_ZONE, *time_zone_names())
        return replace(self._page(login, Screen.PROFILE), buttons=("Update",), choices=choices)

    def _zone(self, login: str, chosen: str | None) -> str:
        """Where ``login`` reads a time: in ``chosen``, else the browser's zone, else UTC."""
        return zone_shown(chosen, self.browser_zones.get(login))

    def _said(
        self, login: str, refused: CodeRejected | SignInBlocked, signed_in: bool = True
    ) -> str:
        """A refusal's message, with the time a lock ends in the person's zone (the code
        step has no one signed in: the browser's zone)."""
        zone = self._reader_zone(login) if signed_in else self._zone(login, None)
        return refused.message_in(zone)

    # --- Configuration and Support

    def open_account_settings(self, person: Person) -> Seen:
        assert person.role == "admin", f"no Configuration in the menu of {person.name}"
        return self._show(person, self._open(person.login, Screen.ACCOUNT_SETTINGS))

    def open_users(self, person: Person) -> Seen:
        assert person.role == "admin", f"no Configuration in the menu of {person.name}"
        return self._show(person, self._open(person.login, Screen.USERS))

    def update_account_settings(self, person: Person, box: str, ticked: bool) -> Seen:
        self._offered(person, "Update")
        required = self.precoro.account_settings(person.login)
        if box == "Allow backup codes":
            self.precoro.update_account_settings(person.login, required, backup_codes=ticked)
        else:
            assert box == "Required two-factor authentication", f"no box {box!r}"
            self.precoro.update_account_settings(person.login, ticked)
        return self._show(person, self._open(person.login, Screen.ACCOUNT_SETTINGS))

    def record_request(
        self, agent: Person, login: str, channel: str, authy_restore_failed: bool
    ) -> Seen:
        assert agent.role == "support", f"no Support in the menu of {agent.name}"
        return self._show(agent, self._record(agent, login, channel, authy_restore_failed))

    def decide(self, admin: Person, login: str, button: str) -> Seen:
        if admin.role == "support":
            return self._support_decides(admin, login, button)
        waiting = [
            row.request
            for row in self.precoro.requests_to_decide(admin.login)
            if row.request.login == login and row.request.status is RequestStatus.REQUESTED
        ]
        assert waiting and login != admin.login, (
            f"no {button} in the row of {login} for {admin.name}"
        )
        return self.send_by_hand(admin, ByHand(button), {"request": waiting[0].id})

    def _support_decides(self, agent: Person, login: str, button: str) -> Seen:
        """The request of a company's only admin, in its row on Support → Recovery requests."""
        request = self._offering(agent, login, SupportAction.DECIDE)
        command = self.precoro.approve if button == "Approve" else self.precoro.reject
        done = self._request_done(agent.login, command, {"request": request})
        return replace(done, screen=Screen.SUPPORT)

    def press_reset(self, agent: Person, login: str) -> Seen:
        raise AssertionError("no page asks support to confirm: a scenario that reads it is @pages")

    def reset(self, agent: Person, login: str) -> Seen:
        request = self._offering(agent, login, SupportAction.RESET)
        return self.send_by_hand(agent, ByHand.RESET, {"request": request})

    def send_by_hand(self, person: Person, form: ByHand, fields: Mapping[str, str]) -> Seen:
        login = person.login
        sent: dict[ByHand, Callable[[], Seen]] = {
            ByHand.NEXT: lambda: self._choose(
                login, AuthenticationApplication[fields["application"]]
            ),
            ByHand.UPDATE: lambda: self._update(login, fields.get("required_two_factor") == "y"),
            ByHand.RECORD_REQUEST: lambda: self._record(
                person, fields["login"], Channel[fields["channel"]].value, False
            ),
            ByHand.APPROVE: lambda: self._request_done(login, self.precoro.approve, fields),
            ByHand.REJECT: lambda: self._request_done(login, self.precoro.reject, fields),
            ByHand.RESET: lambda: self._request_done(login, self.precoro.reset, fields),
            ByHand.SUPPORT_APPROVE: lambda: self._request_done(login, self.precoro.approve, fields),
            ByHand.TIME_ZONE: lambda: self._choose_zone(login, fields["time_zone"]),
        }
        return self._refusable(login, sent[form], ANSWERED_ON.get(form))

    # --- what a screen shows

    def _open(self, login: str, screen: Screen) -> Seen:
        """The screen, or where the company's Required two-factor authentication leads."""
        requested = Destination.TWO_FACTOR_SETTINGS if screen in TWO_FACTOR_SCREENS else None
        led_to = self.precoro.destination(login, requested or Destination.ELSEWHERE)
        if led_to is Destination.TWO_FACTOR_SETTINGS and screen not in TWO_FACTOR_SCREENS:
            return self._settings(login)
        inside = screen in TWO_FACTOR_SCREENS and screen is not Screen.TWO_FACTOR
        where = Screen.TWO_FACTOR if inside else None
        seen = self._refusable(login, lambda: self._screen(login, screen), where)
        return seen

    def _screen(self, login: str, screen: Screen) -> Seen:
        screens: dict[Screen, Callable[[], Seen]] = {
            Screen.DASHBOARD: lambda: self._page(login, Screen.DASHBOARD),
            Screen.PURCHASE_ORDERS: lambda: self._page(login, Screen.PURCHASE_ORDERS),
            Screen.TWO_FACTOR: lambda: self._settings(login),
            Screen.TURN_ON: lambda: self._turn_on_page(login),
            Screen.SET_UP: lambda: self._pending(login),
            Screen.TURN_OFF: lambda: Seen(login, Screen.TURN_OFF, buttons=OFF),
            Screen.CHANGE: lambda: Seen(login, Screen.CHANGE, buttons=NEXT),
            Screen.ACCOUNT_SETTINGS: lambda: self._account_settings(login),
            Screen.USERS: lambda: self._users(login),
            Screen.RECOVERY_REQUESTS: lambda: self._requests(login),
            Screen.SUPPORT: lambda: self._support(login),
            Screen.AUDIT_LOG: lambda: self._audit_log(login),
            Screen.PROFILE: lambda: self._profile(login),
        }
        return screens[screen]()

    def _page(self, login: str, screen: Screen) -> Seen:
        """An ordinary page: a grace period's warning notice on it, if any (beyond the article)."""
        visitor = self.precoro.visitor(login)
        notice = visitor.grace_notice_in(self._zone(login, visitor.time_zone))
        return Seen(login, screen, signed_in_as=login, warnings=(notice,) if notice else ())

    def _settings(self, login: str) -> Seen:
        page = self.precoro.two_factor_view(login)
        grace = page.visitor.grace_notice_in(self._zone(login, page.visitor.time_zone))
        on = page.status is TwoFactorStatus.ON
        buttons: tuple[str, ...] = ("Change authentication application",) if on else ("Turn On",)
        if page.backup_codes_left is not None:
            buttons = ("Regenerate backup codes", *buttons)
        if page.trusted_browsers is not None:
            buttons = ("Forget trusted browsers", *buttons)
        return Seen(
            login,
            Screen.TWO_FACTOR,
            signed_in_as=login,
            warnings=tuple(notice for notice in (grace, page.notice) if notice),
            status=page.status.value,
            application=page.application.value if on and page.application else None,
            buttons=buttons + (("Turn Off",) if page.can_turn_off else ()),
            lost_phone=tuple(application.lost_phone for application in page.lost_phone),
            authy_article=self.precoro.config.authy_restore_article
            if AuthenticationApplication.AUTHY in page.lost_phone
            else None,
            backup_codes_left=page.backup_codes_left,
            trusted_browsers=page.trusted_browsers,
        )

    def _turn_on_page(self, login: str) -> Seen:
        try:
            offered = self.precoro.turn_on(login).applications
        except TwoFactorRuleBroken as broken:
            return self._answered(login, broken, Screen.TWO_FACTOR)
        notes = tuple(note for application in offered for note in application.notes)
        warnings = tuple(warning for application in offered for warning in application.warnings)
        choices = tuple(application.value for application in offered)
        return Seen(
            login,
            Screen.TURN_ON,
            choices=choices,
            notes=notes,
            warnings=warnings,
            buttons=NEXT,
        )

    def _choose(self, login: str, application: AuthenticationApplication) -> Seen:
        return self._set_up(self.precoro.choose_application(login, application))

    def _pending(self, login: str) -> Seen:
        pending = self.precoro.two_factor_view(login).pending
        if pending is None:
            return replace(self._settings(login), errors=(str(NoApplicationChosen()),))
        return self._set_up(pending)

    def _set_up(self, enrollment: Enrollment) -> Seen:
        png, svg = enrollment.qr_code.png(), enrollment.qr_code.svg()
        formats = ("PNG",) * png.startswith(b"\x89PNG\r\n\x1a\n") + ("SVG",) * ("<svg" in svg)
        return Seen(
            enrollment.login,
            Screen.SET_UP,
            application=enrollment.application.value,
            notes=enrollment.notes,
            warnings=enrollment.warnings,
            qr_uri=decode_qr(png),
            qr_formats=formats,
            grouped_secret=enrollment.grouped_secret,
            buttons=("Confirm", "Cancel"),
        )

    def _account_settings(self, login: str) -> Seen:
        ticked = self.precoro.account_settings(login)
        overview = self.precoro.company_overview(login)
        warning = overview.admin_warning
        return Seen(
            login,
            Screen.ACCOUNT_SETTINGS,
            box_ticked=ticked,
            buttons=("Update",),
            notes=(overview.summary,),
            warnings=(warning,) if warning else (),
        )

    def _users(self, login: str) -> Seen:
        zone = self._reader_zone(login)
        rows = [
            {
                "Person": person.login,
                "Role": person.role.value,
                "Two-factor authentication": "on" if person.status is TwoFactorStatus.ON else "off",
                "Application": person.application.value if person.application else "",
                f"Since ({zone})": _local(person.since, zone, "%Y-%m-%d %H:%M"),
            }
            for person in self.precoro.company_overview(login).people
        ]
        return Seen(login, Screen.USERS, rows=tuple(rows))

    def _update(self, login: str, ticked: bool) -> Seen:
        self.precoro.update_account_settings(login, ticked)
        return self._account_settings(login)

    def _requests(self, login: str) -> Seen:
        """Configuration → Recovery requests: Approve and Reject in the row of each waiting
        request but the admin's own."""
        rows = [
            {
                "Employee": row.request.login,
                "Asked via": row.request.channel.value,
                "State": row.state,
                "Decided by": row.request.decided_by or "",
            }
            for row in self.precoro.requests_to_decide(login)
        ]
        return Seen(login, Screen.RECOVERY_REQUESTS, rows=tuple(rows))

    def _support(self, login: str) -> Seen:
        """Support → Recovery requests: the first page of every request, the last first."""
        zone = self._reader_zone(login)
        rows = [
            {
                "Employee": row.request.login,
                "Company": row.company_name,
                "Asked via": row.request.channel.value,
                f"Recorded ({zone})": _local(row.request.recorded_at, zone, "%Y-%m-%d %H:%M"),
                "State": row.state,
                "Decided by": row.request.decided_by or "",
            }
            for row in self.precoro.support_requests(login).shown
        ]
        return Seen(login, Screen.SUPPORT, rows=tuple(rows), buttons=("Record request",))

    def _offering(self, agent: Person, login: str, action: SupportAction) -> str:
        """The request of ``login`` whose row on Support → Recovery requests offers ``action``."""
        rows = self.precoro.support_requests(agent.login).shown
        offered = [
            row.request.id for row in rows if (row.request.login, row.action) == (login, action)
        ]
        assert offered, f"no {action.value} in the row of {login} for {agent.name}"
        return offered[0]

    def _reader_zone(self, login: str) -> str:
        return self._zone(login, self.precoro.visitor(login).time_zone)

    def _audit_log(self, login: str) -> Seen:
        zone = self._reader_zone(login)
        rows = [
            {
                f"Time ({zone})": _local(event.at, zone, "%Y-%m-%d %H:%M:%S"),
                "Event": event.kind.value,
                "By": event.actor,
                "Employee": event.subject or "",
                "Detail": event.detail,
            }
            for event in self.precoro.audit_trail(login).page.shown  # page 1, newest first
        ]
        return Seen(login, Screen.AUDIT_LOG, rows=tuple(rows))

    def _record(self, agent: Person, login: str, channel: str, authy_failed: bool) -> Seen:
        try:
            self.precoro.request_reset(agent.login, login, CHANNELS[channel], authy_failed)
        except TwoFactorRuleBroken as broken:
            return Seen(agent.login, Screen.SUPPORT, errors=(str(broken),))
        return Seen(agent.login, Screen.SUPPORT, buttons=("Record request",))

    def _request_done(
        self, login: str, command: Callable[[str, str], object], fields: Mapping[str, str]
    ) -> Seen:
        command(login, fields["request"])
        return Seen(login, Screen.RECOVERY_REQUESTS)

    # --- what the person has in front of them

    def _show(self, person: Person, seen: Seen) -> Seen:
        self.shown[person.login] = seen
        return seen

    def _offered(self, person: Person, button: str, choice: str | None = None) -> Seen:
        shown = self.shown.get(person.login)
        assert shown is not None, f"{person.name} has no page open"
        assert button in shown.buttons, f"no {button} on {shown.screen.value}: {shown.buttons}"
        assert choice is None or choice in shown.choices, f"no {choice} on {shown.screen.value}"
        return shown

    def _on_or_offered(self, person: Person, screen: Screen, button: str) -> None:
        shown = self.shown.get(person.login)
        if shown is None or shown.screen is not screen:
            self._offered(person, button)

    def _refusable(self, login: str, press: Callable[[], Seen], where: Screen | None) -> Seen:
        try:
            return press()
        except TwoFactorRuleBroken as broken:
            return self._answered(login, broken, where)

    def _answered(self, login: str, broken: TwoFactorRuleBroken, where: Screen | None) -> Seen:
        """A broken rule, answered on ``where`` (the page of the section where the person
        acted), or on a page that refuses when the section is not theirs."""
        if where is None or isinstance(broken, NOT_THEIRS):
            return Seen(login, Screen.REFUSED, errors=(str(broken),))
        return replace(self._open(login, where), errors=(str(broken),))
