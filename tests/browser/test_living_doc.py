"""The living documentation and the notebooks' read-only site, as built by ``scripts/test.sh``
into ``reports/``, opened in Chromium: every link leads to a page and an anchor that exist,
every statement that has a page shows its pictures, and axe-core finds no serious or
critical violation.

``scripts/test.sh`` runs this module last, on the pages it has just built from the run's
results (the main pytest run leaves it out: the pages do not exist yet). Alone, after a
build: ``.venv/bin/pytest tests/browser/test_living_doc.py``.
"""

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_layout import blocking_violations
from tests.scripts import script

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "reports"
LIVING_DOC = REPORTS / "living-doc.html"
SITE = REPORTS / "notebooks"
README_STATEMENT = "article-1"
"""The statement the README shows (docs/screenshots/living-doc.png): its picture, the code
step, is the same on every run (no login, no QR code, no time on that page)."""


def _living_doc_script() -> ModuleType:
    return script("living_doc")


def pages() -> list[Path]:
    """The living documentation and every page of the notebooks' site."""
    return [LIVING_DOC, *sorted(SITE.glob("*.html"))]


@pytest.fixture(scope="module")
def built() -> list[Path]:
    assert LIVING_DOC.is_file() and (SITE / "index.html").is_file(), (
        "build them first: bash scripts/test.sh (or scripts/living_doc.py and "
        "scripts/notebook_site.py into reports/)"
    )
    return pages()


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@cache
def ids_of(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(str(tag["id"]) for tag in soup.find_all(id=True))


def broken(address: str) -> str | None:
    """Why a link or an image's address, resolved by the browser, leads nowhere (or None)."""
    parsed = urlparse(address)
    if parsed.scheme in ("http", "https", "mailto"):
        return None  # outside: not followed (no network)
    if parsed.scheme not in ("file", "data"):
        return f"an address of another kind: {address}"
    if parsed.scheme == "data":
        return None
    target = Path(unquote(parsed.path))
    if not target.is_file():
        return f"no such file: {target}"
    if parsed.fragment and not {parsed.fragment, unquote(parsed.fragment)} & ids_of(target):
        return f"no anchor #{parsed.fragment} in {target.name}"  # as written, or decoded
    return None


def test_every_link_and_image_leads_to_a_file_and_an_anchor_that_exist(
    built: list[Path], page: Page
) -> None:
    followed = 0
    found = []
    for path in built:
        page.goto(path.as_uri())
        addresses = page.eval_on_selector_all(
            "a[href], img[src]", "nodes => nodes.map(n => n.href || n.src)"
        )
        for address in addresses:
            followed += 1
            if (why := broken(str(address))) is not None:
                found.append(f"{path.name}: {why}")
    assert found == []
    assert followed > 100, followed  # the statements' pictures, cells, decisions, the site


def test_each_statement_that_has_a_page_shows_its_pictures(built: list[Path], page: Page) -> None:
    """Both widths, loaded (an image that does not load has no natural width)."""
    trace = _living_doc_script()
    page.goto(LIVING_DOC.as_uri())
    shown = {}
    for statement in trace.read_pictures():
        shown[statement] = page.eval_on_selector_all(
            f"[id='{statement}'] figure img", "images => images.map(i => i.naturalWidth)"
        )
    wanted = sorted(trace.PICTURE_WIDTHS, reverse=True)
    assert {s: widths for s, widths in shown.items() if widths != wanted} == {}
    said = page.locator(f"[id='{README_STATEMENT}'] .said")
    said.screenshot(path=SCREENSHOTS / "living-doc.png")


def test_axe_finds_no_serious_or_critical_violation(built: list[Path], page: Page) -> None:
    found = {}
    for path in built:
        page.goto(path.as_uri())
        if violations := blocking_violations(page):
            found[path.name] = violations
    assert found == {}
