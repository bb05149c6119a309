"""Profile settings → Two-factor authentication: Turn On, Next, Confirm, Turn Off, change app.

Each request makes one service call: a GET reads what its page shows, a POST runs its command.
A form refused with a message is shown again, with what its page reads.
"""

import base64
import struct

from flask import Blueprint, flash, g, redirect, render_template, url_for
from werkzeug import Response

from precoro_2fa import Activated, ApplicationChanged, CodeRejected, NoApplicationChosen
from precoro_2fa.entrypoints.messages import (
    ACTIVATED,
    CHANGED,
    FORGOTTEN,
    REGENERATED,
    TURNED_OFF,
    backup_codes_text,
    cancelled,
)

from .context import TRUSTED_BROWSER, current_login, precoro
from .forms import ApplicationForm, ChangeApplicationForm, CodeForm
from .time_zones import shown_zone

blueprint = Blueprint("two_factor", __name__, url_prefix="/profile/two-factor")

Page = str | tuple[str, int] | Response

__all__ = ["ACTIVATED", "CHANGED", "TURNED_OFF", "blueprint"]


@blueprint.route("")
def settings() -> str:
    view = precoro().two_factor_view(current_login())
    g.visitor = view.visitor
    return render_template("two_factor.html", view=view)


@blueprint.route("/turn-on", methods=["GET", "POST"])
def turn_on() -> Page:
    form = ApplicationForm()
    if form.validate_on_submit():
        precoro().choose_application(current_login(), form.chosen())
        return redirect(url_for("two_factor.confirm"), 303)
    choice = precoro().turn_on(current_login())
    g.visitor = choice.visitor
    page = render_template("turn_on.html", form=form, applications=choice.applications)
    return page, 422 if form.is_submitted() else 200


@blueprint.route("/confirm", methods=["GET", "POST"])
def confirm() -> Page:
    form = CodeForm()
    if not form.validate_on_submit():
        return _confirm_page(form)
    outcome = precoro().confirm(current_login(), form.code.data)
    if isinstance(outcome, CodeRejected):
        return _confirm_page(form, outcome)
    if isinstance(outcome, Activated) and outcome.backup_codes:
        return _backup_codes_page(outcome.backup_codes, ACTIVATED)
    flash(CHANGED if isinstance(outcome, ApplicationChanged) else ACTIVATED, "success")
    return _to_settings()


@blueprint.route("/backup-codes", methods=["GET", "POST"])
def backup_codes() -> Page:
    """Regenerate backup codes (beyond the article): a current code, then ten new ones."""
    form = CodeForm()
    if not form.validate_on_submit():
        return _form_page("regenerate.html", form)
    outcome = precoro().regenerate_backup_codes(current_login(), form.code.data)
    if isinstance(outcome, CodeRejected):
        return _form_page("regenerate.html", form, outcome)
    return _backup_codes_page(outcome.backup_codes, REGENERATED)


@blueprint.route("/forget-browsers", methods=["POST"])
def forget_browsers() -> Response:
    """Forget trusted browsers (beyond the article): each asks for the 6-digit code again."""
    precoro().forget_trusted_browsers(current_login())
    flash(FORGOTTEN, "success")
    response = _to_settings()
    response.delete_cookie(TRUSTED_BROWSER)
    return response


def _backup_codes_page(codes: tuple[str, ...], message: str) -> str:
    """The codes, shown this once: on the page, to print, and as a text file to download."""
    g.visitor = precoro().visitor(current_login())
    download = base64.b64encode(backup_codes_text(codes).encode()).decode("ascii")
    return render_template("backup_codes.html", codes=codes, download=download, message=message)


@blueprint.route("/turn-off", methods=["GET", "POST"])
def turn_off() -> Page:
    form = CodeForm()
    if not form.validate_on_submit():
        return _form_page("turn_off.html", form)
    verdict = precoro().turn_off(current_login(), form.code.data)
    if isinstance(verdict, CodeRejected):
        return _form_page("turn_off.html", form, verdict)
    flash(TURNED_OFF, "success")
    return _to_settings()


@blueprint.route("/change", methods=["GET", "POST"])
def change() -> Page:
    form = ChangeApplicationForm()
    if not form.validate_on_submit():
        return _form_page("change.html", form, status=422 if form.is_submitted() else 200)
    if form.backup_code.data:
        outcome = precoro().change_application_with_backup_code(
            current_login(), form.backup_code.data, form.chosen()
        )
    else:
        outcome = precoro().change_application(current_login(), form.code.data, form.chosen())
    if isinstance(outcome, CodeRejected):
        return _form_page("change.html", form, outcome)
    return redirect(url_for("two_factor.confirm"), 303)


@blueprint.route("/cancel", methods=["POST"])
def cancel() -> Response:
    """Cancel on Turn On, the QR code page or the change: the pending set-up is dropped."""
    flash(cancelled(precoro().cancel(current_login())), "info")  # CSRFProtect checked the token
    return _to_settings()


def _confirm_page(form: CodeForm, refused: CodeRejected | None = None) -> Page:
    """The QR code and the grouped secret of the application chosen with Next."""
    view = precoro().two_factor_view(current_login())
    if view.pending is None:
        flash(str(NoApplicationChosen()), "error")
        return _to_settings()
    g.visitor = view.visitor
    error = _said(refused)
    qr_code = view.pending.qr_code
    image = qr_code.png()
    png = base64.b64encode(image).decode("ascii")
    svg = base64.b64encode(qr_code.svg().encode()).decode("ascii")
    page = render_template(
        "confirm.html",
        form=form,
        enrollment=view.pending,
        png=png,
        size=_png_width(image),
        svg=svg,
        error=error,
    )
    return (page, 422) if error else page


def _png_width(image: bytes) -> int:
    """The width of a PNG (its IHDR chunk), so the page reserves the QR code's place."""
    width: int = struct.unpack(">I", image[16:20])[0]
    return width


def _form_page(
    template: str,
    form: CodeForm | ChangeApplicationForm,
    refused: CodeRejected | None = None,
    status: int | None = None,
) -> tuple[str, int]:
    """A form of the 2FA settings; the page is read for the menu (and its backup codes)."""
    view = precoro().two_factor_view(current_login())
    g.visitor = view.visitor
    page = render_template(template, form=form, error=_said(refused), view=view)
    return page, status or (422 if refused else 200)


def _said(refused: CodeRejected | None) -> str | None:
    """A refused code's message, a lock's end in the visitor's time zone (``g.visitor`` read)."""
    return None if refused is None else refused.message_in(shown_zone())


def _to_settings() -> Response:
    return redirect(url_for("two_factor.settings"), 303)
