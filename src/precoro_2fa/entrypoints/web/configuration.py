"""Configuration (admins of a company): Account Settings, recovery requests, the audit log."""

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug import Response

from .context import current_login, precoro
from .forms import AccountSettingsForm, ButtonForm

blueprint = Blueprint("configuration", __name__, url_prefix="/configuration")

UPDATED = "Account Settings have been updated."


@blueprint.route("/account-settings", methods=["GET", "POST"])
def account_settings() -> str | Response:
    overview = precoro().company_overview(current_login())
    form = AccountSettingsForm(data={"required_two_factor": overview.required_two_factor})
    if not form.validate_on_submit():
        return render_template("account_settings.html", form=form, overview=overview)
    precoro().update_account_settings(current_login(), form.required_two_factor.data)
    flash(UPDATED, "success")
    return redirect(url_for("configuration.account_settings"), 303)


@blueprint.route("/users")
def users() -> str:
    return render_template("users.html", overview=precoro().company_overview(current_login()))


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
