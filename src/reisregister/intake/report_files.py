"""Write report files in the canonical layout, for the importer, the scaffold and the demo."""

from __future__ import annotations

import functools
import io
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from reisregister.core.i18n.text import slugify
from reisregister.core.model import FIELD_NAMES
from reisregister.core.report import SECTIONS, Report


def report_path(root: Path, start_date: date, slug: str) -> Path:
    """`root/<YYYY>/<start_date>-<slug>.md`, the place a report lives."""
    return root / str(start_date.year) / f"{start_date.isoformat()}-{slug}.md"


def place_slug(city: str) -> str:
    """The slug of a report id from its first place: 'São Paulo' -> 'sao-paulo' ('reis' if none is left)."""
    return slugify(city, fallback="reis")


def render_report(
    front: dict[str, Any], sections: dict[str, str] | None = None, extra: list[tuple[str, str]] | None = None
) -> str:
    """The text of a report file: front matter in schema order, then the sections."""
    ordered = {name: front[name] for name in FIELD_NAMES if name in front}
    body = render_body(sections, extra) if sections is not None else ""
    return "---\n" + dump_yaml(ordered) + "---\n" + body


def render_body(sections: dict[str, str], extra: list[tuple[str, str]] | None = None) -> str:
    """The five standard sections in order (empty ones as headings only), then any extras."""
    pairs = [(heading, sections.get(key, "")) for key, heading in SECTIONS.items()] + list(extra or [])
    return "".join(f"\n## {heading}\n" + (f"\n{text.strip()}\n" if text.strip() else "") for heading, text in pairs)


def render_source(report: Report) -> str:
    """The report file as the register read it: checked front matter, then its sections.

    Published as the trip's source copy instead of the file itself, so nothing its author did not
    mean to publish (a YAML comment naming a withheld traveller) leaves the repository.
    """
    front = report.meta.model_dump(exclude_unset=True)
    body = "".join(f"\n## {s.heading}\n\n{s.text}\n" if s.heading else f"\n{s.text}\n" for s in report.sections)
    return "---\n" + dump_yaml(front, fast=True) + "---\n" + body


def dump_yaml(data: dict[str, Any], fast: bool = False) -> str:
    """Block-style YAML 1.2 with dates as YYYY-MM-DD and no anchors.

    fast: ruamel's C emitter, four times quicker (a source copy for each of 10,000 reports in every
    build) but without the canonical indentation of lists that files written for people get.
    """
    stream = io.StringIO()
    _yaml(pure=not fast).dump(data, stream)
    return stream.getvalue()


@functools.cache
def _yaml(pure: bool) -> YAML:
    yaml = YAML(typ="safe", pure=pure)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.ignore_aliases = lambda *_: True
    yaml.representer.add_representer(str, _represent_text)
    return yaml


# Quote words a YAML 1.1 reader would turn into booleans or numbers (NO = Norway, 012), so
# every tool reads the file as this project does.
_YAML11_SPECIAL = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


def _represent_text(representer, value: str):
    special = value.lower() in _YAML11_SPECIAL or value[:1].isdigit() or value[:1] in "+-."
    return representer.represent_scalar("tag:yaml.org,2002:str", value, style='"' if special else None)
