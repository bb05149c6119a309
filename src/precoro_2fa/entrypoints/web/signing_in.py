"""Sign in: login and password, then the 6-digit code; a new session id after each step."""

import math

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from werkzeug import Response

from precoro_2fa import (
    CodeRejected,
    CodeRequired,
    SignedIn,
    SignInBlocked,
    SignInExpired,
    SignInRefused,
)
from precoro_2fa.entrypoints.messages import SIGNED_OUT, backup_codes_left

from .context import (
    BACKUP_CODES,
    CODE_STEP,
    SIGNED_IN,
    TRUST_DAYS,
    TRUSTED_BROWSER,
    precoro,
    restart_session,
)
from .devices import device_for, remember
from .forms import BackupCodeForm, SignInCodeForm, SignInForm
from .time_zones import shown_zone

blueprint = Blueprint("signing_in", __name__)

Page = str | tuple[str, int] | Response


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Page:
    form = SignInForm()
    if not form.validate_on_submit():
        return render_template("sign_in.html", form=form)
    login = form.login.data
    trusted = request.cookies.get(TRUSTED_BROWSER)
    outcome = precoro().sign_in(
        login, form.password.data, device_for(login), trusted_browser=trusted
    )
    if isinstance(outcome, SignInRefused):
        return render_template("sign_in.html", form=form, error=outcome.message), 422
    if isinstance(outcome, SignInBlocked):
        return _blocked(form, outcome)
    if isinstance(outcome, CodeRequired):
        offered = {BACKUP_CODES: "offered"} if outcome.backup_codes else {}
        if outcome.trust_browser_days:
            offered[TRUST_DAYS] = str(outcome.trust_browser_days)
        restart_session({CODE_STEP: outcome.attempt_id, **offered})
        return redirect(url_for("signing_in.code"), 303)
    return _signed_in(outcome)


@blueprint.route("/sign-in/code", methods=["GET", "POST"])
def code() -> Page:
    form = SignInCodeForm()
    backup_form = BackupCodeForm() if BACKUP_CODES in session else None  # a company option
    if "backup_code" in request.form and backup_form is not None:
        return _backup_code(form, backup_form)
    if not form.validate_on_submit():
        return _code_page(form, backup_form)
    trust = form.trust_browser.data and TRUST_DAYS in session
    outcome = precoro().enter_code(session[CODE_STEP], form.code.data, trust_browser=trust)
    if isinstance(outcome, CodeRejected):
        return _code_page(form, backup_form, outcome.message_in(shown_zone()))
    if isinstance(outcome, SignInExpired):
        restart_session(message=outcome.message)
        return redirect(url_for("signing_in.sign_in"), 303)
    return _signed_in(outcome)


def _backup_code(form: SignInCodeForm, backup_form: BackupCodeForm) -> Page:
    """A backup code in place of the 6-digit code (beyond the article)."""
    if not backup_form.validate_on_submit():
        return _code_page(form, backup_form)
    outcome = precoro().enter_backup_code(session[CODE_STEP], backup_form.backup_code.data)
    if isinstance(outcome, CodeRejected):
        return _code_page(form, backup_form, backup_error=outcome.message_in(shown_zone()))
    if isinstance(outcome, SignInExpired):
        restart_session(message=outcome.message)
        return redirect(url_for("signing_in.sign_in"), 303)
    return _signed_in(outcome)


def _code_page(
    form: SignInCodeForm,
    backup_form: BackupCodeForm | None,
    error: str | None = None,
    backup_error: str | None = None,
) -> Page:
    """``error`` is shown at the 6-digit code's field, ``backup_error`` at the backup code's
    (``backup_form``: None where the company offers no backup codes)."""
    trust_days = session.get(TRUST_DAYS)
    page = render_template(
        "code.html",
        form=form,
        backup_form=backup_form,
        trust_days=trust_days,
        error=error,
        backup_error=backup_error,
    )
    return (page, 422) if error or backup_error else page


@blueprint.route("/sign-out", methods=["POST"])
def sign_out() -> Response:
    restart_session(message=SIGNED_OUT)
    return redirect(url_for("signing_in.sign_in"), 303)


def _blocked(form: SignInForm, outcome: SignInBlocked) -> Response:
    """429, with the time to try again in the message and in ``Retry-After``."""
    page = render_template("sign_in.html", form=form, error=outcome.message_in(shown_zone()))
    wait = max(0, math.ceil((outcome.until - precoro().clock.now()).total_seconds()))
    return Response(page, 429, {"Retry-After": str(wait)}, mimetype="text/html")


def _signed_in(outcome: SignedIn) -> Response:
    restart_session({SIGNED_IN: outcome.login}, _backup_codes_left(outcome.backup_codes_left))
    response = redirect(url_for("pages.dashboard"), 303)
    remember(response, outcome.login, outcome.device)
    if outcome.trusted_browser is not None and outcome.trusted_until is not None:
        lasts = outcome.trusted_until - precoro().clock.now()
        response.set_cookie(
            TRUSTED_BROWSER,
            outcome.trusted_browser,
            max_age=int(lasts.total_seconds()),
            secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
            httponly=True,
            samesite="Lax",
        )
    return response


def _backup_codes_left(left: int | None) -> str | None:
    return None if left is None else backup_codes_left(left)
