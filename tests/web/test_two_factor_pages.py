"""Profile settings → Two-factor authentication: Turn On, Next, Confirm, Turn Off, change app."""

import base64
import io
import re
from collections.abc import Callable

from bs4 import BeautifulSoup, Tag
from freezegun.api import FrozenDateTimeFactory
from PIL import Image

from precoro_2fa import AuthenticationApplication, Precoro, Rejection
from tests.conftest import Phone
from tests.web.visitor import ADMIN, ANNA, Visitor, decode_qr, secret_of

[WARNING] = AuthenticationApplication.GOOGLE_AUTHENTICATOR.warnings

Visitors = Callable[[], Visitor]
TurnOn = Callable[[str], Phone]


def signed_in(visitor: Visitors, login: str = ANNA) -> Visitor:
    person = visitor()
    person.sign_in(login)
    return person


def test_turn_on_offers_authy_and_google_authenticator_with_the_articles_notes(
    visitor: Visitors,
) -> None:
    anna = signed_in(visitor)
    assert "Turn On" in anna.get("/profile/two-factor").text
    page = anna.get("/profile/two-factor/turn-on")
    assert page.status_code == 200
    assert "Authy" in anna.text and "Google Authenticator" in anna.text
    assert "The Authy application allows you to restore the account if necessary." in anna.text
    assert "Do not remove Google Authenticator from your phone!" in anna.text
    assert ">Next<" in anna.text


def test_next_shows_the_qr_code_and_the_same_secret_grouped_for_typing(
    visitor: Visitors,
) -> None:
    anna = signed_in(visitor)
    assert anna.post("/profile/two-factor/turn-on", application="AUTHY").status_code == 303
    anna.follow()
    uri = decode_qr(anna.qr_png())
    grouped = anna.shown_secret()
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", grouped)
    assert secret_of(uri) == grouped.replace(" ", "")
    assert uri.startswith("otpauth://totp/Precoro:anna%40acme.test?")
    assert "issuer=Precoro" in uri
    assert ">Confirm<" in anna.text


def test_a_wrong_code_leaves_two_factor_off_and_the_right_one_turns_it_on(
    visitor: Visitors,
) -> None:
    anna = signed_in(visitor)
    anna.post("/profile/two-factor/turn-on", application="GOOGLE_AUTHENTICATOR")
    anna.follow()
    phone = Phone(anna.shown_secret().replace(" ", ""))
    wrong = "000000" if phone.code() != "000000" else "111111"
    assert anna.post("/profile/two-factor/confirm", code=wrong).status_code == 422
    assert anna.notices == [WARNING, Rejection.WRONG.message]
    assert "<p>Two-factor authentication is off.</p>" in anna.get("/profile/two-factor").text
    anna.post("/profile/two-factor/confirm", code=phone.code())
    anna.follow()
    assert anna.notices == ["Congratulations, you have activated two-factor authentication"]
    assert "<p>Two-factor authentication is on, with Google Authenticator.</p>" in anna.text


def test_confirm_before_choosing_an_application_leads_back_to_the_settings(
    visitor: Visitors,
) -> None:
    anna = signed_in(visitor)
    assert anna.get("/profile/two-factor/confirm").headers["Location"] == "/profile/two-factor"
    anna.follow()
    assert anna.notices == ["Press Turn On and choose an authentication application first."]


def test_turn_on_again_while_on_neither_shows_nor_replaces_the_secret(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    phone = with_two_factor(ANNA)
    anna = signed_in(visitor)
    anna.enter_code(phone.code())
    assert anna.get("/profile/two-factor/turn-on").headers["Location"] == "/profile/two-factor"
    anna.follow()
    assert anna.notices == ["Two-factor authentication is already on."]
    refused = anna.post("/profile/two-factor/turn-on", application="AUTHY")
    assert refused.headers["Location"] == "/profile/two-factor"
    anna.follow()
    assert anna.notices == ["Two-factor authentication is already on."]
    assert anna.get("/profile/two-factor/confirm").status_code == 303


def test_turn_off_asks_for_a_current_code(
    visitor: Visitors, with_two_factor: TurnOn, clock: FrozenDateTimeFactory
) -> None:
    phone = with_two_factor(ANNA)
    anna = signed_in(visitor)
    anna.enter_code(phone.code())
    assert "Turn Off" in anna.get("/profile/two-factor").text
    assert anna.post("/profile/two-factor/turn-off", code=phone.code()).status_code == 422
    assert anna.notices == [Rejection.REPLAYED.message]
    clock.tick(30)
    anna.post("/profile/two-factor/turn-off", code=phone.code())
    anna.follow()
    assert anna.notices == ["Two-factor authentication has been turned off."]
    assert "<p>Two-factor authentication is off.</p>" in anna.text
    anna.sign_out()
    assert anna.sign_in(ANNA).headers["Location"] == "/"


def test_changing_the_application_needs_the_current_code_then_confirms_the_new_app(
    visitor: Visitors, with_two_factor: TurnOn, clock: FrozenDateTimeFactory
) -> None:
    old_phone = with_two_factor(ANNA)
    anna = signed_in(visitor)
    anna.enter_code(old_phone.code())
    assert anna.get("/profile/two-factor/change").status_code == 200
    refused = anna.post("/profile/two-factor/change", code="123", application="AUTHY")
    assert refused.status_code == 422
    assert anna.notices == [Rejection.MALFORMED.message]
    clock.tick(30)
    anna.post("/profile/two-factor/change", code=old_phone.code(), application="AUTHY")
    assert anna.follow().status_code == 200
    new_phone = Phone(anna.shown_secret().replace(" ", ""))
    anna.post("/profile/two-factor/confirm", code=new_phone.code())
    anna.follow()
    assert anna.notices == ["Your authentication application has been changed."]
    assert "<p>Two-factor authentication is on, with Authy.</p>" in anna.text
    clock.tick(30)
    anna.sign_out()
    anna.sign_in(ANNA)
    assert anna.enter_code(old_phone.code()).status_code == 422
    assert anna.enter_code(new_phone.code()).headers["Location"] == "/"


def test_an_unknown_application_gets_a_clear_error(visitor: Visitors) -> None:
    anna = signed_in(visitor)
    for application in ("", "Authy", "SMS", "x" * 5000):
        page = anna.post("/profile/two-factor/turn-on", application=application)
        assert page.status_code == 422
        assert anna.notices == ["Choose Authy or Google Authenticator."]


def test_the_backup_codes_download_is_a_text_file_of_the_codes_shown(
    precoro: Precoro, visitor: Visitors
) -> None:
    precoro.update_account_settings(ADMIN, False, backup_codes=True)
    anna = signed_in(visitor)
    anna.post("/profile/two-factor/turn-on", application="GOOGLE_AUTHENTICATOR")
    anna.follow()
    phone = Phone(anna.shown_secret().replace(" ", ""))
    confirmed = anna.post("/profile/two-factor/confirm", code=phone.code())
    page = BeautifulSoup(confirmed.text, "html.parser")  # the codes, shown this once
    assert "anna@acme.test · Acme" in confirmed.text  # signed in, as on every page
    link = page.find("a", id="backup-codes-download")
    assert isinstance(link, Tag) and link["download"] == "precoro-backup-codes.txt"
    kind, _, data = str(link["href"]).partition(",")
    assert kind == "data:text/plain;base64"
    codes = [code.text for code in page.select("#backup-codes li")]
    assert len(codes) == 10
    assert base64.b64decode(data).decode() == "\n".join(
        ["Precoro backup codes (each works once)", *codes, ""]
    )


def test_the_forms_of_the_settings_open_for_the_person_signed_in(
    precoro: Precoro, visitor: Visitors, with_two_factor: TurnOn
) -> None:
    """Turn Off, Change authentication application, Regenerate backup codes: each form opens
    (200) under the person's name; where the company allows backup codes, Change offers one in
    place of the current code, and without them does not."""
    phone = with_two_factor(ANNA)
    anna = signed_in(visitor)
    anna.enter_code(phone.code())
    offers_backup_code = "Enter a backup code instead of the current code."
    for path in ("turn-off", "change"):
        page = anna.get(f"/profile/two-factor/{path}")
        assert page.status_code == 200, path
        assert "anna@acme.test · Acme" in page.text, path
    assert offers_backup_code not in page.text
    precoro.update_account_settings(ADMIN, False, backup_codes=True)
    page = anna.get("/profile/two-factor/change")
    assert page.status_code == 200 and offers_backup_code in page.text
    page = anna.get("/profile/two-factor/backup-codes")
    assert page.status_code == 200 and "anna@acme.test · Acme" in page.text


def test_the_qr_code_s_place_on_the_page_is_the_size_of_its_image(visitor: Visitors) -> None:
    """The page reserves the QR code's place before the image arrives: its width and height
    are the PNG's own."""
    anna = signed_in(visitor)
    anna.post("/profile/two-factor/turn-on", application="AUTHY")
    anna.follow()
    img = anna.soup.find("img", src=re.compile("^data:image/png"))
    assert isinstance(img, Tag)
    width, height = Image.open(io.BytesIO(anna.qr_png())).size
    assert (img["width"], img["height"]) == (str(width), str(height))
    assert width == height > 100
