"""Ordinary pages: under Required two-factor authentication they lead to the 2FA settings."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from werkzeug import Response

from precoro_2fa.domain.exceptions import UnknownTimeZone
from precoro_2fa.domain.time_zones import is_time_zone
from precoro_2fa.entrypoints.messages import TIME_ZONE_UPDATED

from .context import current_login, precoro
from .forms import TimeZoneForm
from .time_zones import browser_zone

blueprint = Blueprint("pages", __name__)


@blueprint.route("/")
def dashboard() -> str:
    return render_template("dashboard.html")


@blueprint.route("/purchase-orders")
def purchase_orders() -> str:
    return render_template("purchase_orders.html")


@blueprint.route("/profile", methods=["GET", "POST"])
def profile() -> str | tuple[str, int] | Response:
    """Profile settings: the two-factor authentication link, and the time zone (Update)."""
    chosen = g.visitor.time_zone or ""
    form = TimeZoneForm(data={"time_zone": chosen})
    if not form.validate_on_submit():
        return render_template("profile.html", form=form, browser_zone=_browser_zone())
    try:
        precoro().choose_time_zone(current_login(), form.time_zone.data)
    except UnknownTimeZone as refused:
        page = render_template(
            "profile.html", form=form, browser_zone=_browser_zone(), error=str(refused)
        )
        return page, 422
    flash(TIME_ZONE_UPDATED, "success")
    return redirect(url_for("pages.profile"), 303)


def _browser_zone() -> str | None:
    """The browser's time zone, if its cookie names one from the list."""
    zone = browser_zone()
    return zone if is_time_zone(zone) else None


@blueprint.route("/mailbox")
def mailbox() -> str:
    """The demo app's mail, when no SMTP server was given: the emails sent to the visitor.
    With a mail server the emails are sent, and there is no such page."""
    if precoro().mailer is not None:
        abort(404)
    envelopes = reversed(precoro().mailbox(current_login()))
    return render_template("mailbox.html", envelopes=list(envelopes))
