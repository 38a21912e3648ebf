"""A checked report: its front matter and its sections (where it stands: rules.py).

Nothing here knows about MkDocs, so the site layer can be replaced without touching it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reisregister.core.model import FrontMatter
from reisregister.core.money import EuroAmount, to_euro

# Key in exports -> start of the Dutch heading (DESIGN §2).
SECTIONS = {
    "purpose": "Doel van de reis",
    "duration": "Duur en periode",
    "participants": "Hoeveel personen",
    "results": "Wat heeft het opgeleverd",
    "follow_up": "Vervolgafspraken",
}

# The importer's stand-in under a heading the old report lacks: visible, and refused by `validate`.
SECTION_PLACEHOLDER = "*Niet vermeld in het oorspronkelijke verslag.*"

HEADING = re.compile(r"^(#{2,3})[ \t]+(.+?)[ \t]*#*[ \t]*$")
FENCE = re.compile(r"^[ \t]*(```|~~~)")


@dataclass(frozen=True)
class Section:
    """A part of the report body under one level-2 or level-3 heading."""

    key: str | None  # one of SECTIONS, or None for an extra section
    heading: str
    text: str
    line: int


@dataclass(frozen=True)
class Report:
    """One trip: its id, its checked front matter and its body split into sections."""

    id: str
    path: Path
    meta: FrontMatter
    sections: tuple[Section, ...]
    lines: dict[tuple, int] = field(default_factory=dict, compare=False, repr=False)  # front-matter location -> line

    def line_of(self, location: tuple) -> int:
        """The file line of a front-matter value, or of its nearest enclosing value."""
        for end in range(len(location), -1, -1):
            if location[:end] in self.lines:
                return self.lines[location[:end]]
        return 1

    @property
    def standard_sections(self) -> dict[str, str]:
        """Section key -> Markdown text, for the five standard sections present."""
        return {s.key: s.text for s in self.sections if s.key}

    @property
    def extra_sections(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.key is None)

    def euro_total(self) -> EuroAmount | None:
        """The total cost in euros, at the ECB rate of the first day; None without costs."""
        costs = self.meta.costs
        return to_euro(costs.total, costs.currency, self.meta.start_date) if costs else None

    @property
    def days(self) -> int:
        return (self.meta.end_date - self.meta.start_date).days + 1

    @property
    def delegation_size(self) -> int:
        return len(self.meta.travellers) + sum(p.count for p in self.meta.external_participants)


def heading_key(heading: str) -> str | None:
    """The standard section a heading starts, ignoring case, bold and a trailing colon."""
    plain = clean_heading(heading).replace("*", "").lower()
    for key, start in SECTIONS.items():
        if plain.startswith(start.lower()):
            return key
    return None


def split_sections(body: str, first_line: int = 1) -> tuple[Section, ...]:
    """Split a Markdown body at its level-2 and level-3 headings (not inside code fences)."""
    sections: list[Section] = []
    heading, start, lines = None, first_line, []
    in_fence = False

    def close() -> None:
        text = "\n".join(lines).strip("\n")
        if heading is not None or text.strip():
            title = heading if heading is not None else ""
            sections.append(Section(heading_key(title) if heading else None, title, text, start))

    for number, line in enumerate(body.split("\n"), start=first_line):
        if FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else HEADING.match(line)
        if match:
            close()
            heading, start, lines = clean_heading(match.group(2)), number, []
        else:
            lines.append(line)
    close()
    return tuple(sections)


def clean_heading(heading: str) -> str:
    """A heading as plain text: without bold markers and a trailing colon."""
    return re.sub(r"(\*\*|__)", "", heading).strip().rstrip(":").strip()
