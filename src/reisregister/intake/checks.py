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

from reisregister.core import model, places
from reisregister.core.groups import GROUPINGS
from reisregister.core.i18n.messages import message
from reisregister.core.i18n.text import country_name, number
from reisregister.core.report import SECTION_PLACEHOLDER, SECTIONS, Report, Section, split_sections
from reisregister.core.rules import is_written
from reisregister.core.train_rule import TrainRule, within_rule
from reisregister.intake import budget, markup
from reisregister.intake.cache import BuildCache
from reisregister.intake.git_history import History, arrivals, read_history, reference_date
from reisregister.intake.load import MAX_FILE_BYTES, RawReport, parse_report, read_regular_file, read_report
from reisregister.intake.problems import Problem, display_path, field_name

MAX_ID_LENGTH = 80  # the id names files and folders; 255 bytes is the file-name limit
MAX_BODY_CHARS = 100_000
MAX_SECTION_CHARS = 20_000
ID_PATTERN = re.compile(r"(\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*")
_YEAR_FOLDER = re.compile(r"\d{4}")
IGNORED_FILES = {".gitkeep"}  # keeps an empty year folder in git

# The model behind each list or mapping field, for "did you mean" hints on unknown keys.
# The model of each group of fields (`destinations` -> Destination), read from the schema.
_MODEL_OF = {
    name: sub for name, info in model.FrontMatter.model_fields.items() if (sub := model.submodel(info.annotation))
}
NEAR_HEADING = 0.75  # "Vervolgafspraak", "Doel vd reis": a typo, not another section


def find_report_files(paths: Iterable[Path]) -> tuple[list[tuple[Path, bool]], list[Problem]]:
    """Report files under the given files and folders; True where found by walking a folder."""
    found: list[tuple[Path, bool]] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_symlink():
            problems.append(Problem(display_path(path), 1, "file", message("file.symlink")))
        elif path.is_dir():
            files, odd = walk_reports(path)
            found.extend((file, True) for file in files)
            problems.extend(odd)
        elif path.is_file():
            found.append((path, False))
        elif path.exists():
            problems.append(Problem(display_path(path), 1, "file", message("file.not_regular")))
        else:
            problems.append(Problem(display_path(path), 1, "file", message("file.missing")))
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
        return message("file.symlink")
    if path.is_dir() or path.name in IGNORED_FILES:
        return None
    if not path.is_file():
        return message("file.not_regular_remove")
    if path.suffix != ".md":
        return message("file.not_report")
    return None


def check_paths(
    paths: Iterable[Path],
    reference: date | None = None,
    history: History | None = None,
    rule: TrainRule | None = None,
    site_budget: budget.SiteBudget | None = None,
    cache: BuildCache | None = None,
) -> tuple[list[Report], list[Problem]]:
    """Check every report under the paths against the reference date (default: main's, `reference_date`),
    the train rule and the register's budget (default: budget.SITE_PAGES and SITE_BYTES).

    history: main's history of the reports folder, when already read (the build reads it anyway).
    cache: checked files of earlier builds, by path, bytes, reference date and rule.
    """
    paths = list(paths)
    files, problems = find_report_files(paths)
    if reference is None and paths:
        reference = reference_date(paths[0] if paths[0].is_dir() else paths[0].parent)
    reports: list[Report] = []
    for path, in_tree in files:
        report, found = (
            check_file_cached(path, in_tree, reference, rule, cache)
            if cache and cache.folder  # a cache that keeps nothing: the plain check
            else check_file(path, in_tree, reference, rule)
        )
        problems.extend(found)
        if report:
            reports.append(report)
    problems.extend(check_unique_ids(reports))
    problems.extend(check_labels(reports))
    problems.extend(check_published(reports, history))
    if paths:
        problems.extend(budget.check_site(reports, display_path(paths[0]), site_budget))
    return sorted(reports, key=lambda r: r.id), sorted(problems)


def check_file(
    path: Path, in_tree: bool = False, reference: date | None = None, rule: TrainRule | None = None
) -> tuple[Report | None, list[Problem]]:
    """Check one report file; the report when it has no problems."""
    raw = read_report(path)
    if isinstance(raw, Problem):
        return None, [raw]
    return check_raw(raw, in_tree, reference, rule)


def check_file_cached(
    path: Path, in_tree: bool, reference: date, rule: TrainRule | None, cache: BuildCache
) -> tuple[Report | None, list[Problem]]:
    """check_file, or its result from an earlier build of the same bytes (the digest is kept for later keys)."""
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except (OSError, ValueError):
        return check_file(path, in_tree, reference, rule)  # its problem, as check_file words it
    key = cache.key("check", cache.remember_digest(path, raw), in_tree, reference, rule)
    found = cache.get(key)
    if found is not None:
        return found
    parsed = parse_report(path, raw)
    return cache.put(
        key, ((None, [parsed]) if isinstance(parsed, Problem) else check_raw(parsed, in_tree, reference, rule))
    )


def check_raw(
    raw: RawReport, in_tree: bool = False, reference: date | None = None, rule: TrainRule | None = None
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
    problems += check_places(raw, meta, where)
    reference = reference or reference_date(raw.path.parent)
    problems += check_corrections(raw, meta, where, reference)
    problems += check_actions(raw, meta, where, reference)
    problems += check_train_rule(raw, meta, where, rule or TrainRule())
    problems += check_published_date(raw, meta, is_written(sections), where, reference)
    if problems:
        return None, problems
    if not is_written(sections):
        sections = ()  # the five empty headings `reisregister new` writes: a trip whose report is still to come
    report = Report(raw.id, raw.path, meta, sections, raw.lines)
    over_budget = budget.check_report(report, raw.size)
    return (None, over_budget) if over_budget else (report, [])


def check_location(raw: RawReport, meta: model.FrontMatter, where: str, in_tree: bool) -> list[Problem]:
    """The file name is `<start_date>-<slug>.md` and the folder is the start year."""
    problems = []
    expected = message("id.expected_name", start=meta.start_date.isoformat())
    match = ID_PATTERN.fullmatch(raw.id)
    if len(raw.id) > MAX_ID_LENGTH:
        problems.append(
            Problem(where, 1, "id", message("id.too_long", length=len(raw.id), limit=MAX_ID_LENGTH, expected=expected))
        )
    elif not match:
        problems.append(Problem(where, 1, "id", message("id.not_an_id", name=raw.path.name, expected=expected)))
    elif match.group(1) != meta.start_date.isoformat():
        wrong = message("id.wrong_date", found=match.group(1), start=meta.start_date, expected=expected)
        problems.append(Problem(where, raw.line_of(("start_date",)), "id", wrong))
    folder = raw.path.parent.name
    year = str(meta.start_date.year)
    if folder != year and (in_tree or _YEAR_FOLDER.fullmatch(folder)):
        wrong = message("id.wrong_folder", folder=folder, year=year)
        problems.append(Problem(where, raw.line_of(("start_date",)), "id", wrong))
    return problems


# The gazetteer places a city by the name as written; a city it knows only in other countries was
# published as "Lyon (Verenigd Koninkrijk)". Coordinates say the author means that place anyway.
def check_places(raw: RawReport, meta: model.FrontMatter, where: str) -> list[Problem]:
    """No destination names a city the gazetteer knows only in other countries, unless it gives lat and lon."""
    problems = []
    for index, destination in enumerate(meta.destinations):
        if destination.lat is not None:
            continue
        likely = places.known_elsewhere(destination.city, destination.country)
        if likely:
            problems.append(
                Problem(
                    where,
                    raw.line_of(("destinations", index, "country")),
                    f"destinations[{index}].country",
                    place_message(destination.city, destination.country, likely),
                )
            )
    return problems


def place_message(city: str, country: str, likely: str) -> str:
    """Why a city does not lie in that country, and the likelier one."""
    return message(
        "destination.elsewhere",
        city=city,
        country=country,
        country_name=country_name(country),
        code=likely,
        name=country_name(likely),
    )


def check_corrections(raw: RawReport, meta: model.FrontMatter, where: str, reference: date) -> list[Problem]:
    """No correction is dated after the reference date (it would stay on top of the feed)."""
    return [
        Problem(
            where,
            raw.line_of(("corrections", index, "date")),
            f"corrections[{index}].date",
            message("correction.after_version", date=correction.date, reference=reference),
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
                early = message("action.before_start", date=when, start=meta.start_date)
                problems.append(
                    Problem(where, raw.line_of(("actions", index, name)), f"actions[{index}].{name}", early)
                )
        if action.updated is not None and action.updated > reference:
            late = message("action.after_version", date=action.updated, reference=reference)
            problems.append(
                Problem(where, raw.line_of(("actions", index, "updated")), f"actions[{index}].updated", late)
            )
    return problems


# The council's rule: a flight to a destination within reach by train needs its reason on record.
def check_train_rule(raw: RawReport, meta: model.FrontMatter, where: str, rule: TrainRule) -> list[Problem]:
    """A flown trip the train rule covers states why (`flight_reason`)."""
    time = within_rule(meta, rule)
    if time is None or meta.flight_reason:
        return []
    how = message("train_rule.stated") if time.stated else message("train_rule.estimated")
    text = message("train_rule.reason", city=time.city, hours=_hours(time.hours), how=how, limit=_hours(rule.hours))
    return [Problem(where, raw.line_of(("transport",)), "flight_reason", text)]


def _hours(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def check_published_date(
    raw: RawReport, meta: model.FrontMatter, written: bool, where: str, reference: date
) -> list[Problem]:
    """`published` belongs to a report with its text, between the trip's end and this version."""
    if meta.published is None:
        return []
    if not written:
        why = message("published.not_written")
    elif meta.published < meta.end_date:
        why = message("published.before_end", date=meta.published, end=meta.end_date)
    elif meta.published > reference:
        why = message("published.after_version", date=meta.published, reference=reference)
    else:
        return []
    return [Problem(where, raw.line_of(("published",)), "published", why)]


# Git knows when a report got its text, unless it came onto main whole (an old report, imported):
# only then may `published` say when it first appeared, and not later than the day it landed. The
# build and `validate` run this same check on the same history.
def check_published(reports: list[Report], history: History | None = None) -> list[Problem]:
    """`published` only on a report whose first version on main already had its text, not after that day."""
    claimed: dict[Path, list[Report]] = defaultdict(list)
    for report in reports:
        if report.meta.published:
            claimed[report.path.resolve().parent.parent].append(report)  # the reports folder: <folder>/<YYYY>/<id>.md
    problems = []
    for folder, group in sorted(claimed.items()):
        found = history if history is not None and history.folder == folder else read_history(folder)
        landed = arrivals(found, group)
        problems += [_published_problem(r, *landed[r.path]) for r in group if r.path in landed]
    return [problem for problem in problems if problem]


def _published_problem(report: Report, since: date, imported: bool) -> Problem | None:
    if imported and report.meta.published <= since:
        return None
    why = (
        message("published.after_arrival", date=report.meta.published, since=since)
        if imported
        else message("published.from_git", since=since)
    )
    return Problem(display_path(report.path), report.line_of(("published",)), "published", why)


def former_id(name: str) -> str | None:
    """The report id of a path under the reports folder (`2015/2015-09-14-marseille.md`), if it is one."""
    stem = name.removesuffix(".md")
    id_ = stem.rpartition("/")[2]
    valid = name.endswith(".md") and stem == f"{id_[:4]}/{id_}" and len(id_) <= MAX_ID_LENGTH
    return id_ if valid and ID_PATTERN.fullmatch(id_) else None


# Rendering time and page size follow the body's length (the renderer is linear); invisible
# characters would reorder or hide text on the page.
def check_body(body: str, where: str, body_line: int) -> list[Problem]:
    """The body is at most MAX_BODY_CHARS and holds no hidden text (comments) or control or bidi characters."""
    problems = []
    if len(body) > MAX_BODY_CHARS:
        too_long = message("body.too_long", length=number(len(body)), limit=number(MAX_BODY_CHARS))
        problems.append(Problem(where, body_line, "body", too_long))
    for hidden in markup.hidden_text(body):
        kind = message(f"body.hidden.{hidden.kind}")
        problems.append(Problem(where, body_line + hidden.line, "body", message("body.hidden", kind=kind)))
    for invisible in model.INVISIBLE_IN_BODY.finditer(body):
        line = body_line + body.count("\n", 0, invisible.start())
        problems.append(Problem(where, line, "body", model.invisible_message(invisible.group(0))))
        if len(problems) > 20:
            break  # enough to find them all in an editor
    return problems


def check_sections(sections: Iterable, where: str, body_line: int) -> list[Problem]:
    """A written report has all five standard sections once, each with text of at most MAX_SECTION_CHARS."""
    sections = list(sections)
    if not is_written(sections):
        return []  # a trip registered before the report is written (empty, or the headings only)
    found: dict[str, Section] = {}
    problems = []
    for section in sections:
        field = f"sections.{section.key}" if section.key else "body"
        if section.key in found:
            first = found[section.key]
            twice = message("section.twice", heading=first.heading, first=first.line, second=section.line)
            problems.append(Problem(where, section.line, field, twice))
        elif section.key:
            found[section.key] = section
        if len(section.text) > MAX_SECTION_CHARS:
            heading = section.heading or message("section.preamble")
            too_long = message(
                "section.too_long", heading=heading, length=number(len(section.text)), limit=number(MAX_SECTION_CHARS)
            )
            problems.append(Problem(where, section.line, field, too_long))
        if is_placeholder(section.text):
            problems.append(Problem(where, section.line, field, message("section.placeholder", text=section.text)))
    extras = [s for s in sections if s.key is None and s.heading]
    for key, heading in SECTIONS.items():
        if key not in found:
            near = near_heading(heading, extras)
            if near:
                problems.append(
                    Problem(
                        where,
                        near.line,
                        f"sections.{key}",
                        message("section.near_miss", found=near.heading, heading=heading),
                    )
                )
            else:
                problems.append(
                    Problem(where, body_line, f"sections.{key}", message("section.missing", heading=heading))
                )
        elif not found[key].text.strip():
            problems.append(
                Problem(where, found[key].line, f"sections.{key}", message("section.empty", heading=found[key].heading))
            )
    return problems


def is_placeholder(text: str) -> bool:
    """Whether a section still holds only the importer's stand-in text."""
    if len(text) > PLACEHOLDER_MAX:
        return False  # a written section: no need to normalise it
    plain = re.sub(r"[*_\s]+", " ", text).strip().rstrip(".").casefold()
    return plain in (model.PLACEHOLDER, re.sub(r"[*_]", "", SECTION_PLACEHOLDER).rstrip(".").casefold())


PLACEHOLDER_MAX = 100  # longer than any stand-in text, with its markup


def near_heading(heading: str, extras: list[Section]) -> Section | None:
    """The extra section whose heading is a near miss of a standard one ('Vervolgafspraak')."""
    for section in extras:
        written = section.heading.replace("*", "").casefold()
        if difflib.SequenceMatcher(None, written[: len(heading) + 3], heading.casefold()).ratio() >= NEAR_HEADING:
            return section
    return None


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
                shared = message(
                    "label.shared", label=label, path=grouping.path, slug=slug, usual=usual, example=example
                )
                problems.append(
                    Problem(display_path(report.path), report.line_of(location), field_name(location), shared)
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
                Problem(display_path(report.path), 1, "id", message("id.duplicate", id=report.id, other=other))
            )
        else:
            first[report.id] = report
    return problems


# ----------------------------------------------------------------------------
# From pydantic's errors to problems people can act on
# ----------------------------------------------------------------------------


def _problem_from(raw: RawReport, where: str, error: dict[str, Any]) -> Problem:
    location = error_location(error)
    kind = error["type"]
    if location[0] == "travellers" and location[-1] == "name" and kind in ("missing", "string_too_short"):
        # say what to do with a name that is not there: the name, or `name: null`
        if kind == "missing":
            return Problem(where, raw.line_of(location[:-1]), field_name(location), message("name.missing"))
        return Problem(where, raw.line_of(location), field_name(location), message("name.empty"))
    if kind == "missing":
        line = raw.line_of(location[:-1]) if location[:-1] else 1
        return Problem(where, line, field_name(location), message("type.missing"))
    if kind == "extra_forbidden":
        return Problem(where, raw.line_of(location), field_name(location), _unknown_field(location))
    return Problem(where, raw.line_of(location), field_name(location), error_message(error))


def error_location(error: dict[str, Any]) -> tuple:
    """Where a pydantic error belongs: its location, and the field a rule across fields names (model.FieldRuleError)."""
    field = getattr(error.get("ctx", {}).get("error"), "field", None)
    return (*error["loc"], field) if field else tuple(error["loc"])


def _unknown_field(location: tuple) -> str:
    parent = next((part for part in reversed(location[:-1]) if isinstance(part, str)), None)
    fields = list(_fields_of(_MODEL_OF.get(parent, model.FrontMatter)))
    close = difflib.get_close_matches(str(location[-1]), fields, n=1, cutoff=0.6)
    hint = message("field.did_you_mean", close=close[0]) if close else message("field.known", fields=", ".join(fields))
    return message("field.unknown", hint=hint)


def _fields_of(cls: type[BaseModel]) -> Iterable[str]:
    return cls.model_fields.keys()


# Pydantic's error types with a message of our own (`type.<error type>` in messages.py).
TYPES_WITH_MESSAGE = {
    "string_type",
    "list_type",
    "model_type",
    "dict_type",
    "int_type",
    "float_type",
    "float_parsing",
    "too_short",
    "string_too_short",
    "string_too_long",
    "too_long",
    "less_than_equal",
    "literal_error",
    "greater_than_equal",
    "finite_number",
}


def error_message(error: dict[str, Any]) -> str:
    """A pydantic error as a message for people: the value, the rule and how to fix it."""
    context = error.get("ctx", {})
    if error["type"] in TYPES_WITH_MESSAGE:
        values = {"input": error.get("input"), **context}
        if isinstance(values["input"], str):
            values["length"] = len(values["input"])
        if "le" in values:
            values["le"] = number(values["le"])
        if "expected" in values:
            values["expected"] = values["expected"].replace(" or ", " of ")
        try:
            return message(f"type.{error['type']}", **values)
        except (KeyError, IndexError):
            pass
    if error["type"] == "value_error":
        return str(context.get("error", error["msg"]))
    return message("type.other", msg=error["msg"])
