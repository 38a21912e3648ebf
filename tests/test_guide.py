"""The staff guide quotes what the tools say today: every line of output it shows comes from the catalogue.

docs/verslag-indienen.md shows output of `validate`, `new` and `import` in ```text blocks. Each
line there must be a message of the catalogue (messages.py) with its fields filled in, as a
command prints it; a field before a `validate` message must be named as the form labels it. A
message reworded in the code then fails this test until the guide quotes the new words.
"""

from __future__ import annotations

import re
import string

import pytest
from conftest import ROOT

from reisregister.core.i18n import messages
from reisregister.intake.problems import shown_field

GUIDE = ROOT / "docs" / "verslag-indienen.md"
_BLOCK = re.compile(r"^```text\n(.*?)^```", re.S | re.M)
# `validate`: PATH:LINE: field: message
_PROBLEM = re.compile(r"^(?P<path>[\w./-]+\.md):\d+: (?P<field>.+?(?: \([\w.\[\]]+\))?): (?P<message>.+)$")


def quoted_lines() -> list[str]:
    """The non-empty lines of the guide's text blocks."""
    text = GUIDE.read_text(encoding="utf-8")
    return [line.strip() for block in _BLOCK.findall(text) for line in block.splitlines() if line.strip()]


def pattern(template: str) -> str:
    """A catalogue template as a regular expression: its text as written, each {field} (or argparse's %(field)s) any text."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(re.sub(r"%(?:\\\(\w+\\\))?[sr]", ".+?", re.escape(literal)))
        if name is not None:
            parts.append(".+?")
    return "".join(parts)


def has_words(template: str) -> bool:
    """Whether a template says something itself ("{item} {number}" would match any line)."""
    literal = "".join(text for text, _, _, _ in string.Formatter().parse(template))
    return len(re.findall(r"[^\W\d_]", literal)) >= 4


PATTERNS = [pattern(text) for text in messages.NL.values() if has_words(text)]
# A question as `new` asks it, with what staff typed: "Plaats van bestemming: Marseille".
ANSWERED = [re.compile(rf"(?:{p})(?: \[[^\]]*\])?:(?: .*)?") for p in PATTERNS]
MESSAGES = [re.compile(p) for p in PATTERNS]


def from_catalogue(text: str) -> bool:
    return any(p.fullmatch(text) for p in MESSAGES) or any(p.fullmatch(text) for p in ANSWERED)


def test_the_guide_quotes_enough_output_to_be_worth_checking():
    lines = quoted_lines()
    assert len(lines) >= 15
    assert sum(bool(_PROBLEM.match(line)) for line in lines) >= 5  # validate's own lines


# The importer's note on a placeholder: "PATH: field: value — hint", the hint a message of its own.
_PLACEHOLDER = re.compile(r"^[\w./-]+\.md: (?P<field>.+? \([\w.\[\]]+\)): .+? — (?P<hint>.+)$")


@pytest.mark.parametrize("line", quoted_lines())
def test_every_line_the_guide_quotes_is_a_message_of_the_catalogue(line: str):
    problem = _PROBLEM.match(line)
    placeholder = _PLACEHOLDER.match(line)
    if placeholder:
        key = re.search(r"\(([\w.\[\]]+)\)$", placeholder["field"]).group(1)
        assert shown_field(key) == placeholder["field"], f"field not as the form labels it: {line}"
        assert from_catalogue(placeholder["hint"]), f"not in the catalogue: {placeholder['hint']}"
    elif problem:
        field = problem["field"]
        key = re.search(r"\(([\w.\[\]]+)\)$", field)
        assert shown_field(key.group(1) if key else _place(field)) == field, f"field not as the form labels it: {line}"
        assert from_catalogue(problem["message"]), f"not in the catalogue: {problem['message']}"
    else:
        assert from_catalogue(line), f"not in the catalogue: {line}"


def _place(field: str) -> str:
    """The problem's field for a place without a key ('Bestandsnaam' -> 'id')."""
    places = {messages.NL[key]: key.removeprefix("place.") for key in messages.NL if key.startswith("place.")}
    return places.get(field, field)


def test_a_reworded_message_is_caught():
    assert from_catalogue("2015-09-13 ligt vóór 2015-09-14, de vertrekdatum (start_date)")
    assert not from_catalogue("2015-09-13 ligt vóór start_date 2015-09-14")  # the old wording
    assert not from_catalogue("end_date: 2015-09-13 is before start_date 2015-09-14")  # English
