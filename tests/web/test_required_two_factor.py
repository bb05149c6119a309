"""Configuration → Account Settings → Required two-factor authentication, and its effects."""

from collections.abc import Callable

from precoro_2fa import WARNING_NOTICE
from tests.conftest import Phone
from tests.web.visitor import ADMIN, ANNA, BOB, GLOBEX_ADMIN, Visitor

Visitors = Callable[[], Visitor]
TurnOn = Callable[[str], Phone]

ORDINARY_PAGES = ("/", "/purchase-orders", "/profile")


def require_two_factor(visitor: Visitors, admin: str = ADMIN) -> Visitor:
    """The admin ticks the box and presses Update; without 2FA, they are led to set it up too."""
    person = visitor()
    person.sign_in(admin)
    person.get("/configuration/account-settings")
    assert "Required two-factor authentication" in person.text
    assert "checked" not in person.text
    person.post("/configuration/account-settings", required_two_factor="y")
    assert person.headers_location() == "/configuration/account-settings"
    assert person.follow().headers["Location"] == "/profile/two-factor"
    person.follow()
    assert person.notices == ["Account Settings have been updated.", WARNING_NOTICE]
    return person


def test_an_employee_without_two_factor_is_warned_and_led_to_the_settings_page(
    visitor: Visitors,
) -> None:
    require_two_factor(visitor)
    anna = visitor()
    anna.sign_in(ANNA)
    for page in ORDINARY_PAGES:
        assert anna.get(page).headers["Location"] == "/profile/two-factor"
    anna.follow()
    assert anna.notices == [WARNING_NOTICE]


def test_once_turned_on_the_employee_reaches_every_page_but_cannot_turn_it_off(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    require_two_factor(visitor)
    phone = with_two_factor(ANNA)
    anna = visitor()
    anna.sign_in(ANNA)
    anna.enter_code(phone.code())
    for page in ORDINARY_PAGES:
        assert anna.get(page).status_code == 200
    settings = anna.get("/profile/two-factor").text
    assert "it cannot be turned off" in settings
    assert ">Turn Off<" not in settings
    refused = anna.post("/profile/two-factor/turn-off", code=phone.code(1))
    assert refused.headers["Location"] == "/profile/two-factor"  # answered where she acted
    anna.follow()
    assert "Your company requires two-factor authentication" in anna.notices[0]


def test_an_admin_with_two_factor_sees_the_box_ticked_and_can_untick_it(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    phone = with_two_factor(ADMIN)
    admin = visitor()
    admin.sign_in(ADMIN)
    admin.enter_code(phone.code())
    admin.post("/configuration/account-settings", required_two_factor="y")
    admin.follow()
    assert admin.notices == ["Account Settings have been updated."]
    assert 'checked id="required_two_factor"' in admin.text
    admin.post("/configuration/account-settings")
    assert "checked" not in admin.follow().text


def test_unticking_lets_employees_without_two_factor_in_again(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    phone = with_two_factor(ADMIN)
    admin = visitor()
    admin.sign_in(ADMIN)
    admin.enter_code(phone.code())
    admin.post("/configuration/account-settings", required_two_factor="y")
    bob = visitor()
    bob.sign_in(BOB)
    assert bob.get("/purchase-orders").headers["Location"] == "/profile/two-factor"
    admin.post("/configuration/account-settings")
    assert bob.get("/purchase-orders").status_code == 200


def test_the_policy_of_one_company_does_not_reach_another(visitor: Visitors) -> None:
    require_two_factor(visitor, GLOBEX_ADMIN)
    anna = visitor()
    anna.sign_in(ANNA)
    assert anna.get("/purchase-orders").status_code == 200


def test_only_admins_open_account_settings(visitor: Visitors) -> None:
    anna = visitor()
    anna.sign_in(ANNA)
    assert "Configuration" not in anna.get("/").text
    assert anna.get("/configuration/account-settings").status_code == 403
    assert anna.notices == ["Only an admin of this company can do this."]
    assert anna.post("/configuration/account-settings", required_two_factor="y").status_code == 403
    admin = visitor()
    admin.sign_in(ADMIN)
    assert "checked" not in admin.get("/configuration/account-settings").text
