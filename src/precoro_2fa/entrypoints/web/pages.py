"""Ordinary pages: under Required two-factor authentication they lead to the 2FA settings."""

from flask import Blueprint, render_template

from .context import current_login, precoro

blueprint = Blueprint("pages", __name__)


@blueprint.route("/")
def dashboard() -> str:
    return render_template("dashboard.html")


@blueprint.route("/purchase-orders")
def purchase_orders() -> str:
    return render_template("purchase_orders.html")


@blueprint.route("/profile")
def profile() -> str:
    return render_template("profile.html")


@blueprint.route("/mailbox")
def mailbox() -> str:
    """The demo app's mail, when no SMTP server was given: the emails sent to the visitor."""
    envelopes = reversed(precoro().mailbox(current_login()))
    return render_template("mailbox.html", envelopes=list(envelopes))
