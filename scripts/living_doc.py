"""The trace from the help article to the scenarios and the notebooks, and its living page.

``spec/article.md`` holds the whole article, sentence by sentence (``article-N``), each a
statement or marked as carrying no behaviour (with the reason), and writes down the
decisions; scenarios carry a tag per statement they cover (``@article-7``), notebook cells the
same id in their metadata tags. ``python scripts/living_doc.py [CUCUMBER] [OUT]`` (defaults
``reports/cucumber.json``, ``reports/living-doc.html``) renders the whole article in its
order, with each statement's scenarios, their result per driver, the notebook cells that show
it and the decisions about it (``templates/living-doc.html.j2``, Jinja2).
"""

import functools
import importlib.util
import json
import re
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import Any

import jinja2
import nbformat
from pytest_bdd.parser import FeatureParser, Step

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.drivers.report import why_not  # noqa: E402 (the project's root, just put on the path)

ARTICLE = ROOT / "spec" / "article.md"
FEATURES = ROOT / "spec" / "features"
NOTEBOOKS = ROOT / "notebooks"
TEMPLATES = Path(__file__).resolve().parent / "templates"
PICTURES = ROOT / "spec" / "pictures.toml"
PICTURE_WIDTHS = (1280, 375)
DRIVERS = ("service", "http", "browser")
ARTICLE_TAG = re.compile(r"article-\d+")
_SENTENCE = re.compile(r"- \*\*(article-\d+)\*\* (?:_(caption|heading)_ )?(.+)")
_NO_BEHAVIOUR = re.compile(r"  No behaviour: (.+)")
_DECISION = re.compile(r"### (decision-\d+): (.+)")


@dataclass(frozen=True)
class Statement:
    """A sentence of the article: a statement, unless ``no_behaviour`` says why it is not."""

    id: str
    section: str
    words: str
    form: str = ""
    """``caption`` (the text under a picture), ``heading``, or empty for running text."""
    no_behaviour: str = ""


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
    def sentences(self) -> list[Statement]:
        """Every sentence of the article, in its order."""
        return [s for found in self.sections.values() for s in found]

    @property
    def statements(self) -> dict[str, Statement]:
        """The sentences that say what Precoro does."""
        return {s.id: s for s in self.sentences if not s.no_behaviour}


@dataclass(frozen=True)
class StepText:
    """A step as the feature file writes it, with the text block or table under it."""

    keyword: str
    text: str
    line: int
    docstring: str = ""
    table: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Scenario:
    feature: str
    """The feature file's name, ``turn_on.feature``."""
    name: str
    line: int
    tags: frozenset[str]
    """Its own tags, its rule's and its feature's."""
    steps: tuple[StepText, ...] = ()
    """Its steps as the feature file writes them (background first)."""
    examples: tuple[tuple[str, ...], ...] = ()
    """An outline's Examples: the heading row, then a row per example."""
    example_blocks: tuple[tuple[str, int, frozenset[str]], ...] = ()
    """Each Examples block of an outline: its name, its number of rows, its own tags."""


@dataclass(frozen=True)
class Cell:
    notebook: str
    """The notebook's stem, ``01_turn_on_and_confirm``."""
    index: int
    tags: frozenset[str]
    source: str
    id: str = ""


@dataclass(frozen=True)
class StepRun:
    status: str
    """passed, failed, not reached (after a failed step), or skipped."""
    message: str = ""


@dataclass(frozen=True)
class Run:
    """One run of a scenario (a test: one driver, one store, one row of its Examples)."""

    driver: str
    test: str
    steps: dict[int, StepRun]
    """By the step's line in the feature file."""

    @property
    def failure(self) -> tuple[int, str] | None:
        """The failed step's line and the end of its message (the assertion and its values)."""
        for line, step in self.steps.items():
            if step.status == "failed":
                return line, "\n".join(step.message.splitlines()[-MESSAGE_LINES:])
        return None


MESSAGE_LINES = 30


@dataclass(frozen=True)
class Picture:
    """The page a scenario shows after one of its steps: the picture under a statement."""

    statement: str
    feature: str
    scenario: str
    """As it runs: an outline's name with the values of one row of its Examples."""
    after: str
    """The step, without its keyword, as it runs."""
    who: str | None = None
    """Whose window, by the scenario's name for the person; None: whoever acted last."""

    @property
    def at(self) -> tuple[str, str, str]:
        """Where it is taken: the feature file, the scenario and the step, as they run."""
        return self.feature, self.scenario, self.after

    def file(self, width: int) -> str:
        return f"{self.statement}-{width}.webp"


def read_pictures(path: Path = PICTURES) -> dict[str, Picture]:
    """The picture of each statement that has a page, from ``spec/pictures.toml``."""
    pictures = {}
    for statement, entry in tomllib.loads(path.read_text(encoding="utf-8")).items():
        feature, _, scenario = str(entry["scenario"]).partition(": ")
        who = entry.get("who")
        pictures[statement] = Picture(statement, feature, scenario, entry["after"], who)
    return pictures


def rendered_steps(folder: Path = FEATURES) -> dict[tuple[str, str], list[str]]:
    """The steps of every scenario as it runs, by (feature file, name as it runs): an outline
    once per row of its Examples."""
    found = {}
    for path in sorted(folder.rglob("*.feature")):
        feature = FeatureParser(str(folder), str(path.relative_to(folder))).parse()
        for template in feature.scenarios.values():
            rows = [row for table in template.examples for row in table.as_contexts()] or [{}]
            for row in rows:
                scenario = template.render(row)
                found[(path.name, scenario.name)] = [step.name for step in scenario.steps]
    return found


def unfound_pictures(pictures: dict[str, Picture], folder: Path = FEATURES) -> list[Picture]:
    """The pictures whose scenario, or step in it, is not in the feature files."""
    steps = rendered_steps(folder)
    return [p for p in pictures.values() if p.after not in steps.get((p.feature, p.scenario), [])]


def read_article(path: Path = ARTICLE) -> Article:
    """The sentences by section, and the decisions, of ``spec/article.md``."""
    sections: dict[str, list[Statement]] = {}
    decisions: list[Decision] = []
    section: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif found := _SENTENCE.fullmatch(line):
            if section is None:
                raise ValueError(f"{found[1]} comes before any section of {path}")
            sentence = Statement(found[1], section, found[3], found[2] or "")
            sections.setdefault(section, []).append(sentence)
        elif (found := _NO_BEHAVIOUR.fullmatch(line)) and section in sections:
            last = sections[section][-1]
            sections[section][-1] = replace(last, no_behaviour=found[1].strip())
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
            steps = tuple(_step_text(step) for step in template.steps)
            rows = [row for table in template.examples for row in table.as_contexts()]
            examples = tuple(tuple(row.values()) for row in rows)
            examples = (tuple(rows[0]), *examples) if rows else ()
            blocks = tuple(
                (block.name or "", len(block.examples), frozenset(block.tags))
                for block in template.examples
            )
            found.append(
                Scenario(
                    path.name, template.name, template.line_number, tags, steps, examples, blocks
                )
            )
    return found


def _step_text(step: Step) -> StepText:
    rows = step.datatable.rows if step.datatable is not None else []
    table = tuple(tuple(cell.value for cell in row.cells) for row in rows)
    return StepText(step.keyword, step.name, step.line_number, step.docstring or "", table)


def read_cells(folder: Path = NOTEBOOKS) -> list[Cell]:
    """Every cell of every notebook that names a statement in its metadata tags."""
    found = []
    for path in sorted(folder.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for index, cell in enumerate(notebook.cells):
            tags = frozenset(cell.metadata.get("tags", []))
            if any(ARTICLE_TAG.fullmatch(tag) for tag in tags):
                found.append(Cell(path.stem, index, tags, str(cell.source), cell.get("id", "")))
    return found


def read_runs(path: Path) -> dict[tuple[str, int], list[Run]]:
    """Every run of each scenario (one line of one feature file), from pytest-bdd's cucumber
    JSON: its driver, its test id, and each step's result and, for a failure, its message.
    pytest-bdd marks the steps after a failed one as failed too: here they are "not reached"."""
    runs: dict[tuple[str, int], list[Run]] = defaultdict(list)
    if not path.exists():
        return runs
    for feature in json.loads(path.read_text(encoding="utf-8")):
        for element in feature["elements"]:
            steps, failed = {}, False
            for n, step in enumerate(element["steps"]):
                status = str(step["result"]["status"])
                if status == "failed" and failed:
                    status = "not reached"
                failed = failed or status == "failed"
                message = str(step["result"].get("error_message", ""))
                steps[int(step.get("line", -n))] = StepRun(status, message)
            test = str(element["id"])
            key = (Path(feature["uri"]).name, int(element["line"]))
            runs[key].append(Run(driver_of(test), test, steps))
    return runs


def read_results(path: Path) -> dict[tuple[str, int], dict[str, str]]:
    """Each scenario's result per driver: passed on a driver when every run of it there
    passed."""
    results: dict[tuple[str, int], dict[str, str]] = defaultdict(dict)
    for key, runs in read_runs(path).items():
        for run in runs:
            if results[key].get(run.driver) != "failed":
                results[key][run.driver] = "failed" if run.failure else "passed"
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
            for name, rows, tags in scenario.example_blocks
            if (why := why_not(scenario.tags | tags, driver))
        ]
        if left:
            said[driver] = "; ".join(left)
    return said


def step_rows(scenario: Scenario, runs: list[Run]) -> list[dict[str, Any]]:
    """Each step of ``scenario`` with its result per driver over that driver's runs: failed
    if one failed there, else not reached, skipped or passed."""
    rows = []
    for step in scenario.steps:
        results = {}
        for driver in DRIVERS:
            seen = {
                run.steps[step.line].status
                for run in runs
                if run.driver == driver and step.line in run.steps
            }
            for status in ("failed", "not reached", "skipped", "passed"):
                if status in seen:
                    results[driver] = status
                    break
        rows.append({"step": step, "results": results})
    return rows


def failures(runs: list[Run], scenario: Scenario) -> list[dict[str, Any]]:
    """Each failed run: its test, the step that failed and the end of its message."""
    steps = {step.line: f"{step.keyword} {step.text}" for step in scenario.steps}
    found = []
    for run in runs:
        if run.failure is not None:
            line, message = run.failure
            found.append({"run": run, "step": steps.get(line, f"line {line}"), "message": message})
    return found


@dataclass(frozen=True)
class Illustrations:
    """What the page shows beyond the words and the results: each scenario's runs, the
    pictures found beside the page, and the notebook cells as the notebooks' site shows them."""

    runs: dict[tuple[str, int], list[Run]] = field(default_factory=dict)
    pictures: dict[str, Picture] = field(default_factory=dict)
    picture_files: dict[str, dict[int, str]] = field(default_factory=dict)
    """By statement: each width's picture, from the page's folder (those that exist)."""
    shown: dict[tuple[str, str], str] = field(default_factory=dict)
    """By (notebook, cell id): the cell's code and outputs, as HTML."""


def illustrations(
    cucumber: Path, out: Path, cells: list[Cell], statements: set[str]
) -> Illustrations:
    """The runs of ``cucumber``, the pictures in ``pictures/`` beside ``out``, the cells."""
    pictures = read_pictures()
    if unknown := sorted(set(pictures) - statements):
        raise ValueError(f"{PICTURES} names statements spec/ does not have: {unknown}")
    if unfound := unfound_pictures(pictures):
        raise ValueError(f"{PICTURES} names steps no scenario has: {unfound}")
    files = {
        statement: {
            width: f"pictures/{picture.file(width)}"
            for width in PICTURE_WIDTHS
            if (out.parent / "pictures" / picture.file(width)).is_file()
        }
        for statement, picture in pictures.items()
    }
    site = _script("notebook_site")
    shown = {}
    for notebook in sorted({cell.notebook for cell in cells}):
        ids = {cell.id for cell in cells if cell.notebook == notebook}
        for id_, html in site.cells_shown(NOTEBOOKS / f"{notebook}.ipynb", ids).items():
            shown[(notebook, id_)] = html
    return Illustrations(read_runs(cucumber), pictures, files, shown)


@functools.cache
def _script(name: str) -> ModuleType:
    """A script beside this one (``notebook_site``), however this one was loaded."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    if spec is None or spec.loader is None:
        raise ImportError(name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def render(
    article: Article,
    scenarios: list[Scenario],
    cells: list[Cell],
    results: dict[tuple[str, int], dict[str, str]],
    illustrated: Illustrations | None = None,
) -> str:
    illustrated = illustrated or Illustrations()
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )

    def shown(scenario: Scenario) -> dict[str, Any]:
        result = results.get((scenario.feature, scenario.line), {})
        runs = illustrated.runs.get((scenario.feature, scenario.line), [])
        return {
            "scenario": scenario,
            "results": result,
            "why_not": not_run(scenario, result),
            "steps": step_rows(scenario, runs),
            "failures": failures(runs, scenario),
        }

    by_statement: dict[str, list[dict[str, Any]]] = defaultdict(list)
    beyond: dict[str, list[dict[str, Any]]] = defaultdict(list)
    """The scenarios no statement names, by feature: what the reference adds to the article."""
    for scenario in scenarios:
        statements = sorted(scenario.tags & set(article.statements))
        for tag in statements:
            by_statement[tag].append(shown(scenario))
        if not statements:
            beyond[scenario.feature].append(shown(scenario))
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
        beyond=beyond,
        cells=cells_of,
        decisions=decisions_of,
        drivers=DRIVERS,
        passed=runs.count("passed"),
        failed=runs.count("failed"),
        ran=bool(results),
        illustrated=illustrated,
        cell_link=_script("notebook_site").cell_link,
    )


def build(cucumber: Path, out: Path) -> Path:
    article, cells = read_article(), read_cells()
    html = render(
        article,
        read_scenarios(),
        cells,
        read_results(cucumber),
        illustrations(cucumber, out, cells, {s.id for s in article.sentences}),
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return out


if __name__ == "__main__":
    cucumber = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "reports" / "cucumber.json"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "reports" / "living-doc.html"
    print(f"The living documentation: {build(cucumber, out)}")
