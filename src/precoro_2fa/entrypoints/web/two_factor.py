"""Profile settings → Two-factor authentication: Turn On, Next, Confirm, Turn Off, change app."""

import base64

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug import Response

from precoro_2fa import CodeRejected, Enrollment, TwoFactorStatus

from .context import current_login, precoro
from .forms import ApplicationForm, ChangeApplicationForm, CodeForm

blueprint = Blueprint("two_factor", __name__, url_prefix="/profile/two-factor")

Page = str | tuple[str, int] | Response

ACTIVATED = "Congratulations, you have activated two-factor authentication"
CHANGED = "Your authentication application has been changed."
TURNED_OFF = "Two-factor authentication has been turned off."


@blueprint.route("")
def settings() -> str:
    login = current_login()
    page = precoro().two_factor_page(login)
    pending = precoro().pending_enrollment(login)
    return render_template("two_factor.html", page=page, pending=pending)


@blueprint.route("/turn-on", methods=["GET", "POST"])
def turn_on() -> Page:
    applications = precoro().turn_on(current_login())
    form = ApplicationForm()
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template("turn_on.html", form=form, applications=applications), status
    precoro().choose_application(current_login(), form.chosen())
    return _to_confirm()


@blueprint.route("/confirm", methods=["GET", "POST"])
def confirm() -> Page:
    login = current_login()
    enrollment = precoro().pending_enrollment(login)
    if enrollment is None:
        flash("Press Turn On and choose an authentication application first.", "error")
        return _to_settings()
    form = CodeForm()
    if not form.validate_on_submit():
        return _confirm_page(form, enrollment)
    changing = precoro().two_factor_page(login).status is TwoFactorStatus.ON
    verdict = precoro().confirm(login, form.code.data)
    if isinstance(verdict, CodeRejected):
        return _confirm_page(form, enrollment, verdict.message)
    flash(CHANGED if changing else ACTIVATED, "success")
    return _to_settings()


@blueprint.route("/turn-off", methods=["GET", "POST"])
def turn_off() -> Page:
    form = CodeForm()
    if not form.validate_on_submit():
        return render_template("turn_off.html", form=form)
    verdict = precoro().turn_off(current_login(), form.code.data)
    if isinstance(verdict, CodeRejected):
        return render_template("turn_off.html", form=form, error=verdict.message), 422
    flash(TURNED_OFF, "success")
    return _to_settings()


@blueprint.route("/change", methods=["GET", "POST"])
def change() -> Page:
    form = ChangeApplicationForm()
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template("change.html", form=form), status
    outcome = precoro().change_application(current_login(), form.code.data, form.chosen())
    if isinstance(outcome, CodeRejected):
        return render_template("change.html", form=form, error=outcome.message), 422
    return _to_confirm()


def _confirm_page(form: CodeForm, enrollment: Enrollment, error: str | None = None) -> Page:
    png = base64.b64encode(enrollment.qr_code.png()).decode("ascii")
    svg = base64.b64encode(enrollment.qr_code.svg().encode()).decode("ascii")
    page = render_template(
        "confirm.html", form=form, enrollment=enrollment, png=png, svg=svg, error=error
    )
    return (page, 422) if error else page


def _to_confirm() -> Response:
    return redirect(url_for("two_factor.confirm"), 303)


def _to_settings() -> Response:
    return redirect(url_for("two_factor.settings"), 303)
