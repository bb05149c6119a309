"""The trace runs both ways: every sentence of the help article is in ``spec/article.md``, word
for word and in its order; every statement is checked by a scenario and shown in a notebook;
every article tag names a statement; the living documentation shows the whole article."""

import json
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from markupsafe import escape

from tests.scripts import script

ROOT = Path(__file__).resolve().parents[2]
ARTICLE_TEXT = ROOT / "spec" / "precoro-2fa-help-article.txt"


@pytest.fixture(scope="module")
def trace() -> ModuleType:
    return script("living_doc")


def departure(article: Any, text: str) -> str | None:
    """Where the sentences of ``article``, read in order, first depart from ``text``, the
    article's own text, white space aside (it runs some sentences together: "buttonYou");
    None when they are the whole text and nothing else."""
    written = "".join(" ".join(s.words for s in article.sentences).split())
    published = "".join(text.split())
    if written == published:
        return None
    at = next(
        (
            n
            for n, (ours, theirs) in enumerate(zip(written, published, strict=False))
            if ours != theirs
        ),
        min(len(written), len(published)),
    )
    return f"spec/ has {written[at - 30 : at + 50]!r}; the article {published[at - 30 : at + 50]!r}"


def unchecked(article: Any, scenarios: list[Any], cells: list[Any]) -> list[str]:
    """The statements without a scenario, or without a notebook cell, that names them."""
    tagged = {tag for scenario in scenarios for tag in scenario.tags}
    shown = {tag for cell in cells for tag in cell.tags}
    return [
        f"{s} has no {'scenario' if s not in tagged else 'notebook cell'}"
        for s in article.statements
        if s not in tagged or s not in shown
    ]


def tags_naming_nothing(
    article: Any, scenarios: list[Any], cells: list[Any]
) -> list[tuple[str, str]]:
    """The article tags that name no statement: no sentence, or one that carries no behaviour."""
    tags = [
        (f"{scenario.feature}: {scenario.name}", tag)
        for scenario in scenarios
        for tag in scenario.tags
        if tag.startswith("article")
    ] + [
        (f"{cell.notebook} cell {cell.index}", tag)
        for cell in cells
        for tag in cell.tags
        if tag.startswith("article")
    ]
    assert tags, "no article tag found"
    return [(where, tag) for where, tag in tags if tag not in article.statements]


def test_spec_holds_every_sentence_of_the_article_in_its_order(trace: ModuleType) -> None:
    assert departure(trace.read_article(), ARTICLE_TEXT.read_text(encoding="utf-8")) is None


@pytest.mark.parametrize(
    ("change", "found"),
    [
        ("from hackers and identity theft.", "from hackers."),  # reworded
        ("- **article-36** _caption_ Install the app and scan the QR code\n", ""),  # dropped
        ("Do not remove Google Authenticator", "Do not delete Google Authenticator"),
        (
            "- **article-6** Note,",
            "- **article-7** Do not remove Google Authenticator from your phone!\n"
            "- **article-6** Note,",
        ),  # said twice
        ("- **article-45** _caption_ You can  choose", "- **article-45** _caption_ You choose"),
        (
            "- **article-6** Note, that the Authy application allows you to restore the account "
            "if necessary (Google Authenticator does not have such a function)\n"
            "- **article-7** Do not remove Google Authenticator from your phone!\n",
            "- **article-7** Do not remove Google Authenticator from your phone!\n"
            "- **article-6** Note, that the Authy application allows you to restore the account "
            "if necessary (Google Authenticator does not have such a function)\n",
        ),  # moved
    ],
)
def test_a_sentence_dropped_or_reworded_in_spec_is_found(
    trace: ModuleType, tmp_path: Path, change: str, found: str
) -> None:
    scratch = tmp_path / "article.md"
    written = trace.ARTICLE.read_text(encoding="utf-8")
    assert change in written
    scratch.write_text(written.replace(change, found, 1), encoding="utf-8")
    assert departure(trace.read_article(scratch), ARTICLE_TEXT.read_text(encoding="utf-8"))


def test_a_sentence_added_to_the_article_is_found(trace: ModuleType) -> None:
    published = ARTICLE_TEXT.read_text(encoding="utf-8")
    with_more = published.replace("identity theft.", "identity theft. And from phishing.")
    assert departure(trace.read_article(), with_more) is not None


def test_white_space_alone_is_no_departure(trace: ModuleType) -> None:
    published = ARTICLE_TEXT.read_text(encoding="utf-8")
    assert departure(trace.read_article(), " ".join(published.split())) is None


def test_the_ids_are_article_1_to_n_each_once_the_first_31_in_their_first_order(
    trace: ModuleType,
) -> None:
    ids = [s.id for s in trace.read_article().sentences]
    assert sorted(ids, key=lambda id: int(id.split("-")[1])) == [
        f"article-{n}" for n in range(1, len(ids) + 1)
    ]
    first = [id for id in ids if int(id.split("-")[1]) <= 31]
    assert first == [f"article-{n}" for n in range(1, 32)]


def test_each_sentence_is_a_statement_or_says_why_it_carries_no_behaviour(
    trace: ModuleType,
) -> None:
    article = trace.read_article()
    captions = [s for s in article.sentences if s.form == "caption"]
    assert len(captions) == 6, captions
    no_behaviour = [s for s in article.sentences if s.id not in article.statements]
    assert no_behaviour and all(len(s.no_behaviour) > 20 for s in no_behaviour)
    assert {s.form for s in no_behaviour} <= {"caption", "heading"}


def test_every_statement_has_a_scenario_and_a_notebook_cell(trace: ModuleType) -> None:
    article = trace.read_article()
    assert unchecked(article, trace.read_scenarios(), trace.read_cells()) == []


def test_a_statement_without_a_scenario_or_a_cell_is_found(
    trace: ModuleType, tmp_path: Path
) -> None:
    scratch = tmp_path / "article.md"
    written = trace.ARTICLE.read_text(encoding="utf-8")
    scratch.write_text(
        written.replace(
            "- **article-44** _heading_",
            "- **article-46** An added statement.\n- **article-44** _heading_",
        ),
        encoding="utf-8",
    )
    article = trace.read_article(scratch)
    scenarios, cells = trace.read_scenarios(), trace.read_cells()
    assert unchecked(article, scenarios, cells) == ["article-46 has no scenario"]
    tagged = [replace(scenario, tags=scenario.tags | {"article-46"}) for scenario in scenarios]
    assert unchecked(article, tagged, cells) == ["article-46 has no notebook cell"]


def test_every_article_tag_names_a_statement(trace: ModuleType) -> None:
    article = trace.read_article()
    assert tags_naming_nothing(article, trace.read_scenarios(), trace.read_cells()) == []


@pytest.mark.parametrize("tag", ["article-99", "article-32"])
def test_a_tag_naming_no_statement_is_found(trace: ModuleType, tmp_path: Path, tag: str) -> None:
    """article-99 names no sentence; article-32 names a heading, which carries no behaviour."""
    (tmp_path / "x.feature").write_text(
        f"Feature: X\n  @{tag}\n  Scenario: Y\n    Given nothing\n", encoding="utf-8"
    )
    found = tags_naming_nothing(trace.read_article(), trace.read_scenarios(tmp_path), [])
    assert found == [("x.feature: Y", tag)]


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


def test_the_living_documentation_shows_every_scenario_no_sentence_names(
    trace: ModuleType, tmp_path: Path
) -> None:
    """What the reference adds where the article is silent: each scenario that names no
    statement, after the article, under its feature, with why a driver does not run it."""
    html = trace.build(tmp_path / "none.json", tmp_path / "living-doc.html").read_text("utf-8")
    beyond = html[html.index('id="beyond"') :]
    statements = set(trace.read_article().statements)
    unnamed = [s for s in trace.read_scenarios() if not s.tags & statements]
    assert len(unnamed) > 100
    for scenario in unnamed:
        assert f"{scenario.feature}: {escape(scenario.name)}" in beyond, scenario.name
    assert "the browser scenarios of a worker share one served app" in beyond
    assert "turn_off.feature: Eve turns off two-factor authentication\n" not in beyond


def test_the_living_documentation_shows_the_whole_article_in_its_order(
    trace: ModuleType, tmp_path: Path
) -> None:
    """Every sentence, in the article's order: captions marked, the no-behaviour ones with
    their reason."""
    html = trace.build(tmp_path / "none.json", tmp_path / "living-doc.html").read_text("utf-8")
    article = trace.read_article()
    places = [html.index(f'id="{sentence.id}"') for sentence in article.sentences]
    assert places == sorted(places)
    [heading] = [s for s in article.sentences if s.id == "article-32"]
    assert heading.no_behaviour
    block = html[html.index('id="article-32"') : html.index('id="article-3"')]
    assert '<span class="form">heading</span>' in block
    assert heading.words in block and heading.no_behaviour in block
    caption = html[html.index('id="article-36"') : html.index('id="article-9"')]
    assert '<span class="form">caption</span> Install the app and scan the QR code' in caption
    assert "01_turn_on_and_confirm" in caption
