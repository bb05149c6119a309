"""Times on the pages: the browser's zone through the app's one script, the chosen one, and
UTC kept in each <time datetime> and in the CSV export."""

import csv
import io
from collections.abc import Callable

from precoro_2fa.entrypoints.web.time_zones import BROWSER_TIME_ZONE
from tests.conftest import Phone
from tests.drivers.html import table
from tests.web.visitor import ADMIN, ANNA, Visitor

Visitors = Callable[[], Visitor]
TurnOn = Callable[[str], Phone]


def admin_in(visitor: Visitors, browser_zone: str | None = None) -> Visitor:
    admin = visitor()
    if browser_zone is not None:
        admin.client.set_cookie(BROWSER_TIME_ZONE, browser_zone)
    admin.sign_in(ADMIN)
    return admin


def test_the_script_is_open_to_anyone_and_the_only_one_a_page_may_run(visitor: Visitors) -> None:
    stranger = visitor()
    script = stranger.get("/time-zone.js")
    assert (script.status_code, script.mimetype) == (200, "text/javascript")
    assert "Intl.DateTimeFormat().resolvedOptions().timeZone" in script.text
    assert f"{BROWSER_TIME_ZONE}=" in script.text
    page = stranger.get("/sign-in")
    assert "script-src 'self';" in page.headers["Content-Security-Policy"]
    assert '<script src="/time-zone.js" defer></script>' in page.text


def test_the_audit_log_shows_the_browsers_zone_and_keeps_utc_in_its_data(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    with_two_factor(ANNA)
    admin = admin_in(visitor, "Asia/Tokyo")
    admin.get(f"/configuration/audit-log?person={ANNA}")
    [row] = table(admin.soup)
    assert row["Time (Asia/Tokyo)"] == "2026-11-27 18:00:00"
    [kept] = admin.soup.select("td time")
    assert kept["datetime"] == "2026-11-27T09:00:00+00:00"
    export = admin.get(f"/configuration/audit-log.csv?person={ANNA}").get_data(as_text=True)
    [exported] = list(csv.DictReader(io.StringIO(export)))
    assert exported["time_utc"] == "2026-11-27T09:00:00+00:00"


def test_a_cookie_that_names_no_zone_of_the_list_shows_utc_and_is_never_echoed(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    with_two_factor(ANNA)
    admin = admin_in(visitor, "Mars/<b>Olympus</b>")
    for path in ("/configuration/users", "/profile"):
        page = admin.get(path)
        assert "Olympus" not in page.text, path
    admin.get("/configuration/users")
    assert "Since (UTC)" in [th.get_text() for th in admin.soup.select("th")]
    assert "not known: UTC" in admin.get("/profile").text


def test_the_chosen_zone_is_shown_selected_and_a_refused_one_keeps_it(visitor: Visitors) -> None:
    admin = admin_in(visitor, "Asia/Tokyo")
    assert admin.post("/profile", time_zone="America/New_York").status_code == 303
    admin.get("/profile")
    [selected] = admin.soup.select("select#time_zone option[selected]")
    assert selected["value"] == "America/New_York"
    for typed in ("Mars/Olympus", "x" * 5000, "Europe/Warsaw\x00"):
        refused = admin.post("/profile", time_zone=typed)
        assert refused.status_code == 422, typed
        assert "Choose a time zone from the list." in refused.text
    admin.get("/configuration/users")
    assert "Since (America/New_York)" in [th.get_text() for th in admin.soup.select("th")]


def test_profile_settings_without_a_token_change_nothing(visitor: Visitors) -> None:
    admin = admin_in(visitor)
    assert admin.post("/profile", token=False, time_zone="Asia/Tokyo").status_code == 400
    admin.get("/configuration/users")
    assert "Since (UTC)" in [th.get_text() for th in admin.soup.select("th")]


def test_profile_settings_name_the_browser_s_zone_if_it_is_one_of_the_list(
    visitor: Visitors,
) -> None:
    said = "pages use your browser's ({})"
    assert said.format("Asia/Tokyo") in admin_in(visitor, "Asia/Tokyo").get("/profile").text
    for unknown in ("Mars/Olympus", None):
        page = admin_in(visitor, unknown).get("/profile").text
        assert said.format("not known: UTC") in " ".join(page.split()), unknown
