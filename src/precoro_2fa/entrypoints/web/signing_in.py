"""Sign in: login and password, then the 6-digit code; a new session id after each step."""

from flask import Blueprint, redirect, render_template, request, session, url_for
from werkzeug import Response

from precoro_2fa import CodeRejected, CodeRequired, SignedIn, SignInExpired, SignInRefused
from precoro_2fa.entrypoints.messages import backup_codes_left

from .context import BACKUP_CODES, CODE_STEP, SIGNED_IN, precoro, restart_session
from .forms import BackupCodeForm, CodeForm, SignInForm

blueprint = Blueprint("signing_in", __name__)

Page = str | tuple[str, int] | Response


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Page:
    form = SignInForm()
    if not form.validate_on_submit():
        return render_template("sign_in.html", form=form)
    outcome = precoro().sign_in(form.login.data, form.password.data)
    if isinstance(outcome, SignInRefused):
        return render_template("sign_in.html", form=form, error=outcome.message), 422
    if isinstance(outcome, CodeRequired):
        backup_codes = {BACKUP_CODES: "offered"} if outcome.backup_codes else {}
        restart_session({CODE_STEP: outcome.attempt_id, **backup_codes})
        return redirect(url_for("signing_in.code"), 303)
    return _signed_in(outcome)


@blueprint.route("/sign-in/code", methods=["GET", "POST"])
def code() -> Page:
    form, backup_form = CodeForm(), BackupCodeForm()
    if "backup_code" in request.form and BACKUP_CODES in session:
        return _backup_code(form, backup_form)
    if not form.validate_on_submit():
        return _code_page(form, backup_form)
    outcome = precoro().enter_code(session[CODE_STEP], form.code.data)
    if isinstance(outcome, CodeRejected):
        return _code_page(form, backup_form, outcome.message)
    if isinstance(outcome, SignInExpired):
        restart_session(message=outcome.message)
        return redirect(url_for("signing_in.sign_in"), 303)
    return _signed_in(outcome)


def _backup_code(form: CodeForm, backup_form: BackupCodeForm) -> Page:
    """A backup code in place of the 6-digit code (beyond the article)."""
    if not backup_form.validate_on_submit():
        return _code_page(form, backup_form)
    outcome = precoro().enter_backup_code(session[CODE_STEP], backup_form.backup_code.data)
    if isinstance(outcome, CodeRejected):
        return _code_page(form, backup_form, outcome.message)
    if isinstance(outcome, SignInExpired):
        restart_session(message=outcome.message)
        return redirect(url_for("signing_in.sign_in"), 303)
    return _signed_in(outcome)


def _code_page(form: CodeForm, backup_form: BackupCodeForm, error: str | None = None) -> Page:
    offered = backup_form if BACKUP_CODES in session else None
    page = render_template("code.html", form=form, backup_form=offered, error=error)
    return (page, 422) if error else page


@blueprint.route("/sign-out", methods=["POST"])
def sign_out() -> Response:
    restart_session(message="You have signed out.")
    return redirect(url_for("signing_in.sign_in"), 303)


def _signed_in(outcome: SignedIn) -> Response:
    restart_session({SIGNED_IN: outcome.login}, _backup_codes_left(outcome.backup_codes_left))
    return redirect(url_for("pages.dashboard"), 303)


def _backup_codes_left(left: int | None) -> str | None:
    return None if left is None else backup_codes_left(left)
