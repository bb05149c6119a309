"""``GET /healthz``: 200 when the app can read its database, 503 when it cannot.

Open to anyone (a load balancer asks it), it says nothing but "ok" or "unavailable".
"""

import logging

from flask import Blueprint

from .context import precoro

blueprint = Blueprint("health", __name__)
log = logging.getLogger(__name__)


@blueprint.route("/healthz")
def healthz() -> tuple[str, int, dict[str, str]]:
    plain = {"Content-Type": "text/plain; charset=utf-8"}
    try:
        precoro().check_store()
    except Exception:  # whatever the database raised: unhealthy, and why in the log
        log.exception("the store cannot be read")
        return "unavailable\n", 503, plain
    return "ok\n", 200, plain
