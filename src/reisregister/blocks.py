"""HTML blocks for the hand-written pages (home, open data), called from macros.py."""

from __future__ import annotations

from .export import csv_columns, csv_descriptions
from .model import FrontMatter
from .render import Cell, Column, relative, render_table
from .report import PENDING, PLANNED
from .site import current
from .text import long_date

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
    table = register.trip_table(page_url, caption, trips[:HOME_ROWS], totals_of=trips)
    return table + _more(page_url, "status/verslag-volgt/", len(trips), "reizen waarvan het verslag volgt")


# The home page shows the first rows; the full, paged list is one link away.
def _more(page_url: str, target: str, count: int, noun: str) -> str:
    if count <= HOME_ROWS:
        return ""
    return f'<p><a href="{relative(page_url, target)}">Alle {count} {noun}</a></p>'


def year_comparison() -> str:
    """Totals of the reference year against the year before."""
    register = current()
    year = register.reference.year
    rows = []
    for shown in (year, year - 1):
        trips, days, cost = register.year_totals(shown)
        rows.append([Cell(str(shown)), Cell(trips), Cell(days), Cell(cost)])
    columns = (
        Column("Jaar"),
        Column("Reizen", numeric=True),
        Column("Dagen", numeric=True),
        Column("Kosten", numeric=True),
    )
    note = f'<p class="rr-meta">Peildatum: {long_date(register.reference)}.</p>'
    return render_table(f"Reizen in {year} en {year - 1}", columns, rows, None) + note


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
