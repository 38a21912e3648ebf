"""Open data a journalist can use at once: spreadsheet files, travellers, vocabularies, payers, plain types."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from conftest import CASES

from reisregister.core import model
from reisregister.core.rules import body_names, paid_by_others
from reisregister.intake.checks import check_file
from reisregister.opendata.export import (
    TRAVELLER_COLUMNS,
    TRAVELLER_DESCRIPTIONS,
    VOCABULARIES,
    CsvWriter,
    TravellerWriter,
    csv_columns,
    to_record,
    vocabulary_values,
)
from reisregister.site.blocks import data_dictionary


def _record(name: str, **body) -> dict:
    report, problems = check_file(CASES / "valid" / name)
    assert not problems
    return to_record(report, date(2026, 1, 1), 30, **body)


def _write(writer_class, records: list[dict], excel: bool) -> str:
    stream = io.StringIO()
    writer = writer_class(stream, excel=excel)
    for record in records:
        writer.add(record)
    return stream.getvalue()


# ----------------------------------------------------------------------------
# The spreadsheet file
# ----------------------------------------------------------------------------


def test_excel_file_has_a_bom_semicolons_and_decimal_commas(built_site: Path):
    raw = (built_site / "data" / "reports-excel.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid;url;title;")
    assert not (built_site / "data" / "reports.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";")}
    assert rows["2015-09-14-full"]["costs_total"] == "639,70"
    assert re.fullmatch(r"\d+,\d+", rows["2015-09-14-yen"]["costs_eur_rate"])  # yen per euro
    assert rows["2015-09-14-full"]["start_date"] == "2015-09-14"


def test_excel_file_keeps_the_formula_protection():
    record = _record("2015-09-14-full.md")
    record |= {"title": "=cmd|' /C calc'!A0", "summary": "Reis;@SUM(A1)", "paid_by": "-2+3"}
    row = next(csv.DictReader(io.StringIO(_write(CsvWriter, [record], excel=True)), delimiter=";"))
    assert (row["title"], row["summary"], row["paid_by"]) == ("'=cmd|' /C calc'!A0", "Reis;'@SUM(A1)", "'-2+3")
    assert row["costs_total"] == "639,70"


# ----------------------------------------------------------------------------
# travellers.csv
# ----------------------------------------------------------------------------


def test_travellers_file_has_a_row_per_traveller_even_when_every_name_is_withheld():
    record = _record("2015-09-14-paid-by-others.md")
    rows = list(csv.DictReader(io.StringIO(_write(TravellerWriter, [record], excel=False))))
    assert [(r["position"], r["name"], r["name_withheld"], r["role"]) for r in rows] == [
        ("1", "", "true", "beleidsadviseur"),
        ("2", "", "true", "projectleider"),
    ]
    assert {r["trip_id"] for r in rows} == {"2015-09-14-paid-by-others"}


def test_a_semicolon_or_formula_in_a_name_survives_in_travellers_csv():
    record = _record("2015-09-14-withheld-and-named.md")
    record["travellers"] = [
        {"name": "Jansen; J.", "role": "wethouder", "organisation": "Gemeente Den Haag"},
        {"name": None, "role": "adviseur", "organisation": "Gemeente Den Haag"},
        {"name": "=HYPERLINK(1)", "role": "adviseur", "organisation": "Gemeente Den Haag"},
    ]
    for excel in (False, True):
        text = _write(TravellerWriter, [record], excel=excel)
        rows = list(csv.DictReader(io.StringIO(text), delimiter=";" if excel else ","))
        names = [(r["name"], r["name_withheld"]) for r in rows]
        assert names == [("Jansen; J.", "false"), ("", "true"), ("'=HYPERLINK(1)", "false")]


def test_every_traveller_column_is_described_and_follows_the_model():
    assert set(model.Traveller.model_fields) < set(TRAVELLER_COLUMNS)
    assert set(TRAVELLER_DESCRIPTIONS) == set(TRAVELLER_COLUMNS)


# ----------------------------------------------------------------------------
# Vocabularies and payers
# ----------------------------------------------------------------------------


def test_every_vocabulary_value_is_documented_and_no_other():
    for field, values in vocabulary_values().items():
        assert tuple(VOCABULARIES[field]) == tuple(values), field


def test_the_body_is_the_setting_or_the_organisation_of_most_travellers():
    reports = [check_file(CASES / "valid" / name)[0] for name in ("2015-09-14-full.md", "2015-09-14-yen.md")]
    assert body_names(None, reports) == ("Gemeente Den Haag",)
    assert body_names("Gemeente 's-Gravenhage", reports) == ("Gemeente 's-Gravenhage",)
    assert body_names(["A", "B"], reports) == ("A", "B")


def test_paid_by_others_is_derived_from_the_payer():
    body = ("Gemeente Den Haag",)
    assert paid_by_others("Europese Commissie", body) is True
    assert paid_by_others("gemeente den haag", body) is False
    assert paid_by_others(None, body) is None
    assert _record("2015-09-14-paid-by-others.md", body=body)["paid_by_others"] is True
    assert _record("2015-09-14-yen.md", body=body)["paid_by_others"] is False
    assert "paid_by_others" in csv_columns()


def test_paid_by_others_reaches_json_and_csv(built_site: Path):
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO((built_site / "data" / "reports.csv").read_text()))}
    assert rows["2015-09-14-paid-by-others"]["paid_by_others"] == "true"
    assert rows["2015-09-14-yen"]["paid_by_others"] == "false"
    assert rows["2015-09-14-no-costs"]["paid_by_others"] in ("", "false", "true")


# ----------------------------------------------------------------------------
# The Open data page
# ----------------------------------------------------------------------------


def test_open_data_page_speaks_plain_dutch_types_and_shows_code():
    html = data_dictionary()
    for python in ("str", "float", "int", "None", "Optional", "Annotated", "list[", "Costs", "date"):
        assert not re.search(rf'data-label="Soort"[^>]*>[^<]*\b{re.escape(python)}', html), python
    assert "`" not in html
    assert "<code>Gemeente Den Haag</code>" in html and "<code>costs.total</code>" in html
    for words in ("tekst", "datum", "bedrag", "lijst van reizigers", "landcode", "keuze uit final, provisional"):
        assert f">{words}</td>" in html, words
    assert "Kolommen van travellers.csv" in html and "<code>name_withheld</code>" in html
    assert "<code>provisional</code>" in html and "voorlopig" in html
