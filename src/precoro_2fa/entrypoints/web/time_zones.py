"""The time zone a page shows times in: the one chosen in Profile settings, else the
browser's, else UTC. Times stay in UTC everywhere else: in the store, in the CSV export,
and in each ``<time datetime>`` the pages write.

The browser's zone reaches the server through a cookie set by ``/time-zone.js``, the one
script the pages run (served from the app itself, as the Content-Security-Policy allows).
A cookie anyone can write: only a zone from the list is believed.
"""

from datetime import datetime

from flask import Blueprint, Flask, Response, g, request
from markupsafe import Markup

from precoro_2fa.domain.time_zones import local, zone_shown

BROWSER_TIME_ZONE = "browser_time_zone"

SCRIPT = """\
// Precoro shows times in the browser's time zone until one is chosen in Profile settings.
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) { return; }
  var secure = location.protocol === "https:" ? "; Secure" : "";
  var lasts = "; path=/; max-age=31536000; SameSite=Lax";
  document.cookie = "browser_time_zone=" + zone + lasts + secure;
})();
"""

blueprint = Blueprint("time_zones", __name__)


@blueprint.route("/time-zone.js")
def script() -> Response:
    return Response(SCRIPT, mimetype="text/javascript")


def browser_zone() -> str | None:
    return request.cookies.get(BROWSER_TIME_ZONE)


def shown_zone() -> str:
    """The zone of this page's times: the visitor's choice, else the browser's, else UTC."""
    visitor = g.get("visitor")
    return zone_shown(visitor.time_zone if visitor is not None else None, browser_zone())


def local_time(at: datetime | None, seconds: bool = False) -> Markup:
    """``at`` on the clocks of ``shown_zone()``, in a ``<time>`` that keeps it in UTC."""
    if at is None:
        return Markup("")
    shown = local(at, shown_zone()).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    return Markup('<time datetime="{}">{}</time>').format(at.isoformat(), shown)


def install(app: Flask) -> None:
    app.jinja_env.filters["local_time"] = local_time
    app.jinja_env.globals["shown_zone"] = shown_zone
