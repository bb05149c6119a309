"""The notebooks' front says what the pages say, and the try-it answers without raising."""

import time

import pyotp
import pytest

from precoro_2fa import Argon2Config, AuthenticationApplication, Config, bootstrap
from precoro_2fa.entrypoints.messages import ACTIVATED, TURNED_OFF
from precoro_2fa.entrypoints.notebook import START_OVER, TYPE_A_CODE, TryIt, show

CHEAP = Config(argon2=Argon2Config(time_cost=1, memory_cost=8))


@pytest.fixture
def try_it() -> TryIt:
    return TryIt.start(config=CHEAP)


def _phone(try_it: TryIt) -> pyotp.TOTP:
    phone = pyotp.parse_uri(try_it.enrollment.provisioning_uri)
    assert isinstance(phone, pyotp.TOTP)
    return phone


def test_the_qr_code_page_shows_the_notes_the_image_and_the_grouped_secret(try_it: TryIt) -> None:
    text, page = str(try_it.page()), try_it.page()._repr_html_()
    assert "Do not remove Google Authenticator from your phone!" in text
    assert try_it.enrollment.grouped_secret in text
    assert 'src="data:image/png;base64,' in page


def test_a_right_code_activates_and_running_the_cell_again_says_why_not_and_how_to_start_over(
    try_it: TryIt,
) -> None:
    code = _phone(try_it).now()
    first = str(try_it.confirm(code))
    assert ACTIVATED in first
    assert "Two-factor authentication is on, with Google Authenticator." in first
    again = str(try_it.confirm(code))
    assert "Two-factor authentication is already on." in again
    assert START_OVER in again


def test_a_lock_says_until_when_and_which_cell_starts_over(try_it: TryIt) -> None:
    _ = [try_it.confirm("000000") for _ in range(4)]
    locked = str(try_it.confirm("000000"))
    assert "Code entry is locked until" in locked
    assert START_OVER in locked
    assert str(try_it.confirm("")) == TYPE_A_CODE


def test_turn_off_says_what_the_page_says() -> None:
    precoro = bootstrap(config=CHEAP, new_secret=lambda: "CWBLPUYZXJZISYDLIYE7D4OKZ3SUTNK6")
    precoro.add_company("acme", "Acme")
    precoro.add_user("eve@acme.test", "a long password", "acme")
    precoro.turn_on("eve@acme.test")
    precoro.choose_application("eve@acme.test", AuthenticationApplication.AUTHY)
    phone = pyotp.TOTP("CWBLPUYZXJZISYDLIYE7D4OKZ3SUTNK6")
    precoro.confirm("eve@acme.test", phone.now())
    status = str(show(precoro.two_factor_view("eve@acme.test")))
    assert "[ Change authentication application ]   [ Turn Off ]" in status
    refused = str(show(precoro.turn_off("eve@acme.test", "000000")))
    assert (
        refused == "✘ This code is incorrect or has expired. Enter the current code from your app."
    )
    turned_off = str(show(precoro.turn_off("eve@acme.test", phone.at(time.time() + 30))))
    assert turned_off == f"✔ {TURNED_OFF}"
    with pytest.raises(TypeError, match="No page shows a str"):
        show("a string")
