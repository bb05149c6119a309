"""Every text of ``entrypoints/messages.py`` and of the templates is named by a scenario, word
for word.

A page text no scenario names could change unnoticed: ``scripts/page_text_breaks.py`` breaks
each one by hand and runs the scenarios that name it on the http and browser drivers
(``docs/drivers.md``, "Breaks tried"); this test keeps a new text from arriving unnamed.
"""

from pathlib import Path
from types import ModuleType

import pytest
from pytest_bdd.parser import ScenarioTemplate

from tests.scripts import script
from tests.trace.test_readers_words import FEATURES, scenarios


@pytest.fixture(scope="module")
def breaks() -> ModuleType:
    return script("page_text_breaks")


def words_of(template: ScenarioTemplate) -> str:
    """What a scenario says: its name, its steps with their texts and tables, its examples."""
    cells = [cell for examples in template.examples for row in examples.examples for cell in row]
    steps = [f"{step.name}\n{step.docstring or ''}" for step in template.steps]
    tables = [step.datatable for step in template.steps if step.datatable is not None]
    cells += [cell.value for table in tables for row in table.rows for cell in row.cells]
    return " ".join("\n".join([template.name, *steps, *cells]).split())


def unnamed(texts: list[object], folder: Path = FEATURES) -> list[str]:
    """Where each text no scenario names is written."""
    said = [words_of(template) for _, template in scenarios(folder)]
    return [
        text.where  # type: ignore[attr-defined]
        for text in texts
        if not any(text.pattern.search(words) for words in said)  # type: ignore[attr-defined]
    ]


def test_every_text_of_messages_is_named_by_a_scenario(breaks: ModuleType) -> None:
    assert unnamed(list(breaks.message_texts())) == []


def test_every_text_of_the_templates_is_named_by_a_scenario(breaks: ModuleType) -> None:
    assert unnamed(list(breaks.template_texts())) == []


def test_a_text_added_without_a_scenario_is_found(breaks: ModuleType, tmp_path: Path) -> None:
    messages = tmp_path / "messages.py"
    written = breaks.MESSAGES.read_text(encoding="utf-8")
    messages.write_text(f'{written}\nNEW = "A text no scenario reads."\n', encoding="utf-8")
    assert unnamed(list(breaks.message_texts(messages))) == ["messages.py NEW"]


def test_a_text_with_a_placeholder_is_named_by_its_fixed_words(
    breaks: ModuleType, tmp_path: Path
) -> None:
    messages = tmp_path / "messages.py"
    messages.write_text(
        "def status_on(application: str) -> str:\n"
        '    return f"Two-factor authentication is on, with {application}."\n\n\n'
        "def changed(application: str) -> str:\n"
        '    return f"Two-factor authentication is now on, with {application}."\n',
        encoding="utf-8",
    )
    assert unnamed(list(breaks.message_texts(messages))) == ["messages.py changed()"]
