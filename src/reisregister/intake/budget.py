"""What one report, and the register as a whole, may make the build write: pages and bytes.

Every traveller's name, role and organisation, every tag, country and payer has a page and a feed
of its own (groups.py), and a report's text is copied into its trip page, its source copy, the
open data and the search index. Each list has a limit (model.py), but their product had none:
200 reports filling every list with labels of their own made the build write 73,818 files and
880 MB. So one report may open at most REPORT_PAGES pages and make at most REPORT_BYTES bytes,
and the register at most SITE_PAGES pages and SITE_BYTES bytes (GitHub Pages publishes at most
1 GB) unless its settings say otherwise (`extra.reisregister.budget`, for a host that publishes more). Bytes are estimated from page sizes measured with bench/amplification.py; `validate` and
the build count them the same way, before anything is written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reisregister.core.groups import GROUPINGS, Grouping, Location
from reisregister.core.i18n.messages import message
from reisregister.core.i18n.text import number
from reisregister.core.report import Report
from reisregister.intake.problems import Problem, display_path, field_name

REPORT_PAGES = 40  # group pages one report may open; a delegation of 15 named travellers needs about 30
REPORT_BYTES = 3_000_000  # reached only by a file of some 250 kB, most text limits filled at once
SITE_PAGES = 50_000  # trip and group pages; 10,000 generated reports (`reisregister demo`) need 10,342
SITE_BYTES = 1_000_000_000  # what GitHub Pages publishes; 10,000 generated reports come to about 650 MB
# Fitted to two measured sites (bench/amplification.py's 200 maximal reports, 880 MB, and 1,000
# generated ones, 82 MB; both within 1 %): a trip page without the report's text, the copies of
# that text (trip page, source copy, reports.json and .csv, the trip's JSON, the search index),
# a group page with its feed and its row in the group overview, a trip's row and feed entry on a
# group page, and what every site has (the web form, styles, scripts, charts).
TRIP_PAGE_BYTES = 18_000
TEXT_COPIES = 8
GROUP_PAGE_BYTES = 22_000
MEMBERSHIP_BYTES = 850
SITE_FIXED_BYTES = 12_000_000


@dataclass(frozen=True)
class SiteBudget:
    """The setting `extra.reisregister.budget`: the pages and bytes the whole register may make the build write."""

    pages: int = SITE_PAGES
    bytes: int = SITE_BYTES

    @classmethod
    def from_settings(cls, settings: dict | None) -> SiteBudget:
        """The budget from `extra.reisregister` (`budget: {pages, megabytes}`); a missing key keeps its default."""
        given = (settings or {}).get("budget") or {}
        if not isinstance(given, dict) or set(given) - {"pages", "megabytes"}:
            raise ValueError(f"extra.reisregister.budget takes pages and megabytes, not {given!r}")
        pages = _positive(given.get("pages", SITE_PAGES), "pages")
        size = _positive(given.get("megabytes", SITE_BYTES // 1_000_000), "megabytes")
        return cls(pages, size * 1_000_000)


def _positive(value: object, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"extra.reisregister.budget.{key} must be a whole number above 0, not {value!r}")
    return value


@dataclass(frozen=True)
class Label:
    """A group page a report appears on: the grouping, the page's slug, and where the report names it."""

    grouping: Grouping
    slug: str
    location: Location


def report_labels(report: Report) -> list[Label]:
    """The group pages a report appears on, each once, in the order the file names them."""
    labels, seen = [], set()
    for grouping in GROUPINGS:
        for location, label in grouping.labels(report):
            slug = grouping.slug(label)
            if (grouping.path, slug) not in seen:
                seen.add((grouping.path, slug))
                labels.append(Label(grouping, slug, location))
    return labels


def report_bytes(report: Report, size: int) -> int:
    """The bytes a report makes the build write, estimated: its trip page, its text's copies, its group pages."""
    return TRIP_PAGE_BYTES + TEXT_COPIES * size + len(report_labels(report)) * (GROUP_PAGE_BYTES + MEMBERSHIP_BYTES)


def check_report(report: Report, size: int) -> list[Problem]:
    """A report opens at most REPORT_PAGES group pages and makes at most REPORT_BYTES bytes."""
    where, labels = display_path(report.path), report_labels(report)
    problems = []
    if len(labels) > REPORT_PAGES:
        first_over = labels[REPORT_PAGES].location
        text = message("budget.report_pages", pages=number(len(labels)), limit=number(REPORT_PAGES))
        problems.append(Problem(where, report.line_of(first_over), field_name(first_over), text))
    estimate = report_bytes(report, size)
    if estimate > REPORT_BYTES:
        text = message("budget.report_bytes", size=megabytes(estimate), limit=megabytes(REPORT_BYTES))
        problems.append(Problem(where, 1, "file", text))
    return problems


def check_site(reports: list[Report], where: str, limit: SiteBudget | None = None) -> list[Problem]:
    """The register makes at most limit's pages and bytes; the problem names the report with most pages of its own."""
    limit = limit or SiteBudget()
    pages = Counter((label.grouping.path, label.slug) for report in reports for label in report_labels(report))
    count = len(reports) + len(pages)
    estimate = (
        SITE_FIXED_BYTES
        + len(reports) * TRIP_PAGE_BYTES
        + TEXT_COPIES * sum(report.path.stat().st_size for report in reports)
        + len(pages) * GROUP_PAGE_BYTES
        + pages.total() * MEMBERSHIP_BYTES
    )
    if count <= limit.pages and estimate <= limit.bytes:
        return []
    own, largest = max((sum(pages[(x.grouping.path, x.slug)] == 1 for x in report_labels(r)), r.id) for r in reports)
    hint = message("budget.site_largest", report=largest, own=number(own))
    if count > limit.pages:
        text = message("budget.site_pages", pages=number(count), limit=number(limit.pages), hint=hint)
    else:
        text = message("budget.site_bytes", size=megabytes(estimate), limit=megabytes(limit.bytes), hint=hint)
    return [Problem(where, 1, "register", text)]


def megabytes(size: int) -> str:
    """1.234.567 bytes -> '1,2' (megabytes, Dutch decimal comma)."""
    return f"{size / 1e6:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
