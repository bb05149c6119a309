"""The service driver: a person's actions as calls of the ``Precoro`` service.

Every use of the ``Precoro`` API by a driver is here. The driver keeps, for each person, the
screen last shown, and presses only what that screen offers, as the pages do; what it shows
is said in the article's (and the app's) words.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from precoro_2fa import (
    ApplicationChanged,
    AuthenticationApplication,
    Channel,
    CodeRejected,
    CodeRequired,
    Destination,
    Enrollment,
    Precoro,
    RequestStatus,
    SignedIn,
    SignInExpired,
    SignInRefused,
    TwoFactorRuleBroken,
    TwoFactorStatus,
)
from precoro_2fa.domain.exceptions import NoApplicationChosen
from precoro_2fa.entrypoints.messages import cancelled
from tests.drivers import ByHand, Person, Screen, Seen
from tests.drivers.phone import decode_qr
from tests.drivers.stage import PASSWORD

ACTIVATED = "Congratulations, you have activated two-factor authentication"
CHANGED = "Your authentication application has been changed."
TURNED_OFF = "Two-factor authentication has been turned off."
UPDATED = "Account Settings have been updated."
SIGNED_OUT = "You have signed out."
APPLICATIONS = {application.value: application for application in AuthenticationApplication}
CHANNELS = {channel.value: channel for channel in Channel}
DESTINATIONS = {
    Screen.ANY_OTHER_PAGE: Destination.ELSEWHERE,
    Screen.TWO_FACTOR: Destination.TWO_FACTOR_SETTINGS,
    Screen.SIGN_IN: Destination.SIGN_OUT,
}
NEXT, OFF = ("Next", "Cancel"), ("Turn Off", "Cancel")
"""The buttons of Turn On and the change, and of Turn Off: each step has a Cancel."""
SCREENS = {destination: screen for screen, destination in DESTINATIONS.items()}
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

    # --- signing in

    def sign_in(self, person: Person | None, login: str, password: str | None) -> Seen:
        outcome = self.precoro.sign_in(login, password)
        if isinstance(outcome, SignInRefused):
            return Seen(login, Screen.SIGN_IN, errors=(outcome.message,))
        if isinstance(outcome, CodeRequired):
            self.attempts[login] = outcome.attempt_id
            return Seen(login, Screen.CODE_STEP)
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
        return Seen(person.login, Screen.CODE_STEP, errors=(verdict.message,))

    def _signed_in(self, signed_in: SignedIn) -> Seen:
        seen = self._open(signed_in.login, Screen.DASHBOARD)
        if signed_in.notice is not None:
            assert seen.warnings == (signed_in.notice,), seen
        return seen

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
            person, self._refusable(person, lambda: self._choose(person.login, chosen))
        )

    def confirm(self, person: Person, code: object) -> Seen:
        set_up = self._offered(person, "Confirm")

        def press() -> Seen:
            verdict = self.precoro.confirm(person.login, code)
            if isinstance(verdict, CodeRejected):
                return replace(set_up, errors=(verdict.message,))
            changed = isinstance(verdict, ApplicationChanged)
            return self._settings(person.login, CHANGED if changed else ACTIVATED)

        return self._show(person, self._refusable(person, press))

    def turn_off(self, person: Person, code: object) -> Seen:
        self._on_or_offered(person, Screen.TURN_OFF, "Turn Off")

        def press() -> Seen:
            if isinstance(verdict := self.precoro.turn_off(person.login, code), CodeRejected):
                return Seen(person.login, Screen.TURN_OFF, errors=(verdict.message,), buttons=OFF)
            return self._settings(person.login, TURNED_OFF)

        return self._show(person, self._refusable(person, press))

    def change_application(self, person: Person, code: object, application: str) -> Seen:
        self._on_or_offered(person, Screen.CHANGE, "Change authentication application")
        chosen = APPLICATIONS[application]

        def press() -> Seen:
            outcome = self.precoro.change_application(person.login, code, chosen)
            if isinstance(outcome, CodeRejected):
                return Seen(person.login, Screen.CHANGE, errors=(outcome.message,), buttons=NEXT)
            return self._set_up(outcome)

        return self._show(person, self._refusable(person, press))

    def cancel(self, person: Person) -> Seen:
        shown = self._offered(person, "Cancel")
        if shown.screen is Screen.TURN_OFF:  # nothing pending: back to the settings
            return self._show(person, self._settings(person.login))
        outcome = self.precoro.cancel(person.login)
        return self._show(person, self._settings(person.login, cancelled(outcome)))

    # --- addresses, links and the menu

    def open_address(self, person: Person, screen: Screen) -> Seen:
        return self._show(person, self._open(person.login, screen))

    def click(self, person: Person, destination: Screen) -> Seen:
        if destination is Screen.SIGN_IN:
            self.shown.pop(person.login, None)
            return Seen(person.login, Screen.SIGN_IN, messages=(SIGNED_OUT,))
        return self._show(person, self._open(person.login, destination))

    def look(self, person: Person, screen: Screen) -> Seen:
        return self._open(person.login, screen)

    # --- Configuration and Support

    def open_account_settings(self, person: Person) -> Seen:
        assert person.role == "admin", f"no Configuration in the menu of {person.name}"
        return self._show(person, self._open(person.login, Screen.ACCOUNT_SETTINGS))

    def open_users(self, person: Person) -> Seen:
        assert person.role == "admin", f"no Configuration in the menu of {person.name}"
        return self._show(person, self._open(person.login, Screen.USERS))

    def update_account_settings(self, person: Person, box: str, ticked: bool) -> Seen:
        self._offered(person, "Update")
        assert box == "Required two-factor authentication", f"no box {box!r}"
        self.precoro.update_account_settings(person.login, ticked)
        seen = self._open(person.login, Screen.ACCOUNT_SETTINGS)
        return self._show(person, replace(seen, messages=(UPDATED,)))

    def record_request(
        self, agent: Person, login: str, channel: str, authy_restore_failed: bool
    ) -> Seen:
        assert agent.role == "support", f"no Support in the menu of {agent.name}"
        return self._show(agent, self._record(agent, login, channel, authy_restore_failed))

    def decide(self, admin: Person, login: str, button: str) -> Seen:
        waiting = [
            r
            for r in self.precoro.requests_to_decide(admin.login)
            if r.login == login and r.status is RequestStatus.REQUESTED
        ]
        assert waiting, f"no {button} in the row of {login} for {admin.name}"
        return self.send_by_hand(admin, ByHand(button), {"request": waiting[0].id})

    def reset(self, agent: Person, login: str) -> Seen:
        approved = [r for r in self.precoro.approved_requests(agent.login) if r.login == login]
        assert approved, f"no Reset in the row of {login} for {agent.name}"
        return self.send_by_hand(agent, ByHand.RESET, {"request": approved[0].id})

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
        }
        return self._refusable(person, sent[form])

    # --- what a screen shows

    def _open(self, login: str, screen: Screen) -> Seen:
        """The screen, or where the company's Required two-factor authentication leads."""
        requested = Destination.TWO_FACTOR_SETTINGS if screen in TWO_FACTOR_SCREENS else None
        led_to = self.precoro.destination(login, requested or Destination.ELSEWHERE)
        if led_to is Destination.TWO_FACTOR_SETTINGS and screen not in TWO_FACTOR_SCREENS:
            return self._settings(login)
        try:
            return self._screen(login, screen)
        except TwoFactorRuleBroken as broken:
            return Seen(login, Screen.REFUSED, errors=(str(broken),))

    def _screen(self, login: str, screen: Screen) -> Seen:
        screens: dict[Screen, Callable[[], Seen]] = {
            Screen.DASHBOARD: lambda: Seen(login, Screen.DASHBOARD, signed_in_as=login),
            Screen.ANY_OTHER_PAGE: lambda: Seen(login, Screen.ANY_OTHER_PAGE, signed_in_as=login),
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
        }
        return screens[screen]()

    def _settings(self, login: str, message: str | None = None) -> Seen:
        page = self.precoro.two_factor_view(login)
        on = page.status is TwoFactorStatus.ON
        buttons = ("Change authentication application",) if on else ("Turn On",)
        return Seen(
            login,
            Screen.TWO_FACTOR,
            signed_in_as=login,
            warnings=(page.notice,) if page.notice else (),
            messages=(message,) if message else (),
            status=page.status.value,
            application=page.application.value if on and page.application else None,
            buttons=buttons + (("Turn Off",) if page.can_turn_off else ()),
        )

    def _turn_on_page(self, login: str) -> Seen:
        try:
            offered = self.precoro.turn_on(login).applications
        except TwoFactorRuleBroken as broken:
            return Seen(login, Screen.REFUSED, errors=(str(broken),))
        notes = tuple(note for application in offered for note in application.notes)
        choices = tuple(application.value for application in offered)
        return Seen(login, Screen.TURN_ON, choices=choices, notes=notes, buttons=NEXT)

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
        rows = [
            {
                "Person": person.login,
                "Role": person.role.value,
                "Two-factor authentication": "on" if person.status is TwoFactorStatus.ON else "off",
                "Application": person.application.value if person.application else "",
                "Since (UTC)": f"{person.since:%Y-%m-%d %H:%M}" if person.since else "",
            }
            for person in self.precoro.company_overview(login).people
        ]
        return Seen(login, Screen.USERS, rows=tuple(rows))

    def _update(self, login: str, ticked: bool) -> Seen:
        self.precoro.update_account_settings(login, ticked)
        return Seen(login, Screen.ACCOUNT_SETTINGS, messages=(UPDATED,))

    def _requests(self, login: str) -> Seen:
        rows = [
            {
                "Employee": r.login,
                "Asked via": r.channel.value,
                "Status": r.status.value,
                "": "Approve Reject" if r.status is RequestStatus.REQUESTED else "",
            }
            for r in self.precoro.requests_to_decide(login)
        ]
        return Seen(login, Screen.RECOVERY_REQUESTS, rows=tuple(rows))

    def _support(self, login: str) -> Seen:
        rows = [{"Employee": r.login} for r in self.precoro.approved_requests(login)]
        return Seen(login, Screen.SUPPORT, rows=tuple(rows), buttons=("Record request",))

    def _audit_log(self, login: str) -> Seen:
        rows = [
            {
                "Time (UTC)": f"{event.at:%Y-%m-%d %H:%M:%S}",
                "Event": event.kind.value,
                "By": event.actor,
                "Employee": event.subject or "",
                "Detail": event.detail,
            }
            for event in reversed(self.precoro.audit_log(login))
        ]
        return Seen(login, Screen.AUDIT_LOG, rows=tuple(rows))

    def _record(self, agent: Person, login: str, channel: str, authy_failed: bool) -> Seen:
        try:
            self.precoro.request_reset(agent.login, login, CHANNELS[channel], authy_failed)
        except TwoFactorRuleBroken as broken:
            return Seen(agent.login, Screen.SUPPORT, errors=(str(broken),))
        return Seen(agent.login, Screen.SUPPORT, messages=(f"Request recorded for {login}",))

    def _request_done(
        self, login: str, command: Callable[[str, str], object], fields: Mapping[str, str]
    ) -> Seen:
        command(login, fields["request"])
        return Seen(login, Screen.RECOVERY_REQUESTS, messages=("Done.",))

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

    def _refusable(self, person: Person, press: Callable[[], Seen]) -> Seen:
        try:
            return press()
        except TwoFactorRuleBroken as broken:
            return Seen(person.login, Screen.REFUSED, errors=(str(broken),))
