"""HTML blocks for the hand-written pages (home, open data), called from macros.py."""

from __future__ import annotations

from datetime import date
from typing import Literal, get_args, get_origin

from markupsafe import Markup
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
from reisregister.site.html import Cell, Column, fragments, render_table
from reisregister.site.pages import Site
from reisregister.site.views.overview import headline_html

HOME_ROWS = 20


def latest_trips(site: Site, page_url: str, count: int = 10) -> Markup:
    """A table of the most recently returned, published trips."""
    return site.lists.trip_table(page_url, "Laatste verslagen", site.register.latest_published(count))


def planned_trips(site: Site, page_url: str) -> Markup:
    """The next trips that have not started yet, with a link to all of them."""
    trips = sorted(site.register.with_status(PLANNED), key=by_start)
    if not trips:
        return _blocks().trip_list(None, "Er zijn geen geplande reizen.")
    table = site.lists.trip_table(page_url, "Geplande reizen", trips[:HOME_ROWS], totals_of=trips)
    return _blocks().trip_list(
        table, "", more=_more(page_url, addresses.status(PLANNED), len(trips), "geplande reizen")
    )


def pending_trips(site: Site, page_url: str) -> Markup:
    """Trips whose report is still to come, the longest overdue first, with a link to all of them."""
    register = site.register
    trips = sorted(register.with_status(PENDING), key=by_return)
    if not trips:
        return _blocks().trip_list(None, "Van alle gemaakte reizen is een verslag gepubliceerd.")
    overdue, due_days = len(register.with_status(PENDING, overdue=True)), register.settings.due_days
    caption = f"Verslag volgt ({overdue} te laat, termijn {due_days} dagen na terugkomst)"
    note = f"{overdue} te laat; een verslag is uiterlijk {due_days} dagen na terugkomst klaar."
    table = site.lists.trip_table(page_url, caption, trips[:HOME_ROWS], totals_of=trips)
    more = _more(page_url, addresses.status(PENDING), len(trips), "reizen waarvan het verslag volgt")
    return _blocks().trip_list(table, "", note=note, more=more)


# The home page shows the first rows; the full, paged list is one link away.
def _more(page_url: str, target: str, count: int, noun: str) -> dict | None:
    if count <= HOME_ROWS:
        return None
    return {"href": relative(page_url, target), "count": count, "noun": noun}


def _blocks():
    return fragments("blocks.html")


def year_comparison(site: Site, page_url: str) -> Markup:
    """This year against last year: trips, euros, CO₂ and reports on time, with a small chart."""
    return _blocks().year_comparison(headline_html(site.overview, page_url), long_date(site.register.reference))


def emission_factors() -> Markup:
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
    source = {**data, "unchecked": None if data["checked"] else UNCHECKED_FACTORS}
    return _blocks().emission_factors(table, source)


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


def data_dictionary() -> Markup:
    """Every front-matter field, every column of the CSV files and every vocabulary, from the schema."""
    rows = [
        [
            Cell(f"`{name}`", code=True),
            Cell(dutch_type(info.annotation, info.metadata)),
            Cell(info.description, code=True),
        ]
        for name, info in nested_fields(FrontMatter)
    ]
    fields = render_table(
        "Velden van een verslag (voorpagina van het bestand en reports.json)",
        (Column("Veld"), Column("Soort"), Column("Betekenis")),
        rows,
        None,
    )
    return _blocks().tables(
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


def _columns_table(caption: str, columns: list[str], descriptions: dict[str, str], kind) -> Markup:
    rows = [
        [
            Cell(f"`{column}`", code=True),
            Cell(_column_type(column, kind(column))),
            Cell(descriptions[column], code=True),
        ]
        for column in columns
    ]
    return render_table(caption, (Column("Kolom"), Column("Soort"), Column("Betekenis")), rows, None)


def _vocabulary_table() -> Markup:
    rows = [
        [Cell(f"`{field}`", code=True), Cell(f"`{value}`", code=True), Cell(meaning)]
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


def accessibility_record(path: str) -> Markup:
    """The dated record of the accessibility tests (`make toegankelijkheid` writes it), as a table."""
    from pathlib import Path

    record_file = Path(path)
    if not record_file.is_file():
        return _blocks().accessibility_record(None, None, None)
    record = _json_load(record_file)
    tools = record["tools"]
    tested = {
        "date": long_date(date.fromisoformat(record["date"])),
        "commit": record["commit"],
        "axe": tools["axe-core"],
        "chromium": tools["Chromium"],
        "standard": record["standard"],
    }
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
    table = render_table("Resultaten per soort pagina", columns, rows, None)
    return _blocks().accessibility_record(tested, table, record_file.name)


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
