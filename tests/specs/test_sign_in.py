"""Steps of sign_in.feature: login and password, then the 6-digit code of that attempt."""

from pytest_bdd import parsers, scenarios, when

from precoro_2fa import CodeRejected, CodeRequired, Precoro, SignedIn, SignInRefused
from tests.conftest import NAME, PASSWORD, Phone, login_of

scenarios("sign_in.feature")

PASSWORDS: dict[str, object] = {
    "Eve's password": PASSWORD,
    "a wrong password": "wrong horse battery",
    "an empty password": "",
    "no password": None,
}
PASSWORD_FORM = "(?P<password>" + "|".join(PASSWORDS) + ")"
SignInAnswer = SignedIn | CodeRequired | SignInRefused
PERSON = "[A-Z][a-z]+"


@when(
    parsers.re(rf'someone signs in as "(?P<login>[^"]*)" with {PASSWORD_FORM}'),
    target_fixture="signed_in",
)
def someone_signs_in(precoro: Precoro, login: str, password: str) -> SignInAnswer:
    return precoro.sign_in(login, PASSWORDS[password])


@when(
    parsers.re(
        rf'someone signs in as "(?P<login>[^"]*)" with {PASSWORD_FORM} (?P<times>\d+) times'
    ),
    target_fixture="guesses",
)
def someone_guesses(precoro: Precoro, login: str, password: str, times: str) -> list[SignInAnswer]:
    return [precoro.sign_in(login, PASSWORDS[password]) for _ in range(int(times))]


@when(
    parsers.re(rf"(?P<owner>{PERSON})'s current code is entered in {NAME}'s code step"),
    target_fixture="sign_in_answer",
)
def code_of_another_user(
    precoro: Precoro,
    phones: dict[str, Phone],
    signed_in: SignInAnswer,
    owner: str,
    name: str,
) -> SignedIn | CodeRejected:
    assert isinstance(signed_in, CodeRequired), signed_in
    return precoro.enter_code(signed_in.attempt_id, phones[login_of(owner)].code())


@when(
    parsers.re(rf"{NAME}'s current code is entered in a sign-in attempt nobody opened"),
    target_fixture="sign_in_answer",
)
def code_without_attempt(
    precoro: Precoro, phones: dict[str, Phone], name: str
) -> SignedIn | CodeRejected:
    return precoro.enter_code("an attempt nobody opened", phones[login_of(name)].code())
