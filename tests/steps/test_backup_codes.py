"""Steps of beyond_the_article/backup_codes.feature: one-time codes in place of the 6-digit code."""

import pyotp
from pytest_bdd import given, parsers, scenarios, then, when

from tests.drivers import Driver, Person, Screen, Seen, on_page
from tests.drivers.phone import Phone
from tests.drivers.stage import PASSWORD, Stage
from tests.steps.codes_typed import CODE_FORM, CODE_FORMS
from tests.steps.conftest import APP, COMPANY, NAME, PRONOUN, is_signed_in, phone_of

scenarios("beyond_the_article/backup_codes.feature")

NOT_A_BACKUP_CODE = "zzzzz-zzzzz"
"""Well formed, and none of anyone's codes (their letters are drawn at random)."""


@given(parsers.re(rf"{NAME} has allowed backup codes for {COMPANY}"))
def has_allowed(stage: Stage, name: str, company: str) -> None:
    admin = stage.people[name]
    assert admin.company == company
    stage.allow_backup_codes(admin, allowed=True)


@given(parsers.re(rf"{NAME} has stopped allowing backup codes for {COMPANY}"))
def has_stopped_allowing(stage: Stage, name: str, company: str) -> None:
    admin = stage.people[name]
    assert admin.company == company
    stage.allow_backup_codes(admin, allowed=False)


@when(parsers.re(rf"{NAME} allows backup codes in Configuration → Account Settings"))
def allows(driver: Driver, stage: Stage, name: str) -> None:
    admin = stage.people[name]
    driver.open_account_settings(admin)
    updated = driver.update_account_settings(admin, "Allow backup codes", True)
    assert (updated.screen, updated.errors) == (Screen.ACCOUNT_SETTINGS, ()), updated


@then("the code step offers no backup code")
def no_backup_code_offered(seen: Seen) -> None:
    assert on_page(seen).screen is Screen.CODE_STEP, seen
    assert "Sign in" in seen.buttons and "Use backup code" not in seen.buttons, seen


def shown_once(driver: Driver, person: Person, seen: Seen) -> None:
    """Ten distinct codes on the page and in its download; afterwards, only how many are left
    (what the page says above them is the scenario's: 'the page says "…"')."""
    assert (on_page(seen).screen, seen.errors) == (Screen.BACKUP_CODES, ()), seen
    assert len(set(seen.backup_codes)) == 10, seen.backup_codes
    assert seen.download is not None
    assert all(code in seen.download.splitlines() for code in seen.backup_codes)
    person.old_backup_codes, person.backup_codes = person.backup_codes, list(seen.backup_codes)
    later = driver.look(person, Screen.TWO_FACTOR)
    assert (later.backup_codes, later.backup_codes_left) == ((), 10), later


@then(
    parsers.re(
        rf"two-factor authentication is activated and {NAME}'s 10 backup codes are shown once"
    )
)
def activated_with_codes(driver: Driver, stage: Stage, seen: Seen, name: str) -> None:
    shown_once(driver, stage.people[name], seen)


@then(parsers.re(rf"{NAME}'s 10 new backup codes are shown once"))
def new_codes_shown(driver: Driver, stage: Stage, seen: Seen, name: str) -> None:
    shown_once(driver, stage.people[name], seen)


def next_backup_code(person: Person) -> str:
    code = person.backup_codes.pop(0)
    person.used_backup_codes.append(code)
    return code


@given(parsers.re(rf"{NAME} has signed in with one of {PRONOUN} backup codes"))
def has_signed_in_with_backup_code(driver: Driver, stage: Stage, name: str) -> None:
    person = stage.people[name]
    driver.sign_in(person, person.login, PASSWORD)
    is_signed_in(stage, driver.enter_backup_code(person, next_backup_code(person)), name)


@when(parsers.re(rf"{NAME} enters one of {PRONOUN} backup codes to sign in"), target_fixture="seen")
def enters_backup_code(driver: Driver, stage: Stage, name: str) -> Seen:
    person = stage.people[name]
    return driver.enter_backup_code(person, next_backup_code(person))


@when(
    parsers.re(rf"{NAME} enters the backup code she already used to sign in"),
    target_fixture="seen",
)
def enters_used_backup_code(driver: Driver, stage: Stage, name: str) -> Seen:
    person = stage.people[name]
    return driver.enter_backup_code(person, person.used_backup_codes[-1])


@when(
    parsers.re(rf"{NAME} enters a backup code of {PRONOUN} earlier sheet to sign in"),
    target_fixture="seen",
)
def enters_old_backup_code(driver: Driver, stage: Stage, name: str) -> Seen:
    person = stage.people[name]
    return driver.enter_backup_code(person, person.old_backup_codes[0])


@when(
    parsers.re(rf"{NAME} enters a wrong backup code to sign in (?P<times>\d+) times"),
    target_fixture="seen",
)
def enters_wrong_backup_codes(driver: Driver, stage: Stage, name: str, times: str) -> Seen:
    person = stage.people[name]
    assert NOT_A_BACKUP_CODE not in person.backup_codes
    tries = [driver.enter_backup_code(person, NOT_A_BACKUP_CODE) for _ in range(int(times))]
    return tries[-1]


@when(
    parsers.re(rf"(?P<owner>[A-Z][a-z]+)'s backup code is entered in {NAME}'s code step"),
    target_fixture="seen",
)
def backup_code_of_another(driver: Driver, stage: Stage, owner: str, name: str) -> Seen:
    return driver.enter_backup_code(stage.people[name], stage.people[owner].backup_codes[0])


@then(parsers.re(rf"{NAME} is signed in and told \"(?P<message>.+)\""))
def signed_in_and_told(stage: Stage, seen: Seen, name: str, message: str) -> None:
    is_signed_in(stage, seen, name)
    assert on_page(seen).messages == (message,), seen


@when(
    parsers.re(rf"{NAME} sets up {APP} on a new phone with another backup code"),
    target_fixture="seen",
)
def sets_up_with_backup_code(driver: Driver, stage: Stage, name: str, app: str) -> Seen:
    """Change authentication application, a backup code for the current code, the new QR."""
    person = stage.people[name]
    shown = driver.change_application_with_backup_code(person, next_backup_code(person), app)
    assert shown.qr_uri is not None, shown
    person.phone = Phone(pyotp.parse_uri(shown.qr_uri).secret, stage.clock)
    return driver.confirm(person, person.phone.code())


@when(
    parsers.re(
        rf"{NAME} tries to turn off two-factor authentication with one of {PRONOUN} backup codes"
    ),
    target_fixture="seen",
)
def turns_off_with_backup_code(driver: Driver, stage: Stage, name: str) -> Seen:
    person = stage.people[name]
    driver.go_to_two_factor(person)
    driver.press_turn_off(person)
    return driver.turn_off(person, person.backup_codes[0])


@when(
    parsers.re(rf"{NAME} regenerates {PRONOUN} backup codes with {CODE_FORM}"),
    target_fixture="seen",
)
def regenerates(driver: Driver, stage: Stage, name: str, form: str) -> Seen:
    person = stage.people[name]
    return driver.regenerate_backup_codes(person, CODE_FORMS[form](phone_of(person)))


@then(parsers.parse('the codes download as a text file headed "{heading}"'))
def download_headed(seen: Seen, heading: str) -> None:
    download = on_page(seen).download
    assert download is not None and download.splitlines()[0] == heading, seen


@when(
    parsers.re(rf"{NAME} opens the page to regenerate backup codes by its address"),
    target_fixture="seen",
)
def opens_regenerate(driver: Driver, stage: Stage, name: str) -> Seen:
    return driver.open_address(stage.people[name], Screen.REGENERATE)
