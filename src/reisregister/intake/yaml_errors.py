"""YAML that does not parse, explained the way staff make the mistake: which line, why, and the line fixed.

The YAML library says "mapping values are not allowed in this context"; staff wrote a colon in a
summary. Each explainer below recognises one such mistake from the library's error and the line,
and returns the line to point at and a message from the catalogue; anything else keeps the
library's own words, with a pointer to the example.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ruamel.yaml.error import MarkedYAMLError

from reisregister.core.i18n.messages import message

_KEY_VALUE = re.compile(r"(?P<lead>[ \t]*(?:-[ \t]+)?)(?P<key>[A-Za-z_][A-Za-z0-9_]*):[ \t]+(?P<value>.*)")
_KEY = re.compile(r" *(?:- +)?(?P<key>[A-Za-z_][A-Za-z0-9_]*):")
_DASH_GLUED = re.compile(r" *-[A-Za-z]")
_QUOTES = "\"'"


@dataclass(frozen=True)
class _Error:
    problem: str  # the library's words, e.g. "found a tab character that violates indentation"
    context: str  # e.g. "while scanning a quoted scalar"
    lines: list[str]  # the front matter's lines
    at: int  # the line index the library points at
    opened: int  # the line index where what failed began (a quote, a list)
    column: int
    first_line: int  # the file line of lines[0]


Explained = tuple[int, str]  # (line index, message)


def explain_yaml_error(error: MarkedYAMLError, lines: list[str], first_line: int) -> Explained:
    """(line index in the front matter, message) of a YAML syntax error: where staff made it, and the fix in Dutch."""
    mark = error.problem_mark or error.context_mark
    at = min(mark.line if mark else 0, len(lines) - 1)
    opened = min(error.context_mark.line, len(lines) - 1) if error.context_mark else at
    found = _Error(
        str(error.problem or ""), str(error.context or ""), lines, at, opened, mark.column if mark else 0, first_line
    )
    for explain in _EXPLAINERS:
        explained = explain(found)
        if explained:
            return explained
    return at, message("front.not_yaml", problem=error.problem or error.context)


def _tab(error: _Error) -> Explained | None:
    lead = re.match(r"[ \t-]*", error.lines[error.at]).group(0)
    return (error.at, message("yaml.tab")) if "\t" in lead else None


# An opening quote without its closing one runs on into the next lines, so the library fails later.
def _unclosed_quote(error: _Error) -> Explained | None:
    if "quoted scalar" not in error.context and "expected key" not in error.problem:
        return None
    for index in range(error.at + 1):
        value = _value(error.lines[index])
        if value and value[0] in _QUOTES and not _closes(value):
            return index, message("yaml.quote_unclosed", quote=value[0])
    found = _KEY_VALUE.fullmatch(error.lines[error.at])
    if found and _value(error.lines[error.at])[:1] in tuple(_QUOTES):
        return error.at, message("yaml.after_quote", fixed=_quoted(found))
    return None


def _colon_or_indent(error: _Error) -> Explained | None:
    if "mapping values are not allowed" not in error.problem and "expected '-' indicator" not in error.problem:
        return None
    line = error.lines[error.at]
    found = _KEY_VALUE.fullmatch(line)
    if found and error.column > found.end("key"):
        return error.at, message("yaml.colon", fixed=_quoted(found))
    for index in (error.at, error.at - 1):  # `-city: Marseille` is a key "-city"; the next line looks misplaced
        if index >= 0 and _DASH_GLUED.match(error.lines[index]):
            fixed = re.sub(r"^( *)-", r"\1- ", error.lines[index]).strip()
            return index, message("yaml.dash_space", fixed=fixed)
    own = _KEY.match(line)
    above = next((i for i in range(error.at - 1, -1, -1) if _KEY.match(error.lines[i])), None)
    if not own or above is None:
        return None
    over = _KEY.match(error.lines[above])
    return error.at, message(
        "yaml.indent",
        found=len(line) - len(line.lstrip(" ")),
        expected=over.start("key"),
        name=own.group("key"),
        above=over.group("key"),
        line=error.first_line + above,
    )


def _unclosed_list(error: _Error) -> Explained | None:
    if "flow sequence" not in error.context and "flow mapping" not in error.context:
        return None
    opening, closing = ("[", "]") if "sequence" in error.context else ("{", "}")
    fixed = error.lines[error.opened].strip() + closing
    return error.opened, message("yaml.list_unclosed", opening=opening, closing=closing, fixed=fixed)


def _no_colon(error: _Error) -> Explained | None:
    if "could not find expected ':'" not in error.problem:
        return None
    glued = re.match(r"\s*((?:- )?[A-Za-z_][A-Za-z0-9_]*):(\S.*)", error.lines[error.opened])
    if glued:
        return error.opened, message("yaml.no_space", fixed=f"{glued.group(1)}: {glued.group(2)}")
    return error.opened, message("yaml.no_colon")


def _odd_start(error: _Error) -> Explained | None:
    if "cannot start any token" not in error.problem and "block sequence entries" not in error.problem:
        return None
    found = _KEY_VALUE.fullmatch(error.lines[error.at])
    if not found or not found.group("value"):
        return None
    return error.at, message("yaml.starts_with", char=found.group("value")[0], fixed=_quoted(found))


_EXPLAINERS: tuple[Callable[[_Error], Explained | None], ...] = (
    _tab,
    _unclosed_quote,
    _colon_or_indent,
    _unclosed_list,
    _no_colon,
    _odd_start,
)


def _value(line: str) -> str:
    found = _KEY_VALUE.fullmatch(line)
    return found.group("value").rstrip() if found else ""


def _closes(value: str) -> bool:
    quote = value[0]
    rest = value[1:].replace("''", "") if quote == "'" else re.sub(r"\\.", "", value[1:])
    return quote in rest


# `key: value` with the value in double quotes (single quotes if it holds a double quote).
def _quoted(found: re.Match) -> str:
    value = found.group("value").rstrip()
    if value and value[0] in _QUOTES and not _closes(value):
        value = value[1:]  # an opening quote that does not close
    text = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
    return f"{found.group('key')}: {text}"
