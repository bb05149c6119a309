"""Steps of turn_on.feature: Turn On, Next, the QR code and the secret, Confirm."""

import base64
import re

import pyotp
from pytest_bdd import parsers, scenarios, then, when

from tests.drivers import ByHand, Driver, Screen, Seen, on_page
from tests.drivers.phone import Phone
from tests.drivers.stage import Stage
from tests.steps.conftest import APP, NAME, actor, no_qr_code_kept

scenarios("turn_on.feature")


def secret_of(seen: Seen) -> str:
    """The secret in the QR code the page shows, as the phone reads it."""
    assert seen.qr_uri is not None, f"no QR code on {seen.screen.value}"
    return str(pyotp.parse_uri(seen.qr_uri).secret)


@when("scans the QR code with the authentication application", target_fixture="phone")
def scans_qr_code(stage: Stage, seen: Seen) -> Phone:
    person = actor(stage, seen)
    person.phone = Phone(secret_of(seen), stage.clock)
    return person.phone


@when("enters the secret code in the application manually", target_fixture="phone")
def types_secret(stage: Stage, seen: Seen) -> Phone:
    assert seen.grouped_secret is not None, seen
    person = actor(stage, seen)
    person.phone = Phone(seen.grouped_secret.replace(" ", ""), stage.clock)
    return person.phone


@when(
    parsers.re(rf"presses Turn On again, chooses {APP} and presses the Next button"),
    target_fixture="seen",
)
def starts_again(driver: Driver, stage: Stage, seen: Seen, app: str) -> Seen:
    """Back on the Two-factor authentication page, which offers Turn On until Confirm."""
    person = actor(stage, seen)
    driver.go_to_two_factor(person)
    driver.press_turn_on(person)
    return driver.choose_and_press_next(person, app)


@when(parsers.re(rf"{NAME} opens the Turn On page by its address"), target_fixture="seen")
def opens_turn_on(driver: Driver, stage: Stage, name: str) -> Seen:
    return driver.open_address(stage.people[name], Screen.TURN_ON)


@when(parsers.re(rf"{NAME} opens the page of the QR code by its address"), target_fixture="seen")
def opens_set_up(driver: Driver, stage: Stage, name: str) -> Seen:
    return driver.open_address(stage.people[name], Screen.SET_UP)


@when(parsers.re(rf"{NAME} sends Next with {APP} chosen, without the page"), target_fixture="seen")
def sends_next(driver: Driver, stage: Stage, name: str, app: str) -> Seen:
    """The form of the Turn On page, sent from an old tab or by hand, with her session."""
    field = "AUTHY" if app == "Authy" else "GOOGLE_AUTHENTICATOR"
    return driver.send_by_hand(stage.people[name], ByHand.NEXT, {"application": field})


@then(parsers.re(rf"the Two-factor authentication page shows {APP}"))
def page_shows(driver: Driver, stage: Stage, seen: Seen, app: str) -> None:
    shown = driver.look(actor(stage, seen), Screen.TWO_FACTOR)
    assert (shown.status, shown.application) == ("on", app), shown


@then(parsers.re(rf"{NAME} can choose Authy or Google Authenticator"))
def can_choose(stage: Stage, seen: Seen, name: str) -> None:
    assert (on_page(seen).who, seen.screen) == (stage.people[name].login, Screen.TURN_ON), seen
    assert seen.choices == ("Authy", "Google Authenticator"), seen
    assert "Next" in seen.buttons


@then(parsers.parse('the QR code reads "{prefix}" then the secret then "{suffix}"'))
def qr_code_reads(stage: Stage, seen: Seen, prefix: str, suffix: str) -> None:
    """The label is the login; the secret is the one the page groups for typing by hand."""
    login = stage.as_typed(re.sub(r".*:(.*)\?.*", r"\1", prefix))
    expected_prefix = re.sub(r":[^:?]*\?", f":{login}?", prefix)
    assert seen.grouped_secret is not None, seen
    assert seen.qr_uri == expected_prefix + seen.grouped_secret.replace(" ", "") + suffix


@then("the secret is 32 base32 characters, 160 bits")
def secret_is_160_bits(seen: Seen) -> None:
    secret = secret_of(seen)
    assert re.fullmatch("[A-Z2-7]{32}", secret), secret
    assert len(base64.b32decode(secret)) * 8 == 160


@then("the page shows the same secret in groups of four characters for typing by hand")
def grouped_secret(seen: Seen) -> None:
    assert seen.grouped_secret is not None, seen
    groups = seen.grouped_secret.split(" ")
    assert [len(group) for group in groups] == [4] * 8
    assert "".join(groups) == secret_of(seen)


@then("the QR code is offered as PNG and as SVG")
def png_and_svg(seen: Seen) -> None:
    assert seen.qr_formats == ("PNG", "SVG"), seen


@then(parsers.parse('the caption under the QR code says "{caption}"'))
def qr_caption(seen: Seen, caption: str) -> None:
    assert (seen.screen, seen.qr_uri is not None) == (Screen.SET_UP, True), seen
    assert seen.qr_caption == caption, seen


@then("the second secret differs from the first")
def secrets_differ(seen: Seen, phone: Phone) -> None:
    assert secret_of(seen) != phone.secret


@then("the authentication page shows the second secret")
def page_shows_second(driver: Driver, stage: Stage, seen: Seen) -> None:
    shown = driver.look(actor(stage, seen), Screen.SET_UP)
    assert secret_of(shown) == secret_of(seen)


@then("the authentication page still shows the same secret")
def same_secret(driver: Driver, stage: Stage, seen: Seen, phone: Phone) -> None:
    assert secret_of(driver.look(actor(stage, seen), Screen.SET_UP)) == phone.secret


@then(parsers.parse('the page notes "{note}"'))
def page_notes(seen: Seen, note: str) -> None:
    assert seen.screen is Screen.SET_UP, seen
    assert note in seen.notes, seen.notes


@then(parsers.parse('the page warns "{warning}"'))
def page_warns(seen: Seen, warning: str) -> None:
    """On the page of the QR code: a warning (announced as an alert on a page), not a note."""
    assert seen.screen is Screen.SET_UP, seen
    assert warning in seen.warnings, seen
    assert warning not in seen.notes, seen


@then(parsers.parse('the page warns "{warning}" beside the choice of {application}'))
def page_warns_beside(seen: Seen, warning: str, application: str) -> None:
    """Inside that choice's label, announced as an alert; beside no other choice."""
    assert on_page(seen).screen is Screen.TURN_ON, seen
    expected = {choice: (warning,) if choice == application else () for choice in seen.choices}
    assert dict(seen.beside) == expected, seen.beside


@then(parsers.parse('the page does not warn "{warning}"'))
def page_does_not_warn(seen: Seen, warning: str) -> None:
    assert seen.screen is Screen.SET_UP, seen
    assert warning not in seen.warnings + seen.notes, seen


@then("no secret is shown")
def no_secret_shown(driver: Driver, stage: Stage, seen: Seen) -> None:
    assert (seen.qr_uri, seen.grouped_secret) == (None, None), seen
    no_qr_code_kept(driver, actor(stage, seen))
