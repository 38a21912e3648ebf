"""The open data: one record per report as JSON and CSV, and the JSON Schema of the front matter.

Every column and key follows from the models in `model.py`; a withheld name is null in JSON,
an empty cell in CSV and nowhere else.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import textwrap
import unicodedata
from collections.abc import Iterable
from datetime import date
from typing import Any, TextIO, get_args

from reisregister.core import addresses
from reisregister.core.emissions import Emissions, estimate, home_point
from reisregister.core.i18n.text import country_name
from reisregister.core.model import (
    ACTION_STATUSES,
    SCHEMA_VERSION,
    TRANSPORT_MODES,
    Costs,
    FrontMatter,
    Traveller,
    submodel,
)
from reisregister.core.report import SECTIONS, Report
from reisregister.core.rules import (
    PENDING,
    PLANNED,
    PUBLISHED,
    STATUSES,
    action_overdue,
    paid_by_others,
    published_late,
    trip_status,
)

FORMULA_START = "=+-@"
CSV_SEPARATOR = "; "
_PART_BREAKS = ",;\n\r"  # where a spreadsheet may start a new cell: either separator, a new line


def to_record(
    report: Report,
    reference: date,
    due_days: int,
    emissions: Emissions | None = None,
    published: date | None = None,
    site_url: str = "",
    body: Iterable[str] = (),
) -> dict[str, Any]:
    """The open-data record of one report (the object in reports.json and data/reizen/<id>.json).

    published: when the report was first published (its own `published` field, else from git).
    site_url: the site's public address (ending in /); with it, `url` is absolute.
    body: the names of the public body whose register this is (see `body_names`).
    """
    meta = report.meta.model_dump(mode="json")
    status = trip_status(report, reference, due_days)
    for destination in meta["destinations"]:
        destination["country_name"] = country_name(destination["country"])
    if meta["costs"]:
        meta["costs"].update(euro_fields(report))
    for action, checked in zip(meta["actions"], report.meta.actions, strict=True):
        action["overdue"] = action_overdue(checked, reference)
    meta["paid_by_others"] = paid_by_others(report.meta.paid_by, body)
    published = published or report.meta.published
    if published and status.label == PUBLISHED:
        meta["published"] = published.isoformat()
        meta["published_late"] = published_late(report, published, due_days)
    else:
        meta["published"], meta["published_late"] = None, None
    return {
        "id": report.id,
        "url": site_url + addresses.trip(report.id),
        **meta,
        "days": report.days,
        "delegation_size": report.delegation_size,
        "status": status.label,
        "overdue": status.overdue,
        "report_due": status.due.isoformat() if status.due else None,
        "sections": report.standard_sections,
        "extra_sections": [{"heading": s.heading, "text": s.text} for s in report.extra_sections],
        "emissions": (emissions or estimate(report.meta, home_point())).as_record(),
    }


def euro_fields(report: Report) -> dict[str, Any]:
    """`total_eur`, `eur_rate`, `eur_rate_date` and `eur_rates` of a report's costs (no rate for euros)."""
    euro = report.euro_total()
    return {
        "total_eur": euro.eur,
        "eur_rate": euro.rate,
        "eur_rate_date": euro.rate_date.isoformat() if euro.rate_date else None,
        "eur_rates": dict(euro.rates),
    }


def to_json(records: list[dict[str, Any]]) -> str:
    """reports.json: an array in id order, stable formatting for byte-identical builds."""
    stream = io.StringIO()
    writer = JsonArrayWriter(stream)
    for record in sorted(records, key=lambda r: r["id"]):
        writer.add(record)
    writer.close()
    return stream.getvalue()


class JsonArrayWriter:
    """reports.json record by record, so a large archive never sits in memory as one text."""

    def __init__(self, stream: TextIO):
        self.stream, self.count = stream, 0

    def add(self, record: dict[str, Any]) -> None:
        self.stream.write(("[\n" if self.count == 0 else ",\n") + textwrap.indent(record_json(record), " "))
        self.count += 1

    def close(self) -> None:
        self.stream.write("\n]\n" if self.count else "[]\n")


def record_json(record: dict[str, Any]) -> str:
    """One record as JSON (also the per-trip file data/reizen/<id>.json, without final newline)."""
    return json.dumps(record, ensure_ascii=False, indent=1)


# ----------------------------------------------------------------------------
# CSV
# ----------------------------------------------------------------------------


def csv_columns() -> list[str]:
    """The CSV header: computed columns, then every schema field flattened, then the sections."""
    columns = ["id", "url"]
    for name, info in FrontMatter.model_fields.items():
        sub = submodel(info.annotation)
        if name == "actions":  # one count per status: an action's texts do not fit a cell
            columns += ACTION_COLUMNS
            continue
        columns += [f"{name}_{field}" for field in sub.model_fields] if sub else [name]
        if name == "published":
            columns.append("published_late")
        if name == "paid_by":
            columns.append("paid_by_others")
        if name == "destinations":
            columns.append("destinations_country_name")
        if name == "costs":
            columns += ["costs_total_eur", "costs_eur_rate", "costs_eur_rate_date", "costs_eur_rates"]
    columns += ["days", "delegation_size", "status", "overdue", "report_due"]
    columns += ["emissions_distance_km", "emissions_co2_kg", "emissions_method", "emissions_short_flight"]
    return columns + [f"section_{key}" for key in SECTIONS]


def to_csv(records: list[dict[str, Any]]) -> str:
    """reports.csv: one row per report, lists joined with '; ', formula-like cells neutralised."""
    stream = io.StringIO()
    writer = CsvWriter(stream)
    for record in sorted(records, key=lambda r: r["id"]):
        writer.add(record)
    return stream.getvalue()


class CsvWriter:
    """reports.csv row by row: the header, then one flattened, formula-safe row per record.

    excel=True writes the variant for Dutch spreadsheets: `;` between cells and a decimal comma
    (the stream should be opened with encoding "utf-8-sig", so the file starts with a BOM).
    """

    def __init__(self, stream: TextIO, excel: bool = False):
        self.writer = csv.writer(stream, delimiter=";" if excel else ",", lineterminator="\r\n")
        self.columns, self.decimal = csv_columns(), "," if excel else "."
        self.writer.writerow(self.columns)

    def add(self, record: dict[str, Any]) -> None:
        flat = _flatten(record)
        self.writer.writerow(
            [_safe_cell(flat.get(column), column.startswith("section_"), self.decimal) for column in self.columns]
        )


class TravellerWriter:
    """travellers.csv: one row per traveller of a trip, so no list has to be split (see TRAVELLER_COLUMNS)."""

    def __init__(self, stream: TextIO, excel: bool = False):
        self.writer = csv.writer(stream, delimiter=";" if excel else ",", lineterminator="\r\n")
        self.writer.writerow(TRAVELLER_COLUMNS)

    def add(self, record: dict[str, Any]) -> None:
        for position, traveller in enumerate(record["travellers"], start=1):
            values = {"trip_id": record["id"], "position": position, "name_withheld": traveller["name"] is None}
            row = (values | traveller).get
            self.writer.writerow([_safe_cell(row(column)) for column in TRAVELLER_COLUMNS])


TRAVELLER_COLUMNS = ["trip_id", "position", *Traveller.model_fields, "name_withheld"]


def _flatten(record: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if key == "actions":
            flat.update(_action_counts(value))
        elif key == "sections":
            flat.update({f"section_{k}": v for k, v in value.items()})
        elif isinstance(value, dict):
            flat.update({f"{key}_{k}": _rates_cell(v) if isinstance(v, dict) else v for k, v in value.items()})
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for field in value[0]:
                parts = [item.get(field) for item in value]
                # One position per item, aligned across columns: a withheld name is an empty position,
                # also when every name is withheld (two travellers: "; " against "wethouder; adviseur").
                flat[f"{key}_{field}"] = CSV_SEPARATOR.join("" if p is None else str(p) for p in parts)
        elif isinstance(value, list):
            flat[key] = CSV_SEPARATOR.join(str(item) for item in value)
        else:
            flat[key] = value
    return flat


# costs.eur_rates in one cell: "CHF 1.0874; USD 1.1215".
def _rates_cell(rates: dict[str, float]) -> str:
    return CSV_SEPARATOR.join(f"{code} {rate!r}" for code, rate in rates.items())


ACTION_COLUMNS = [*(f"actions_{status}" for status in ACTION_STATUSES), "actions_overdue"]


def _action_counts(actions: list[dict[str, Any]]) -> dict[str, int]:
    counts = {f"actions_{status}": sum(a["status"] == status for a in actions) for status in ACTION_STATUSES}
    return counts | {"actions_overdue": sum(a["overdue"] for a in actions)}


def _safe_cell(value: Any, markdown: bool = False, decimal: str = ".") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):  # amounts with two decimals, rates with all of theirs
        text = f"{value:.2f}" if abs(value - round(value, 2)) < 1e-9 else repr(value)
        return text.replace(".", decimal)
    return spreadsheet_safe(str(value), markdown)


# A spreadsheet runs a cell starting with = + - @ as a formula, also past leading spaces, quotes
# and invisible characters, and in fullwidth forms (＝＋－＠). Dutch Excel splits a .csv on `;`
# and ignores the quotes written for `,`, so every part after a `,`, `;` or line break counts as
# a cell start. There a `'` makes plain text inert; Markdown is escaped in its own syntax (`\-`,
# and `*` for a `-`/`+` list marker), so it still means the same.
def spreadsheet_safe(text: str, markdown: bool = False) -> str:
    """Text that no spreadsheet reads as a formula, however it splits the line into cells."""
    if not _formula_pattern().search(text):
        return text  # the common case, found by one regular expression instead of a loop per character
    result = []
    part_start = line_start = True
    for index, char in enumerate(text):
        if char in _PART_BREAKS:
            part_start, line_start = True, char in "\n\r"
        elif part_start and (char.isspace() or char == '"' or unicodedata.category(char) == "Cf"):
            pass  # skipped by a spreadsheet looking for a formula
        elif part_start:
            if unicodedata.normalize("NFKC", char)[:1] in FORMULA_START:
                char = _defused(char, text[index + 1 : index + 2], markdown, line_start)
            part_start = line_start = False
        result.append(char)
    return "".join(result)


# Exactly what the loop above acts on: a part start, skippable characters, a formula character.
@functools.cache
def _formula_pattern() -> re.Pattern:
    characters = [chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF]
    skipped = "".join(c for c in characters if unicodedata.category(c) == "Cf")
    formula = "".join(c for c in characters if unicodedata.normalize("NFKC", c)[:1] in FORMULA_START)
    return re.compile(f'(?:^|[{re.escape(_PART_BREAKS)}])[\\s"{re.escape(skipped)}]*[{re.escape(formula)}]')


def _defused(char: str, following: str, markdown: bool, line_start: bool) -> str:
    if markdown and line_start and char in "-+" and following == " ":
        return "*"  # the same bullet list in Markdown
    if markdown and char in FORMULA_START:
        return "\\" + char  # a Markdown escape: shown as the character itself
    return "'" + char


# ----------------------------------------------------------------------------
# JSON Schema
# ----------------------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a report's front matter, generated from the models."""
    schema = FrontMatter.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"reisregister-report-{SCHEMA_VERSION}.schema.json",
        "version": SCHEMA_VERSION,
        **schema,
    }


def schema_text() -> str:
    """schema.json as written to the site and committed under schema/."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


# ----------------------------------------------------------------------------
# Frictionless data package
# ----------------------------------------------------------------------------

_CSV_TYPES = {
    "start_date": "date",
    "end_date": "date",
    "report_due": "date",
    "costs_eur_rate_date": "date",
    "emissions_distance_km": "number",
    "emissions_co2_kg": "number",
    "emissions_short_flight": "boolean",
    "days": "integer",
    "delegation_size": "integer",
    "overdue": "boolean",
    "published": "date",
    "published_late": "boolean",
    "paid_by_others": "boolean",
    "train_hours": "number",
    **dict.fromkeys(ACTION_COLUMNS, "integer"),
}


def csv_descriptions() -> dict[str, str]:
    """A description for every CSV column, taken from the models where the column comes from one."""
    descriptions = dict(COMPUTED_COLUMNS)
    for name, info in FrontMatter.model_fields.items():
        sub = submodel(info.annotation)
        if name == "actions":
            continue  # COMPUTED_COLUMNS
        if sub and name != "costs":
            # A list in one cell; travellers.csv has one row per traveller instead.
            where = "; per reiziger één regel in travellers.csv" if name == "travellers" else ""
            for field, sub_info in sub.model_fields.items():
                descriptions[f"{name}_{field}"] = f"{sub_info.description} (bij meerdere: gescheiden door '; '{where})"
        elif sub:
            descriptions.update(
                {f"{name}_{field}": sub_info.description for field, sub_info in sub.model_fields.items()}
            )
        else:
            descriptions[name] = info.description + (" (gescheiden door '; ')" if name == "tags" else "")
    descriptions.update(
        {f"section_{key}": f"Tekst van de sectie '{heading}' (Markdown)" for key, heading in SECTIONS.items()}
    )
    return descriptions


COMPUTED_COLUMNS = {
    "id": "Vaste sleutel van de reis: begindatum en plaats, bijvoorbeeld 2015-09-14-marseille.",
    "url": "Adres van de reispagina: volledig als de site een publiek adres heeft (site_url), anders relatief aan de site.",
    "destinations_country_name": "Nederlandse naam van het land van elke bestemming.",
    "days": "Aantal reisdagen, begin- en einddag meegeteld.",
    "delegation_size": "Aantal personen in het reisgezelschap, externe deelnemers meegeteld.",
    "status": "gepland, verslag volgt of gepubliceerd, op de peildatum van de site.",
    "overdue": "true als het verslag later is dan de termijn na terugkomst.",
    "report_due": "Uiterste datum voor het verslag, als het nog niet is gepubliceerd.",
    "costs_total_eur": "Totaal in euro: bij een andere valuta omgerekend met de ECB-referentiekoers van de begindatum; "
    "bij onderdelen in verschillende valuta (costs_total leeg) de som van de omgerekende onderdelen.",
    "costs_eur_rate": "Gebruikte ECB-koers: eenheden van de valuta per euro (leeg bij euro).",
    "costs_eur_rate_date": "Datum van die koers: de begindatum of de laatste werkdag ervoor; na de laatst bekende koers die koers.",
    "costs_eur_rates": "Alle gebruikte ECB-koersen van de reis, per valuta: 'CHF 1.0874; USD 1.1215' (leeg als alles in euro is). "
    "Meer dan één als onderdelen een eigen valuta hebben.",
    "emissions_distance_km": "Afstand per reiziger in km: rechte lijnen van de thuisstad langs de bestemmingen en terug.",
    "emissions_co2_kg": "Geschatte CO₂-uitstoot van alle reizigers samen in kg (leeg als er geen schatting is).",
    "emissions_method": "Hoe de schatting is gemaakt, of waarom er geen is.",
    "published_late": "true als het verslag later is gepubliceerd dan de termijn na terugkomst (leeg als niet bekend).",
    "actions_open": "Aantal vervolgacties met status open.",
    "actions_afgerond": "Aantal afgeronde vervolgacties.",
    "actions_vervallen": "Aantal vervallen vervolgacties.",
    "actions_overdue": "Aantal open vervolgacties waarvan de uiterste datum is verstreken.",
    "emissions_short_flight": "true als een deel korter dan 700 km werd gevlogen, waar de trein een alternatief was.",
    "paid_by_others": "true als (ook) een ander dan de organisatie van het register betaalde: `paid_by` is een "
    "andere naam; false als de organisatie zelf betaalde; leeg als niet is opgegeven wie betaalde.",
}

TRAVELLER_DESCRIPTIONS = {
    "trip_id": "Id van de reis: de sleutel `id` in reports.csv en reports.json.",
    "position": "Plaats van de reiziger in het verslag: 1, 2, 3…",
    **{name: info.description for name, info in Traveller.model_fields.items()},
    "name": "Naam van de reiziger; leeg als de naam niet openbaar is (zie `name_withheld`).",
    "name_withheld": "true als de naam niet openbaar is (ambtenaren), anders false.",
}

# The values of each vocabulary, with their meaning. Every value is exported as it is written in
# the report files (`costs.status: final`), so a file and its record use the same words and no
# published report has to change; this one table, on the Open data page, says what each means.
VOCABULARIES: dict[str, dict[str, str]] = {
    "status": {
        PLANNED: "De reis moet nog beginnen.",
        PENDING: "De reis is voorbij; het verslag volgt nog.",
        PUBLISHED: "Het verslag is gepubliceerd.",
    },
    "costs_status": {"final": "definitief", "provisional": "voorlopig: de kosten kunnen nog veranderen"},
    "actions.status": {
        "open": "De actie loopt nog.",
        "afgerond": "De actie is uitgevoerd.",
        "vervallen": "De actie gaat niet meer door.",
    },
    "transport": {mode: mode for mode in TRANSPORT_MODES},
    "true / false": {"true": "ja", "false": "nee (leeg: niet bekend)"},
}


def vocabulary_values() -> dict[str, tuple[str, ...]]:
    """The values the models and the status allow, per vocabulary (for the drift test)."""
    return {
        "status": STATUSES,
        "costs_status": get_args(Costs.model_fields["status"].annotation),
        "actions.status": ACTION_STATUSES,
        "transport": TRANSPORT_MODES,
    }


def datapackage_text() -> str:
    """datapackage.json (Frictionless Data Package) describing the CSV and JSON files."""
    descriptions = csv_descriptions()
    fields = [
        {"name": column, "type": csv_type(column), "description": descriptions[column]} for column in csv_columns()
    ]
    excel_fields = [field | {"decimalChar": ","} if field["type"] == "number" else field for field in fields]
    traveller_fields = [
        {"name": column, "type": TRAVELLER_TYPES.get(column, "string"), "description": TRAVELLER_DESCRIPTIONS[column]}
        for column in TRAVELLER_COLUMNS
    ]
    travellers_schema = {
        "fields": traveller_fields,
        "primaryKey": ["trip_id", "position"],
        "foreignKeys": [{"fields": ["trip_id"], "reference": {"resource": "reports", "fields": ["id"]}}],
    }
    package = {
        "profile": "data-package",  # not tabular-data-package: it also lists the JSON files
        "name": "reisregister",
        "title": "Reisregister: verslagen van dienstreizen",
        "version": SCHEMA_VERSION,
        "licenses": [{"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"}],
        "resources": [
            {
                "name": "reports",
                "path": "reports.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": ["id"]},
            },
            _excel_resource("reports-excel", "reports-excel.csv", {"fields": excel_fields, "primaryKey": ["id"]}),
            {
                "name": "travellers",
                "path": "travellers.csv",
                "description": "Eén regel per reiziger per reis.",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": travellers_schema,
            },
            _excel_resource("travellers-excel", "travellers-excel.csv", travellers_schema),
            {
                "name": "reports-json",
                "path": "reports.json",
                "type": "json",  # read as JSON, not as a table: records nest lists and objects
                "profile": "data-resource",
                "format": "json",
                "mediatype": "application/json",
            },
            {
                "name": "report-schema",
                "path": "schema.json",
                "type": "json",
                "profile": "data-resource",
                "format": "json",
                "mediatype": "application/schema+json",
            },
        ],
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


TRAVELLER_TYPES = {"position": "integer", "name_withheld": "boolean"}


# The same table for Dutch spreadsheets: `;`, a decimal comma and a BOM (Excel then reads UTF-8).
def _excel_resource(name: str, path: str, schema: dict) -> dict:
    return {
        "name": name,
        "path": path,
        "description": "Dezelfde tabel voor Nederlandse spreadsheets: puntkomma's, decimale komma, UTF-8 met BOM.",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "dialect": {"delimiter": ";"},
        "schema": schema,
    }


def csv_type(column: str) -> str:
    """The Table Schema type of a reports.csv column: string, date, number, integer or boolean."""
    if column in _CSV_TYPES:
        return _CSV_TYPES[column]
    text = ("costs_currency", "costs_status", "costs_eur_rate_date", "costs_eur_rates")
    if column.startswith("costs_") and column not in text and not column.endswith("_currency"):
        return "number"
    return "string"
