"""Break each page text by hand, in a scratch copy of ``src/``, and see which scenarios notice.

A page text is every text of ``entrypoints/messages.py`` (its module-level texts, and the fixed
words of its texts with placeholders) and every literal button label, link and heading of
the web templates. For each one the script copies ``src/`` to a scratch folder, changes the
text's last word there (``Turn On`` becomes ``Turn CHANGED``: a prefix still matches, the
words do not), and runs, on the http driver (memory store) and on the browser driver, the
scenarios whose words contain the text (the ones quoting it first, at most ``LIMIT``), with
``-x``. A text no scenario names needs no run: it is unchecked.

The scratch copy comes first on ``PYTHONPATH``, before the editable install; a plugin checks
in the pytest process that every ``precoro_2fa`` module was imported from it and that the
broken file holds the break, and the scratch package writes its process's command line to a
proof file, so that the script sees the browser driver's ``precoro-2fa serve`` import it too.
Anything else stops the script loudly.

    .venv/bin/python scripts/page_text_breaks.py [--only WORDS] [--table FILE]
"""

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "precoro_2fa"
MESSAGES = PACKAGE / "entrypoints" / "messages.py"
TEMPLATES = PACKAGE / "entrypoints" / "web" / "templates"
PYTEST = ROOT / ".venv" / "bin" / "pytest"
DRIVERS = {"http": ("http-memory", "http-sqlite"), "browser": ("browser-sqlite",)}
"""The fronts of each driver a scenario is run on: the first it runs on (the HTTP layer over
memory, or over SQLite for a scenario that needs a file, ``@outage``)."""
LIMIT = 6
"""At most this many scenarios per text and driver: a break one of them notices stops the run
at once (``-x``); a break none notices runs them all."""
CHANGED = "CHANGED"


@dataclass(frozen=True)
class Text:
    """A text a page shows: where it is written, and the same file with it broken."""

    shown: str
    """The text, ``{}`` where a placeholder is."""
    where: str
    """Its file (relative to ``src/precoro_2fa``) and name or kind."""
    path: Path
    broken_source: str
    broken: str
    """The text as broken."""

    @property
    def pattern(self) -> re.Pattern[str]:
        """The text in a scenario's words: its fixed words, anything at a placeholder."""
        parts = [re.escape(" ".join(part.split())) for part in self.shown.split("{}")]
        return re.compile(r".+?".join(parts))


def stop(why: str) -> NoReturn:
    """Stop the whole run, loudly: a verdict the script cannot vouch for is no verdict."""
    sys.exit(f"page_text_breaks: {why}")


def last_word_changed(text: str) -> str:
    words = list(re.finditer(r"[A-Za-z][A-Za-z-]*", text))
    if not words:
        stop(f"no word to change in {text!r}")
    last = words[-1]
    return text[: last.start()] + CHANGED + text[last.end() :]


# --- the texts


def message_texts(path: Path = MESSAGES) -> Iterator[Text]:
    """Every string of messages.py (or ``path``) that has a word, but docstrings; f-strings by
    their fixed words."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    inside_fstring = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    owner = {id(n): s for s in ast.walk(tree) for n in ast.walk(s) if is_named(s)}
    broken_node: ast.expr
    for node in ast.walk(tree):
        if id(node) in docstrings or id(node) in inside_fstring:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if not re.search("[A-Za-z]{2}", node.value):
                continue
            shown, broken_node = node.value, ast.Constant(last_word_changed(node.value))
        elif isinstance(node, ast.JoinedStr):
            shown, broken_node = fstring_broken(node)
        else:
            continue
        yield Text(
            shown=shown,
            where=f"messages.py {name_of(owner.get(id(node)))}",
            path=path,
            broken_source=splice(source, node, ast.unparse(broken_node)),
            broken=ast.unparse(broken_node),
        )
    yield from imported_texts(tree)


def is_named(node: ast.AST) -> bool:
    return isinstance(node, (ast.Assign, ast.FunctionDef))


def name_of(node: ast.AST | None) -> str:
    if isinstance(node, ast.FunctionDef):
        return f"{node.name}()"
    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id
    return "?"


def fstring_broken(node: ast.JoinedStr) -> tuple[str, ast.JoinedStr]:
    """The f-string's words (``{}`` at each placeholder), and the f-string with its last
    fixed word changed."""
    fixed = [
        p
        for p in node.values
        if isinstance(p, ast.Constant) and re.search("[A-Za-z]", str(p.value))
    ]
    if not fixed:
        stop(f"an f-string without words: {ast.unparse(node)}")
    shown = "".join(str(p.value) if isinstance(p, ast.Constant) else "{}" for p in node.values)
    values = [
        ast.Constant(last_word_changed(str(p.value))) if p is fixed[-1] else p for p in node.values
    ]
    return shown, ast.JoinedStr(values=values)


def splice(source: str, node: ast.expr, replacement: str) -> str:
    """``source`` with ``node`` written as ``replacement`` (ast's columns count UTF-8 bytes)."""
    data = source.encode("utf-8")
    lines = data.splitlines(keepends=True)
    if node.end_lineno is None or node.end_col_offset is None:
        stop(f"no end to the text at line {node.lineno}")
    start = sum(len(line) for line in lines[: node.lineno - 1]) + node.col_offset
    end = sum(len(line) for line in lines[: node.end_lineno - 1]) + node.end_col_offset
    return (data[:start] + replacement.encode("utf-8") + data[end:]).decode("utf-8")


def imported_texts(tree: ast.Module) -> Iterator[Text]:
    """A text messages.py takes from the domain (``LOST_YOUR_PHONE``), broken where it is
    written."""
    for node in tree.body:
        if not isinstance(node, ast.ImportFrom) or node.module is None:
            continue
        if not node.module.startswith("precoro_2fa.domain"):
            continue
        path = PACKAGE.parent / (node.module.replace(".", "/") + ".py")
        source = path.read_text(encoding="utf-8")
        names = {alias.name for alias in node.names}
        for assign in ast.parse(source).body:
            if not isinstance(assign, ast.Assign) or not isinstance(assign.value, ast.Constant):
                continue
            target = assign.targets[0]
            if isinstance(target, ast.Name) and target.id in names:
                value = str(assign.value.value)
                broken = repr(last_word_changed(value))
                yield Text(
                    shown=value,
                    where=f"{path.relative_to(PACKAGE)} {target.id} (messages.py)",
                    path=path,
                    broken_source=splice(source, assign.value, broken),
                    broken=broken,
                )


def template_texts() -> Iterator[Text]:
    for path in sorted(TEMPLATES.glob("*.html")):
        source = path.read_text(encoding="utf-8")
        found = [
            (match.start(1), match.end(1), kind)
            for kind, pattern in TEMPLATE_KINDS
            for match in re.finditer(pattern, source)
        ]
        for start, end, kind in sorted(found):
            label = source[start:end]
            broken = last_word_changed(label)
            yield Text(
                shown=" ".join(label.split()),
                where=f"{path.name}:{source.count(chr(10), 0, start) + 1} {kind}",
                path=path,
                broken_source=source[:start] + broken + source[end:],
                broken=broken,
            )


TEMPLATE_KINDS = [
    ("button", r"<button[^>]*>([^<{]+)</button>"),
    ("button", r"\{\{ button\([^\"]*\"([^\"]+)\""),
    ("heading", r"<h[12][^>]*>([^<{]+)</h[12]>"),
    ("link", r"<a [^>]*>([^<{]+)</a>"),
    ("menu", r"\bitem\('[^']+', '([^']+)'"),
    ("paragraph", r"<p[^>]*>([^<{]+)</p>"),
]
"""The literal texts a template shows, by kind (what ``{{ }}`` shows comes from elsewhere)."""


# --- the scenarios


COLLECT = """
import json, os
from pytest_bdd.scenario import scenario_wrapper_template_registry

def pytest_collection_finish(session):
    found = []
    for item in session.items:
        callspec = getattr(item, "callspec", None)
        template = scenario_wrapper_template_registry.get(getattr(item, "obj", None))
        if template is None or callspec is None:
            continue
        scenario = template.render(callspec.params.get("_pytest_bdd_example", {}))
        words = [scenario.name]
        for step in scenario.steps:
            words.append(step.name)
            words.append(step.docstring or "")
            rows = step.datatable.rows if step.datatable else []
            words += [cell.value for row in rows for cell in row.cells]
        found.append({
            "id": item.nodeid,
            "front": callspec.params.get("front"),
            "name": f"{template.feature.rel_filename}: {scenario.name}",
            "words": "\\n".join(words),
        })
    with open(os.environ["PAGE_TEXT_SCENARIOS"], "w", encoding="utf-8") as out:
        json.dump(found, out)
"""

CHECK = """
import os, sys
from pathlib import Path
from typing import NoReturn
import pytest

SCRATCH = Path(os.environ["PAGE_TEXT_SCRATCH"])

def imported_elsewhere():
    return sorted(
        name for name, module in list(sys.modules.items())
        if name.split(".")[0] == "precoro_2fa"
        and getattr(module, "__file__", None)
        and not Path(module.__file__).is_relative_to(SCRATCH)
    )

def pytest_sessionstart(session):
    import precoro_2fa.entrypoints.messages
    import precoro_2fa.entrypoints.web
    broken = Path(os.environ["PAGE_TEXT_BROKEN_FILE"])
    if imported_elsewhere() or os.environ["PAGE_TEXT_BROKEN"] not in broken.read_text("utf-8"):
        pytest.exit(f"the break is not in effect: {imported_elsewhere()}", returncode=99)

def pytest_sessionfinish(session):
    if imported_elsewhere():
        pytest.exit(f"imported from elsewhere: {imported_elsewhere()}", returncode=99)
"""

PROOF = """
if __import__("os").environ.get("PAGE_TEXT_PROOF"):
    with open(__import__("os").environ["PAGE_TEXT_PROOF"], "a", encoding="utf-8") as _proof:
        _proof.write(" ".join(__import__("sys").argv) + "\\n")
    del _proof
"""
"""Appended to the scratch copy's ``precoro_2fa/__init__.py``: each process that imports it
writes its command line (the browser driver's server among them)."""


def collected(work: Path) -> list[dict[str, str]]:
    out = work / "scenarios.json"
    env = {**os.environ, "PAGE_TEXT_SCENARIOS": str(out), "PYTHONPATH": str(work)}
    (work / "page_text_collect.py").write_text(COLLECT, encoding="utf-8")
    command = [str(PYTEST), "tests/steps", "--collect-only", "-q", "-p", "page_text_collect"]
    command += ["--driver", "http", "--driver", "browser"]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603 (the project's own pytest)
    found = json.loads(out.read_text(encoding="utf-8"))
    fronts = {s["id"]: s["front"] for s in found}
    return [s for s in found if s["front"] == first_front(s, fronts)]


def first_front(scenario: dict[str, str], fronts: dict[str, str]) -> str | None:
    """The first front of ``DRIVERS`` the scenario runs on, of its driver."""
    for driver_fronts in DRIVERS.values():
        if scenario["front"] in driver_fronts:
            same = [scenario["id"].replace(scenario["front"], front) for front in driver_fronts]
            return next(fronts[id_] for id_ in same if id_ in fronts)
    return None


def flat(words: str) -> str:
    return " ".join(words.split())


def lines(words: str) -> list[str]:
    return [" ".join(line.split()) for line in words.splitlines()]


def chosen(text: Text, scenarios: list[dict[str, str]], driver: str) -> tuple[list[str], int]:
    """The ids of the scenarios of ``driver`` that name the text, at most ``LIMIT``: first
    those where it is a line of its own (a page read in order), then a whole quote, then part
    of a quote, then the others; and how many name it."""
    whole = re.compile(rf'.*"{text.pattern.pattern}".*')
    quoted = re.compile(r'"[^"]*' + text.pattern.pattern + r'[^"]*"')
    any_case = re.compile(text.pattern.pattern, re.IGNORECASE)  # "we reset…" presses Reset
    fronts = DRIVERS[driver]
    naming = [s for s in scenarios if s["front"] in fronts and any_case.search(flat(s["words"]))]
    naming.sort(
        key=lambda s: (
            not any(text.pattern.fullmatch(line) for line in lines(s["words"])),
            not any(whole.fullmatch(line) for line in lines(s["words"])),
            quoted.search(flat(s["words"])) is None,
            text.pattern.search(flat(s["words"])) is None,
        )
    )
    return [s["id"] for s in naming[:LIMIT]], len(naming)


# --- a break, run


@dataclass
class Verdict:
    run: int
    failed: str | None = None
    """The first scenario that failed, and the first line of why; None when all passed."""
    seconds: float = 0.0
    seen: bool = True
    """Whether the failure's report shows the changed word (the break, seen by the check)."""


@dataclass
class Row:
    text: Text
    naming: int
    verdicts: dict[str, Verdict] = field(default_factory=dict)


def scratch_copy(work: Path, text: Text) -> Path:
    """``src/`` copied to ``work/src`` with the break made, and the proof appended."""
    target = work / "src"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(PACKAGE, target / "precoro_2fa", ignore=shutil.ignore_patterns("__pycache__"))
    broken = target / "precoro_2fa" / text.path.relative_to(PACKAGE)
    if broken.read_text(encoding="utf-8") == text.broken_source:
        stop(f"{text.where}: the break changes nothing")
    broken.write_text(text.broken_source, encoding="utf-8")
    init = target / "precoro_2fa" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + PROOF, encoding="utf-8")
    return broken


def run(work: Path, text: Text, driver: str, ids: list[str]) -> Verdict:
    broken = scratch_copy(work, text)
    proof = work / "proof.txt"
    proof.unlink(missing_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": f"{work / 'src'}{os.pathsep}{work}",
        "PAGE_TEXT_SCRATCH": str(work / "src"),
        "PAGE_TEXT_BROKEN_FILE": str(broken),
        "PAGE_TEXT_BROKEN": text.broken,
        "PAGE_TEXT_PROOF": str(proof),
    }
    (work / "page_text_check.py").write_text(CHECK, encoding="utf-8")
    command = [
        "nice",
        "-n",
        "10",
        str(PYTEST),
        "-x",
        "-q",
        "-p",
        "page_text_check",
        "-p",
        "no:xdist",
    ]
    command += ["--driver", driver, "--tb=short", *ids]
    started = time.monotonic()
    done = subprocess.run(  # noqa: S603 (the project's own pytest)
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    seconds = time.monotonic() - started
    if done.returncode not in (0, 1):
        stop(
            f"{text.where} on {driver}: pytest answered {done.returncode}\n"
            f"{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )
    commands = proof.read_text(encoding="utf-8").splitlines() if proof.exists() else []
    if not any("pytest" in c for c in commands):
        stop(f"{text.where}: the pytest process did not import the scratch copy")
    if driver == "browser" and not any(" serve " in f" {c} " for c in commands):
        stop(f"{text.where}: the browser driver's server did not import the scratch copy")
    if done.returncode == 0:
        return Verdict(run=len(ids), seconds=seconds)
    failing = re.search(r"^FAILED (\S.*?\])(?: - .*)?$", done.stdout, re.M)
    if failing is None:
        stop(
            f"{text.where} on {driver}: a failure without a failed scenario\n{done.stdout[-3000:]}"
        )
    seen = CHANGED in done.stdout
    return Verdict(len(ids), failing.group(1), seconds, seen)


# --- the table


def cell(verdict: Verdict | None) -> str:
    if verdict is None:
        return "—"
    if verdict.failed is None:
        return f"**passes** ({verdict.run} run)"
    return "fails" if verdict.seen else "fails (the report does not show the break)"


def table(rows: list[Row]) -> str:
    lines = [
        "| text | where | scenarios naming it (run) | http | browser |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        shown = row.text.shown.replace("|", "\\|")
        shown = shown if len(shown) <= 60 else shown[:57] + "…"
        lines.append(
            f"| {shown} | `{row.text.where}` | {named(row)} "
            f"| {cell(row.verdicts.get('http'))} | {cell(row.verdicts.get('browser'))} |"
        )
    return "\n".join(lines) + "\n"


def named(row: Row) -> str:
    """How many scenarios name the text, and how many ran."""
    if row.naming:
        return f"{row.naming} ({max(v.run for v in row.verdicts.values())})"
    return "**0: unchecked**"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="only the texts whose words contain this")
    parser.add_argument("--table", type=Path, help="write the table (Markdown) to this file")
    parser.add_argument("--list", action="store_true", help="list the texts and the scenarios")
    options = parser.parse_args()
    started = time.monotonic()
    texts = [*message_texts(), *template_texts()]
    if options.only:
        texts = [t for t in texts if options.only in t.shown]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="page-text-breaks-") as folder:
        work = Path(folder)
        scenarios = collected(work)
        print(f"{len(texts)} texts, {len(scenarios)} scenarios (http and browser)", flush=True)
        for text in texts:
            ids, naming = chosen(text, scenarios, "http")
            row = Row(text, naming)
            rows.append(row)
            if options.list:
                print(f"{naming:4} {text.where}: {text.shown!r}")
                continue
            for driver in DRIVERS:
                ids, _ = chosen(text, scenarios, driver)
                if ids:
                    row.verdicts[driver] = verdict = run(work, text, driver, ids)
                    print(
                        f"{text.where} {text.shown[:50]!r} {driver}: {cell(verdict)} "
                        f"{verdict.failed or ''} ({verdict.seconds:.0f} s)",
                        flush=True,
                    )
    minutes = (time.monotonic() - started) / 60
    print(f"done in {minutes:.1f} min")
    if options.table:
        options.table.write_text(table(rows), encoding="utf-8")


if __name__ == "__main__":
    main()
