"""The trainer notebooks, with their stored outputs, as a read-only site of static HTML.

``python scripts/notebook_site.py [OUT]`` (default ``reports/notebooks``) writes
``index.html`` (from ``00_index.ipynb``) and one page per notebook. Links between notebooks
point to their pages; the cells tagged ``try-it`` need a live notebook and a phone, so the
site shows, in their place, how to open one. Each cell is an anchor, ``#cell-id=<its id>``
(``cell_link``); ``cells_shown`` gives cells as the site shows them, for the living
documentation.
"""

import re
import shutil
import sys
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).resolve().parent / "templates"
NOTEBOOKS = ROOT / "notebooks"
SCREENSHOTS = ROOT / "docs/screenshots"
INDEX = "00_index"
_NOTEBOOK_LINK = re.compile(r"\]\((\d\d_[a-z_]+)\.ipynb(#[^)]*)?\)")
_SCREENSHOT = re.compile(r"\]\(\.\./docs/screenshots/")
"""The notebooks show the app's pages from ``docs/``; the site carries its own copies."""
LIVE_ONLY = (
    "## Try it with your phone\n\n"
    "This part runs only in the live notebook, with a phone: open it with "
    "`bash scripts/notebooks.sh` (the README's trainer section) and scan the QR code it shows."
)
LIVING_DOC = (
    "\n\nEach statement of the article, with its scenarios and their results: "
    "[the living documentation](../living-doc.html)."
)


class ReadOnlySite(Preprocessor):  # type: ignore[misc]  # nbconvert ships no types
    """Links to notebooks become links to their pages; try-it cells give way to one note; the
    set-up cell shows its output only."""

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        cells, noted = [], False
        for cell in nb.cells:
            tags = cell.metadata.get("tags", [])
            if "set-up" in tags:  # hidden in JupyterLab, hidden here: the outputs stay
                cell.metadata.transient = {"remove_source": True}
            if "try-it" not in tags:
                cells.append(self._linked(cell))
            elif not noted:
                cells.append(nbformat.v4.new_markdown_cell(LIVE_ONLY))
                noted = True
        nb.cells = cells
        return nb, resources

    @staticmethod
    def _linked(cell: Any) -> Any:
        if cell.cell_type == "markdown":
            cell.source = _NOTEBOOK_LINK.sub(lambda m: f"]({_page(m[1])}{m[2] or ''})", cell.source)
            cell.source = _SCREENSHOT.sub("](screenshots/", cell.source)
        return cell


def _page(stem: str) -> str:
    return "index.html" if stem == INDEX else f"{stem}.html"


def cell_link(notebook: str, cell_id: str) -> str:
    """The address of a cell on the site, from the site's folder: its page and its anchor
    (nbconvert writes ``id="cell-id=…"`` on each cell)."""
    return f"{_page(notebook)}#cell-id={cell_id}"


def cells_shown(notebook: Path, ids: set[str]) -> dict[str, str]:
    """The cells ``ids`` of ``notebook`` as the site shows them (its preprocessing: a set-up
    cell's outputs only, no try-it cell), code and outputs, as HTML fragments (nbconvert's
    ``basic`` template: no page around them, no anchor of their own), by cell id."""
    nb = nbformat.read(notebook, as_version=4)
    nb, _ = ReadOnlySite().preprocess(nb, {})
    exporter = HTMLExporter(template_name="basic")
    shown = {}
    for cell in nb.cells:
        if cell.get("id") in ids:
            one = nbformat.v4.new_notebook(cells=[cell], metadata=nb.metadata)
            html, _ = exporter.from_notebook_node(one)
            shown[cell.id] = html.replace(f' id="cell-id={cell.id}"', "", 1)
    return shown


def build(out: Path, living_doc: bool) -> list[Path]:
    """Write the site into ``out``; the pages written."""
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(SCREENSHOTS, out / "screenshots", dirs_exist_ok=True)
    exporter = HTMLExporter(
        template_name="lab",
        extra_template_paths=[str(TEMPLATES)],
        template_file="notebook-site.html.j2",
        preprocessors=[ReadOnlySite],
    )
    pages = []
    for notebook in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(notebook, as_version=4)
        if notebook.stem == INDEX and living_doc:
            nb.cells[0].source += LIVING_DOC
        html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": notebook.stem}})
        page = out / _page(notebook.stem)
        page.write_text(html, encoding="utf-8")
        pages.append(page)
    return pages


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("reports/notebooks")
    pages = build(out, living_doc=(out.parent / "living-doc.html").exists())
    print(f"The notebooks, read-only: {out / 'index.html'} ({len(pages)} pages)")
