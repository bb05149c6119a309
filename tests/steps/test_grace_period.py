"""Steps of beyond_the_article/grace_period.feature: GitLab's delay before Required 2FA bites."""

from datetime import timedelta

from pytest_bdd import given, parsers, scenarios, then, when

from tests.drivers import Driver, Screen, Seen
from tests.drivers.stage import Stage
from tests.steps.conftest import COMPANY, NAME, is_signed_in, other_pages

scenarios("beyond_the_article/grace_period.feature")


@given(parsers.re(rf"{NAME} has set a grace period of (?P<hours>\d+) hours for {COMPANY}"))
def has_set_grace_period(stage: Stage, name: str, hours: str, company: str) -> None:
    admin = stage.people[name]
    assert admin.company == company
    stage.set_grace_period(admin, int(hours))


@when(
    parsers.re(
        rf"{NAME} sets a grace period of (?P<hours>\d+) hours in Configuration → Account Settings"
    ),
    target_fixture="seen",
)
def sets_grace_period(driver: Driver, stage: Stage, name: str, hours: str) -> Seen:
    admin = stage.people[name]
    driver.open_account_settings(admin)
    return driver.set_grace_period(admin, int(hours))


@when(parsers.re(rf"{NAME} requires two-factor authentication in Configuration → Account Settings"))
def requires(driver: Driver, stage: Stage, name: str) -> None:
    admin = stage.people[name]
    driver.open_account_settings(admin)
    updated = driver.update_account_settings(admin, "Required two-factor authentication", True)
    assert (updated.screen, updated.errors) == (Screen.ACCOUNT_SETTINGS, ()), updated


@given(parsers.parse("{hours:d} hours pass"))
@when(parsers.parse("{hours:d} hours pass"))
def hours_pass(stage: Stage, hours: int) -> None:
    stage.clock.advance(timedelta(hours=hours))


@then(parsers.re(rf"a click of {NAME} on any other page opens it, with the same warning notice"))
def click_opens(driver: Driver, stage: Stage, seen: Seen, name: str) -> None:
    person = stage.people[name]
    for page in other_pages(person):
        clicked = driver.click(person, page)
        is_signed_in(stage, clicked, name)
        assert (clicked.screen, clicked.warnings) == (page, seen.warnings), clicked


@then(
    parsers.re(
        rf"a click of {NAME} on any other page leads to the two-factor authentication settings"
    )
)
def click_leads_to_settings(driver: Driver, stage: Stage, name: str) -> None:
    person = stage.people[name]
    led_to = [driver.click(person, page).screen for page in other_pages(person)]
    assert led_to == [Screen.TWO_FACTOR] * len(other_pages(person)), led_to
