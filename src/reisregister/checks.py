"""Turn report files into checked reports, collecting every problem on the way.

Checks within one file come from the schema in `model.py`; checks across files (unique ids,
file names, folders) and on the body (the five sections) live here.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import markup, model
from .groups import GROUPINGS
from .history import reference_date
from .load import RawReport, _dotted, read_report
from .problems import Problem, display_path
from .report import SECTIONS, Report, Section, split_sections

MAX_ID_LENGTH = 80  # the id names files and folders; 255 bytes is the file-name limit
MAX_BODY_CHARS = 100_000
MAX_SECTION_CHARS = 20_000
ID_PATTERN = re.compile(r"(\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*")
_YEAR_FOLDER = re.compile(r"\d{4}")
IGNORED_FILES = {".gitkeep"}  # keeps an empty year folder in git

# The model behind each list or mapping field, for "did you mean" hints on unknown keys.
_MODEL_OF = {
    "destinations": model.Destination,
    "travellers": model.Traveller,
    "external_participants": model.ExternalParticipant,
    "costs": model.Costs,
    "corrections": model.Correction,
}


def find_report_files(paths: Iterable[Path]) -> tuple[list[tuple[Path, bool]], list[Problem]]:
    """Report files under the given files and folders; True where found by walking a folder."""
    found: list[tuple[Path, bool]] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_symlink():
            problems.append(Problem(display_path(path), 1, "file", "is a symbolic link; put the report itself here"))
        elif path.is_dir():
            files, odd = walk_reports(path)
            found.extend((file, True) for file in files)
            problems.extend(odd)
        elif path.is_file():
            found.append((path, False))
        elif path.exists():
            problems.append(Problem(display_path(path), 1, "file", "is not a regular file; put the report itself here"))
        else:
            problems.append(Problem(display_path(path), 1, "file", "does not exist"))
    return found, problems


# Everything in the reports folder is published or refused, never silently skipped: links (which
# could publish files from elsewhere), devices and files that are not `<id>.md` are problems.
def walk_reports(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The `.md` files under folder, sorted, and a problem for every other entry."""
    files, problems = [], []
    for root, folders, names in os.walk(folder):  # does not descend into linked folders
        for path in (Path(root) / name for name in sorted(folders) + sorted(names)):
            why = _why_not_a_report(path)
            if why:
                problems.append(Problem(display_path(path), 1, "file", why))
            elif path.suffix == ".md" and path.is_file():
                files.append(path)
    return sorted(files), problems


def _why_not_a_report(path: Path) -> str | None:
    if path.is_symlink():
        return "is a symbolic link; put the report itself here"
    if path.is_dir() or path.name in IGNORED_FILES:
        return None
    if not path.is_file():
        return "is not a regular file; remove it"
    if path.suffix != ".md":
        return "is not a report: reports are `<id>.md` files (lowercase .md); rename it or move it out of the reports folder"
    return None


def check_paths(paths: Iterable[Path], reference: date | None = None) -> tuple[list[Report], list[Problem]]:
    """Check every report under the paths against the reference date (default: the last commit's)."""
    paths = list(paths)
    files, problems = find_report_files(paths)
    if reference is None and paths:
        reference = reference_date(paths[0] if paths[0].is_dir() else paths[0].parent)
    reports: list[Report] = []
    for path, in_tree in files:
        report, found = check_file(path, in_tree, reference)
        problems.extend(found)
        if report:
            reports.append(report)
    problems.extend(check_unique_ids(reports))
    problems.extend(check_labels(reports))
    return sorted(reports, key=lambda r: r.id), sorted(problems)


def check_file(path: Path, in_tree: bool = False, reference: date | None = None) -> tuple[Report | None, list[Problem]]:
    """Check one report file; the report when it has no problems."""
    raw = read_report(path)
    if isinstance(raw, Problem):
        return None, [raw]
    return check_raw(raw, in_tree, reference)


def check_raw(
    raw: RawReport, in_tree: bool = False, reference: date | None = None
) -> tuple[Report | None, list[Problem]]:
    """Check parsed front matter and body against the schema and the file-level rules."""
    where = display_path(raw.path)
    problems = check_body(raw.body, where, raw.body_line)
    sections = split_sections(raw.body, raw.body_line)
    problems += check_sections(sections, where, raw.body_line)
    try:
        meta = model.FrontMatter.model_validate(raw.data)
    except ValidationError as error:
        return None, problems + [_problem_from(raw, where, e) for e in error.errors()]
    problems += check_location(raw, meta, where, in_tree)
    reference = reference or reference_date(raw.path.parent)
    problems += check_corrections(raw, meta, where, reference)
    problems += check_actions(raw, meta, where, reference)
    if problems:
        return None, problems
    return Report(raw.id, raw.path, meta, sections, raw.lines), []


def check_location(raw: RawReport, meta: model.FrontMatter, where: str, in_tree: bool) -> list[Problem]:
    """The file name is `<start_date>-<slug>.md` and the folder is the start year."""
    problems = []
    expected = f"{meta.start_date.isoformat()}-<plaats>.md"
    match = ID_PATTERN.fullmatch(raw.id)
    if len(raw.id) > MAX_ID_LENGTH:
        problems.append(
            Problem(where, 1, "id", f"file name is {len(raw.id)} characters; at most {MAX_ID_LENGTH}: {expected}")
        )
    elif not match:
        problems.append(
            Problem(
                where,
                1,
                "id",
                f"file name {raw.path.name!r} is not a report id; use lowercase letters, digits and hyphens: {expected}",
            )
        )
    elif match.group(1) != meta.start_date.isoformat():
        problems.append(
            Problem(
                where,
                raw.line_of(("start_date",)),
                "id",
                f"file name starts with {match.group(1)} but start_date is {meta.start_date}; rename the file to {expected}",
            )
        )
    folder = raw.path.parent.name
    year = str(meta.start_date.year)
    if folder != year and (in_tree or _YEAR_FOLDER.fullmatch(folder)):
        problems.append(
            Problem(
                where,
                raw.line_of(("start_date",)),
                "id",
                f"file is in folder {folder!r} but starts in {year}; move it to {year}/",
            )
        )
    return problems


def check_corrections(raw: RawReport, meta: model.FrontMatter, where: str, reference: date) -> list[Problem]:
    """No correction is dated after the reference date (it would stay on top of the feed)."""
    return [
        Problem(
            where,
            raw.line_of(("corrections", index, "date")),
            f"corrections[{index}].date",
            f"{correction.date} is after {reference}, the date of this version; date a correction the day it is made",
        )
        for index, correction in enumerate(meta.corrections)
        if correction.date > reference
    ]


def check_actions(raw: RawReport, meta: model.FrontMatter, where: str, reference: date) -> list[Problem]:
    """An action falls due and changes after the trip starts, and no change is dated after this version."""
    problems = []
    for index, action in enumerate(meta.actions):
        for name in ("due", "updated"):
            when = getattr(action, name)
            if when is not None and when < meta.start_date:
                message = f"{when} is before start_date {meta.start_date}; check the year"
                problems.append(
                    Problem(where, raw.line_of(("actions", index, name)), f"actions[{index}].{name}", message)
                )
        if action.updated is not None and action.updated > reference:
            message = f"{action.updated} is after {reference}, the date of this version; give the day of the change"
            problems.append(
                Problem(where, raw.line_of(("actions", index, "updated")), f"actions[{index}].updated", message)
            )
    return problems


# Rendering time and page size follow the body's length (the renderer is linear); invisible
# characters would reorder or hide text on the page.
def check_body(body: str, where: str, body_line: int) -> list[Problem]:
    """The body is at most MAX_BODY_CHARS and holds no hidden text (comments) or control or bidi characters."""
    problems = []
    if len(body) > MAX_BODY_CHARS:
        problems.append(
            Problem(where, body_line, "body", f"is {len(body):,} characters; at most {MAX_BODY_CHARS:,} allowed")
        )
    for hidden in markup.hidden_text(body):
        problems.append(
            Problem(
                where,
                body_line + hidden.line,
                "body",
                f"contains {hidden.kind}, which the page does not show but the open data and the source would; "
                "remove it, or write it as normal text",
            )
        )
    for invisible in model.INVISIBLE_IN_BODY.finditer(body):
        line = body_line + body.count("\n", 0, invisible.start())
        problems.append(Problem(where, line, "body", model.invisible_message(invisible.group(0))))
        if len(problems) > 20:
            break  # enough to find them all in an editor
    return problems


def check_sections(sections: Iterable, where: str, body_line: int) -> list[Problem]:
    """A written report has all five standard sections once, each with text of at most MAX_SECTION_CHARS."""
    sections = list(sections)
    if not any(s.text.strip() or s.heading for s in sections):
        return []  # a trip registered before the report is written
    found: dict[str, Section] = {}
    problems = []
    for section in sections:
        field = f"sections.{section.key}" if section.key else "body"
        if section.key in found:
            first = found[section.key]
            problems.append(
                Problem(
                    where,
                    section.line,
                    field,
                    f"heading '{first.heading}' appears twice (lines {first.line} and {section.line}); merge the two",
                )
            )
        elif section.key:
            found[section.key] = section
        if len(section.text) > MAX_SECTION_CHARS:
            problems.append(
                Problem(
                    where,
                    section.line,
                    field,
                    f"section '{section.heading or 'Inleiding'}' is {len(section.text):,} characters; "
                    f"at most {MAX_SECTION_CHARS:,} allowed",
                )
            )
    for key, heading in SECTIONS.items():
        if key not in found:
            problems.append(Problem(where, body_line, f"sections.{key}", f"section '## {heading}' is missing"))
        elif not found[key].text.strip():
            problems.append(
                Problem(where, found[key].line, f"sections.{key}", f"section '{found[key].heading}' is empty")
            )
    return problems


def check_labels(reports: list[Report]) -> list[Problem]:
    """Two spellings never share a group page (`Gemeente Den Haag`, `gemeente den haag`): the less used one is refused."""
    problems = []
    for grouping in (g for g in GROUPINGS if g.checked):
        spellings: dict[str, dict[str, list[Report]]] = defaultdict(lambda: defaultdict(list))
        places = []
        for report in sorted(reports, key=lambda r: r.id):
            for location, label in grouping.labels(report):
                slug = grouping.slug(label)
                spellings[slug][label].append(report)
                places.append((slug, label, report, location))
        for slug, label, report, location in places:
            users = spellings[slug]
            usual = max(users, key=lambda spelling: len(users[spelling]))  # the first seen among equals
            if label != usual:
                example = display_path(users[usual][0].path)
                problems.append(
                    Problem(
                        display_path(report.path),
                        report.line_of(location),
                        _dotted(location),
                        f"{label!r} would share the page /{grouping.path}/{slug}/ with {usual!r} "
                        f"(as in {example}); write it exactly the same way",
                    )
                )
    return problems


def check_unique_ids(reports: list[Report]) -> list[Problem]:
    """Every id appears once across the tree."""
    first: dict[str, Report] = {}
    problems = []
    for report in sorted(reports, key=lambda r: display_path(r.path)):
        if report.id in first:
            other = display_path(first[report.id].path)
            problems.append(
                Problem(
                    display_path(report.path), 1, "id", f"{report.id} is also the id of {other}; ids must be unique"
                )
            )
        else:
            first[report.id] = report
    return problems


# ----------------------------------------------------------------------------
# From pydantic's errors to problems people can act on
# ----------------------------------------------------------------------------


def _problem_from(raw: RawReport, where: str, error: dict[str, Any]) -> Problem:
    location = tuple(error["loc"])
    kind = error["type"]
    if kind == "missing":
        return Problem(where, raw.line_of(location[:-1]) if location[:-1] else 1, _dotted(location), "is required")
    if kind == "extra_forbidden":
        return Problem(where, raw.line_of(location), _dotted(location), _unknown_field(location))
    return Problem(where, raw.line_of(location), _dotted(location), error_message(error))


def _unknown_field(location: tuple) -> str:
    parent = next((part for part in reversed(location[:-1]) if isinstance(part, str)), None)
    fields = list(_fields_of(_MODEL_OF.get(parent, model.FrontMatter)))
    close = difflib.get_close_matches(str(location[-1]), fields, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else f"known fields here: {', '.join(fields)}"
    return f"is not a known field; {hint}"


def _fields_of(cls: type[BaseModel]) -> Iterable[str]:
    return cls.model_fields.keys()


_TYPE_MESSAGES = {
    "string_type": "must be text, not {input!r}; put it in quotes if it should be text",
    "list_type": "must be a list (lines starting with `- `), not {input!r}",
    "model_type": "must be a group of `key: value` lines, not {input!r}",
    "dict_type": "must be a group of `key: value` lines, not {input!r}",
    "int_type": "must be a whole number, not {input!r}",
    "float_type": "must be a number, not {input!r}",
    "too_short": "must not be empty",
    "string_too_short": "must not be empty",
    "string_too_long": "is {length} characters; at most {max_length} allowed",
    "too_long": "has {actual_length} items; at most {max_length} allowed",
    "less_than_equal": "{input} is too large; must be {le:,} or less",
    "literal_error": "{input!r} is not allowed; use {expected}",
    "greater_than_equal": "{input} is too small; must be {ge} or more",
    "finite_number": "{input!r} is not a usable number",
}


def error_message(error: dict[str, Any]) -> str:
    """A pydantic error as a message for people: the value, the rule and how to fix it."""
    context = error.get("ctx", {})
    template = _TYPE_MESSAGES.get(error["type"])
    if template:
        values = {"input": error.get("input"), **context}
        if isinstance(values["input"], str):
            values["length"] = len(values["input"])
        try:
            return template.format(**values)
        except (KeyError, IndexError):
            pass
    if error["type"] == "value_error":
        return str(context.get("error", error["msg"]))
    return error["msg"]
