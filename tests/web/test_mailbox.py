"""Without a mail server, the demo app shows each person the emails Precoro would send."""

from collections.abc import Callable

from tests.conftest import Phone
from tests.web.visitor import ANNA, BOB, Visitor

Visitors = Callable[[], Visitor]
TurnOn = Callable[[str], Phone]


def test_the_mailbox_shows_the_visitors_own_emails_and_no_code_or_secret(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    phone = with_two_factor(ANNA)
    anna = visitor()
    anna.sign_in(ANNA)
    anna.enter_code(phone.code())
    assert 'href="/mailbox"' in anna.get("/").text  # in the menu: there is no mail server
    page = anna.get("/mailbox")
    assert page.status_code == 200
    assert "Two-factor authentication is on" in anna.text
    assert f"To {ANNA}" in anna.text
    assert phone.secret not in anna.text and phone.code() not in anna.text
    bob = visitor()
    bob.sign_in(BOB)
    bob.get("/mailbox")
    assert "No email yet." in bob.text
    assert "Two-factor authentication is on" not in bob.text
