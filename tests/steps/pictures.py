"""The pictures of the living documentation: on the browser driver, the page a scenario shows
after the step ``spec/pictures.toml`` names for a statement, at 1280 px and 375 px wide.

Written to ``reports/pictures/<statement>-<width>.webp`` (lossy WebP: a few tens of kB each)
through a temporary file renamed into place, so that xdist's workers, each writing the
pictures of its own scenarios, never leave a half-written one.
"""

import io
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PIL import Image
from pytest_bdd.parser import Feature, Scenario, Step

from tests.drivers import report
from tests.drivers.browser import BrowserDriver
from tests.drivers.stage import Stage
from tests.scripts import script

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "reports" / "pictures"
QUALITY = 80
TAKEN = pytest.StashKey[set[str]]()
"""The statements a test has photographed: a step that comes twice is taken the first time."""


def _living_doc() -> ModuleType:
    """``scripts/living_doc.py``: the one reader of ``spec/pictures.toml``."""
    return script("living_doc")


LIVING_DOC = _living_doc()
WIDTHS: tuple[int, ...] = LIVING_DOC.PICTURE_WIDTHS
PICTURES = list(LIVING_DOC.read_pictures().values())


def after_step(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario, step: Step
) -> None:
    """On the browser driver, the pictures this step is named for."""
    if report.driver_of(request.node) != "browser":
        return
    where = (Path(feature.filename).name, scenario.name, step.name)
    taken = request.node.stash.setdefault(TAKEN, set())
    for picture in PICTURES:
        if picture.at == where and picture.statement not in taken:
            taken.add(picture.statement)
            take(request, picture)


def take(request: pytest.FixtureRequest, picture: Any) -> None:
    """``picture``: a ``living_doc.Picture``."""
    driver = request.getfixturevalue("driver")
    assert isinstance(driver, BrowserDriver)
    who = whose(request, picture.who)
    for width in WIDTHS:
        save(driver.picture(who, width), FOLDER / picture.file(width))


def whose(request: pytest.FixtureRequest, name: str | None) -> str:
    """The login of the person named, or of whoever the last page was shown to."""
    if name is not None:
        stage = request.getfixturevalue("stage")
        assert isinstance(stage, Stage)
        return stage.people[name].login
    return str(request.getfixturevalue("seen").who)


def save(png: bytes, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.{os.getpid()}")
    Image.open(io.BytesIO(png)).save(part, "WEBP", quality=QUALITY)
    part.replace(path)
