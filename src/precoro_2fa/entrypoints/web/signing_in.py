"""Sign in: login and password, then the 6-digit code; a new session id after each step."""

import math

from flask import Blueprint, redirect, render_template, session, url_for
from werkzeug import Response

from precoro_2fa import (
    CodeRejected,
    CodeRequired,
    SignedIn,
    SignInBlocked,
    SignInExpired,
    SignInRefused,
)

from .context import CODE_STEP, SIGNED_IN, precoro, restart_session
from .devices import device_for, remember
from .forms import CodeForm, SignInForm

blueprint = Blueprint("signing_in", __name__)

Page = str | tuple[str, int] | Response


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Page:
    form = SignInForm()
    if not form.validate_on_submit():
        return render_template("sign_in.html", form=form)
    login = form.login.data
    outcome = precoro().sign_in(login, form.password.data, device_for(login))
    if isinstance(outcome, SignInRefused):
        return render_template("sign_in.html", form=form, error=outcome.message), 422
    if isinstance(outcome, SignInBlocked):
        return _blocked(form, outcome)
    if isinstance(outcome, CodeRequired):
        restart_session({CODE_STEP: outcome.attempt_id})
        return redirect(url_for("signing_in.code"), 303)
    return _signed_in(outcome)


@blueprint.route("/sign-in/code", methods=["GET", "POST"])
def code() -> Page:
    form = CodeForm()
    if not form.validate_on_submit():
        return render_template("code.html", form=form)
    outcome = precoro().enter_code(session[CODE_STEP], form.code.data)
    if isinstance(outcome, CodeRejected):
        return render_template("code.html", form=form, error=outcome.message), 422
    if isinstance(outcome, SignInExpired):
        restart_session(message=outcome.message)
        return redirect(url_for("signing_in.sign_in"), 303)
    return _signed_in(outcome)


@blueprint.route("/sign-out", methods=["POST"])
def sign_out() -> Response:
    restart_session(message="You have signed out.")
    return redirect(url_for("signing_in.sign_in"), 303)


def _blocked(form: SignInForm, outcome: SignInBlocked) -> Response:
    """429, with the time to try again in the message and in ``Retry-After``."""
    page = render_template("sign_in.html", form=form, error=outcome.message)
    wait = max(0, math.ceil((outcome.until - precoro().clock.now()).total_seconds()))
    return Response(page, 429, {"Retry-After": str(wait)}, mimetype="text/html")


def _signed_in(outcome: SignedIn) -> Response:
    restart_session({SIGNED_IN: outcome.login})
    response = redirect(url_for("pages.dashboard"), 303)
    remember(response, outcome.login, outcome.device)
    return response
