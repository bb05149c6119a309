"""The read-only site of the trainer notebooks: one page each, links that work, no try-it."""

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
_HREF = re.compile(r'href="([^"#:]+\.html)[^"]*"')
_IMG = re.compile(r'<img [^>]*src="([^"]+)"')


@pytest.fixture(scope="module")
def site_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "notebook_site", ROOT / "scripts/notebook_site.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def site(site_module: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "notebooks"
    site_module.build(out, living_doc=True)
    return out


def test_the_index_and_one_page_per_notebook_are_built(site: Path) -> None:
    expected = {"index.html"} | {f"{stem}.html" for stem in NOTEBOOKS if stem != "00_index"}
    assert {page.name for page in site.glob("*.html")} == expected


def test_every_image_of_every_page_is_in_the_site(site: Path) -> None:
    shown = {
        (page.name, src)
        for page in site.glob("*.html")
        for src in _IMG.findall(page.read_text())
        if not src.startswith("data:")
    }
    assert {src for _, src in shown} >= {"screenshots/05-qr-code-and-secret.png"}
    for page, src in shown:
        assert (site / src).is_file(), f"{page} shows {src}, which is not in the site"


def test_every_link_between_pages_leads_to_a_page(site: Path) -> None:
    links = {
        (page.name, href)
        for page in site.glob("*.html")
        for href in _HREF.findall(page.read_text())
    }
    index_links = {href for page, href in links if page == "index.html"}
    assert {f"{stem}.html" for stem in NOTEBOOKS if stem != "00_index"} <= index_links
    for page, href in links:
        if not href.startswith("../"):  # the living documentation, beside the site
            assert (site / href).exists(), f"{page} links to {href}, which is not built"


def test_the_index_links_to_the_living_documentation_beside_the_site(site: Path) -> None:
    assert 'href="../living-doc.html"' in (site / "index.html").read_text()


def test_the_try_it_sections_say_that_they_need_the_live_notebook(
    site: Path, site_module: ModuleType
) -> None:
    for stem in NOTEBOOKS:
        if stem == "00_index":
            continue
        page = (site / f"{stem}.html").read_text()
        assert "bash scripts/notebooks.sh" in page
        assert "code_from_phone" not in page
