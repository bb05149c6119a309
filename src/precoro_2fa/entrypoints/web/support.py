"""Precoro support: record a lost-phone request, and reset 2FA once an admin approved it."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask import request as form_request
from werkzeug import Response

from precoro_2fa import TwoFactorRuleBroken
from precoro_2fa.entrypoints.messages import (
    ANOTHER_AGENT,
    approved_by_support,
    recorded,
    rejected,
    reset_done,
)

from .context import current_login, precoro
from .forms import ButtonForm, RecoveryRequestForm
from .paging import requested_page

blueprint = Blueprint("support", __name__, url_prefix="/support")


def form_sent() -> bool:
    return form_request.method == "POST"


@blueprint.route("/recovery-requests", methods=["GET", "POST"])
def recovery_requests() -> str | tuple[str, int] | Response:
    form = RecoveryRequestForm()
    if not form.validate_on_submit():
        return _page(form, status=422 if form.is_submitted() else 200)
    try:
        request = precoro().request_reset(
            current_login(),
            form.login.data or "",
            form.chosen_channel(),
            form.authy_restore_failed.data,
        )
    except TwoFactorRuleBroken as refused:
        return _page(form, error=str(refused), status=422)
    asked = precoro().asked_to_approve(current_login(), request.id)
    flash(recorded(request.login, asked), "success")
    return redirect(url_for("support.recovery_requests"), 303)


@blueprint.route("/recovery-requests/<request_id>/approve", methods=["POST"])
def approve(request_id: str) -> Response:
    """The request of a company's only admin, approved by a second support agent."""
    request = precoro().approve(current_login(), request_id)
    flash(approved_by_support(request.login), "success")
    return redirect(url_for("support.recovery_requests"), 303)


@blueprint.route("/recovery-requests/<request_id>/reject", methods=["POST"])
def reject(request_id: str) -> Response:
    request = precoro().reject(current_login(), request_id)
    flash(rejected(request.login), "success")
    return redirect(url_for("support.recovery_requests"), 303)


@blueprint.route("/recovery-requests/<request_id>/reset", methods=["GET", "POST"])
def reset(request_id: str) -> str | Response:
    """GET asks support to confirm (whose 2FA, which company); POST resets."""
    if not form_sent():
        to_reset = precoro().request_to_reset(current_login(), request_id)
        return render_template("confirm_reset.html", to_reset=to_reset, form=ButtonForm())
    request = precoro().reset(current_login(), request_id)
    flash(reset_done(request.login), "success")
    return redirect(url_for("support.recovery_requests"), 303)


def _page(
    form: RecoveryRequestForm, error: str | None = None, status: int = 200
) -> tuple[str, int]:
    """The form, then every request, newest first, a page at a time."""
    page = render_template(
        "support.html",
        form=form,
        page=precoro().support_requests(current_login(), requested_page()),
        another_agent=ANOTHER_AGENT,
        button_form=ButtonForm(),
        error=error,
    )
    return page, status
