"""Import trip reports written before the register existed, in the old free format.

Years of reports were published as Word files and loose Markdown: a title line with the place
and the dates, the five questions as headings in whatever style the author liked, sometimes a
cost line. The importer turns one into a report file without losing a sentence, fills in only
what the text states, and marks everything else with a visible placeholder, so staff know
exactly what to complete before the report is published.
"""

from __future__ import annotations

import html
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reisregister.core.i18n.messages import message
from reisregister.core.i18n.text import number as thousands
from reisregister.core.model import PLACEHOLDER, SUMMARY_MAX
from reisregister.core.money import parse_amount
from reisregister.core.places import country_code, find_country
from reisregister.core.report import SECTION_PLACEHOLDER, SECTIONS, clean_heading, heading_key
from reisregister.intake.checks import check_file
from reisregister.intake.load import NotRegularFile, read_regular_file
from reisregister.intake.problems import Problem, display_path, printable
from reisregister.intake.report_files import place_slug, render_report, report_path

NOT_STATED = PLACEHOLDER  # refused by `validate` until staff fill in the real value
MISSING_SECTION_TEXT = SECTION_PLACEHOLDER
PREAMBLE_HEADING = "Inleiding"
# Old reports are a few pages; Word files may carry photos. Zip sizes are checked before reading,
# so a small file that unpacks to gigabytes is refused instead of filling memory.
MAX_TEXT_BYTES = 2_000_000
MAX_DOCX_BYTES = 50_000_000
MAX_DOCX_PART_BYTES = 50_000_000
MAX_DOCX_UNPACKED_BYTES = 200_000_000


# ----------------------------------------------------------------------------
# Results
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Placeholder:
    """A front-matter value the importer could not infer and filled with a visible stand-in."""

    field: str
    value: str
    hint: str


@dataclass
class Conversion:
    """An old report as report-file parts, plus what could not be inferred."""

    front: dict[str, Any]
    sections: dict[str, str] | None
    extra: list[tuple[str, str]]
    placeholders: list[Placeholder] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (field, why): no file can be written
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # (field, why): written, but invalid
    title_line: int = 1


TRAVELLER_PLACEHOLDERS = [
    Placeholder("travellers[0].name", "null", message("import.hint.name")),
    Placeholder("travellers[0].role", NOT_STATED, message("import.hint.role")),
    Placeholder("travellers[0].organisation", NOT_STATED, message("import.hint.organisation")),
]


@dataclass
class ImportResult:
    """What importing one old report did."""

    written: Path | None
    messages: list[str]
    problems: list[Problem]


# ----------------------------------------------------------------------------
# Import one file
# ----------------------------------------------------------------------------


def import_file(source: Path, out_dir: Path, force: bool = False) -> ImportResult:
    """Convert one old report into `out_dir/<YYYY>/<id>.md` and validate what was written."""
    where = display_path(source)
    try:
        text = read_legacy_text(source)
    except (OSError, ValueError) as error:
        return ImportResult(
            None, [], [Problem(where, 1, "file", message("file.unreadable", reason=describe_error(error)))]
        )
    conversion = convert_legacy(text)
    if conversion.missing:
        problems = [Problem(where, conversion.title_line, name, why) for name, why in conversion.missing]
        return ImportResult(None, [], problems)
    front = conversion.front
    target = report_path(out_dir, front["start_date"], place_slug(front["destinations"][0]["city"]))
    text = render_report(front, conversion.sections, conversion.extra)
    try:
        write_new_file(target, text, force)
    except FileExistsError:
        return ImportResult(None, [], [Problem(display_path(target), 1, "file", message("import.exists"))])
    except (OSError, NotRegularFile) as error:
        unwritable = message("import.cannot_write", reason=describe_error(error))
        return ImportResult(None, [], [Problem(display_path(target), 1, "file", unwritable)])
    _, found = check_file(target, in_tree=True)
    shown = printable(display_path(target))
    messages = [message("import.written", target=shown, source=printable(where))]
    messages += [
        message("import.placeholder", target=shown, field=p.field, value=printable(p.value), hint=p.hint)
        for p in conversion.placeholders
    ]
    found, refused = without_placeholders(found)
    if refused:
        messages.append(message("import.to_complete", target=shown, count=refused))
    return ImportResult(target, messages, merge_problems(found, conversion.unresolved, shown))


# The stand-ins are listed above, each with what to fill in; as problems they would say it twice
# and make every import fail. `validate` refuses them until they are replaced.
def without_placeholders(found: list[Problem]) -> tuple[list[Problem], int]:
    """The validation problems other than the refused stand-ins, and how many stand-ins were refused."""
    stand_ins = {
        message("text.placeholder", value=NOT_STATED),
        message("section.placeholder", text=MISSING_SECTION_TEXT),
    }
    kept = [p for p in found if p.message not in stand_ins]
    return kept, len(found) - len(kept)


def write_new_file(target: Path, text: str, force: bool) -> None:
    """Write a report file without following a symbolic link; an existing file only with force."""
    for folder in (target.parent, target.parent.parent):
        if folder.is_symlink():
            raise NotRegularFile(message("import.folder_symlink", folder=display_path(folder)))
    if target.is_symlink():
        raise NotRegularFile(message("import.target_symlink"))
    target.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | (os.O_TRUNC if force else os.O_EXCL)
    with os.fdopen(os.open(target, flags, 0o644), "w", encoding="utf-8", newline="\n") as file:
        file.write(text)


# The validator says "is required" for a country we left out; our reason is more useful.
def merge_problems(found: list[Problem], unresolved: list[tuple[str, str]], where: str) -> list[Problem]:
    """Validation problems, with the importer's own explanation replacing the generic one."""
    ours = dict(unresolved)
    lines = {p.field: p.line for p in found}
    kept = [p for p in found if p.field not in ours]
    return sorted(kept + [Problem(where, lines.get(name, 1), name, why) for name, why in ours.items()])


def describe_error(error: Exception) -> str:
    """An exception as a short sentence, without a traceback."""
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


# ----------------------------------------------------------------------------
# Reading .md, .txt and .docx
# ----------------------------------------------------------------------------


def read_legacy_text(path: Path) -> str:
    """The text of an old report: Markdown or plain text as is, a Word file as Markdown-ish lines."""
    docx = path.suffix.lower() == ".docx"
    limit = MAX_DOCX_BYTES if docx else MAX_TEXT_BYTES
    raw = read_regular_file(path, limit)
    if len(raw) > limit:
        raise ValueError(message("import.too_large", limit=thousands(limit)))
    return read_docx(raw) if docx else decode_text(raw)


def decode_text(raw: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; line ends as LF."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return normalise_text(raw.decode("utf-16", errors="replace"))  # Word's "Unicode text"
    if b"\x00" in raw:
        raise ValueError(message("import.not_text"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old reports were often saved from Word on Windows.
        text = raw.decode("cp1252", errors="replace")
    return normalise_text(text)


def normalise_text(text: str) -> str:
    """Without a BOM, with LF line ends."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_docx(raw: bytes) -> str:
    """A Word file's paragraphs and tables in order, headings and bold lines marked up."""
    import docx
    from docx.table import Table

    try:
        check_docx_sizes(raw)
        document = docx.Document(io.BytesIO(raw))
    except ValueError:
        raise
    except Exception as error:  # a damaged file fails in zipfile, lxml or python-docx, each its own way
        raise ValueError(message("import.not_docx", reason=describe_error(error))) from None
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.append(docx_table(item))
        elif line := docx_paragraph(item):
            blocks.append(line)
    return "\n\n".join(block for block in blocks if block) + "\n"


def check_docx_sizes(raw: bytes) -> None:
    """Refuse a Word file whose parts unpack to more than the limits (zipfile reads no more than declared)."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except zipfile.BadZipFile as error:
        raise ValueError(message("import.not_docx", reason=error)) from None
    largest = max(parts, key=lambda part: part.file_size, default=None)
    if largest and largest.file_size > MAX_DOCX_PART_BYTES:
        size, limit = thousands(largest.file_size), thousands(MAX_DOCX_PART_BYTES)
        raise ValueError(message("import.docx_part", name=largest.filename, size=size, limit=limit))
    total = sum(part.file_size for part in parts)
    if total > MAX_DOCX_UNPACKED_BYTES:
        raise ValueError(message("import.docx_total", size=thousands(total), limit=thousands(MAX_DOCX_UNPACKED_BYTES)))


def docx_paragraph(paragraph) -> str:
    """One paragraph as a Markdown line: a heading, a bold line, a list item or plain text."""
    text = paragraph.text.strip()
    if not text:
        return ""
    style = paragraph.style.name if paragraph.style is not None else ""
    if re.match(r"(heading|kop)\s*\d|title|titel", style, re.IGNORECASE):
        return "## " + " ".join(text.split())
    if is_bold_paragraph(paragraph):
        return f"**{text}**"
    if re.match(r"list|lijst", style, re.IGNORECASE):
        return "- " + text
    return text


def is_bold_paragraph(paragraph) -> bool:
    """Whether every run with text is bold, directly or through the paragraph style."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    return bool(runs) and all(run.bold or (run.bold is None and style_bold) for run in runs)


def docx_table(table) -> str:
    """A Word table as a Markdown table, first row as header."""
    rows = [[" ".join(cell.text.split()).replace("|", "\\|") for cell in row.cells] for row in table.rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return ""
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + " --- |" * len(rows[0]))
    return "\n".join(lines)


# ----------------------------------------------------------------------------
# Converting the text
# ----------------------------------------------------------------------------


@dataclass
class _Block:
    heading: str | None  # None: text before the first heading
    key: str | None
    lines: list[str]

    @property
    def text(self) -> str:
        return strip_blank_lines("\n".join(self.lines))


@dataclass
class _Title:
    text: str
    line: int


def convert_legacy(text: str) -> Conversion:
    """Infer front matter and sections from the text of an old report (no files involved)."""
    title, blocks = split_blocks(normalise_text(text).split("\n"))
    sections, extra = assemble_sections(blocks)
    conversion = Conversion({}, sections, extra, title_line=title.line if title else 1)
    if title is None:
        conversion.missing.append(("title", message("import.no_title")))
        return conversion
    places, dates = parse_title(title.text)
    dates = dates or find_dates(blocks)
    if not places:
        conversion.missing.append(("destinations", message("import.no_place", title=title.text)))
    if dates is None:
        conversion.missing.append(("start_date", message("import.no_date", title=title.text)))
    if conversion.missing:
        return conversion
    fill_front(conversion, places, dates, blocks)
    return conversion


def fill_front(conversion: Conversion, places: str, dates: tuple[date, date], blocks: list[_Block]) -> None:
    """Everything the front matter needs: inferred where the text says it, placeholders elsewhere."""
    front = conversion.front
    front["title"] = f"Verslag dienstreis naar {places}"
    front["start_date"], front["end_date"] = dates
    front["destinations"] = infer_destinations(places, conversion)
    # Who travelled is never guessed from "ik" or "de gemeente": staff fill it in.
    front["travellers"] = [{"name": None, "role": NOT_STATED, "organisation": NOT_STATED}]
    conversion.placeholders += TRAVELLER_PLACEHOLDERS
    front["summary"] = infer_summary(conversion)
    costs = infer_costs(blocks, conversion)
    if costs:
        front["costs"] = costs
    text = "\n".join(line for block in blocks for line in block.lines)
    paid_by = find_paid_by(text)
    if paid_by:
        front["paid_by"] = paid_by
    front["transport"] = find_transport(text)
    if not front["transport"]:
        del front["transport"]
        conversion.placeholders.append(TRANSPORT_PLACEHOLDER)
    fill_missing_sections(conversion)


# Words that name a means of transport without doubt; "reis" or "vervoer" say nothing, and neither
# does a bare "auto" ("elektrische auto's", "auto-industrie"), "bus" or "boot" in a policy text.
TRANSPORT_WORDS = {
    "vliegtuig": r"vlucht(en)?|vliegtuig|vliegreis|gevlogen|vlogen|vloog|vliegveld|luchthaven|Schiphol|KLM",
    "trein": r"trein(reis|en)?|Thalys|Eurostar|(?-i:ICE)|TGV|Intercity|NS International|per spoor",
    "auto": r"dienstauto|huurauto|(met|per) (de )?(auto|wagen)",
    "bus": r"touringcar|busreis|(met|per) (de )?bus",
    "boot": r"veerboot|ferry|veerpont|(met|per) (de )?boot",
}
TRANSPORT_PLACEHOLDER = Placeholder("transport", "weggelaten", message("import.hint.transport"))


def find_transport(text: str) -> list[str]:
    """The means of transport the text names, in the order of the list above."""
    return [mode for mode, words in TRANSPORT_WORDS.items() if re.search(rf"\b({words})\b", text, re.IGNORECASE)]


def fill_missing_sections(conversion: Conversion) -> None:
    """A visible stand-in for each of the five sections the old report does not have."""
    if conversion.sections is None:
        return
    for key, heading in SECTIONS.items():
        if not conversion.sections.get(key, "").strip():
            conversion.sections[key] = MISSING_SECTION_TEXT
            conversion.placeholders.append(
                Placeholder(f"sections.{key}", NOT_STATED, message("import.hint.section", heading=heading))
            )


# ----------------------------------------------------------------------------
# Headings and sections
# ----------------------------------------------------------------------------

_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_MD_HEADING = re.compile(r"^ {0,3}(#{1,3})[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_\s](?:(?!\1).)*?)\1\s*:?\s*$")
_BOLD_LABEL = re.compile(r"^\s*(\*\*|__)(?P<label>[^*_:]{3,100}?)\s*(?::\s*\1|\1\s*:)\s*(?P<rest>\S.*)$")
_PLAIN_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][^:*_#\n]{2,100}?)\s*:\s*(?P<rest>\S.*)$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
# Non-standard headings people used in old reports, recognised when written as a plain line.
_EXTRA_HEADINGS = ("kosten", "programma", "bijlage", "opmerking", "conclusie", "samenvatting", "aanbeveling")


def split_blocks(lines: list[str]) -> tuple[_Title | None, list[_Block]]:
    """The title line, then the text split at every heading (the first block has none)."""
    title = find_title(lines)
    skip = title_lines(title, lines)
    current = _Block(None, None, [])
    blocks = [current]
    in_fence = headed = False
    for number, line in enumerate(lines, start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
        if number in skip or (headed and _SETEXT.match(line)):
            headed = False  # the underline of a heading already recognised by its words
            continue
        heading = None if in_fence else read_heading(line)
        if heading is None and not in_fence and is_setext_underline(line, current.lines):
            heading = clean_heading(current.lines.pop()), ""
        if heading:
            name, rest = heading
            current = _Block(name, heading_key(name), [rest] if rest else [])
            blocks.append(current)
        else:
            current.lines.append(line)
        headed = bool(heading) and not heading[1]
    return title, blocks


def find_title(lines: list[str]) -> _Title | None:
    """The first title line above the first of the five standard headings."""
    for number, line in enumerate(lines, start=1):
        if found := match_title(line):
            return _Title(found, number)
        heading = read_heading(line)
        if heading and heading_key(heading[0]):
            return None
    return None


def title_lines(title: _Title | None, lines: list[str]) -> set[int]:
    """The line numbers the title takes: its own and a Markdown `===` underline."""
    if title is None:
        return set()
    underlined = title.line < len(lines) and _SETEXT.match(lines[title.line])
    return {title.line, title.line + 1} if underlined else {title.line}


def is_setext_underline(line: str, previous: list[str]) -> bool:
    """Whether the line underlines a one-line paragraph (`Kosten` then `------`)."""
    if not _SETEXT.match(line) or not previous or not previous[-1].strip() or len(previous[-1]) > 100:
        return False
    return len(previous) == 1 or not previous[-2].strip()


def read_heading(line: str) -> tuple[str, str] | None:
    """(heading, text on the same line) if the line is a heading in any of the old styles."""
    if match := _MD_HEADING.match(line):
        return clean_heading(match["text"]), ""
    if match := _BOLD_LINE.match(line):
        return (clean_heading(match["text"]), "") if is_bold_heading(match["text"]) else None
    for pattern in (_BOLD_LABEL, _PLAIN_LABEL):
        match = pattern.match(line)
        if match and heading_key(match["label"]):
            return clean_heading(match["label"]), match["rest"]
    plain = line.strip()
    if is_plain_heading(plain):
        return clean_heading(plain), ""
    return None


def is_bold_heading(text: str) -> bool:
    """A whole bold line is a heading when it is a standard one or short, without digits or a full stop."""
    plain = clean_heading(text)
    if heading_key(plain):
        return True
    return 0 < len(plain) <= 80 and not re.search(r"\d", plain) and not plain.endswith((".", "!", "?", ","))


def is_plain_heading(text: str) -> bool:
    """A plain line is a heading when it is a standard question, ALL CAPS, or a known extra like 'Kosten:'."""
    if not text or not text[0].isalpha() or _LIST_ITEM.match(text) or len(text) > 100:
        return False
    plain = clean_heading(text)
    if heading_key(plain):
        return not text.endswith((".", ",", ";"))
    letters = [c for c in plain if c.isalpha()]
    if len(letters) >= 5 and all(c.isupper() for c in letters) and len(text) <= 80:
        return not text.endswith((".", ","))
    short = len(plain) <= 60 and not re.search(r"\d", plain)
    known = plain.lower().startswith(_EXTRA_HEADINGS)
    return short and known and (text.endswith(":") or (len(plain.split()) <= 4 and plain[-1].isalpha()))


def assemble_sections(blocks: list[_Block]) -> tuple[dict[str, str] | None, list[tuple[str, str]]]:
    """Section key -> verbatim text, and the other headings (with any preamble) as extra sections."""
    sections: dict[str, str] = {}
    extra: list[tuple[str, str]] = []
    for block in blocks:
        text = block.text
        if block.heading is None:
            if text.strip():
                extra.append((PREAMBLE_HEADING, text))
        elif block.key is None:
            extra.append((block.heading, text))
        elif block.key in sections:
            # A second heading for the same question: keep its words under the first.
            sections[block.key] = "\n\n".join(filter(None, [sections[block.key], f"**{block.heading}**", text]))
        else:
            sections[block.key] = text
    if not any(text.strip() for text in sections.values()) and not extra:
        return None, []  # only a title: a trip registered before its report
    return sections, extra


def strip_blank_lines(text: str) -> str:
    """The text without blank lines before and after it; inner lines untouched."""
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


# ----------------------------------------------------------------------------
# Title, places and dates
# ----------------------------------------------------------------------------

_TITLE = re.compile(
    r"^(?:(?:kort\s+)?verslag\s+(?:van\s+)?(?:de\s+|het\s+|een\s+)?(?:dienstreis|werkbezoek|reis|bezoek)"
    r"|dienstreisverslag|reisverslag|dienstreis|werkbezoek)\b"
    r"(?:\s*[:,\-–]\s*|\s+)(?:(?:naar|in|aan)\s+)?(?P<rest>.*)$",
    re.IGNORECASE,
)

_MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "february": 2, "febr": 2, "feb": 2,
    "maart": 3, "march": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "augustus": 8, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\.?"
_CONNECTOR = rf"\s*(?:-|–|—|/|,|&|t/m|t\.e\.m\.?|tm|tot\s+en\s+met|tot|en|to|until)\s*(?:{_WEEKDAY}\s*)?"
_DATE = re.compile(
    rf"""(?<!\d)(?:
        (?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})
      | (?P<nd>\d{{1,2}})(?P<sep>[-./])(?P<nm>\d{{1,2}})(?P=sep)(?P<ny>\d{{4}}|\d{{2}})
      | (?P<td>\d{{1,2}})(?:e|ste|de)?\s*(?P<tm>{_MONTH})\b\.?(?:\s+(?P<ty>\d{{4}}))?
      | (?P<bd>\d{{1,2}})(?={_CONNECTOR}\d)
    )(?!\d)""",
    re.IGNORECASE | re.VERBOSE,
)
_GAP = re.compile(_CONNECTOR, re.IGNORECASE)
_TRAILING_WORDS = re.compile(rf"(?:\s+|^)(?:op|van|d\.d\.?|dd|datum|data|periode|{_WEEKDAY})$", re.IGNORECASE)

_LEADING_WORDS = re.compile(r"^(?:naar|in|aan|te|op)\s+", re.IGNORECASE)

DatePart = tuple[int, int | None, int | None]  # day, month, year


def match_title(line: str) -> str | None:
    """The title text if the line is the old title line ('Verslag dienstreis naar ...')."""
    text = re.sub(r"^\s*#{1,6}\s*", "", line)
    text = clean_heading(text.replace("*", "").replace("__", "")).strip()
    if len(text) > 300 or not _TITLE.match(text):
        return None
    return text


def parse_title(title: str) -> tuple[str, tuple[date, date] | None]:
    """The places as written and the dates, from a title line."""
    rest = _TITLE.match(title)["rest"]
    found = find_date_span(rest)
    if found is None:
        return trim_places(rest), None
    (start, end), (first, last) = found
    places = trim_places(rest[:first]) or trim_places(rest[last:])
    return places, (start, end)


def trim_places(text: str) -> str:
    """Places without the punctuation and small words left around the dates."""
    previous = None
    while text != previous:
        previous = text
        text = text.strip().strip(",;:/–—-").strip()
        text = text.removesuffix("(").removeprefix(")").strip()
        text = _TRAILING_WORDS.sub("", text)
        text = _LEADING_WORDS.sub("", text)
    return text


def find_dates(blocks: list[_Block]) -> tuple[date, date] | None:
    """Dates from the text before the first heading or the 'Duur en periode' section."""
    for block in blocks:
        if block.heading is None or block.key == "duration":
            found = find_date_span(block.text)
            if found:
                return found[0]
    return None


def find_date_span(text: str) -> tuple[tuple[date, date], tuple[int, int]] | None:
    """The first date or date range in the text, and where it stands."""
    matches = list(_DATE.finditer(text))
    index = 0
    while index < len(matches):
        chain = [matches[index]]
        while index + len(chain) < len(matches) and is_joined(text, chain[-1], matches[index + len(chain)]):
            chain.append(matches[index + len(chain)])
        dates = resolve_range([date_part(m) for m in chain])
        if dates:
            return dates, (chain[0].start(), chain[-1].end())
        index += 1
    return None


def is_joined(text: str, left: re.Match, right: re.Match) -> bool:
    """Whether only a range word ('t/m', '-', 'en') stands between two dates."""
    return _GAP.fullmatch(text[left.end() : right.start()]) is not None


def date_part(match: re.Match) -> DatePart:
    """Day, month and year of one matched date; month or year None where not written."""
    if match["iy"]:
        return int(match["id"]), int(match["im"]), int(match["iy"])
    if match["nd"]:
        year = int(match["ny"])
        return int(match["nd"]), int(match["nm"]), year + 2000 if year < 100 else year
    if match["td"]:
        year = int(match["ty"]) if match["ty"] else None
        return int(match["td"]), _MONTHS[match["tm"].lower()], year
    return int(match["bd"]), None, None


# "6 t/m 9 januari 2014": the first day borrows its month and year from the last.
def resolve_range(parts: list[DatePart]) -> tuple[date, date] | None:
    """The first and last day of a range of partly written dates."""
    day, month, year = parts[-1]
    if month is None or year is None:
        return None
    try:
        end = date(year, month, day)
        first_day, first_month, first_year = parts[0]
        start = date(first_year or year, first_month or month, first_day)
    except ValueError:
        return None
    if start > end and first_month is None:
        start = date(start.year - (start.month == 1), (start.month - 2) % 12 + 1, start.day)
    elif start > end and first_year is None:
        start = start.replace(year=start.year - 1)
    if start > end or not 1950 <= start.year <= 2100:
        return None
    return start, end


# ----------------------------------------------------------------------------
# Destinations: city -> country through an offline gazetteer
# ----------------------------------------------------------------------------

_PLACE_SEPARATOR = re.compile(r"\s*[,;/&+]\s*|\s+(?:en|and)\s+", re.IGNORECASE)
_PARENTHESIS = re.compile(r"^(?P<city>[^()]*?)\s*\((?P<inner>[^()]*)\)\s*$")
# Names the gazetteers lack that old reports use.


def infer_destinations(places: str, conversion: Conversion) -> list[dict[str, str]]:
    """One destination per place in the title, the country from the gazetteer or a written country."""
    destinations: list[dict[str, str]] = []
    for part in filter(None, _PLACE_SEPARATOR.split(places)):
        city, written_country = split_country(part)
        code = country_code(city)
        if code and find_country(city) is None:
            # A country where a place was expected: it tells the country of the places before it.
            for destination in destinations:
                destination.setdefault("country", code)
            if destinations:
                continue
        destination = {"city": city}
        country = written_country or find_country(city) or code
        if country:
            destination["country"] = country
        destinations.append(destination)
    note_destinations(destinations, conversion)
    return destinations


def split_country(part: str) -> tuple[str, str | None]:
    """'Bergen (België)' -> ('Bergen', 'BE'); the country only when the parentheses name one."""
    match = _PARENTHESIS.match(part)
    if not match:
        return part.strip(), None
    return match["city"].strip() or part.strip(), country_code(match["inner"])


def note_destinations(destinations: list[dict[str, str]], conversion: Conversion) -> None:
    """Problems for countries not found, placeholders for places that are really countries."""
    for index, destination in enumerate(destinations):
        city = destination["city"]
        if "country" not in destination:
            conversion.unresolved.append((f"destinations[{index}].country", message("import.no_country", city=city)))
        elif find_country(city) is None and country_code(city):
            conversion.placeholders.append(
                Placeholder(f"destinations[{index}].city", city, message("import.hint.country_only"))
            )


# ----------------------------------------------------------------------------
# Summary
# ----------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'‘“(\[]?[A-Z0-9À-Þ])")
_ABBREVIATION = re.compile(r"(?:\b\w\.|\b(?:bijv|bv|incl|excl|ca|dhr|mevr|mw|drs|dr|ir|mr|prof|nr|jl|etc)\.)$", re.I)


def infer_summary(conversion: Conversion) -> str:
    """The first sentence of the purpose, as one line of plain text of at most 300 characters."""
    purpose = (conversion.sections or {}).get("purpose", "")
    sentence = first_sentence(plain_text(purpose))
    if not sentence:
        conversion.placeholders.append(Placeholder("summary", NOT_STATED, message("import.hint.summary_missing")))
        return NOT_STATED
    summary = shorten(sentence, SUMMARY_MAX)
    conversion.placeholders.append(Placeholder("summary", summary, message("import.hint.summary")))
    return summary


def plain_text(markdown: str) -> str:
    """Markdown as one line of plain text: no markup, links as their words, no HTML."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"<[^>]*>", " ", html.unescape(text))
    text = re.sub(r"(\*\*|__|`)|^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+", "", text, flags=re.MULTILINE)
    text = text.replace("<", "").replace(">", "")
    text = re.sub(r"&(#?\w+);", r"&\1", text)
    return " ".join(text.split())


def first_sentence(text: str) -> str:
    """Up to the first full stop that ends a sentence rather than an abbreviation like 'o.a.'."""
    for match in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text[: match.start()]):
            return text[: match.start()]
    return text


def shorten(text: str, limit: int) -> str:
    """The text, cut at a word boundary with '…' if longer than the limit."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


# ----------------------------------------------------------------------------
# Costs and who paid
# ----------------------------------------------------------------------------

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2}|,-)?|\d+(?:[.,]\d{1,2})?(?:,-)?"
_NOT_MORE = r"(?![\d.,]?\d)(?!\s*(?:miljoen|mln|miljard|mld|duizend)\b)"
_AMOUNT = re.compile(
    rf"(?:€|\beur(?:o)?\b)\s*(?P<a>{_NUMBER}){_NOT_MORE}"
    rf"|(?<![\d.,])(?P<b>{_NUMBER}){_NOT_MORE}\s*(?:€|\beuro\b|\beur\b)"
    rf"|\b(?:totale\s+)?(?:kosten|totaal)\b[^\n\d€:]{{0,30}}:\s*(?P<c>{_NUMBER}){_NOT_MORE}(?![-/]\d)",
    re.IGNORECASE,
)
_COST_LINE = re.compile(r"kost|totaal|bedrag|betaald|uitgave|declar", re.IGNORECASE)
_TOTAL = re.compile(r"\btota(?:al|le?)\b", re.IGNORECASE)
_COST_PARTS = {
    "transport": re.compile(
        r"vervoer|trein|vlucht|vlieg|taxi|\bov\b|kilometer|\bkm\b|\breis\b|reiskosten|ticket", re.I
    ),
    "accommodation": re.compile(r"hotel|overnacht|logies|accommodatie", re.I),
    "subsistence": re.compile(r"verblijfkosten|verblijfskosten|dagvergoeding|maaltijd|diner|lunch|eten", re.I),
    "other": re.compile(r"inschrijf|congres|deelname|visum|overig", re.I),
}
_PAID_BY = re.compile(r"(?P<neg>\bniet\s+)?betaald\s+door\s*:?\s*(?P<who>[^\n;,()]+)", re.IGNORECASE)


def infer_costs(blocks: list[_Block], conversion: Conversion) -> dict[str, Any] | None:
    """Costs when the report states an amount in euros: the total, and the parts if they add up."""
    amounts = find_amounts(cost_lines(blocks))
    if not amounts:
        return None
    totals = [value for context, value in amounts if _TOTAL.search(context)]
    parts = cost_parts([(c, v) for c, v in amounts if not _TOTAL.search(c)])
    if totals:
        total = totals[0]
    elif parts:
        total = round(sum(parts.values()), 2)
    elif len({value for _, value in amounts}) == 1:
        total = amounts[0][1]
    else:
        listed = ", ".join(f"€ {value:g}" for _, value in amounts)
        conversion.placeholders.append(Placeholder("costs", "weggelaten", message("import.hint.costs", amounts=listed)))
        return None
    if parts and abs(sum(parts.values()) - total) > 0.01:
        parts = {}
    return {**parts, "total": tidy_number(total), "currency": "EUR", "status": "final"}


def cost_lines(blocks: list[_Block]) -> list[str]:
    """The lines of a section about costs if there is one, else lines elsewhere that speak of costs."""
    about_costs = [b for b in blocks if b.heading and re.search(r"kost", b.heading, re.IGNORECASE)]
    if about_costs:
        # Elsewhere, amounts are more often budgets and subsidies than the cost of the trip.
        return [line for block in about_costs for line in block.lines]
    return [line for block in blocks for line in block.lines if _COST_LINE.search(line)]


def find_amounts(lines: list[str]) -> list[tuple[str, float]]:
    """(words before the amount, amount) for every euro amount in the lines; an unclear one ("0.123") is left out."""
    found = []
    for line in lines:
        start = 0
        for match in _AMOUNT.finditer(line):
            amount = parse_amount(match["a"] or match["b"] or match["c"])  # read as staff type amounts (money.py)
            if amount is not None:
                found.append((line[start : match.end()], amount))
            start = match.end()
    return found


def cost_parts(amounts: list[tuple[str, float]]) -> dict[str, float]:
    """Cost parts when every amount is clearly one part (vervoer, hotel, ...); else none."""
    parts: dict[str, float] = {}
    for context, value in amounts:
        kinds = [name for name, pattern in _COST_PARTS.items() if pattern.search(context)]
        if len(kinds) != 1 or kinds[0] in parts:
            return {}
        parts[kinds[0]] = tidy_number(value)
    return parts


def tidy_number(value: float) -> int | float:
    """Whole amounts as integers, others rounded to cents, so the YAML reads naturally."""
    return int(value) if value == int(value) else round(value, 2)


def find_paid_by(text: str) -> str | None:
    """Who paid, as written after 'betaald door' (not after 'niet betaald door')."""
    position = 0
    while match := _PAID_BY.search(text, position):
        position = match.start("who")  # "niet betaald door X maar betaald door Y": look on inside X
        if match["neg"]:
            continue
        who = re.split(r"\.(?:\s|$)", match["who"])[0]
        who = plain_text(who).rstrip(".").strip()
        if who and len(who) <= 200:
            return who
    return None
