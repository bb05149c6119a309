"""Restore an account in Google Authenticator: request, approval, reset, set up again."""

from pytest_bdd import parsers, scenarios, then, when

from tests.drivers import ByHand, Driver, Person, Screen, Seen, on_page, reached
from tests.drivers.stage import Stage
from tests.steps.conftest import NAME, PRONOUN, cells_of, other_pages, rows_of_table

scenarios("google_authenticator_recovery.feature")


@then("the request waits for us to reset the two-factor authentication")
def waits_for_reset(driver: Driver, stage: Stage, requester: Person) -> None:
    support = reached(driver.look(stage.support_agent(), Screen.SUPPORT), Screen.SUPPORT)
    rows = [row for row in support.rows if row["Employee"] == requester.login]
    assert [row["State"] for row in rows] == ["approved: waiting for the reset"], support


@then(parsers.parse('a code from the lost phone is refused at sign-in with "{message}"'))
def lost_phone_refused(driver: Driver, stage: Stage, requester: Person, message: str) -> None:
    [lost] = stage.lost_phones
    seen = driver.try_sign_in(requester, lost.code())
    assert (seen.screen, seen.errors) == (Screen.CODE_STEP, (message,)), seen


@when(
    parsers.re(rf"{NAME} tries to record a reset request for (?P<user>[A-Z][a-z]+)"),
    target_fixture="seen",
)
def non_support_records(driver: Driver, stage: Stage, name: str, user: str) -> Seen:
    """The Support page's form, sent by hand: only support has the page."""
    fields = {"login": stage.people[user].login, "channel": "ONLINE_CHAT"}
    return driver.send_by_hand(stage.people[name], ByHand.RECORD_REQUEST, fields)


@when(
    parsers.re(rf"{NAME} presses Reset beside (?P<user>[A-Z][a-z]+)'s request"),
    target_fixture="seen",
)
def presses_reset(driver: Driver, stage: Stage, name: str, user: str) -> Seen:
    return driver.press_reset(stage.people[name], stage.people[user].login)


@when(
    parsers.re(
        rf"{NAME} tries to reset the two-factor authentication in (?P<user>[A-Z][a-z]+)'s account"
    ),
    target_fixture="seen",
)
def non_support_resets(
    driver: Driver, stage: Stage, requester: Person, name: str, user: str
) -> Seen:
    assert requester.login == stage.people[user].login
    request = {"request": stage.request_id(requester.login)}
    return driver.send_by_hand(stage.people[name], ByHand.RESET, request)


@then(parsers.re(rf'{NAME} sees on every page "(?P<banner>[^"]+)"'))
def sees_request_waiting(driver: Driver, stage: Stage, name: str, banner: str) -> None:
    """The banner of a recovery request waiting for this admin, on every page of the menu."""
    person = stage.people[name]
    for page in (*other_pages(person), Screen.TWO_FACTOR):
        seen = on_page(driver.look(person, page))
        assert (seen.screen, seen.request_waiting) == (page, banner), seen


@then(parsers.re(rf"{NAME} sees no recovery request waiting for {PRONOUN} approval"))
def sees_no_request_waiting(driver: Driver, stage: Stage, name: str) -> None:
    for page in other_pages(stage.people[name]):
        seen = on_page(driver.look(stage.people[name], page))
        assert (seen.screen, seen.request_waiting) == (page, None), seen


@then(
    parsers.re(
        rf"on Configuration → Recovery requests, {NAME}'s own request offers "
        r'neither Approve nor Reject but says "(?P<said>[^"]+)"'
    )
)
def own_request_not_offered(driver: Driver, stage: Stage, name: str, said: str) -> None:
    person = stage.people[name]
    seen = on_page(reached(driver.look(person, Screen.RECOVERY_REQUESTS), Screen.RECOVERY_REQUESTS))
    [row] = [row for row in seen.rows if row["Employee"] == person.login]
    assert row[""] == said, row


@when(
    parsers.re(rf"{NAME} tries to approve the request on Support → Recovery requests"),
    target_fixture="seen",
)
def support_tries_to_approve(driver: Driver, stage: Stage, requester: Person, name: str) -> Seen:
    """Sent by hand: the agent who recorded it has no Approve in its row."""
    request = {"request": stage.request_id(requester.login)}
    return driver.send_by_hand(stage.people[name], ByHand.SUPPORT_APPROVE, request)


@when(
    parsers.re(rf"{NAME} opens (?P<page>Support|Configuration) → Recovery requests"),
    target_fixture="seen",
)
def opens_recovery_requests(driver: Driver, stage: Stage, name: str, page: str) -> Seen:
    """Support's page (every company's requests) or an admin's (her company's)."""
    screen = Screen.SUPPORT if page == "Support" else Screen.RECOVERY_REQUESTS
    return reached(driver.look(stage.people[name], screen), screen)


@then("the page lists the requests")
def page_lists_requests(stage: Stage, seen: Seen, datatable: list[list[str]]) -> None:
    """The page's rows of the scenario's people, as they read, in the page's order (support
    sees every company's)."""
    ours = {person.login for person in stage.people.values()}
    shown = [row for row in cells_of(on_page(seen).rows) if row[0] in ours]
    assert shown == rows_of_table(stage, datatable)
