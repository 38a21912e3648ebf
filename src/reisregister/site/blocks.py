"""HTML blocks for the hand-written pages (home, open data), called from macros.py."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal, get_args, get_origin

from markupsafe import Markup, escape
from pydantic import BaseModel

from reisregister.core import addresses, model
from reisregister.core.addresses import relative
from reisregister.core.emissions import factors
from reisregister.core.i18n.text import long_date, number
from reisregister.core.model import FrontMatter, check_names, nested_fields, unwrap
from reisregister.core.rules import PENDING, PLANNED, by_return, by_start
from reisregister.opendata.export import (
    TRAVELLER_COLUMNS,
    TRAVELLER_DESCRIPTIONS,
    TRAVELLER_TYPES,
    VOCABULARIES,
    csv_columns,
    csv_descriptions,
    csv_type,
)
from reisregister.site.html import Cell, Column, render_table
from reisregister.site.pages import Register
from reisregister.site.views.overview import headline_html

HOME_ROWS = 20


def latest_trips(register: Register, page_url: str, count: int = 10) -> str:
    """A table of the most recently returned, published trips."""
    return register.trip_table(page_url, "Laatste verslagen", register.latest_published(count))


def planned_trips(register: Register, page_url: str) -> str:
    """The next trips that have not started yet, with a link to all of them."""
    trips = sorted(register.with_status(PLANNED), key=by_start)
    if not trips:
        return "<p>Er zijn geen geplande reizen.</p>"
    table = register.trip_table(page_url, "Geplande reizen", trips[:HOME_ROWS], totals_of=trips)
    return table + _more(page_url, addresses.status(PLANNED), len(trips), "geplande reizen")


def pending_trips(register: Register, page_url: str) -> str:
    """Trips whose report is still to come, the longest overdue first, with a link to all of them."""
    trips = sorted(register.with_status(PENDING), key=by_return)
    if not trips:
        return "<p>Van alle gemaakte reizen is een verslag gepubliceerd.</p>"
    overdue = len(register.with_status(PENDING, overdue=True))
    caption = f"Verslag volgt ({overdue} te laat, termijn {register.due_days} dagen na terugkomst)"
    note = f"<p>{overdue} te laat; een verslag is uiterlijk {register.due_days} dagen na terugkomst klaar.</p>\n"
    table = register.trip_table(page_url, caption, trips[:HOME_ROWS], totals_of=trips)
    return note + table + _more(page_url, addresses.status(PENDING), len(trips), "reizen waarvan het verslag volgt")


# The home page shows the first rows; the full, paged list is one link away.
def _more(page_url: str, target: str, count: int, noun: str) -> str:
    if count <= HOME_ROWS:
        return ""
    return f'<p><a href="{relative(page_url, target)}">Alle {count} {noun}</a></p>'


def year_comparison(register: Register, page_url: str) -> str:
    """This year against last year: trips, euros, CO₂ and reports on time, with a small chart."""
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
    checked = "" if data["checked"] else f" {UNCHECKED_FACTORS}"
    source = f'<p class="rr-meta">Bron: <a href="{data["url"]}">{data["source"]}</a>, {data["year"]}.{checked}</p>'
    return table + source


# For readers; what a maintainer must do about it is in the build log (hooks.py) and the data file.
UNCHECKED_FACTORS = (
    "De factoren zijn nog niet vergeleken met de nieuwste lijst van de bron: lees de CO₂-cijfers als een "
    "voorlopige schatting."
)


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
    """Every front-matter field, every column of the CSV files and every vocabulary, from the schema."""
    rows = [
        [Cell(_code(f"`{name}`")), Cell(dutch_type(info.annotation, info.metadata)), Cell(_code(info.description))]
        for name, info in nested_fields(FrontMatter)
    ]
    fields = render_table(
        "Velden van een verslag (voorpagina van het bestand en reports.json)",
        (Column("Veld"), Column("Soort"), Column("Betekenis")),
        rows,
        None,
    )
    return "\n".join(
        [
            fields,
            _columns_table("Kolommen van reports.csv", csv_columns(), csv_descriptions(), csv_type),
            _columns_table(
                "Kolommen van travellers.csv",
                TRAVELLER_COLUMNS,
                TRAVELLER_DESCRIPTIONS,
                lambda column: TRAVELLER_TYPES.get(column, "string"),
            ),
            _vocabulary_table(),
        ]
    )


def _columns_table(caption: str, columns: list[str], descriptions: dict[str, str], kind) -> str:
    rows = [
        [Cell(_code(f"`{column}`")), Cell(_column_type(column, kind(column))), Cell(_code(descriptions[column]))]
        for column in columns
    ]
    return render_table(caption, (Column("Kolom"), Column("Soort"), Column("Betekenis")), rows, None)


def _vocabulary_table() -> str:
    rows = [
        [Cell(_code(f"`{field}`")), Cell(_code(f"`{value}`")), Cell(meaning)]
        for field, values in VOCABULARIES.items()
        for value, meaning in values.items()
    ]
    return render_table(
        "Vaste waarden: zo staan ze in de bestanden, en dit betekenen ze",
        (Column("Veld of kolom"), Column("Waarde"), Column("Betekenis")),
        rows,
        None,
    )


def _column_type(column: str, kind: str) -> str:
    amount = kind == "number" and column.startswith("costs_") and column != "costs_eur_rate"
    return "bedrag" if amount else CSV_TYPE_NAMES[kind]


def _code(text: str) -> Markup:
    """Plain text with `backticks` shown as code (everything else escaped)."""
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", str(escape(text))))


CSV_TYPE_NAMES = {
    "string": "tekst",
    "date": "datum",
    "number": "getal",
    "integer": "geheel getal",
    "boolean": "ja/nee (true/false)",
}
_SIMPLE_TYPES = {str: "tekst", date: "datum", float: "getal", int: "geheel getal", bool: "ja/nee"}
# Types known by their check, which pydantic keeps beside the base type (float, str).
_NAMED_TYPES = {"amount": "bedrag", "country": "landcode", "currency": "valutacode"}


def dutch_type(annotation, metadata=()) -> str:
    """A field's type in plain Dutch: tekst, datum, bedrag, lijst van bestemmingen, keuze uit a, b."""
    annotation, metadata, _ = unwrap(annotation, metadata)
    named = [_NAMED_TYPES[check] for check in check_names(metadata) if check in _NAMED_TYPES]
    if named:
        return named[0]
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is list:
        item = args[0]
        return f"lijst van {_MODEL_PLURALS[item]}" if item in _MODEL_PLURALS else f"lijst, elk: {dutch_type(item)}"
    if origin is Literal:
        return "keuze uit " + ", ".join(args)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "groep (velden hieronder)"
    return _SIMPLE_TYPES[annotation]


_MODEL_PLURALS = {
    model.Destination: "bestemmingen",
    model.Traveller: "reizigers",
    model.ExternalParticipant: "organisaties",
    model.Correction: "correcties",
    model.Action: "vervolgacties",
}


def accessibility_record(path: str) -> str:
    """The dated record of the accessibility tests (`make toegankelijkheid` writes it), as a table."""
    from pathlib import Path

    record_file = Path(path)
    if not record_file.is_file():
        return "<p>Er is nog geen testverslag; maak het met <code>make toegankelijkheid</code>.</p>"
    record = _json_load(record_file)
    tools = record["tools"]
    intro = (
        f"<p>Getest op {long_date(date.fromisoformat(record['date']))} (versie {escape(record['commit'])}),"
        f" met axe-core {escape(tools['axe-core'])} in Chromium {escape(tools['Chromium'])},"
        f" regels voor {escape(record['standard'])} (A en AA).</p>\n"
    )
    columns = (
        Column("Soort pagina"),
        Column("Automatische controle (axe)"),
        Column("Toetsenbord"),
        Column("Telefoon (390 px)"),
    )
    rows = [
        [
            Cell(page["type"], page["type"].lower()),
            Cell(_axe_text(page)),
            Cell(_keyboard_text(page["keyboard"])),
            Cell("past, geen horizontaal scrollen" if page["phone_390_overflow_px"] <= 0 else "scrolt horizontaal"),
        ]
        for page in record["pages"]
    ]
    data = f'<p>Het testverslag als gegevens: <a href="{escape(record_file.name)}">{escape(record_file.name)}</a>.</p>\n'
    return intro + render_table("Resultaten per soort pagina", columns, rows, None) + data


def _json_load(path) -> dict:
    import json

    return json.loads(path.read_text(encoding="utf-8"))


def _axe_text(page: dict) -> str:
    if page["axe_violations"]:
        return "fouten: " + ", ".join(page["axe_violations"])
    return f"geen fouten ({number(page['axe_rules_passed'])} regels geslaagd)"


def _keyboard_text(keyboard: dict) -> str:
    reached = f"{number(keyboard['reached'])} van {number(keyboard['focusable'])} elementen bereikbaar met Tab"
    if keyboard["without_visible_focus"]:
        return reached + f"; focus niet zichtbaar bij {len(keyboard['without_visible_focus'])}"
    return reached + ", focus zichtbaar"
