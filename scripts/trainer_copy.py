"""The trainer's copy of the notebooks: ``python scripts/trainer_copy.py [DEST] [--fresh]``.

Copies ``notebooks/`` into ``DEST/notebooks`` (default ``trainer``, git-ignored) and the page
screenshots into ``DEST/docs/screenshots``, so that ``../docs/screenshots/…`` in the notebooks
shows them there too. An existing copy is kept (a session's work) unless ``--fresh``.
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def copy(dest: Path, fresh: bool = False) -> bool:
    """Make the copy in ``dest`` (if missing, or anew if ``fresh``); whether one was made."""
    notebooks = dest / "notebooks"
    if fresh:
        shutil.rmtree(notebooks, ignore_errors=True)
    shutil.copytree(ROOT / "docs/screenshots", dest / "docs/screenshots", dirs_exist_ok=True)
    if notebooks.exists():
        return False
    shutil.copytree(ROOT / "notebooks", notebooks, ignore=shutil.ignore_patterns(".ipynb_*"))
    return True


if __name__ == "__main__":
    args = [arg for arg in sys.argv[1:] if arg != "--fresh"]
    dest = Path(args[0]) if args else ROOT / "trainer"
    if copy(dest, fresh="--fresh" in sys.argv):
        print(f"A fresh copy of the notebooks: {dest / 'notebooks'}")
