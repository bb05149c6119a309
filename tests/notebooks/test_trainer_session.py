"""A scripted trainer session: the trainer's copy, every notebook run, a code typed into each
try-it, every copy saved (as JupyterLab's autosave would): the repository does not change."""

import hashlib
import importlib.util
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import nbformat
import pyotp
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
_SECRET = re.compile(r"^((?:[A-Z2-7]{4} ){7}[A-Z2-7]{4})$", re.MULTILINE)
_TYPED = re.compile(r'^(\w+) = ""', re.MULTILINE)


def _git_status() -> str:
    git = shutil.which("git")
    assert git is not None
    return subprocess.run(  # noqa: S603 (git, with fixed arguments)
        [git, "status", "--porcelain", "--untracked-files=all"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _fingerprint() -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted((ROOT / "notebooks").glob("*.ipynb"))
    }


@pytest.fixture
def trainer_copy() -> Iterator[Path]:
    """The copy that ``scripts/notebooks.sh`` makes, in a folder of ``trainer/`` of its own."""
    spec = importlib.util.spec_from_file_location("trainer_copy", ROOT / "scripts/trainer_copy.py")
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    dest = ROOT / "trainer" / f"test-session-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    assert module.copy(dest) is True
    yield dest / "notebooks"
    shutil.rmtree(dest)


def _text(cell: Any) -> str:
    return "".join(
        output.get("text", "") + output.get("data", {}).get("text/plain", "")
        for output in cell.outputs
    )


def _run_as_a_trainer(path: Path) -> list[str]:
    """Run every cell; type a code from the phone into each try-it; save. The answers typed."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, kernel_name="python3", resources={"metadata": {"path": path.parent}}
    )
    phone, answers = None, []
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            typed = _TYPED.search(cell.source)
            if typed and phone is not None and "try-it" in cell.metadata.get("tags", []):
                code = phone.at(datetime.now(UTC) + timedelta(seconds=30 * len(answers)))
                cell.source = _TYPED.sub(f'{typed[1]} = "{code}"', cell.source, count=1)
            client.execute_cell(cell, index)
            if typed and phone is not None:
                answers.append(_text(cell))
            secret = _SECRET.search(_text(cell))
            if secret and "try-it" in cell.metadata.get("tags", []):
                phone = pyotp.TOTP(secret[1].replace(" ", ""))
    nbformat.write(nb, path)  # the autosave
    return answers


def test_a_training_session_leaves_the_repository_as_it_was(trainer_copy: Path) -> None:
    before, committed = _git_status(), _fingerprint()
    answers = {path.stem: _run_as_a_trainer(path) for path in sorted(trainer_copy.glob("0*.ipynb"))}

    assert _git_status() == before
    assert _fingerprint() == committed
    flows = {stem: typed for stem, typed in answers.items() if stem != "00_index"}
    assert len(flows) == 9
    for stem, typed in flows.items():
        assert "Congratulations, you have activated two-factor authentication" in typed[0], stem
        assert "Traceback" not in "".join(typed), stem
    assert "Welcome to Precoro, trainer@training.test." in flows["02_sign_in_with_a_code"][1]
    assert "Two-factor authentication has been turned off." in flows["03_turn_off"][1]
