"""Read a report file safely: front matter with YAML 1.2 rules and a line for every value.

Report files come from people who are not trusted, so reading one never runs code, never
expands aliases and never guesses: anything unusual is a problem with a line number.
"""

from __future__ import annotations

import math
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml as libyaml
from ruamel.yaml import YAML
from ruamel.yaml import resolver as ruamel_resolver
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from yaml.cyaml import CParser

from reisregister.core.i18n.messages import message
from reisregister.core.i18n.text import number
from reisregister.core.model import INVISIBLE_RANGES
from reisregister.intake.problems import Problem, display_path
from reisregister.intake.problems import field_name as _dotted
from reisregister.intake.yaml_errors import explain_yaml_error

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 10  # a report nests four levels deep (field, list, item, value); the C composer crashes near 50,000
OPENING_FENCE = re.compile(r"---[ \t]*")
CLOSING_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*")
# Refused anywhere between the fences: the characters refused in plain text, and U+FEFF (a BOM
# is tolerated only as the file's first character). Sent to the web form through velden.json.
REFUSED_IN_FRONT_MATTER_RANGES = (*INVISIBLE_RANGES, (0xFEFF, 0xFEFF))
REFUSED_IN_FRONT_MATTER = re.compile(
    "[" + "".join(f"\\u{first:04x}-\\u{last:04x}" for first, last in REFUSED_IN_FRONT_MATTER_RANGES) + "]"
)
_DOCUMENT_MARKER = re.compile(r"(?:---|\.\.\.)(?:[ \t]|$)")
_TOP_LEVEL_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)[ \t]*:")
_UNDER_KEY = re.compile(r"[ \t]|-(?:[ \t]|$)")  # an indented line or a list item belongs to the field above

Location = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_INT_PATTERN = re.compile(r"[-+]?(0o[0-7]+|0x[0-9a-fA-F]+|[0-9]+)")


@dataclass
class RawReport:
    """A report file split into its front matter (as plain data) and its Markdown body."""

    path: Path
    data: dict[str, Any]
    lines: dict[Location, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    size: int = 0  # bytes of the file

    @property
    def id(self) -> str:
        return self.path.stem

    def line_of(self, location: Location) -> int:
        """The file line of a value, or of its nearest enclosing value."""
        for end in range(len(location), -1, -1):
            if location[:end] in self.lines:
                return self.lines[location[:end]]
        return 1


class FrontMatterError(Exception):
    """Why a report's front matter cannot be read: the line, the field and the message for staff."""

    def __init__(self, line: int, field: str, message: str):
        super().__init__(message)
        self.line, self.field, self.message = line, field, message


def read_report(path: Path) -> RawReport | Problem:
    """Read one report file, or say in one problem why it cannot be read."""
    try:
        return parse_report(path, read_regular_file(path, MAX_FILE_BYTES))
    except NotRegularFile as error:
        return Problem(display_path(path), 1, "file", str(error))
    except OSError as error:
        return Problem(display_path(path), 1, "file", message("file.unreadable", reason=error.strerror or error))


class NotRegularFile(ValueError):
    """A path that is a link, a device, a pipe or a folder where a file was expected."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """At most limit + 1 bytes of a regular file, never through a symbolic link (a larger file is cut)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        if path.is_symlink():
            raise NotRegularFile(message("file.symlink")) from None
        raise error
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise NotRegularFile(message("file.not_regular_kind"))
        return file.read(limit + 1)


def parse_report(path: Path, raw: bytes) -> RawReport | Problem:
    """Parse the bytes of a report file."""
    try:
        text = _decode(raw)
        front, front_line, body, body_line = _split_front_matter(text)
        data, lines = _parse_yaml(front, front_line)
    except FrontMatterError as invalid:
        return Problem(display_path(path), invalid.line, invalid.field, invalid.message)
    return RawReport(path, data, lines, body, body_line, len(raw))


# ----------------------------------------------------------------------------
# Text
# ----------------------------------------------------------------------------


# Bytes to text: UTF-8 only, with an optional BOM; CRLF and CR become LF.
def _decode(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise FrontMatterError(
            1, "file", message("file.too_large", size=number(len(raw)), limit=number(MAX_FILE_BYTES))
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise FrontMatterError(
            line, "encoding", message("encoding.not_utf8", byte=raw[error.start], column=column)
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise FrontMatterError(line, "encoding", message("encoding.nul"))
    return text


# Front matter is the block between a first line `---` and the next line `---` (or `...`); a fence
# may end in spaces or tabs, nothing else (`---` and U+001F is no fence: an editor hides it).
def _split_front_matter(text: str) -> tuple[str, int, str, int]:
    lines = text.split("\n")
    if not OPENING_FENCE.fullmatch(lines[0]):
        raise FrontMatterError(1, "front matter", message("front.missing"))
    for index, line in enumerate(lines[1:], start=1):
        if CLOSING_FENCE.fullmatch(line):
            _check_front_lines(lines[1:index], first_line=2)
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, 2, body, index + 2
    raise FrontMatterError(1, "front matter", message("front.not_closed"))


# The web form (assets/front-matter.js) reads YAML with another library. These rules keep the
# two readers, and a reviewer reading the diff, on the same lines and the same document: no
# character that one of them takes for a line break or that hides or reorders text (comments
# included), and no YAML directive (`%YAML 1.1` makes 0500 an octal number) or document marker.
def _check_front_lines(lines: list[str], first_line: int) -> None:
    for line_number, (line, owner) in enumerate(zip(lines, line_fields(lines), strict=True), start=first_line):
        refused = REFUSED_IN_FRONT_MATTER.search(line)
        if refused:
            code = f"U+{ord(refused.group(0)):04X}"
            raise FrontMatterError(
                line_number, owner, message("front.character", code=code, column=refused.start() + 1)
            )
        if line.startswith("%"):
            raise FrontMatterError(line_number, owner, message("front.directive"))
        if _DOCUMENT_MARKER.match(line):
            raise FrontMatterError(line_number, owner, message("front.document_marker"))


def line_fields(lines: list[str]) -> list[str]:
    """The top-level field each front-matter line belongs to ("front matter" for a line of no field)."""
    fields, key = [], "front matter"
    for line in lines:
        top = _TOP_LEVEL_KEY.match(line)
        key = top.group(1) if top else key
        fields.append(key if top or _UNDER_KEY.match(line) else "front matter")
    return fields


# ----------------------------------------------------------------------------
# YAML
# ----------------------------------------------------------------------------


# Two readers, one result. libyaml (through PyYAML's C binding) parses and composes a report four
# times faster than ruamel, and resolves plain scalars with ruamel's own YAML 1.2 table, so it
# reads every file it accepts as ruamel does (tests/test_load_fast.py checks every example file,
# the bundled reports and a generated archive). Whatever it refuses, or finds a problem in, is
# read again by ruamel, so every problem is ruamel's, with ruamel's line and wording.
def _parse_yaml(text: str, first_line: int) -> tuple[dict[str, Any], dict[Location, int]]:
    return parse_yaml_fast(text, first_line) or parse_yaml_ruamel(text, first_line)


class _Yaml12Resolver(libyaml.resolver.BaseResolver):
    """PyYAML's resolver with ruamel's YAML 1.2 implicit tags, in ruamel's order."""


for _versions, _tag, _pattern, _first in ruamel_resolver.implicit_resolvers:
    if (1, 2) in _versions:
        _Yaml12Resolver.add_implicit_resolver(_tag, _pattern, _first)


class _FastLoader(CParser, _Yaml12Resolver):
    """Events and nodes from libyaml, tags resolved as YAML 1.2; constructs nothing."""

    def __init__(self, text: str):
        CParser.__init__(self, text)
        _Yaml12Resolver.__init__(self)


def parse_yaml_fast(text: str, first_line: int) -> tuple[dict[str, Any], dict[Location, int]] | None:
    """The front matter read by libyaml, or None when it finds any problem (ruamel then reads it)."""
    try:
        _check_events(_fast_events(text), first_line)
        root = _FastLoader(text).get_single_node()
        if root is None or root.id != "mapping":
            return None
        lines: dict[Location, int] = {}
        return _to_python(root, (), lines, first_line), lines
    except (libyaml.YAMLError, FrontMatterError, RecursionError, ValueError):
        return None


def _fast_events(text: str) -> Iterator:
    loader = _FastLoader(text)
    while loader.check_event():
        yield loader.get_event()


def parse_yaml_ruamel(text: str, first_line: int) -> tuple[dict[str, Any], dict[Location, int]]:
    """The front matter read by ruamel; FrontMatterError with ruamel's line and wording if it cannot be."""
    yaml = YAML(typ="safe")
    yaml.version = (1, 2)
    try:
        _check_events(yaml.parse(text), first_line)
        root = yaml.compose(text)
        if root is None:
            raise FrontMatterError(first_line, "front matter", message("front.empty"))
        if root.id != "mapping":
            raise FrontMatterError(first_line, "front matter", message("front.not_mapping"))
        lines: dict[Location, int] = {}
        return _to_python(root, (), lines, first_line), lines
    except MarkedYAMLError as error:
        lines = text.split("\n")
        index, why = explain_yaml_error(error, lines, first_line)
        raise FrontMatterError(
            first_line + index, line_fields(lines)[index] if index < len(lines) else "front matter", why
        ) from None
    except (YAMLError, RecursionError, ValueError) as error:
        raise FrontMatterError(first_line, "front matter", message("front.not_yaml", problem=error)) from None


# Anchors, aliases and explicit tags have no use in a report and enable alias bombs and
# object construction; deep nesting crashes the composer. All are refused before anything is built.
# The events are ruamel's or PyYAML's: both name their classes alike.
def _check_events(events: Iterable, first_line: int) -> None:
    depth = 0
    for event in events:
        kind = type(event).__name__
        line = first_line + event.start_mark.line
        depth += (kind in _COLLECTION_START) - (kind in _COLLECTION_END)
        if depth > MAX_DEPTH:
            raise FrontMatterError(line, "front matter", message("front.too_deep", depth=MAX_DEPTH))
        if kind == "AliasEvent" or (kind in _NODE_EVENTS and event.anchor):
            raise FrontMatterError(line, "front matter", message("front.anchor"))
        if kind in _NODE_EVENTS and event.tag and event.tag != "!":
            raise FrontMatterError(line, "front matter", message("front.tag", tag=event.tag.replace(_TAG, "!!")))


_COLLECTION_START = {"MappingStartEvent", "SequenceStartEvent"}
_COLLECTION_END = {"MappingEndEvent", "SequenceEndEvent"}
_NODE_EVENTS = {"ScalarEvent", *_COLLECTION_START}


def _to_python(node, location: Location, lines: dict[Location, int], first_line: int) -> Any:
    line = first_line + node.start_mark.line
    lines[location] = line
    if node.id == "mapping":
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _key(key_node, location, first_line)
            if key in result:
                line = first_line + key_node.start_mark.line
                first = lines[(*location, key)]
                raise FrontMatterError(
                    line, _dotted((*location, key)), message("front.key_twice", first=first, second=line)
                )
            result[key] = _to_python(value_node, (*location, key), lines, first_line)
            lines[(*location, key)] = first_line + key_node.start_mark.line
        return result
    if node.id == "sequence":
        return [_to_python(item, (*location, i), lines, first_line) for i, item in enumerate(node.value)]
    return _scalar(node, line, location)


def _key(node, location: Location, first_line: int) -> str:
    if node.id != "scalar" or node.tag != _TAG + "str":
        line = first_line + node.start_mark.line
        raise FrontMatterError(line, _dotted(location) or "front matter", message("front.key_not_word"))
    return node.value


# YAML 1.2 core schema; timestamps stay text so the model can check them with a clear message.
def _scalar(node: Any, line: int, location: Location) -> Any:
    tag, value = node.tag.removeprefix(_TAG), node.value
    if tag == "null":
        return None
    if tag == "bool":
        return value.lower() == "true"
    if tag == "int" and _INT_PATTERN.fullmatch(value):
        sign, digits = (-1, value[1:]) if value.startswith("-") else (1, value.lstrip("+"))
        base = {"0o": 8, "0x": 16}.get(digits[:2], 10)
        return sign * int(digits[2:] if base != 10 else digits, base)
    if tag == "float":
        parsed = float(value) if value.lower().lstrip("+-") not in (".inf", ".nan") else math.inf
        if not math.isfinite(parsed):
            raise FrontMatterError(line, _dotted(location), message("front.unusable_number", value=value))
        return parsed
    return value


def split_report(raw: bytes) -> tuple[str, str] | None:
    """The front matter and body of a file's bytes, split as `parse_report` splits them; None if it cannot.

    For old versions from git, which need only their sections or one field, not a full check.
    """
    try:
        front, _, body, _ = _split_front_matter(_decode(raw))
    except FrontMatterError:
        return None
    return front, body
