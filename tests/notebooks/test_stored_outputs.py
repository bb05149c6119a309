"""The notebooks' stored outputs say what the pages say: no Python repr, no bare True or None."""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
REPR = re.compile(r"\b[A-Z]\w*\(\w+=|<\w+\.\w+: |\b[A-Z]\w*\(\)")
"""A dataclass repr (``SignedIn(login=``, ``Activated()``) or an enum repr (``<Role.ADMIN: ``)."""
BARE = re.compile(r"^\s*(True|False|None)\s*$", re.MULTILINE)


def _texts(notebook: Path) -> list[tuple[str, str]]:
    """(cell id, text) for every stored output's text: streams and every text mime type."""
    texts = []
    for cell in json.loads(notebook.read_text())["cells"]:
        for output in cell.get("outputs", []):
            chunks = [output.get("text", "")] + [
                value for mime, value in output.get("data", {}).items() if mime.startswith("text/")
            ]
            texts += [(cell["id"], "".join(chunk)) for chunk in chunks if chunk]
    return texts


def test_the_check_knows_a_repr_when_it_sees_one() -> None:
    for leak in (
        "SignedIn(login='eve@acme.test', notice=None)",
        "Activated()",
        "status=<TwoFactorStatus.OFF: 'off'>",
        "CodeAccepted(step=59859000)",
    ):
        assert REPR.search(leak), leak
    assert BARE.search("a line\nTrue\n")
    assert not REPR.search("✔ Welcome to Precoro, eve@acme.test.")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_no_stored_output_is_a_repr_or_a_bare_true_false_or_none(notebook: Path) -> None:
    leaks = [
        (cell, found.group(0))
        for cell, text in _texts(notebook)
        for found in [*REPR.finditer(text), *BARE.finditer(text)]
    ]
    assert leaks == []


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_no_stored_output_is_a_traceback(notebook: Path) -> None:
    kinds = {
        output["output_type"]
        for cell in json.loads(notebook.read_text())["cells"]
        for output in cell.get("outputs", [])
    }
    assert "error" not in kinds
