"""Times in the reader's own time zone: the browser's, the one chosen, and a refused one."""

from pytest_bdd import given, parsers, scenarios, then, when

from tests.drivers import ByHand, Driver, Screen, Seen, on_page
from tests.drivers.stage import Stage
from tests.steps.conftest import NAME, admin_look, cell_of, zone_of

scenarios("time_zone.feature")

ZONE = r"(?P<zone>[A-Za-z_]+/[A-Za-z_]+|UTC)"
BROWSERS_TIME_ZONE = "Your browser's time zone"
"""The first option of Profile settings' Time zone list."""
PAGES = {"Users": Screen.USERS, "Audit log": Screen.AUDIT_LOG}


@given(parsers.re(rf"{NAME}'s browser is set to {ZONE}"))
def browser_set_to(driver: Driver, stage: Stage, name: str, zone: str) -> None:
    driver.set_browser_time_zone(stage.people[name], zone)


@given(parsers.re(rf"{NAME} has chosen the time zone {ZONE}"))
def has_chosen(stage: Stage, name: str, zone: str) -> None:
    stage.precoro.choose_time_zone(stage.people[name].login, zone)


@when(
    parsers.re(
        rf"{NAME} chooses (?:the time zone {ZONE}|\"(?P<browsers>{BROWSERS_TIME_ZONE})\") "
        r"in Profile settings"
    ),
    target_fixture="seen",
)
def chooses(
    driver: Driver, stage: Stage, name: str, zone: str | None, browsers: str | None
) -> Seen:
    seen = driver.choose_time_zone(stage.people[name], zone or browsers or "")
    assert seen.errors == (), seen
    return seen


@when(
    parsers.re(
        rf"{NAME} sends Profile settings' Update with the time zone \"(?P<typed>.*)\" by hand"
    ),
    target_fixture="seen",
)
def sends_time_zone(driver: Driver, stage: Stage, name: str, typed: str) -> Seen:
    """Sent without the page: its list offers no such name."""
    return driver.send_by_hand(stage.people[name], ByHand.TIME_ZONE, {"time_zone": typed})


@when(parsers.re(rf"{NAME} opens Configuration → (?P<page>Users|Audit log)"), target_fixture="seen")
def opens(driver: Driver, stage: Stage, name: str, page: str) -> Seen:
    return admin_look(driver, stage, stage.people[name], PAGES[page])


@then(parsers.re(rf"the times are shown in {ZONE}"))
def times_shown_in(seen: Seen, zone: str) -> None:
    heading = "Since" if seen.screen is Screen.USERS else "Time"
    assert on_page(seen).rows, seen
    assert zone_of(seen.rows[0], heading) == zone


@then(parsers.re(rf"{NAME} has two-factor authentication on since \"(?P<since>.+)\""))
def on_since(stage: Stage, seen: Seen, name: str, since: str) -> None:
    [row] = [row for row in on_page(seen).rows if row["Person"] == stage.people[name].login]
    assert (row["Two-factor authentication"], cell_of(row, "Since")) == ("on", since), row


@then(parsers.re(rf"the audit log shows \"(?P<event>.+)\" by {NAME} at \"(?P<at>.+)\""))
def audit_log_shows(stage: Stage, seen: Seen, event: str, name: str, at: str) -> None:
    login = stage.people[name].login
    times = [
        cell_of(row, "Time")
        for row in on_page(seen).rows
        if (row["Event"], row["By"]) == (event, login)
    ]
    assert times == [at], seen.rows


@then(parsers.re(rf"{NAME}'s email \"(?P<subject>.+)\" says the time \"(?P<at>.+)\""))
def email_says_time(stage: Stage, name: str, subject: str, at: str) -> None:
    [email] = [e for e in stage.emails_to(stage.people[name].login) if e.subject == subject]
    assert f" at {at}" in email.body, email.body
