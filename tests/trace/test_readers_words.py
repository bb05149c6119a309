"""Scenarios speak a reader's words: what a person sees and does, not how it is stored.

At most ``ALLOWED`` scenarios may name a table or its columns, an HTTP status, a time step
of the codes or a count the product keeps: a scenario about a page reads the page as a
person reads it (its rows as it shows them, no headings of our own), and a check that is
truly about HTTP or storage lives in ``tests/web/`` or ``tests/unit/``.
"""

import re
from pathlib import Path

from pytest_bdd.parser import FeatureParser, ScenarioTemplate

FEATURES = Path(__file__).resolve().parents[2] / "spec" / "features"
ALLOWED = 5
IMPLEMENTATION_WORDS = {
    "a table, a column or a row": r"\b(?:tables?|columns?|(?<!in a )rows?)\b",
    "an HTTP status": r"\bHTTP\b|\bstatus codes?\b|\b(?:200|30[123]|40[01345]|409|429|500)\b",
    "a time step": r"\btime[- ]steps?\b|\bsteps? (?:ago|ahead)\b|\b(?:previous|next|this) step\b",
    "a stored count": r"\bcount(?:s|ed|ing)?\b|\bstored\b|\bhash(?:es|ed)?\b|\bdatabase\b",
}
COLUMNS = {
    "at", "event", "by", "for", "detail", "employee", "company", "asked via", "state",
    "decided by", "offers", "person", "role", "two-factor authentication", "application",
    "since",
}  # fmt: skip
"""Headings a table of a step would give its columns (the page's own rows have none)."""


def scenarios(folder: Path = FEATURES) -> list[tuple[str, ScenarioTemplate]]:
    found = []
    for path in sorted(folder.rglob("*.feature")):
        feature = FeatureParser(str(folder), str(path.relative_to(folder))).parse()
        found += [(path.name, template) for template in feature.scenarios.values()]
    return found


def words_of(template: ScenarioTemplate) -> str:
    """The scenario's name, its steps (its backgrounds' too) and its examples' cells."""
    cells = [cell for examples in template.examples for row in examples.examples for cell in row]
    return "\n".join([template.name, *(step.name for step in template.steps), *cells])


def implementation_words(template: ScenarioTemplate) -> list[str]:
    """What the scenario names that a person never sees, by kind."""
    text = words_of(template)
    named = [kind for kind, words in IMPLEMENTATION_WORDS.items() if re.search(words, text, re.I)]
    headed = [
        step.name
        for step in template.steps
        if step.datatable is not None
        and {cell.value for cell in step.datatable.rows[0].cells} <= COLUMNS
    ]
    return named + [f"a table with headings ({name})" for name in headed]


def test_at_most_five_scenarios_use_implementation_words() -> None:
    found = {
        f"{feature}: {template.name}": words
        for feature, template in scenarios()
        if (words := implementation_words(template))
    }
    assert len(found) <= ALLOWED, found


def test_the_words_are_found(tmp_path: Path) -> None:
    """Each kind of word, and a table with headings, is caught where it is written; a
    page's rows as they read and "5 wrong codes in a row" are not."""
    (tmp_path / "x.feature").write_text(
        """Feature: X
  Scenario: The Users table
    Given nothing
  Scenario: Refused with 403
    Given nothing
  Scenario: A step
    When Eve enters the code of the previous step
  Scenario Outline: A count
    When <what>
    Examples:
      | what                       |
      | the throttle's count grows |
  Scenario: Headings
    Then the Audit log shows
      | at       | event           |
      | 09:00:30 | reset requested |
  Scenario: As the page reads
    When Eve enters a wrong code 5 times in a row
    Then the Audit log shows
      | 2026-11-27 09:00:30 | reset requested | sam | eve | |
""",
        encoding="utf-8",
    )
    found = {template.name: implementation_words(template) for _, template in scenarios(tmp_path)}
    assert found == {
        "The Users table": ["a table, a column or a row"],
        "Refused with 403": ["an HTTP status"],
        "A step": ["a time step"],
        "A count": ["a stored count"],
        "Headings": ["a table with headings (the Audit log shows)"],
        "As the page reads": [],
    }
