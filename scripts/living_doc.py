"""The trace from the help article to the scenarios and the notebooks, and its living page.

``spec/article.md`` splits the article into numbered statements (``article-N``) and writes
down the decisions; scenarios carry a tag per statement they cover (``@article-7``), notebook
cells the same id in their metadata tags. ``python scripts/living_doc.py [CUCUMBER] [OUT]``
(defaults ``reports/cucumber.json``, ``reports/living-doc.html``) renders the article section
by section with each statement's scenarios, their result per driver, the notebook cells
that show it and the decisions about it (``templates/living-doc.html.j2``, Jinja2).
"""

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import nbformat
from pytest_bdd.parser import FeatureParser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.drivers.report import why_not  # noqa: E402 (the project's root, just put on the path)

ARTICLE = ROOT / "spec" / "article.md"
FEATURES = ROOT / "spec" / "features"
NOTEBOOKS = ROOT / "notebooks"
TEMPLATES = Path(__file__).resolve().parent / "templates"
DRIVERS = ("service", "http", "browser")
ARTICLE_TAG = re.compile(r"article-\d+")
_STATEMENT = re.compile(r"- \*\*(article-\d+)\*\* (.+)")
_DECISION = re.compile(r"### (decision-\d+): (.+)")


@dataclass(frozen=True)
class Statement:
    id: str
    section: str
    words: str


@dataclass
class Decision:
    id: str
    title: str
    statements: tuple[str, ...] = ()
    where: str = ""
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Article:
    sections: dict[str, list[Statement]]
    decisions: list[Decision]

    @property
    def statements(self) -> dict[str, Statement]:
        return {s.id: s for found in self.sections.values() for s in found}


@dataclass(frozen=True)
class Scenario:
    feature: str
    """The feature file's name, ``turn_on.feature``."""
    name: str
    line: int
    tags: frozenset[str]
    """Its own tags, its rule's and its feature's."""
    examples: tuple[tuple[str, int, frozenset[str]], ...] = ()
    """Each Examples block of an outline: its name, its number of rows, its own tags."""


@dataclass(frozen=True)
class Cell:
    notebook: str
    """The notebook's stem, ``01_turn_on_and_confirm``."""
    index: int
    tags: frozenset[str]
    source: str


def read_article(path: Path = ARTICLE) -> Article:
    """The statements by section, and the decisions, of ``spec/article.md``."""
    sections: dict[str, list[Statement]] = {}
    decisions: list[Decision] = []
    section: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif found := _STATEMENT.fullmatch(line):
            if section is None:
                raise ValueError(f"{found[1]} comes before any section of {path}")
            sections.setdefault(section, []).append(Statement(found[1], section, found[2]))
        elif found := _DECISION.fullmatch(line):
            decisions.append(Decision(found[1], found[2].strip()))
        elif decisions and line.startswith("Statements: "):
            decisions[-1].statements = tuple(ARTICLE_TAG.findall(line))
        elif decisions and line.startswith("Where: "):
            decisions[-1].where = line.removeprefix("Where: ")
        elif decisions and line.strip():
            decisions[-1].reasons.append(line.strip())
    return Article(sections, decisions)


def read_scenarios(folder: Path = FEATURES) -> list[Scenario]:
    """Every scenario of every feature file (beyond_the_article too), with its tags."""
    found = []
    for path in sorted(folder.rglob("*.feature")):
        feature = FeatureParser(str(folder), str(path.relative_to(folder))).parse()
        for template in feature.scenarios.values():
            rule = set() if template.rule is None else template.rule.tags
            tags = frozenset(template.tags | rule | feature.tags)
            examples = tuple(
                (block.name or "", len(block.examples), frozenset(block.tags))
                for block in template.examples
            )
            found.append(Scenario(path.name, template.name, template.line_number, tags, examples))
    return found


def read_cells(folder: Path = NOTEBOOKS) -> list[Cell]:
    """Every cell of every notebook that names a statement in its metadata tags."""
    found = []
    for path in sorted(folder.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for index, cell in enumerate(notebook.cells):
            tags = frozenset(cell.metadata.get("tags", []))
            if any(ARTICLE_TAG.fullmatch(tag) for tag in tags):
                found.append(Cell(path.stem, index, tags, str(cell.source)))
    return found


def read_results(path: Path) -> dict[tuple[str, int], dict[str, str]]:
    """Each scenario's result per driver, from pytest-bdd's cucumber JSON: a scenario (one
    line of one feature file) passed on a driver when every run of it there passed."""
    results: dict[tuple[str, int], dict[str, str]] = defaultdict(dict)
    if not path.exists():
        return results
    for feature in json.loads(path.read_text(encoding="utf-8")):
        for element in feature["elements"]:
            key = (Path(feature["uri"]).name, int(element["line"]))
            driver = driver_of(str(element["id"]))
            failed = any(step["result"]["status"] == "failed" for step in element["steps"])
            if results[key].get(driver) != "failed":
                results[key][driver] = "failed" if failed else "passed"
    return results


def driver_of(test_id: str) -> str:
    """The driver of a parametrised scenario: ``test_x[http-memory-Authy]`` ran on http."""
    params = test_id.partition("[")[2]
    first = params.split("-")[0]
    return first if first in DRIVERS else "service"


def not_run(scenario: Scenario, results: dict[str, str]) -> dict[str, str]:
    """Each driver that did not run the scenario, or some of its examples, and why not
    (``tests/drivers/report.py``): a result is never shown for examples that did not run."""
    said = {}
    for driver in DRIVERS:
        if driver not in results:
            said[driver] = why_not(scenario.tags, driver) or "not run in this run"
            continue
        left = [
            f"{rows} examples ({name or 'untitled'}) not run: {why}"
            for name, rows, tags in scenario.examples
            if (why := why_not(scenario.tags | tags, driver))
        ]
        if left:
            said[driver] = "; ".join(left)
    return said


def render(
    article: Article,
    scenarios: list[Scenario],
    cells: list[Cell],
    results: dict[tuple[str, int], dict[str, str]],
) -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    by_statement: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for scenario in scenarios:
        for tag in sorted(scenario.tags & set(article.statements)):
            result = results.get((scenario.feature, scenario.line), {})
            by_statement[tag].append(
                {"scenario": scenario, "results": result, "not_run": not_run(scenario, result)}
            )
    cells_of: dict[str, list[Cell]] = defaultdict(list)
    for cell in cells:
        for tag in sorted(cell.tags & set(article.statements)):
            cells_of[tag].append(cell)
    decisions_of: dict[str, list[Decision]] = defaultdict(list)
    for decision in article.decisions:
        for statement in decision.statements:
            decisions_of[statement].append(decision)
    runs = [r for found in results.values() for r in found.values()]
    return environment.get_template("living-doc.html.j2").render(
        article=article,
        scenarios=by_statement,
        cells=cells_of,
        decisions=decisions_of,
        drivers=DRIVERS,
        passed=runs.count("passed"),
        failed=runs.count("failed"),
        ran=bool(results),
    )


def build(cucumber: Path, out: Path) -> Path:
    html = render(read_article(), read_scenarios(), read_cells(), read_results(cucumber))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return out


if __name__ == "__main__":
    cucumber = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "reports" / "cucumber.json"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "reports" / "living-doc.html"
    print(f"The living documentation: {build(cucumber, out)}")
