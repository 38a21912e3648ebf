"""HTML for trip pages and tables, from checked reports; independent of the site generator.

Report text is data, and HTML is written only in templates (site/templates/): one Jinja
environment with autoescape escapes every value a view gives it. Report Markdown is rendered and
then sanitised with an allowlist (nh3) before it reaches a template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import nh3
from jinja2 import Environment, PackageLoader
from jinja2.environment import TemplateModule
from markupsafe import Markup

from reisregister.core import addresses
from reisregister.core.addresses import relative
from reisregister.core.emissions import Emissions
from reisregister.core.i18n.text import WITHHELD, country_name, date_range, long_date, money, number, plural, slugify
from reisregister.core.model import COST_PART_LABELS
from reisregister.core.money import EuroAmount
from reisregister.core.report import Report
from reisregister.core.rules import DEFAULT_DUE_DAYS, PENDING, PLANNED, PUBLISHED, Status
from reisregister.intake import markup
from reisregister.register.followup import OVERDUE, Timeliness, TrackedAction

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "sub", "sup", "small", "abbr", "q", "cite",
    "code", "pre", "kbd", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a",
    "h3", "h4", "h5", "h6", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}
URL_SCHEMES = {"http", "https", "mailto"}
ABSOLUTE_LINK = re.compile(r"(https?://[^/\\\s]|mailto:|#)", re.IGNORECASE)
COST_LABELS = COST_PART_LABELS
COST_STATUS = {"final": "definitief", "provisional": "voorlopig, kan nog veranderen"}
ROWS_PER_PAGE = 200


@cache
def environment() -> Environment:
    """The one Jinja environment of the site's templates: autoescaping, compiled once per process."""
    # auto_reload off: no stat of the template file on every page.
    env = Environment(loader=PackageLoader("reisregister.site", "templates"), autoescape=True, auto_reload=False)
    env.globals.update(
        country=country_name, long_date=long_date, number=number, plural=plural, withheld=WITHHELD, zip=zip
    )
    env.filters["slug"] = slugify
    env.filters["code_spans"] = code_spans
    return env


@cache
def _template(name: str):
    return environment().get_template(name)


def render(name: str, **data: Any) -> Markup:
    """A template of site/templates/ filled with plain data; every value is escaped unless it is Markup."""
    # Markup: the template escaped what it was given, so another template may include this as it is.
    return Markup(_template(name).render(**data))


def fragments(name: str) -> TemplateModule:
    """The macros of a template, each called like a function that returns escaped HTML (Markup)."""
    return _template(name).module


def code_spans(text: str) -> list[str]:
    """Text split at `backticks`: the odd items are code ('a `b` c' -> ['a ', 'b', ' c'])."""
    return re.split(r"`([^`]+)`", text)


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


# ----------------------------------------------------------------------------
# Trip page
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TripFacts:
    """What a trip page shows beyond the report file: from git, the estimates and the settings."""

    status: Status
    emissions: Emissions
    changed: date | None = None
    timeliness: Timeliness | None = None
    due_days: int = DEFAULT_DUE_DAYS
    actions: tuple[TrackedAction, ...] = ()
    previous: Report | None = None  # the trips before and after it, by start date
    next: Report | None = None


def render_trip(report: Report, facts: TripFacts, links: dict[str, str | None]) -> Markup:
    """The HTML of a trip page: summary card, sections, follow-up actions, corrections and links."""
    m, status = report.meta, facts.status
    euro = report.euro_total()
    return render(
        "trip.html",
        m=m,
        when=date_range(m.start_date, m.end_date),
        days=plural(report.days, "dag", "dagen"),
        delegation=plural(report.delegation_size, "persoon", "personen"),
        costs=_costs_view(m.costs, euro),
        euro_sort=f"{euro.eur:.2f}" if euro else "-1",
        cost_band=cost_band(euro),
        travel=_travel_view(m.transport, facts.emissions),
        status_label=status.label,
        overdue=OVERDUE if status.overdue else None,
        due=status.due and long_date(status.due),
        due_iso=status.due and status.due.isoformat(),
        status_href=relative(addresses.trip(report.id), addresses.status(status.label)),
        published=_published_text(facts.timeliness),
        due_days=facts.due_days,
        term=plural(facts.due_days, "dag", "dagen"),
        late=bool(facts.timeliness and facts.timeliness.late),
        actions=[_action_view(a) for a in facts.actions],
        status_class=slugify(status.label),
        pending_text=_pending_text(status),
        sections=_sections_view(report),
        has_results="results" in report.standard_sections,
        to=_group_links(report),
        neighbours=[
            (
                label,
                relative(addresses.trip(report.id), addresses.trip(r.id)),
                r.meta.title,
                date_range(r.meta.start_date, r.meta.end_date),
            )
            for label, r in (("Vorige reis", facts.previous), ("Volgende reis", facts.next))
            if r is not None
        ],
        changed=facts.changed,
        json_url=links["json"],
        source_url=links["source"],
        history_url=links.get("history"),
        method_url=links.get("method", "#"),
    )


def _costs_view(costs, euro: EuroAmount | None) -> dict[str, Any] | None:
    if costs is None:
        return None
    parts = [(COST_LABELS[name], money(amount, currency)) for name, amount, currency in costs.amounts()]
    view = {"parts": parts, "status": COST_STATUS[costs.status]}
    if costs.total is not None:
        view["total"] = money(costs.total, costs.currency)
    elif euro:  # parts in several currencies: their total exists only in euros
        view["total"] = euro_text(euro.eur, euro.converted)
    if euro and euro.converted:
        if costs.total is not None:
            view["euro"] = euro_text(euro.eur, converted=True)
        latest = ", de laatst bekende" if euro.latest_known else ""
        rates = " en ".join(f"€ 1 = {number(rate)} {code}" for code, rate in euro.rates)
        view["rate"] = f"ECB-koers van {long_date(euro.rate_date)}{latest}: {rates}"
    view["total_short"] = view.get("euro", view["total"])
    return view


def euro_text(eur: float, converted: bool) -> str:
    """€ 639,70; an amount (partly) converted from another currency in whole euros with ≈: ≈ € 3.516."""
    return f"≈ €\xa0{number(round(eur))}" if converted else money(eur)


# Cost bands of the search page's `kosten` facet (zoeken.js lists them in this order).
def cost_band(euro: EuroAmount | None) -> str:
    """The search facet value of a trip's cost in euros."""
    if euro is None:
        return "geen kosten opgegeven"
    if euro.eur < 500:
        return "< € 500"
    if euro.eur < 2000:
        return "€ 500–2.000"
    return "€ 2.000–10.000" if euro.eur <= 10000 else "> € 10.000"


def _travel_view(modes: list[str], emissions: Emissions) -> dict[str, Any]:
    distance = f"{number(round(emissions.distance_km))} km" if emissions.distance_km is not None else None
    co2 = f"{number(round(emissions.co2_kg))} kg CO₂ (geschat)" if emissions.co2_kg is not None else None
    return {
        "modes": ", ".join(modes) or "niet opgegeven",
        "distance": distance,
        "co2": co2,
        "note": None if co2 else emissions.method,
        "short_flight": emissions.short_flight,
    }


# Every value on the card that has a page of its own links to it (a trip page is at reizen/<id>/).
def _group_links(report: Report) -> dict[str, Any]:
    def href(path: str, label: str) -> str:
        return relative(page, addresses.group(path, label))

    m, page = report.meta, addresses.trip(report.id)
    return {
        "trips": relative(page, addresses.TRIPS),
        "year": relative(page, addresses.year(m.start_date.year)),
        "travellers": [
            {
                "name": href("reizigers", t.name) if t.name else None,
                "role": href("functies", t.role),
                "organisation": href("organisaties", t.organisation),
            }
            for t in m.travellers
        ],
        "countries": [href("landen", d.country) for d in m.destinations],
        "cities": [relative(page, addresses.search(q=d.city)) for d in m.destinations],
        "paid_by": href("betalers", m.paid_by) if m.paid_by else None,
        "tags": [href("tags", tag) for tag in m.tags],
    }


def _published_text(timely: Timeliness | None) -> str | None:
    if timely is None:
        return None
    after = plural(timely.days_after_return, "dag", "dagen")
    return f"gepubliceerd op {long_date(timely.published)}, {after} na terugkomst"


def _action_view(tracked: TrackedAction) -> dict[str, Any]:
    a = tracked.action
    return {
        "text": a.action,
        "owner": a.owner,
        "due": long_date(a.due),
        "due_iso": a.due.isoformat(),
        "label": a.status,
        "overdue": OVERDUE if tracked.overdue else None,
        "status_class": slugify(a.status),
        "result": a.result,
        "updated": long_date(a.updated) if a.updated else None,
        "changes": [(long_date(c.date), c.date.isoformat(), c.text) for c in tracked.changes[-CHANGES_SHOWN:]],
        "all_changes": number(len(tracked.changes)),
        "earlier": _earlier_text(len(tracked.changes) - CHANGES_SHOWN),
    }


CHANGES_SHOWN = 20  # per action, the newest: a history of 10,000 commits must not make a page of megabytes


def _earlier_text(count: int) -> str | None:
    return f"en {plural(count, 'eerdere wijziging', 'eerdere wijzigingen')}" if count > 0 else None


def _pending_text(status: Status) -> str:
    if status.label == PLANNED:
        return "Deze reis is gepland. Het verslag verschijnt na afloop."
    if status.label == PENDING and status.due:
        late = " Het verslag is te laat." if status.overdue else ""
        return f"Het verslag van deze reis volgt uiterlijk {long_date(status.due)}.{late}"
    return ""


@dataclass(frozen=True)
class _SectionView:
    key: str | None
    heading: str
    anchor: str
    html: Markup


def _sections_view(report: Report) -> list[_SectionView]:
    views, used = [], set()
    for section in report.sections:
        heading = section.heading or "Inleiding"
        anchor = slugify(heading)
        while anchor in used or anchor in {"correcties", "vervolgacties", "rr-card-title"}:
            anchor += "-2"
        used.add(anchor)
        # Markup: render_markdown's output is sanitised by nh3 (an allowlist), so the template keeps its tags.
        views.append(_SectionView(section.key, heading, anchor, Markup(render_markdown(section.text))))
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
    badge: str | None = None  # a short mark shown after the text, e.g. "te laat"
    code: bool = False  # text in `backticks` is shown as code (the data dictionary)


# The sort value of an unknown amount: sort.js puts cells with an empty data-sort last in both
# directions, so a trip without costs never reads as the cheapest.
UNKNOWN = ""

TRIP_COLUMNS = (
    Column("Datum", sort="descending"),
    Column("Reis"),
    Column("Bestemming"),
    Column("Reizigers"),
    Column("Dagen", numeric=True),
    Column("Kosten", numeric=True),
    Column("Status"),
)


def render_table(
    caption: str,
    columns: tuple[Column, ...],
    rows: list[list[Cell]],
    totals: list[str] | None,
    caption_shown: bool = True,
) -> Markup:
    """A table that is complete without JavaScript and sortable with it.

    caption_shown=False: the caption still names the table for screen readers, but is not shown
    where a heading just above says the same.
    """
    if totals is not None and len(totals) != len(columns):
        raise ValueError(f"a footer of {len(totals)} cells under {len(columns)} columns: {caption}")
    return render("table.html", caption=caption, columns=columns, rows=rows, totals=totals, caption_shown=caption_shown)


def render_redirect(target: str, title: str) -> Markup:
    """A page at a trip's former address that sends the reader on, with and without scripts."""
    return render("redirect.html", target=target, title=title)


def render_pager(current: int, hrefs: list[str]) -> Markup:
    """Links to every page of a split table."""
    pages = [{"number": i, "href": href} for i, href in enumerate(hrefs, start=1)]
    return render("pager.html", current=current, pages=pages)


def trip_cells(report: Report, status: Status) -> list[Cell]:
    """The cells of a trip's table row; the title cell gets its link per table (see `linked`)."""
    m = report.meta
    travellers = "; ".join(f"{t.name or WITHHELD} ({t.role})" for t in m.travellers)
    places = ", ".join(f"{d.city} ({country_name(d.country)})" for d in m.destinations)
    euro = report.euro_total()
    cost = Cell(euro_text(euro.eur, euro.converted), euro.eur) if euro else Cell("–", UNKNOWN)
    return [
        Cell(date_range(m.start_date, m.end_date), m.start_date.isoformat()),
        Cell(m.title),
        Cell(places),
        Cell(travellers),
        Cell(number(report.days), report.days),
        cost,
        Cell(status.label, badge=OVERDUE if status.overdue else None),
    ]


def linked(cells: list[Cell], href: str, root: str) -> list[Cell]:
    """A trip row with its title linking to the trip and its status to the trips with that status."""
    status = cells[-1]
    to_status = root + addresses.status(status.text)
    return [
        cells[0],
        Cell(cells[1].text, href=href),
        *cells[2:-1],
        Cell(status.text, href=to_status, badge=status.badge),
    ]


def status_legend(root: str, due_days: int, statuses: set[str]) -> Markup:
    """What the statuses and '–' in a trip table mean, each status linked to its trips."""
    meanings = [
        (PLANNED, "de reis moet nog beginnen"),
        (PENDING, "de reis is voorbij en het verslag komt nog"),
        (PUBLISHED, "het verslag staat in het register"),
    ]
    legend = [
        {"label": label, "href": root + addresses.status(label) if label in statuses else None, "meaning": meaning}
        for label, meaning in meanings
    ]
    return render("status_legend.html", legend=legend, pending=PENDING, overdue=OVERDUE, due_days=due_days)
