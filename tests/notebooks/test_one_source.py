"""The notebooks say what the app's pages say, from the same place (``entrypoints/messages.py``).

Anna walks through the app's pages (Flask's test client) while the notebooks' front shows the
same moments; every word the notebook shows must stand on the page, and a message changed in
``messages.py`` changes both.
"""

import re
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from flask import Flask
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import Activated, CodeRequired, Precoro, Role, SignedIn, bootstrap
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.entrypoints import messages
from precoro_2fa.entrypoints.notebook import Shown, show
from precoro_2fa.entrypoints.web import create_app
from precoro_2fa.entrypoints.web.demo_data import seed
from tests.conftest import TEST_CONFIG, Phone
from tests.drivers import html as pages
from tests.web.visitor import ADMIN, ANNA, PASSWORDS, Visitor

WORDS = ("heading", "text", "note", "warning", "success", "error", "info", "caption")


@pytest.fixture
def precoro(clock: FrozenDateTimeFactory) -> Precoro:
    precoro = bootstrap(InMemoryStore(), config=TEST_CONFIG)
    seed(precoro)
    return precoro


@pytest.fixture
def anna(precoro: Precoro) -> Iterator[Visitor]:
    app: Flask = create_app(precoro, secret_key="test secret key")
    anna = Visitor(app)
    anna.sign_in(ANNA)
    yield anna


def unsaid(shown: Shown, page: BeautifulSoup) -> list[str]:
    """What the notebook shows that the page does not: words, buttons, links, the QR code."""
    words = pages.text(page)
    buttons = {pages.text(tag) for tag in page.find_all(["button", "a"])}
    links = {(pages.text(a), str(a.get("href"))) for a in page.find_all("a")}
    images = {str(img.get("alt")) for img in page.find_all("img")}
    missing = []
    for part in shown.parts:
        if part.kind in (*WORDS, "choice", "box", "secret") and part.text not in words:
            missing.append(f"{part.kind}: {part.text}")
        elif part.kind == "button":
            missing += [f"button: {b}" for b in part.text.split("|") if b not in buttons]
        elif part.kind == "link" and (part.text, part.address) not in links:
            missing.append(f"link: {part.text} -> {part.address}")
        elif part.kind == "qr" and part.text not in images:
            missing.append(f"qr: {part.text}")
    return missing


def test_every_word_the_notebook_shows_stands_on_the_apps_page(
    precoro: Precoro, anna: Visitor, clock: FrozenDateTimeFactory
) -> None:
    signed_in = precoro.sign_in(ANNA, PASSWORDS[ANNA])
    assert isinstance(signed_in, SignedIn)
    anna.get("/")
    assert unsaid(show(signed_in), anna.soup) == []
    anna.get("/profile/two-factor")
    assert unsaid(show(precoro.two_factor_view(ANNA)), anna.soup) == []
    anna.get("/profile/two-factor/turn-on")
    assert unsaid(show(precoro.turn_on(ANNA)), anna.soup) == []
    anna.post("/profile/two-factor/turn-on", application="GOOGLE_AUTHENTICATOR")
    anna.follow()
    pending = precoro.two_factor_view(ANNA).pending
    assert pending is not None
    assert unsaid(show(pending), anna.soup) == []
    anna.get("/profile/two-factor")
    assert unsaid(show(precoro.two_factor_view(ANNA)), anna.soup) == []
    anna.post("/profile/two-factor/confirm", code=Phone(pending.secret).code())
    anna.follow()
    on = show(Activated()) + show(precoro.two_factor_view(ANNA))
    assert unsaid(on, anna.soup) == []
    signs_in_again_to_the_code_step(precoro, anna, clock)


def test_under_required_two_factor_with_backup_codes_and_trusted_browsers_too(
    precoro: Precoro, anna: Visitor, clock: FrozenDateTimeFactory
) -> None:
    """The warning notice, the backup codes shown once, Turn Off refused, the code step with
    its box and its backup code: the notebook's words stand on the app's pages."""
    precoro.update_account_settings(ADMIN, True, backup_codes=True, trust_browser_days=30)
    told = precoro.sign_in(ANNA, PASSWORDS[ANNA])
    assert isinstance(told, SignedIn) and told.notice is not None
    anna.get("/")
    anna.follow()
    assert unsaid(show(told), anna.soup) == []
    assert unsaid(show(precoro.two_factor_view(ANNA)), anna.soup) == []
    anna.post("/profile/two-factor/turn-on", application="AUTHY")
    anna.follow()
    pending = precoro.two_factor_view(ANNA).pending
    assert pending is not None
    assert unsaid(show(pending), anna.soup) == []
    anna.post("/profile/two-factor/confirm", code=Phone(pending.secret).code())
    codes = tuple(pages.text(code) for code in anna.soup.select("#backup-codes code"))
    assert len(codes) == 10
    assert unsaid(show(Activated(codes)), anna.soup) == []
    anna.get("/profile/two-factor")
    assert unsaid(show(precoro.two_factor_view(ANNA)), anna.soup) == []
    signs_in_again_to_the_code_step(precoro, anna, clock)


def signs_in_again_to_the_code_step(
    precoro: Precoro, anna: Visitor, clock: FrozenDateTimeFactory
) -> None:
    """Anna signs out and in again: her code step says all the notebook shows of it."""
    clock.tick(30)
    anna.sign_out()
    anna.sign_in(ANNA)
    anna.follow()
    code_step = precoro.sign_in(ANNA, PASSWORDS[ANNA])
    assert isinstance(code_step, CodeRequired)
    assert unsaid(show(code_step), anna.soup) == []


def test_a_changed_message_changes_the_page_and_the_notebook_alike(
    precoro: Precoro, anna: Visitor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "INSTALL_AND_SCAN", "Scan me, changed")
    monkeypatch.setattr(messages, "CONFIRM", "Confirm, changed")
    monkeypatch.setattr(messages, "set_up", lambda application: f"Changed: set up {application}")
    anna.post("/profile/two-factor/turn-on", application="AUTHY")
    anna.follow()
    page = pages.text(anna.soup)
    pending = precoro.two_factor_view(ANNA).pending
    assert pending is not None
    notebook = str(show(pending))
    for changed in ("Scan me, changed", "Confirm, changed", "Changed: set up Authy"):
        assert changed in page
        assert changed in notebook


def test_a_word_the_page_does_not_say_is_found(precoro: Precoro, anna: Visitor) -> None:
    anna.get("/profile/two-factor")
    said = show(precoro.two_factor_view(ANNA))
    assert unsaid(said, anna.soup) == []
    assert unsaid(said + show(Activated()), anna.soup) == [f"success: {messages.ACTIVATED}"]


NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
CLICKED = re.compile(r"""clicks\s+(?:'([^']+)'|"([^"]+)"|([A-Z][a-z]+))""")
"""A page a notebook says someone clicks: quoted ("Eve clicks 'Purchase orders'"), or a word
with a capital ("Dan clicks Dashboard")."""


def pages_clicked(text: str) -> list[str]:
    return [next(name for name in found if name) for found in CLICKED.findall(text)]


def lacking(clicked: list[str], app_pages: set[str]) -> list[str]:
    """The pages clicked that the app does not have (a word may begin a page's name)."""
    return [
        page
        for page in clicked
        if page not in app_pages and not any(p.startswith(f"{page} ") for p in app_pages)
    ]


def notebook_text(path: Path) -> str:
    """Every cell's source and every text it printed or showed."""
    notebook = nbformat.read(path, as_version=4)
    said = []
    for cell in notebook.cells:
        said.append(str(cell.source))
        for output in cell.get("outputs", []):
            said.append(str(output.get("text", "")))
            said.append(str(output.get("data", {}).get("text/plain", "")))
    return "\n".join(said)


@pytest.fixture
def app_pages(clock: FrozenDateTimeFactory) -> set[str]:
    """The pages a person can click in the app: its menu, as an admin and as support see it,
    and Sign out."""
    precoro = bootstrap(InMemoryStore(), config=TEST_CONFIG)
    precoro.add_company("acme", "Acme")
    precoro.add_user("ann@acme.test", "a long password", "acme", Role.ADMIN)
    precoro.add_support_agent("sam@precoro.test", "a long password")
    app = create_app(precoro, secret_key="test secret key")
    found = set()
    for login in ("ann@acme.test", "sam@precoro.test"):
        person = Visitor(app)
        person.sign_in(login, "a long password")
        person.get("/")
        found |= {pages.text(link) for link in person.soup.select("header nav a")}
        found |= {pages.text(button) for button in person.soup.select("header button")}
    assert {"Dashboard", "Purchase orders", "Sign out"} <= found, found
    return found


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda path: path.stem)
def test_the_notebooks_click_only_pages_the_app_has(app_pages: set[str], path: Path) -> None:
    assert lacking(pages_clicked(notebook_text(path)), app_pages) == []


def test_a_page_the_app_lacks_is_found(app_pages: set[str]) -> None:
    text = "Dan clicks 'Invoices' -> settings\nEve clicks Reports first. Ann clicks 'Dashboard'."
    assert pages_clicked(text) == ["Invoices", "Reports", "Dashboard"]
    assert lacking(pages_clicked(text), app_pages) == ["Invoices", "Reports"]
    assert lacking(["Purchase", "Purchase Orders", "Purchase orders"], app_pages) == [
        "Purchase Orders"
    ]
