"""The trainer notebooks' front: each outcome as its page says it, beside the steps.

``show(outcome)`` gives what the app's page shows after a reading or a command (the message,
the status sentence, the warning notice, the QR code and the grouped secret) as HTML for
JupyterLab, and as plain text for everything else (nbval compares the text). Every word a
page says is read from ``messages`` (``messages.CONFIRM``), the module the app's templates
read as ``texts``: a notebook cannot say other words than the app. ``TryIt`` is the
trainer's own demo account for "Try it with your phone": each start is a fresh account, and
no answer raises. The phone of the frozen-clock scenes: ``scan`` and ``code_on``.

Needs the ``notebooks`` extra (freezegun, zxing-cpp) for the clock and the camera.
"""

import base64
import html
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import singledispatch
from typing import Any

import pyotp

from precoro_2fa import (
    Activated,
    ApplicationChanged,
    ApplicationChoice,
    AuthenticationApplication,
    BackupCodesIssued,
    CodeAccepted,
    CodeRejected,
    CodeRequired,
    Config,
    Enrollment,
    Precoro,
    RecoveryRequest,
    Role,
    SignedIn,
    SignInBlocked,
    SignInExpired,
    SignInRefused,
    TwoFactorRuleBroken,
    TwoFactorStatus,
    TwoFactorView,
    bootstrap,
)
from precoro_2fa.config import AUTHY_RESTORE_ARTICLE as AUTHY_ARTICLE
from precoro_2fa.entrypoints import messages
from precoro_2fa.service_layer.views import RecoveryRequestRow

NINE_O_CLOCK = datetime(2026, 11, 27, 9, 0, 0, tzinfo=UTC)
"""The frozen clock's start: 09:00:00 UTC begins a 30-second step, so codes change on ticks."""

_STYLE = {
    "heading": "font-weight:bold;font-size:1.1em;margin:0 0 .4em",
    "success": "background:#e6f4ea;border-left:4px solid #1e7e34;padding:.3em .6em;margin:.3em 0",
    "error": "background:#fdecea;border-left:4px solid #c62828;padding:.3em .6em;margin:.3em 0",
    "warning": "background:#fff4e5;border-left:4px solid #ef6c00;padding:.3em .6em;margin:.3em 0",
    "note": "color:#555;font-style:italic;margin:.2em 0",
    "text": "margin:.2em 0",
    "secret": "font-family:monospace;font-size:1.2em;letter-spacing:.1em;margin:.3em 0",
    "button": "margin:.4em 0",
    "choice": "margin:.2em 0",
    "box": "margin:.2em 0",
    "caption": "font-size:.9em;margin:.1em 0 .5em",
    "info": "background:#e3f9e5;border-left:4px solid #3ebd93;padding:.3em .6em;margin:.3em 0",
}
_PLAIN_PREFIX = {
    "success": "✔ ",
    "error": "✘ ",
    "warning": "⚠ ",
    "note": "Note: ",
    "choice": "◯ ",
    "box": "☐ ",
}


@dataclass(frozen=True, slots=True)
class Part:
    """One element of a page: a heading, a message, a notice, a note, a button, a QR code…"""

    kind: str
    text: str
    png: bytes = b""
    address: str = ""
    """Where a link leads."""

    def plain(self) -> str:
        if self.kind == "qr":
            return f"[{self.text}]"
        if self.kind == "link":
            return f"{self.text}: {self.address}"
        if self.kind == "button":
            return "   ".join(f"[ {label} ]" for label in self.text.split("|"))
        return _PLAIN_PREFIX.get(self.kind, "") + self.text

    def html(self) -> str:
        if self.kind == "qr":
            data = base64.b64encode(self.png).decode("ascii")
            return f'<img alt="{html.escape(self.text)}" src="data:image/png;base64,{data}">'
        if self.kind == "link":
            address = html.escape(self.address)
            return f'<div><a href="{address}" target="_blank">{html.escape(self.text)}</a></div>'
        if self.kind == "button":
            return (
                f'<div style="{_STYLE["button"]}">'
                + " ".join(_button(label) for label in self.text.split("|"))
                + "</div>"
            )
        prefix = _PLAIN_PREFIX[self.kind] if self.kind in ("choice", "box") else ""
        return f'<div style="{_STYLE[self.kind]}">{prefix}{html.escape(self.text)}</div>'


def _button(label: str) -> str:
    style = "border:1px solid #1565c0;border-radius:4px;padding:.1em .6em;color:#1565c0"
    return f'<span style="{style}">{html.escape(label)}</span>'


class Shown:
    """What a page shows: HTML in JupyterLab, plain text in a terminal and in nbval."""

    def __init__(self, *parts: Part) -> None:
        self.parts = parts

    def __add__(self, other: "Shown") -> "Shown":
        return Shown(*self.parts, *other.parts)

    def __repr__(self) -> str:
        return "\n".join(part.plain() for part in self.parts)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        style = "border:1px solid #ccc;border-radius:6px;padding:.6em .9em;max-width:46em"
        return f'<div style="{style}">' + "".join(part.html() for part in self.parts) + "</div>"


def says(kind: str, text: str) -> Shown:
    """One line of a page: ``says("note", "...")``."""
    return Shown(Part(kind, text))


@singledispatch
def show(outcome: Any) -> Shown:
    """What the page shows for ``outcome`` (a reading, a command's answer, a broken rule)."""
    raise TypeError(f"No page shows a {type(outcome).__name__}")


@show.register
def _(view: TwoFactorView) -> Shown:
    parts = [Part("heading", messages.TWO_FACTOR)]
    if view.notice or view.visitor.grace_notice:
        parts.append(Part("warning", view.notice or view.visitor.grace_notice or ""))
    if view.status is TwoFactorStatus.ON and view.application is not None:
        return Shown(*parts, *_on(view, view.application), *_lost_phone(view.lost_phone))
    parts.append(Part("text", messages.STATUS_OFF))
    if view.pending is not None:
        parts.append(Part("text", messages.you_chose(view.pending.application.value)))
    return Shown(*parts, Part("button", messages.TURN_ON), *_lost_phone(view.lost_phone))


def _on(view: TwoFactorView, application: AuthenticationApplication) -> list[Part]:
    parts = [Part("text", messages.status_on(application.value))]
    if view.pending is not None:
        parts.append(Part("text", messages.changing_to(view.pending.application.value)))
    if view.backup_codes_left is not None:
        parts.append(Part("text", messages.backup_codes_left_count(view.backup_codes_left)))
        parts.append(Part("button", messages.REGENERATE_BACKUP_CODES))
    if view.trusted_browsers is not None:
        parts.append(Part("text", messages.trusted_browsers(view.trusted_browsers)))
        parts.append(Part("button", messages.FORGET_TRUSTED_BROWSERS))
    if view.can_turn_off:
        buttons = f"{messages.CHANGE_APPLICATION}|{messages.TURN_OFF}"
        return [*parts, Part("button", buttons)]
    return [
        *parts,
        Part("button", messages.CHANGE_APPLICATION),
        Part("note", messages.CANNOT_TURN_OFF),
    ]


@show.register
def _(choice: ApplicationChoice) -> Shown:
    parts = [
        Part("heading", messages.TURN_ON_HEADING),
        Part("text", messages.CHOOSE_APPLICATION),
    ]
    for application in choice.applications:
        parts.append(Part("choice", application.value))
        parts.extend(Part("note", note) for note in application.notes)
        parts.extend(Part("warning", warning) for warning in application.warnings)
    return Shown(*parts, Part("button", messages.NEXT))


@show.register
def _(enrollment: Enrollment) -> Shown:
    application = enrollment.application.value
    return Shown(
        Part("heading", messages.set_up(application)),
        *(Part("note", note) for note in enrollment.notes),
        *(Part("warning", warning) for warning in enrollment.warnings),
        Part("qr", messages.qr_code_for(application), enrollment.qr_code.png()),
        Part("caption", messages.INSTALL_AND_SCAN),
        Part("text", messages.IF_NO_QR_CODE),
        Part("secret", enrollment.grouped_secret),
        Part("text", messages.ENTER_THE_CODE),
        Part("button", messages.CONFIRM),
    )


@show.register
def _(activated: Activated) -> Shown:
    if not activated.backup_codes:
        return says("success", messages.ACTIVATED)
    return says("success", messages.ACTIVATED) + _backup_codes(activated.backup_codes)


@show.register
def _(issued: BackupCodesIssued) -> Shown:
    return says("success", messages.REGENERATED) + _backup_codes(issued.backup_codes)


def _backup_codes(codes: tuple[str, ...]) -> Shown:
    """Beyond the article: the backup codes, shown this once."""
    return Shown(
        Part("heading", messages.YOUR_BACKUP_CODES),
        Part("text", messages.KEEP_BACKUP_CODES),
        *(Part("secret", code) for code in codes),
        Part("button", messages.DOWNLOAD_THE_CODES),
    )


@show.register
def _(_: ApplicationChanged) -> Shown:
    return says("success", messages.CHANGED)


@show.register
def _(_: CodeAccepted) -> Shown:
    """Only Turn Off answers with the bare verdict of a code."""
    return says("success", messages.TURNED_OFF)


@show.register
def _(answer: CodeRejected | SignInRefused | SignInBlocked | SignInExpired) -> Shown:
    return says("error", answer.message)


@show.register
def _(rule: TwoFactorRuleBroken) -> Shown:
    return says("error", str(rule))


@show.register
def _(signed_in: SignedIn) -> Shown:
    """The dashboard's welcome, where a sign-in lands; under Required two-factor
    authentication, while 2FA is off, the warning notice of the settings page, where every
    click leads."""
    if signed_in.notice:
        return says("warning", signed_in.notice)
    shown = says("success", messages.welcome(signed_in.login))
    if signed_in.backup_codes_left is None:
        return shown
    return says("info", messages.backup_codes_left(signed_in.backup_codes_left)) + shown


@show.register
def _(required: CodeRequired) -> Shown:
    parts = [Part("heading", messages.TWO_FACTOR), Part("text", messages.ENTER_CODE_FROM_PHONE)]
    if required.trust_browser_days:
        parts.append(Part("box", messages.TRUST_THIS_BROWSER))
        parts.append(Part("note", messages.trusted_for(required.trust_browser_days)))
    parts.append(Part("button", messages.SIGN_IN))
    if required.backup_codes:
        parts.append(Part("button", messages.USE_BACKUP_CODE))
    return Shown(*parts, *_lost_phone(tuple(AuthenticationApplication)))


def _lost_phone(applications: tuple[AuthenticationApplication, ...]) -> list[Part]:
    """Under "Lost your phone?": where to go without the phone, for each application."""
    if not applications:
        return []
    parts = [Part("heading", messages.LOST_YOUR_PHONE)]
    for application in applications:
        parts.append(Part("note", application.lost_phone))
        if application.can_restore_account:
            parts.append(Part("link", messages.AUTHY_ARTICLE_LINK, address=AUTHY_ARTICLE))
    return parts


@show.register
def _(request: RecoveryRequest) -> Shown:
    return _request(request, request.company_id, f"status: {request.status.value}")


@show.register
def _(row: RecoveryRequestRow) -> Shown:
    """A row of Configuration → Recovery requests: the company's name, where it stands."""
    return _request(row.request, row.company_name, f"state: {row.state}")


def _request(request: RecoveryRequest, company: str, standing: str) -> Shown:
    recorded = f"recorded by {request.recorded_by} at {request.recorded_at:%d %b %H:%M}"
    parts = [
        Part("heading", f"{request.login} ({company}), via {request.channel.value}"),
        Part("text", f"{recorded}; {standing}"),
    ]
    if request.decided_by and request.decided_at:
        parts.append(Part("text", f"decided by {request.decided_by} at {request.decided_at:%H:%M}"))
    if request.reset_by and request.reset_at:
        parts.append(Part("text", f"reset by {request.reset_by} at {request.reset_at:%H:%M}"))
    return Shown(*parts)


def show_all(outcomes: Iterable[Any]) -> Shown:
    """Several pages' answers, one after the other (a list of requests, say)."""
    shown = Shown()
    for outcome in outcomes:
        shown += show(outcome)
    return shown


def yes_no(fact: bool) -> str:
    return "yes" if fact else "no"


# The phone, for the frozen-clock scenes.


def scan(qr_code: Any) -> str:
    """The phone's camera: the text held by the QR code image (zxing-cpp reads the PNG)."""
    import zxingcpp
    from PIL import Image

    found = zxingcpp.read_barcode(Image.open(io.BytesIO(qr_code.png())))
    return "" if found is None else str(found.text)


def code_on(phone: pyotp.TOTP, seconds_ago: int = 0) -> str:
    """The 6-digit code the authentication application shows (or showed ``seconds_ago``)."""
    return phone.at(datetime.now(UTC) - timedelta(seconds=seconds_ago))


# The clock: frozen for the scenes, real again for "Try it with your phone".

_frozen: list[Any] = []


def freeze_the_clock(at: datetime = NINE_O_CLOCK) -> Any:
    """Freeze time in this kernel; the returned clock moves with ``clock.tick(seconds)``."""
    from freezegun import freeze_time

    freezer = freeze_time(at)
    _frozen.append(freezer)
    return freezer.start()


def release_the_clock() -> None:
    """Real time again (a phone's clock is real); harmless when it is not frozen."""
    while _frozen:
        _frozen.pop().stop()


# Try it with your phone.

TRAINER = "trainer@training.test"
ADMIN = "admin@training.test"
_PASSWORD = "a long password for training"  # noqa: S105  (a demo account, in memory)
START_OVER = (
    "To start over with a fresh demo account and a new QR code, run the cell "
    "try_it = TryIt.start(…) above and scan its QR code."
)
TYPE_A_CODE = "Type the 6 digits your app shows between the quotes, then run this cell."


class TryIt:
    """The trainer's demo account, on a Precoro of its own with a real clock and a random secret.

    Every answer is shown as the page says it, never raised: a broken rule or a lock comes
    with the one cell to run to start over.
    """

    def __init__(self, precoro: Precoro, enrollment: Enrollment) -> None:
        self.precoro = precoro
        self.enrollment = enrollment

    @classmethod
    def start(
        cls,
        application: AuthenticationApplication = AuthenticationApplication.GOOGLE_AUTHENTICATOR,
        required: bool = False,
        config: Config | None = None,
        backup_codes: bool = False,
    ) -> "TryIt":
        """A fresh demo account that has pressed Turn On and Next (and its company's admin)."""
        release_the_clock()
        precoro = bootstrap(config=config)
        precoro.add_company("training", "Training")
        precoro.add_user(TRAINER, _PASSWORD, "training")
        precoro.add_user(ADMIN, _PASSWORD, "training", Role.ADMIN)
        if required or backup_codes:
            precoro.update_account_settings(ADMIN, required, backup_codes=backup_codes)
        precoro.turn_on(TRAINER)
        return cls(precoro, precoro.choose_application(TRAINER, application))

    def page(self) -> Shown:
        """The QR code page of the demo account."""
        return show(self.enrollment)

    def settings(self) -> Shown:
        return show(self.precoro.two_factor_view(TRAINER))

    def confirm(self, code: str) -> Shown:
        """Confirm with the code from the phone; the settings page after it."""
        return self._answer(code, lambda typed: self.precoro.confirm(TRAINER, typed), True)

    def turn_off(self, code: str) -> Shown:
        return self._answer(code, lambda typed: self.precoro.turn_off(TRAINER, typed), True)

    def sign_in(self, code: str) -> Shown:
        """Login and password (typed for you), then the code from the phone."""
        return self._answer(code, self._sign_in)

    def _sign_in(self, code: str) -> Any:
        step = self.precoro.sign_in(TRAINER, _PASSWORD)
        if not isinstance(step, CodeRequired):
            return says("note", "Precoro did not ask for a code: Confirm first, above.")
        return self.precoro.enter_code(step.attempt_id, code)

    def _answer(
        self, code: str, command: Callable[[str], Any], then_settings: bool = False
    ) -> Shown:
        if not code.strip():
            return says("text", TYPE_A_CODE)
        try:
            outcome = command(code)
        except TwoFactorRuleBroken as rule:
            return show(rule) + says("note", START_OVER)
        shown = outcome if isinstance(outcome, Shown) else show(outcome)
        if isinstance(outcome, CodeRejected) and outcome.locked_until is not None:
            return shown + says("note", START_OVER)
        return shown + self.settings() if then_settings else shown
