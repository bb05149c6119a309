"""Configuration (admins of a company): Account Settings, recovery requests, the audit log."""

import csv
import io
from dataclasses import asdict

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug import Response

from precoro_2fa import AuditFilter, AuditKind
from precoro_2fa.entrypoints.messages import ACCOUNT_SETTINGS_UPDATED, approved, rejected

from .context import current_login, precoro
from .forms import AccountSettingsForm, ButtonForm
from .paging import requested_page

blueprint = Blueprint("configuration", __name__, url_prefix="/configuration")


@blueprint.route("/account-settings", methods=["GET", "POST"])
def account_settings() -> str | tuple[str, int] | Response:
    overview = precoro().company_overview(current_login())
    form = AccountSettingsForm(data=asdict(overview.options))
    if not form.validate_on_submit():
        page = render_template("account_settings.html", form=form, overview=overview)
        return (page, 422) if form.errors else page
    precoro().update_account_settings(
        current_login(),
        form.required_two_factor.data,
        backup_codes=form.backup_codes.data,
        grace_period_hours=form.grace_period_hours.data,
        trust_browser_days=form.trust_browser_days.data,
    )
    flash(ACCOUNT_SETTINGS_UPDATED, "success")
    return redirect(url_for("configuration.account_settings"), 303)


@blueprint.route("/users")
def users() -> str:
    return render_template("users.html", overview=precoro().company_overview(current_login()))


@blueprint.route("/recovery-requests")
def recovery_requests() -> str:
    rows = precoro().requests_to_decide(current_login())
    return render_template("recovery_requests.html", rows=rows, button_form=ButtonForm())


@blueprint.route("/recovery-requests/<request_id>/approve", methods=["POST"])
def approve(request_id: str) -> Response:
    request = precoro().approve(current_login(), request_id)
    flash(approved(request.login), "success")
    return _to_requests()


@blueprint.route("/recovery-requests/<request_id>/reject", methods=["POST"])
def reject(request_id: str) -> Response:
    request = precoro().reject(current_login(), request_id)
    flash(rejected(request.login), "success")
    return _to_requests()


@blueprint.route("/audit-log")
def audit_log() -> str:
    """Newest first, a page at a time, filtered by ``person`` and ``kind`` if chosen."""
    chosen, person, kind = _chosen()
    trail = precoro().audit_trail(current_login(), chosen, requested_page())
    return render_template(
        "audit_log.html",
        page=trail.page,
        trail=trail,
        kinds=list(AuditKind),
        person=person,
        kind=kind,
    )


@blueprint.route("/audit-log.csv")
def audit_log_csv() -> Response:
    """The filtered audit log as CSV, oldest first, times in UTC (ISO 8601)."""
    chosen, _, _ = _chosen()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["time_utc", "event", "by", "for", "detail"])
    for event in precoro().audit_log(current_login(), chosen):
        at = event.at.isoformat()
        writer.writerow([at, event.kind.value, event.actor, event.subject or "", event.detail])
    headers = {"Content-Disposition": "attachment; filename=audit-log.csv"}
    return Response(out.getvalue(), mimetype="text/csv", headers=headers)


def _chosen() -> tuple[AuditFilter, str | None, AuditKind | None]:
    """The address's filter (``?person=…&kind=…``), and the person and kind it names."""
    person = request.args.get("person") or None
    kind = next((k for k in AuditKind if k.name == request.args.get("kind")), None)
    return AuditFilter(person, None if kind is None else frozenset({kind})), person, kind


def _to_requests() -> Response:
    return redirect(url_for("configuration.recovery_requests"), 303)
