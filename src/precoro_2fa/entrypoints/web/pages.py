"""Ordinary pages: under Required two-factor authentication they lead to the 2FA settings."""

from flask import Blueprint, render_template

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
