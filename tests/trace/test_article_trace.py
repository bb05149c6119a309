"""Every statement of the help article is checked by a scenario and shown in a notebook; every
article tag names a statement; the living documentation shows each of them."""

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLE_TEXT = ROOT / "spec" / "precoro-2fa-help-article.txt"


@pytest.fixture(scope="module")
def trace() -> ModuleType:
    spec = importlib.util.spec_from_file_location("living_doc", ROOT / "scripts/living_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_statements_are_numbered_in_order_from_one(trace: ModuleType) -> None:
    ids = list(trace.read_article().statements)
    assert ids == [f"article-{n}" for n in range(1, len(ids) + 1)]
    assert len(ids) >= 30


def test_every_statement_has_a_scenario(trace: ModuleType) -> None:
    tagged = {tag for scenario in trace.read_scenarios() for tag in scenario.tags}
    assert [s for s in trace.read_article().statements if s not in tagged] == []


def test_every_statement_has_a_notebook_cell(trace: ModuleType) -> None:
    tagged = {tag for cell in trace.read_cells() for tag in cell.tags}
    assert [s for s in trace.read_article().statements if s not in tagged] == []


def test_every_article_tag_names_a_statement(trace: ModuleType) -> None:
    statements = set(trace.read_article().statements)
    tags = [
        (f"{scenario.feature}: {scenario.name}", tag)
        for scenario in trace.read_scenarios()
        for tag in scenario.tags
        if tag.startswith("article")
    ] + [
        (f"{cell.notebook} cell {cell.index}", tag)
        for cell in trace.read_cells()
        for tag in cell.tags
        if tag.startswith("article")
    ]
    assert tags, "no article tag found"
    assert [(where, tag) for where, tag in tags if tag not in statements] == []


def test_a_tag_is_read_from_a_feature_file(trace: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "x.feature").write_text(
        "Feature: X\n  @article-99\n  Scenario: Y\n    Given nothing\n", encoding="utf-8"
    )
    [scenario] = trace.read_scenarios(tmp_path)
    assert scenario.tags == {"article-99"}


def test_every_decision_names_statements_and_says_where_and_why(trace: ModuleType) -> None:
    article = trace.read_article()
    assert article.decisions
    for decision in article.decisions:
        assert decision.statements, decision.id
        assert set(decision.statements) <= set(article.statements), decision.id
        assert decision.where and decision.reasons, decision.id


def test_the_statements_are_the_articles_words(trace: ModuleType) -> None:
    """Letters and digits only: the article runs some sentences together ("buttonYou")."""

    def letters(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "", text.lower())

    article = letters(ARTICLE_TEXT.read_text(encoding="utf-8"))
    statements = trace.read_article().statements.values()
    assert [s.id for s in statements if letters(s.words) not in article] == []


def test_the_living_documentation_shows_statements_results_cells_and_decisions(
    trace: ModuleType, tmp_path: Path
) -> None:
    cucumber = tmp_path / "cucumber.json"
    [turning_off] = [
        s for s in trace.read_scenarios() if s.name == "Eve turns off two-factor authentication"
    ]
    element = {
        "id": "test_eve_turns_off_two_factor_authentication[http-memory]",
        "line": turning_off.line,
        "steps": [{"result": {"status": "failed"}}],
    }
    cucumber.write_text(
        json.dumps([{"uri": "features/turn_off.feature", "elements": [element]}]),
        encoding="utf-8",
    )
    html = trace.build(cucumber, tmp_path / "living-doc.html").read_text(encoding="utf-8")
    assert 'id="article-17"' in html
    assert "Eve turns off two-factor authentication" in html
    assert "http failed" in html
    assert "03_turn_off" in html
    assert 'class="decision" id="decision-1"' in html
    assert "<script" not in html
