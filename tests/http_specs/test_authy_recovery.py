"""authy_recovery.feature over HTTP: Authy's backup first, the admin-approved reset last."""

from dataclasses import dataclass

from pytest_bdd import given, parsers, scenarios, when

from tests.conftest import Phone
from tests.specs.conftest import NAME, PRONOUN, login_of

scenarios("authy_recovery.feature")


@dataclass(frozen=True, slots=True)
class AuthyBackup:
    """Authy's encrypted backup of the user's accounts: it holds the same secret as the app.

    Authy's backup and restore happen on the phone, not in Precoro: these steps change the
    phone; every check of what Precoro does goes through its pages.
    """

    secret: str


@given(parsers.re(rf"{NAME} turned on Authy's backups"), target_fixture="authy_backup")
def backups_on(phones: dict[str, Phone], name: str) -> AuthyBackup:
    return AuthyBackup(phones[login_of(name)].secret)


@given(parsers.re(rf"{NAME} lost {PRONOUN} phone"))
def lost_phone(phones: dict[str, Phone], name: str) -> None:
    del phones[login_of(name)]


@when(parsers.re(rf"{NAME} restores Authy on {PRONOUN} new phone from Authy's backup"))
def restores_authy(phones: dict[str, Phone], authy_backup: AuthyBackup, name: str) -> None:
    phones[login_of(name)] = Phone(authy_backup.secret)
