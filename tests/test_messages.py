"""The message catalogue: every key the code asks for exists, and a second language can follow."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from conftest import ROOT

from reisregister.adapters.decap import beheer
from reisregister.cli import main as cli_main
from reisregister.core import model
from reisregister.core.i18n import messages, text
from reisregister.intake import checks

# The Python package, and the web form's checks, which take their messages from the same catalogue.
SOURCES = sorted(
    [*(ROOT / "src" / "reisregister").rglob("*.py"), *(ROOT / "src" / "reisregister").rglob("assets/*.js")]
)
# `message("key", ...)` and `count(n, "one.key", "many.key")`.
_LITERAL_KEY = re.compile(
    r"""(?:\bmessage\(|(?<![.\w])count\([^\n]*?,)\s*["']([a-z0-9_.]+)["'](?:,\s*["']([a-z0-9_.]+)["'])?"""
)
# Keys the code builds from a value: pydantic's error types, hidden-text kinds, summary rows.
_BUILT_KEYS = (
    {f"type.{kind}" for kind in checks.TYPES_WITH_MESSAGE}
    | {"body.hidden.comment", "body.hidden.link_definition"}
    | {f"new.summary.{row}" for row in ("title", "dates", "places", "travellers", "summary", "costs", "paid_by")}
    | {"new.summary.tags", "new.summary.transport", "new.summary.expected", "new.summary.actions"}
    | {f"cost.{part}" for part in model.COST_PARTS}
    | set(beheer.READER_MESSAGES)  # sent to the web form, which fills them in
    | {key for key in messages.NL if key.startswith(("label.", "place."))}  # looked up by a field's path
    | set(cli_main.ARGPARSE_WORDS.values())  # handed to argparse in place of its English
)


def used_keys() -> set[str]:
    found = (match for path in SOURCES for match in _LITERAL_KEY.findall(path.read_text(encoding="utf-8")))
    return {key for keys in found for key in keys if key}


def fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_key_the_code_asks_for_is_in_the_catalogue():
    assert used_keys() - set(messages.NL) == set()


def test_every_message_in_the_catalogue_is_used():
    assert set(messages.NL) - used_keys() - _BUILT_KEYS == set()


@pytest.mark.parametrize("language", sorted(messages.CATALOGUES))
def test_every_catalogue_has_the_same_keys_and_fields(language: str):
    catalogue = messages.CATALOGUES[language]
    assert set(catalogue) == set(messages.NL)
    assert {key: fields(text) for key, text in catalogue.items()} == {
        key: fields(text) for key, text in messages.NL.items()
    }


def test_no_english_sentences_are_left_in_the_staff_facing_modules():
    # The old English phrasing, as a tripwire for a message written outside the catalogue
    # (docstrings and comments may stay English: they are for developers).
    english = re.compile(r"\b(is not a|is required|did you mean|at most|must be|appears twice|cannot be)\b")
    staff_facing = ("model", "checks", "load", "cli", "scaffold", "legacy")
    found = [
        f"{path.name}:{node.lineno}: {node.value}"
        for path in SOURCES
        if path.stem in staff_facing
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and english.search(node.value)
        and node.lineno not in docstring_lines(path)
    ]
    assert found == []


def docstring_lines(path: Path) -> set[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.body[0].lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def test_numbers_in_messages_are_dutch():
    assert messages.number(1_000_000) == "1.000.000"
    assert messages.number is text.number  # one way to write a number, in messages and on pages alike
    assert messages.count(1, "cli.problem", "cli.problems") == "1 probleem"
    assert messages.count(3, "cli.file", "cli.files") == "3 bestanden"


def test_the_catalogue_module_names_no_other_module():
    # Core modules import it; it imports only text.py, itself a leaf, so it can never close an import cycle.
    own = re.findall(
        r"^\s*(?:from|import) (reisregister\S*)", Path(messages.__file__).read_text(encoding="utf-8"), re.M
    )
    assert own == ["reisregister.core.i18n.text"]
    assert not re.search(r"^\s*(?:from|import) reisregister", Path(text.__file__).read_text(encoding="utf-8"), re.M)
