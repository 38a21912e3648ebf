"""HTML blocks for the hand-written pages (home, open data), called from macros.py."""

from __future__ import annotations

from .emissions import factors
from .export import csv_columns, csv_descriptions
from .model import FrontMatter
from .overview import headline_html
from .render import Cell, Column, relative, render_table
from .report import PENDING, PLANNED
from .site import current
from .text import long_date, number

HOME_ROWS = 20


def latest_trips(page_url: str, count: int = 10) -> str:
    """A table of the most recently returned, published trips."""
    register = current()
    return register.trip_table(page_url, "Laatste verslagen", register.latest_published(count))


def planned_trips(page_url: str) -> str:
    """The next trips that have not started yet, with a link to all of them."""
    register = current()
    trips = sorted(register.with_status(PLANNED), key=lambda r: r.meta.start_date)
    if not trips:
        return "<p>Er zijn geen geplande reizen.</p>"
    table = register.trip_table(page_url, "Geplande reizen", trips[:HOME_ROWS], totals_of=trips)
    return table + _more(page_url, "status/gepland/", len(trips), "geplande reizen")


def pending_trips(page_url: str) -> str:
    """Trips whose report is still to come, the longest overdue first, with a link to all of them."""
    register = current()
    trips = sorted(register.with_status(PENDING), key=lambda r: r.meta.end_date)
    if not trips:
        return "<p>Van alle gemaakte reizen is een verslag gepubliceerd.</p>"
    overdue = len(register.with_status(PENDING, overdue=True))
    caption = f"Verslag volgt ({overdue} te laat, termijn {register.due_days} dagen na terugkomst)"
    note = f"<p>{overdue} te laat; een verslag is uiterlijk {register.due_days} dagen na terugkomst klaar.</p>\n"
    table = register.trip_table(page_url, caption, trips[:HOME_ROWS], totals_of=trips)
    return note + table + _more(page_url, "status/verslag-volgt/", len(trips), "reizen waarvan het verslag volgt")


# The home page shows the first rows; the full, paged list is one link away.
def _more(page_url: str, target: str, count: int, noun: str) -> str:
    if count <= HOME_ROWS:
        return ""
    return f'<p><a href="{relative(page_url, target)}">Alle {count} {noun}</a></p>'


def year_comparison(page_url: str) -> str:
    """This year against last year: trips, euros, CO₂ and reports on time, with a small chart."""
    register = current()
    note = f'<p class="rr-meta">Peildatum: {long_date(register.reference)}.</p>'
    return headline_html(register.overview, page_url) + note


def emission_factors() -> str:
    """The emission factors in use, with their source and year (for the method page)."""
    data = factors()
    rows = [
        [Cell(f"Vliegtuig, {_band(data['flight'], i)}"), Cell(_factor(band["factor"]))]
        for i, band in enumerate(data["flight"])
    ]
    rows += [[Cell(mode.capitalize()), Cell(_factor(factor))] for mode, factor in data["ground"].items()]
    table = render_table(
        f"Emissiefactoren ({data['year']})", (Column("Vervoermiddel"), Column("kg CO₂ per reiziger-km")), rows, None
    )
    checked = "" if data["checked"] else f" <strong>Let op:</strong> {data['note']}"
    source = f'<p class="rr-meta">Bron: <a href="{data["url"]}">{data["source"]}</a>, {data["year"]}.{checked}</p>'
    return table + source


def _band(bands: list[dict], index: int) -> str:
    low = bands[index - 1]["up_to_km"] if index else 0
    high = bands[index]["up_to_km"]
    return (
        f"tot {number(high)} km"
        if not low
        else (f"{number(low)}–{number(high)} km" if high else f"vanaf {number(low)} km")
    )


def _factor(value: float) -> str:
    return f"{value:.3f}".replace(".", ",")


def data_dictionary() -> str:
    """Every front-matter field and every CSV column with its description, from the schema."""
    rows = [
        [Cell(name), Cell(_type_name(info.annotation)), Cell(info.description or "")]
        for name, info in FrontMatter.model_fields.items()
    ]
    fields = render_table(
        "Velden van een verslag (voorpagina van het bestand en reports.json)",
        (Column("Veld"), Column("Soort"), Column("Betekenis")),
        rows,
        None,
    )
    descriptions = csv_descriptions()
    csv_rows = [[Cell(column), Cell(descriptions[column])] for column in csv_columns()]
    columns = render_table("Kolommen van reports.csv", (Column("Kolom"), Column("Betekenis")), csv_rows, None)
    return fields + "\n" + columns


def _type_name(annotation) -> str:
    text = getattr(annotation, "__name__", None) or str(annotation)
    return text.replace("typing.", "").replace("reisregister.model.", "").replace("datetime.", "")
