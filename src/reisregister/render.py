"""HTML for trip pages and tables, from checked reports; independent of the site generator.

Report text is data: front-matter values are escaped by Jinja's autoescape, and report
Markdown is rendered and then sanitised with an allowlist (nh3) before it reaches a page.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import nh3
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from . import markup
from .model import COST_PARTS
from .report import PENDING, PLANNED, Report, Status
from .text import WITHHELD, country_name, date_range, long_date, money, number, plural, slugify

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "sub", "sup", "small", "abbr", "q", "cite",
    "code", "pre", "kbd", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a",
    "h3", "h4", "h5", "h6", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}
URL_SCHEMES = {"http", "https", "mailto"}
ABSOLUTE_LINK = re.compile(r"(https?://[^/\\\s]|mailto:|#)", re.IGNORECASE)
COST_LABELS = {"transport": "Vervoer", "accommodation": "Verblijf", "subsistence": "Verblijfkosten", "other": "Overig"}
COST_STATUS = {"final": "definitief", "provisional": "voorlopig, kan nog veranderen"}
ROWS_PER_PAGE = 200


@cache
def _templates() -> Environment:
    env = Environment(loader=PackageLoader("reisregister", "templates"), autoescape=select_autoescape(default=True))
    env.globals.update(country=country_name, long_date=long_date, withheld=WITHHELD)
    return env


def render_markdown(text: str) -> str:
    """Report Markdown as safe HTML: no scripts, handlers, iframes, forms or foreign link schemes."""
    html = markup.parser().render(text)
    # Headings inside a section sit below the section's own level-2 heading.
    html = html.replace("<h1", "<h3").replace("</h1>", "</h3>").replace("<h2", "<h3").replace("</h2>", "</h3>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_only_absolute_links,
        link_rel="noopener nofollow ugc",
        strip_comments=True,
    )


# A report links out with a full address (http, https, mailto) or to a heading on its own page.
# Relative and protocol-relative addresses (`//evil.example`, `\\evil.example`, which browsers read
# as another host) are dropped: the link text stays, as text.
def _only_absolute_links(element: str, attribute: str, value: str) -> str | None:
    if element == "a" and attribute == "href" and not ABSOLUTE_LINK.match(value):
        return None
    return value


def relative(from_url: str, to_url: str) -> str:
    """A link from one site-relative page address to another, so the site works in any folder."""
    start = posixpath.dirname(from_url.rstrip("/")) if not from_url.endswith("/") else from_url.rstrip("/")
    target = posixpath.relpath(to_url.rstrip("/") or ".", start or ".")
    return target + ("/" if to_url.endswith("/") and target != "." else "") if target != "." else "./"


# ----------------------------------------------------------------------------
# Trip page
# ----------------------------------------------------------------------------


def status_text(status: Status) -> str:
    """gepubliceerd; verslag volgt (te laat)."""
    return f"{status.label} (te laat)" if status.overdue else status.label


def render_trip(report: Report, status: Status, changed: date | None, links: dict[str, str | None]) -> str:
    """The HTML of a trip page: summary card, sections, corrections and links."""
    m = report.meta
    return (
        _templates()
        .get_template("trip.html")
        .render(
            m=m,
            when=date_range(m.start_date, m.end_date),
            days=plural(report.days, "dag", "dagen"),
            delegation=plural(report.delegation_size, "persoon", "personen"),
            costs=_costs_view(m.costs),
            status=status_text(status),
            status_class=slugify(status.label) + (" rr-status--overdue" if status.overdue else ""),
            pending_text=_pending_text(status),
            sections=_sections_view(report),
            changed=changed,
            json_url=links["json"],
            source_url=links["source"],
            history_url=links.get("history"),
        )
    )


def _costs_view(costs) -> dict[str, Any] | None:
    if costs is None:
        return None
    parts = [
        (COST_LABELS[name], money(getattr(costs, name), costs.currency))
        for name in COST_PARTS
        if getattr(costs, name) is not None
    ]
    return {"parts": parts, "total": money(costs.total, costs.currency), "status": COST_STATUS[costs.status]}


def _pending_text(status: Status) -> str:
    if status.label == PLANNED:
        return "Deze reis is gepland. Het verslag verschijnt na afloop."
    if status.label == PENDING and status.due:
        late = " Het verslag is te laat." if status.overdue else ""
        return f"Het verslag van deze reis volgt uiterlijk {long_date(status.due)}.{late}"
    return ""


@dataclass(frozen=True)
class _SectionView:
    heading: str
    anchor: str
    html: Markup


def _sections_view(report: Report) -> list[_SectionView]:
    views, used = [], set()
    for section in report.sections:
        heading = section.heading or "Inleiding"
        anchor = slugify(heading)
        while anchor in used or anchor in {"correcties", "rr-card-title"}:
            anchor += "-2"
        used.add(anchor)
        views.append(_SectionView(heading, anchor, Markup(render_markdown(section.text))))  # sanitised above
    return views


# ----------------------------------------------------------------------------
# Tables
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = False
    sort: str | None = None  # the initial aria-sort, e.g. "descending"


@dataclass(frozen=True)
class Cell:
    text: str
    sort: str | int | float | None = None
    href: str | None = None


TRIP_COLUMNS = (
    Column("Datum", sort="descending"),
    Column("Reis"),
    Column("Bestemming"),
    Column("Reizigers"),
    Column("Dagen", numeric=True),
    Column("Kosten", numeric=True),
    Column("Status"),
)
GROUP_COLUMNS = (
    Column("Naam"),
    Column("Reizen", numeric=True),
    Column("Dagen", numeric=True),
    Column("Kosten", numeric=True),
)


def render_table(caption: str, columns: tuple[Column, ...], rows: list[list[Cell]], totals: list[str] | None) -> str:
    """A table that is complete without JavaScript and sortable with it."""
    return _templates().get_template("table.html").render(caption=caption, columns=columns, rows=rows, totals=totals)


def render_pager(current: int, hrefs: list[str]) -> str:
    """Links to every page of a split table."""
    pages = [{"number": i, "href": href} for i, href in enumerate(hrefs, start=1)]
    return _templates().get_template("pager.html").render(current=current, pages=pages)


def trip_cells(report: Report, status: Status) -> list[Cell]:
    """The cells of a trip's table row; the title cell gets its link per table (see `linked`)."""
    m = report.meta
    travellers = "; ".join(f"{t.name or WITHHELD} ({t.role})" for t in m.travellers)
    places = ", ".join(f"{d.city} ({country_name(d.country)})" for d in m.destinations)
    cost = Cell(money(m.costs.total, m.costs.currency), m.costs.total) if m.costs else Cell("–", -1)
    return [
        Cell(date_range(m.start_date, m.end_date), m.start_date.isoformat()),
        Cell(m.title),
        Cell(places),
        Cell(travellers),
        Cell(number(report.days), report.days),
        cost,
        Cell(status_text(status)),
    ]


def linked(cells: list[Cell], href: str) -> list[Cell]:
    """A trip row with its title linking to the trip."""
    return [cells[0], Cell(cells[1].text, href=href), *cells[2:]]


def to_root(page_url: str) -> str:
    """The relative prefix from a page with a directory address to the site root: 'reizen/2015/' -> '../../'."""
    return "../" * page_url.count("/")


def totals_text(reports: list[Report]) -> tuple[str, str, str]:
    """Trips, days and cost (per currency) of a list of reports, as table footer text."""
    by_currency: dict[str, float] = {}
    for report in reports:
        if report.meta.costs:
            currency = report.meta.costs.currency
            by_currency[currency] = by_currency.get(currency, 0.0) + report.meta.costs.total
    cost = (
        " + ".join(
            money(amount, currency) for currency, amount in sorted(by_currency.items(), key=lambda kv: kv[0] != "EUR")
        )
        or "–"
    )
    return plural(len(reports), "reis", "reizen"), plural(sum(r.days for r in reports), "dag", "dagen"), cost


def eur_total(reports: list[Report]) -> float:
    """The sum of the costs in euro (other currencies are not converted)."""
    return sum(r.meta.costs.total for r in reports if r.meta.costs and r.meta.costs.currency == "EUR")
