"""One schema source: the committed schema, CSV columns, data package and docs follow the models."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from reisregister.cli.main import main
from reisregister.core import model
from reisregister.intake.checks import check_paths
from reisregister.opendata.export import (
    FORMULA_START,
    csv_columns,
    csv_descriptions,
    datapackage_text,
    schema_text,
    spreadsheet_safe,
    to_csv,
    to_record,
)
from reisregister.site.html import render_markdown

MODELS = (
    model.FrontMatter,
    model.Destination,
    model.Traveller,
    model.ExternalParticipant,
    model.Costs,
    model.Correction,
    model.Action,
)


def test_committed_schema_matches_the_models():
    committed = (ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: reisregister export --format schema --out schema/report.schema.json"


def test_every_field_has_a_dutch_description():
    for cls in MODELS:
        assert cls.__doc__
        for name, info in cls.model_fields.items():
            assert info.description and len(info.description) > 10, f"{cls.__name__}.{name}"


def test_schema_refuses_unknown_keys_and_lists_required_fields():
    schema = json.loads(schema_text())
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"title", "start_date", "end_date", "destinations", "travellers", "summary"}
    assert schema["properties"]["summary"]["maxLength"] == 300


def test_every_csv_column_is_described_in_the_data_package():
    package = json.loads(datapackage_text())
    fields = package["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields] == csv_columns()
    assert all(f["description"] for f in fields)
    assert set(csv_descriptions()) == set(csv_columns())


def test_every_schema_field_reaches_the_csv():
    columns = "|".join(csv_columns())
    for name in model.FrontMatter.model_fields:
        assert name in columns


def test_open_data_page_lists_every_field():
    from reisregister.site.blocks import data_dictionary

    html = data_dictionary()
    for name in [*model.FrontMatter.model_fields, *csv_columns()]:
        assert re.search(f'<td data-label="(Veld|Kolom)"[^>]*>(<code>)?{name}(</code>)?</td>', html), name


def test_csv_neutralises_formulas(report_tree: Path):
    reports, _ = check_paths([report_tree])
    record = to_record(reports[0], date(2026, 1, 1), 30)
    record["title"] = "=cmd|' /C calc'!A0"
    record["summary"] = "@SUM(A1)"
    row = next(csv.DictReader(io.StringIO(to_csv([record]))))
    assert row["title"] == "'=cmd|' /C calc'!A0"
    assert row["summary"] == "'@SUM(A1)"
    assert row["costs_total"] == "639.70"


def test_cli_export_json_and_csv(report_tree: Path, tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("REPORTS_DIR", str(report_tree))
    assert main(["export", "--format", "json", "--out", str(tmp_path / "r.json")]) == 0
    records = json.loads((tmp_path / "r.json").read_text())
    assert records[0]["id"] == "2015-09-14-marseille" and records[0]["travellers"][0]["name"] is None
    assert main(["export", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("id,url,title,")


def test_cli_export_refuses_invalid_reports(report_tree: Path, monkeypatch, capsys):
    bad = report_tree / "2015" / "2015-09-14-marseille.md"
    bad.write_text(bad.read_text().replace("country: FR", "country: XX"))
    monkeypatch.setenv("REPORTS_DIR", str(report_tree))
    assert main(["export", "--format", "json"]) == 1
    assert "Bestemming 1, Land (destinations[0].country): 'XX' is geen landcode volgens ISO 3166-1 alpha-2" in (
        capsys.readouterr().err
    )


# ----------------------------------------------------------------------------
# Spreadsheets: no formula in any cell, however a spreadsheet splits the line
# ----------------------------------------------------------------------------

TRICKY = "=+-@＝＋－＠,; \t\n\r\"'\u00a0\u200b\u2060aZ09(|!"


def formula_parts(text: str) -> list[str]:
    """Parts of CSV text that a spreadsheet could read as a formula: split on `,`, `;` and line breaks."""
    found = []
    for part in re.split(r"[,;\r\n]", text):
        kept = "".join(c for c in part if unicodedata.category(c) not in ("Cf", "Zs", "Cc") and c != '"')
        if unicodedata.normalize("NFKC", kept).startswith(tuple(FORMULA_START)):
            found.append(part)
    return found


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=40), st.booleans())
def test_no_part_of_a_cell_starts_a_formula(text: str, markdown: bool):
    safe = spreadsheet_safe(text, markdown)
    assert formula_parts(safe) == []
    for separator in (",", ";"):  # and as whole CSV lines, read back by a real CSV reader
        stream = io.StringIO()
        csv.writer(stream, delimiter=separator).writerow(["id", safe])
        assert formula_parts(stream.getvalue()) == []
        assert next(csv.reader(io.StringIO(stream.getvalue()), delimiter=separator)) == ["id", safe]


@pytest.mark.parametrize(
    "text",
    ["Verslag dienstreis naar Parijs, Frankrijk", "Kosten 5; daarna 6", "jan@example.org", "Den Haag – Brussel"],
)
def test_ordinary_text_is_left_alone(text: str):
    assert spreadsheet_safe(text) == text == spreadsheet_safe(text, markdown=True)


def test_markdown_is_defused_in_its_own_syntax():
    section = "- eerste punt\n- tweede, -20% korting\n\n=som; @jan\n\n+ derde"
    safe = spreadsheet_safe(section, markdown=True)
    assert safe == "* eerste punt\n* tweede, \\-20% korting\n\n\\=som; \\@jan\n\n* derde"
    assert render_markdown(safe) == render_markdown(section)  # the same page


def test_hostile_plain_text_gets_a_quote():
    assert spreadsheet_safe("Reis;=1+1;@SUM(9+9)") == "Reis;'=1+1;'@SUM(9+9)"
    assert spreadsheet_safe(" =2+2") == " '=2+2"
    assert spreadsheet_safe("\u00a0＝1") == "\u00a0'＝1"


def test_data_package_is_valid_for_frictionless(built_site: Path):
    from frictionless import Package, validate

    descriptor = built_site / "data" / "datapackage.json"
    report = validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = Package(str(descriptor))
    assert [resource.name for resource in package.resources] == [
        "reports",
        "reports-excel",
        "travellers",
        "travellers-excel",
        "reports-json",
        "report-schema",
    ]
    records = json.loads((built_site / "data" / "reports.json").read_text())
    for name in ("reports", "reports-excel"):
        rows = package.get_resource(name).read_rows()
        assert len(rows) == len(records)
    excel = {row["id"]: row.to_dict() for row in package.get_resource("reports-excel").read_rows()}
    plain = {row["id"]: row.to_dict() for row in package.get_resource("reports").read_rows()}
    assert excel == plain  # the same table: a decimal comma and ';' change nothing once read
    travellers = package.get_resource("travellers").read_rows()
    assert len(travellers) == sum(len(r["travellers"]) for r in records)


def test_actions_are_records_in_json_and_counts_in_csv():
    report, problems = check_paths([ROOT / "tests" / "cases" / "valid" / "2015-09-14-actions.md"])
    assert problems == []
    record = to_record(report[0], date(2016, 7, 1), 30, published=date(2015, 10, 20))
    assert [(a["status"], a["overdue"]) for a in record["actions"]] == [
        ("afgerond", False),
        ("open", True),  # due 2016-06-01
        ("vervallen", False),
    ]
    assert record["expected_results"] == "Afspraak over een gezamenlijke EU-aanvraag."
    assert (record["published"], record["published_late"]) == ("2015-10-20", True)  # due 30 days after 2015-09-15
    row = next(csv.DictReader(io.StringIO(to_csv([record]))))
    counts = [row[f"actions_{kind}"] for kind in ("open", "afgerond", "vervallen", "overdue")]
    assert counts == ["1", "1", "1", "1"]
    assert (row["published"], row["published_late"]) == ("2015-10-20", "true")
    assert not any(column.startswith("actions_action") for column in row)


def test_an_unpublished_report_has_no_publication_date():
    report, _ = check_paths([ROOT / "tests" / "cases" / "valid" / "2015-09-14-planned.md"])
    record = to_record(report[0], date(2015, 1, 1), 30, published=date(2015, 1, 1))
    assert (record["status"], record["published"], record["published_late"]) == ("gepland", None, None)
