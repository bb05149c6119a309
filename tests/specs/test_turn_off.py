"""Steps of turn_off.feature: Turn Off after a current code, and the secret forgotten."""

from pytest_bdd import given, parsers, scenarios, then, when

from precoro_2fa import CodeAccepted, CodeVerdict, Precoro, TwoFactorRuleBroken, TwoFactorStatus
from tests.conftest import NAME, Phone, login_of
from tests.specs.conftest import ProfileSettings

scenarios("turn_off.feature")


@given(parsers.re(rf"{NAME} has turned off two-factor authentication"), target_fixture="old_secret")
def has_turned_off(precoro: Precoro, phones: dict[str, Phone], name: str) -> str:
    """Turn Off with a current code; the phone keeps the old secret, Precoro forgets it."""
    phone = phones[login_of(name)]
    assert precoro.turn_off(login_of(name), phone.code()).accepted
    return phone.secret


@when(parsers.re(rf"enters the current code of {NAME}'s application"), target_fixture="typed_code")
def enters_code_of(phones: dict[str, Phone], name: str) -> object:
    return phones[login_of(name)].code()


@then("two-factor authentication is turned off and no secret is kept")
def turned_off(
    precoro: Precoro, profile_settings: ProfileSettings, verdict: CodeVerdict | TwoFactorRuleBroken
) -> None:
    assert isinstance(verdict, CodeAccepted), verdict
    page = precoro.two_factor_view(profile_settings.login)
    assert (page.status, page.application) == (TwoFactorStatus.OFF, None)
    assert precoro.two_factor_view(profile_settings.login).pending is None


@then(parsers.re(rf"the authentication page shows a secret other than the one {NAME} turned off"))
def new_secret(
    precoro: Precoro, profile_settings: ProfileSettings, old_secret: str, name: str
) -> None:
    pending = precoro.two_factor_view(profile_settings.login).pending
    assert pending is not None
    assert pending.secret != old_secret
