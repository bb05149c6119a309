"""Configuration (admins of a company): Account Settings, recovery requests, the audit log."""

from dataclasses import asdict

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug import Response

from .context import current_login, precoro
from .forms import AccountSettingsForm, ButtonForm

blueprint = Blueprint("configuration", __name__, url_prefix="/configuration")

UPDATED = "Account Settings have been updated."


@blueprint.route("/account-settings", methods=["GET", "POST"])
def account_settings() -> str | tuple[str, int] | Response:
    options = precoro().account_options(current_login())
    form = AccountSettingsForm(data=asdict(options))
    if not form.validate_on_submit():
        page = render_template("account_settings.html", form=form)
        return (page, 422) if form.errors else page
    precoro().update_account_settings(
        current_login(),
        form.required_two_factor.data,
        backup_codes=form.backup_codes.data,
        grace_period_hours=form.grace_period_hours.data,
        trust_browser_days=form.trust_browser_days.data,
    )
    flash(UPDATED, "success")
    return redirect(url_for("configuration.account_settings"), 303)


@blueprint.route("/recovery-requests")
def recovery_requests() -> str:
    requests = precoro().requests_to_decide(current_login())
    return render_template("recovery_requests.html", requests=requests, button_form=ButtonForm())


@blueprint.route("/recovery-requests/<request_id>/approve", methods=["POST"])
def approve(request_id: str) -> Response:
    request = precoro().approve(current_login(), request_id)
    flash(f"The request of {request.login} is approved: support will reset 2FA.", "success")
    return _to_requests()


@blueprint.route("/recovery-requests/<request_id>/reject", methods=["POST"])
def reject(request_id: str) -> Response:
    request = precoro().reject(current_login(), request_id)
    flash(f"The request of {request.login} is rejected.", "success")
    return _to_requests()


@blueprint.route("/audit-log")
def audit_log() -> str:
    return render_template("audit_log.html", events=precoro().audit_log(current_login()))


def _to_requests() -> Response:
    return redirect(url_for("configuration.recovery_requests"), 303)
