"""The importer for old free-format reports: inference, verbatim text, files and the CLI."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import docx
import pytest

from reisregister.cli.importer import (
    MISSING_SECTION_TEXT,
    NOT_STATED,
    convert_legacy,
    import_file,
    read_legacy_text,
    read_person,
)
from reisregister.cli.main import main
from reisregister.core.report import SECTIONS
from reisregister.intake.checks import check_file
from reisregister.opendata import export

SEED = Path(__file__).parent / "legacy" / "verslag-dienstreis-marseille-2015.md"

BODY = """
## Doel van de reis

Kennismaken met het cluster. Een tweede zin.

## Duur en periode

Twee dagen.

## Hoeveel personen

Eén ambtenaar.

## Wat heeft het opgeleverd

Nieuwe contacten.

## Vervolgafspraken

Een tweede bezoek.
"""


def report(title: str, body: str = BODY) -> str:
    """An old report: a title line and a body."""
    return f"{title}\n{body}"


def seed_sections() -> dict[str, str]:
    """The seed's five sections, split by hand: text between the `###` headings."""
    parts = re.split(r"^### .*$", SEED.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]
    return dict(zip(SECTIONS, (part.strip("\n") for part in parts), strict=True))


def sentences(text: str) -> list[str]:
    """The sentences of a text, roughly: enough to check that none is lost."""
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


# ----------------------------------------------------------------------------
# Title, dates and places
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "places", "start", "end"),
    [
        ("Verslag dienstreis naar Marseille, 14-9-2015/ 15-9-2015", "Marseille", "2015-09-14", "2015-09-15"),
        ("Verslag dienstreis naar Parijs, 14-09-2015 / 15-09-2015", "Parijs", "2015-09-14", "2015-09-15"),
        ("Verslag dienstreis naar Brussel, 20-3-2014 tot en met 21-3-2014", "Brussel", "2014-03-20", "2014-03-21"),
        ("Verslag dienstreis naar Keulen, 6 t/m 9 januari 2014", "Keulen", "2014-01-06", "2014-01-09"),
        ("Verslag dienstreis naar Londen, 6 januari t/m 9 februari 2014", "Londen", "2014-01-06", "2014-02-09"),
        ("Verslag dienstreis naar Gent, 12 april 2016", "Gent", "2016-04-12", "2016-04-12"),
        ("Verslag dienstreis naar Lyon, 14 en 15 september 2015", "Lyon", "2015-09-14", "2015-09-15"),
        ("Verslag dienstreis naar Wenen, 3 MRT 2017", "Wenen", "2017-03-03", "2017-03-03"),
        ("verslag dienstreis naar Berlijn, 2 t/m 4 okt. 2018", "Berlijn", "2018-10-02", "2018-10-04"),
        ("Verslag dienstreis naar Praag, 1 tot 3 Sept 2015", "Praag", "2015-09-01", "2015-09-03"),
        ("Verslag dienstreis naar Kopenhagen, 12-14 jun 2019", "Kopenhagen", "2019-06-12", "2019-06-14"),
        ("Verslag dienstreis naar Madrid op maandag 3 t/m woensdag 5 dec 2012", "Madrid", "2012-12-03", "2012-12-05"),
        ("Verslag dienstreis naar Oslo, 30 december t/m 2 januari 2019", "Oslo", "2018-12-30", "2019-01-02"),
        ("Verslag dienstreis naar Lille, 2015-03-04 - 2015-03-06", "Lille", "2015-03-04", "2015-03-06"),
        ("Verslag dienstreis Antwerpen 5-6-2013", "Antwerpen", "2013-06-05", "2013-06-05"),
        ("Verslag van de dienstreis naar Bonn (7 en 8 nov 2016)", "Bonn", "2016-11-07", "2016-11-08"),
        (
            "Verslag dienstreis naar Marseille en Aix-en-Provence, 14 en 15 september 2015",
            "Marseille en Aix-en-Provence",
            "2015-09-14",
            "2015-09-15",
        ),
    ],
)
def test_title_gives_places_and_dates(title: str, places: str, start: str, end: str) -> None:
    front = convert_legacy(report(title)).front
    assert front["title"] == f"Verslag dienstreis naar {places}"
    assert (front["start_date"], front["end_date"]) == (date.fromisoformat(start), date.fromisoformat(end))


@pytest.mark.parametrize(
    "title",
    [
        "Verslag dienstreis naar Parijs, 12 april 2016",
        "# Verslag dienstreis naar Parijs, 12 april 2016",
        "## **Verslag dienstreis naar Parijs, 12 april 2016**",
        "**Verslag dienstreis naar Parijs, 12 april 2016**",
        "VERSLAG DIENSTREIS NAAR Parijs, 12 APRIL 2016",
        "\ufeffVerslag dienstreis naar Parijs, 12 april 2016:",
    ],
)
def test_title_in_any_style(title: str) -> None:
    conversion = convert_legacy(report(title))
    assert conversion.front["title"] == "Verslag dienstreis naar Parijs"
    assert conversion.front["start_date"] == date(2016, 4, 12)
    assert all(heading != "Verslag dienstreis naar Parijs" for heading, _ in conversion.extra)


def test_several_places_become_several_destinations() -> None:
    front = convert_legacy(report("Verslag dienstreis naar Marseille en Aix-en-Provence, 14-9-2015")).front
    assert front["destinations"] == [
        {"city": "Marseille", "country": "FR"},
        {"city": "Aix-en-Provence", "country": "FR"},
    ]


@pytest.mark.parametrize(
    ("city", "country"),
    [
        ("Parijs", "FR"),
        ("Marseille", "FR"),
        ("Brussel", "BE"),
        ("Keulen", "DE"),
        ("Londen", "GB"),
        ("München", "DE"),
        ("Valencia", "ES"),
        ("Boston", "US"),
    ],
)
def test_country_from_city(city: str, country: str) -> None:
    front = convert_legacy(report(f"Verslag dienstreis naar {city}, 12 april 2016")).front
    assert front["destinations"] == [{"city": city, "country": country}]


def test_country_written_in_the_title_wins() -> None:
    front = convert_legacy(report("Verslag dienstreis naar Bergen (België), 12 april 2016")).front
    assert front["destinations"] == [{"city": "Bergen", "country": "BE"}]


def test_country_after_unknown_place() -> None:
    front = convert_legacy(report("Verslag dienstreis naar Kleindorp, Frankrijk, 12 april 2016")).front
    assert front["destinations"] == [{"city": "Kleindorp", "country": "FR"}]


def test_country_alone_is_kept_as_place_with_a_placeholder() -> None:
    conversion = convert_legacy(report("Verslag dienstreis naar Denemarken, 12 april 2016"))
    assert conversion.front["destinations"] == [{"city": "Denemarken", "country": "DK"}]
    assert "destinations[0].city" in [p.field for p in conversion.placeholders]


def test_unknown_country_is_unresolved() -> None:
    conversion = convert_legacy(report("Verslag dienstreis naar Xyzzyville, 12 april 2016"))
    assert conversion.front["destinations"] == [{"city": "Xyzzyville"}]
    assert [name for name, _ in conversion.unresolved] == ["destinations[0].country"]


def test_dates_from_the_text_when_the_title_has_none() -> None:
    text = report("Verslag dienstreis naar Parijs", "\nDatum: 12 april 2016\n" + BODY)
    front = convert_legacy(text).front
    assert (front["start_date"], front["end_date"]) == (date(2016, 4, 12), date(2016, 4, 12))


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Verslag dienstreis naar Parijs\n" + BODY, "start_date"),
        ("Verslag dienstreis naar Parijs, 14 september\n" + BODY, "start_date"),
        ("Een reisje\n" + BODY, "title"),
        ("Verslag dienstreis, 12 april 2016\n" + BODY, "destinations"),
    ],
)
def test_missing_title_facts_are_named(text: str, field: str) -> None:
    assert field in [name for name, _ in convert_legacy(text).missing]


# ----------------------------------------------------------------------------
# Headings and sections
# ----------------------------------------------------------------------------

HEADING_STYLES = {
    "atx2": "## {}",
    "atx3": "### {}:",
    "atx1 bold": "# **{}:**",
    "bold": "**{}:**",
    "bold, colon outside": "**{}**:",
    "underscores": "__{}__",
    "caps": "{upper}",
    "caps colon": "{upper}:",
    "bold caps": "**{upper}**",
    "plain colon": "{}:",
}


@pytest.mark.parametrize("style", HEADING_STYLES.values(), ids=HEADING_STYLES.keys())
def test_headings_in_any_style_and_order(style: str) -> None:
    headings = [
        ("follow_up", "Vervolgafspraken"),
        ("purpose", "Doel van de reis en welke periode"),
        ("results", "Wat heeft het opgeleverd voor de gemeente"),
        ("duration", "Duur en periode"),
        ("participants", "Hoeveel personen"),
    ]
    body = "".join(f"\n{style.format(h, upper=h.upper())}\n\nTekst over {key}.\n" for key, h in headings)
    sections = convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016", body)).sections
    assert sections == {key: f"Tekst over {key}." for key, _ in headings}


@pytest.mark.parametrize("label", ["**Hoeveel personen:**", "**Hoeveel personen**:", "Hoeveel personen:"])
def test_label_and_text_on_one_line(label: str) -> None:
    body = BODY.replace("## Hoeveel personen\n\nEén ambtenaar.", f"{label} één ambtenaar en twee gasten")
    sections = convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016", body)).sections
    assert sections["participants"] == "één ambtenaar en twee gasten"


def test_other_headings_are_extra_sections_in_order() -> None:
    body = BODY + "\n## Programma\n\nMaandag: bezoek.\n\n**Kosten:**\n\nDe reis kostte € 450.\n\nOPMERKINGEN\nGeen.\n"
    conversion = convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016", body))
    assert conversion.extra == [
        ("Programma", "Maandag: bezoek."),
        ("Kosten", "De reis kostte € 450."),
        ("OPMERKINGEN", "Geen."),
    ]


def test_text_before_the_first_heading_is_kept() -> None:
    conversion = convert_legacy(
        report("Verslag dienstreis naar Parijs, 12-4-2016", "\nAuteur: beleidsadviseur\n" + BODY)
    )
    assert conversion.extra == [("Inleiding", "Auteur: beleidsadviseur")]


def test_bold_inside_body_text_stays() -> None:
    body = BODY.replace("Nieuwe contacten.", "Nieuwe **belangrijke** contacten.\n\n**Let op: dit was een succes.**")
    sections = convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016", body)).sections
    assert sections["results"] == "Nieuwe **belangrijke** contacten.\n\n**Let op: dit was een succes.**"


def test_missing_section_gets_a_visible_placeholder() -> None:
    body = BODY.replace("## Vervolgafspraken\n\nEen tweede bezoek.\n", "")
    conversion = convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016", body))
    assert conversion.sections["follow_up"] == MISSING_SECTION_TEXT
    assert "sections.follow_up" in [p.field for p in conversion.placeholders]


def test_title_only_gives_front_matter_only() -> None:
    conversion = convert_legacy("Verslag dienstreis naar Parijs, 12-4-2016\n")
    assert conversion.sections is None
    assert conversion.front["summary"] == NOT_STATED


def test_setext_headings() -> None:
    body = "\n".join(f"\n{heading}\n{'-' * len(heading)}\nTekst over {key}." for key, heading in SECTIONS.items())
    text = "Verslag dienstreis naar Parijs, 12-4-2016\n=========================================\n" + body
    conversion = convert_legacy(text)
    assert conversion.sections == {key: f"Tekst over {key}." for key in SECTIONS}
    assert conversion.extra == []


def test_title_below_a_letterhead() -> None:
    text = "**Gemeente Den Haag**\n\nVerslag dienstreis naar Parijs, 12-4-2016\n" + BODY
    conversion = convert_legacy(text)
    assert conversion.front["start_date"] == date(2016, 4, 12)
    assert conversion.extra == [("Gemeente Den Haag", "")]


def test_no_title_after_the_first_section() -> None:
    text = BODY + "\nVerslag dienstreis naar Parijs, 12-4-2016\n"
    assert [name for name, _ in convert_legacy(text).missing] == ["title"]


def test_dates_before_the_place() -> None:
    front = convert_legacy(report("Verslag dienstreis 12 april 2016 naar Parijs")).front
    assert front["title"] == "Verslag dienstreis naar Parijs"
    assert front["destinations"] == [{"city": "Parijs", "country": "FR"}]


def test_bom_and_crlf() -> None:
    text = "\ufeff" + report("Verslag dienstreis naar Parijs, 12-4-2016").replace("\n", "\r\n")
    conversion = convert_legacy(text)
    assert conversion.front["destinations"] == [{"city": "Parijs", "country": "FR"}]
    assert conversion.sections["purpose"] == "Kennismaken met het cluster. Een tweede zin."
    assert not any("\r" in text for text in conversion.sections.values())


# ----------------------------------------------------------------------------
# Placeholders and summary
# ----------------------------------------------------------------------------


def test_travellers_are_placeholders_never_invented() -> None:
    conversion = convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016"))
    assert conversion.front["travellers"] == [{"name": None, "role": NOT_STATED, "organisation": NOT_STATED}]
    assert "external_participants" not in conversion.front
    fields = [p.field for p in conversion.placeholders]
    assert {"travellers[0].name", "travellers[0].role", "travellers[0].organisation"} <= set(fields)


def test_summary_is_the_first_sentence_of_the_purpose() -> None:
    body = BODY.replace("Kennismaken met het cluster.", "Kennismaken met o.a. het **cluster** in [Lyon](https://x.fr).")
    front = convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016", body)).front
    assert front["summary"] == "Kennismaken met o.a. het cluster in Lyon."


def test_long_summary_is_cut_at_300() -> None:
    body = BODY.replace("Kennismaken met het cluster.", "Een heel lang doel " * 40 + ".")
    summary = convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016", body)).front["summary"]
    assert len(summary) <= 300
    assert summary.endswith("…")


# ----------------------------------------------------------------------------
# Costs and who paid
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "total"),
    [
        ("Totale kosten: € 3.563", 3563),
        ("De kosten waren €1.234,56.", 1234.56),
        ("Kosten: EUR 450", 450),
        ("Kosten: 3.563 euro", 3563),
        ("Kosten € 450,- (trein)", 450),
        ("Kosten: 89,95", 89.95),
        ("De kosten bedroegen € 12.345,67 in totaal.", 12345.67),
    ],
)
def test_dutch_amounts(line: str, total: float) -> None:
    front = convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016", BODY + f"\n{line}\n")).front
    assert front["costs"] == {"total": total, "currency": "EUR", "status": "final"}


def test_kosten_section_amount() -> None:
    body = BODY + "\n## Kosten\n\nTrein en hotel samen: € 639,70\n"
    conversion = convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016", body))
    assert conversion.front["costs"]["total"] == 639.70
    assert conversion.extra == [("Kosten", "Trein en hotel samen: € 639,70")]


def test_the_total_wins_over_other_amounts() -> None:
    body = BODY + "\n## Kosten\n\nTrein € 300, hotel en diner € 250\nTotaal € 550\n"
    assert convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016", body)).front["costs"]["total"] == 550


def test_parts_that_do_not_add_up_are_dropped() -> None:
    body = BODY + "\n## Kosten\n\nReis: € 240\nHotel: € 310\nTotaal: € 600\n"
    costs = convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016", body)).front["costs"]
    assert costs == {"total": 600, "currency": "EUR", "status": "final"}


def test_parts_that_add_up_are_kept() -> None:
    body = BODY + "\n## Kosten\n\nVervoer: € 412,50\nHotel: € 189\nTotaal: € 601,50\n"
    costs = convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016", body)).front["costs"]
    assert costs == {"transport": 412.5, "accommodation": 189, "total": 601.5, "currency": "EUR", "status": "final"}


def test_several_unlabelled_amounts_invent_no_total() -> None:
    body = BODY + "\n## Kosten\n\nEerst € 300, later € 250.\n"
    conversion = convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016", body))
    assert "costs" not in conversion.front
    assert "costs" in [p.field for p in conversion.placeholders]


@pytest.mark.parametrize(
    "body_extra",
    ["", "\nDe kosten zijn nog niet bekend.\n", "\nHet project kost € 2 miljoen.\n", "\nIn 2015 kwamen 300 mensen.\n"],
)
def test_no_amount_no_costs(body_extra: str) -> None:
    front = convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016", BODY + body_extra)).front
    assert "costs" not in front


@pytest.mark.parametrize(
    ("sentence", "paid_by"),
    [
        ("De reis is betaald door Gemeente Den Haag.", "Gemeente Den Haag"),
        ("Betaald door: TNO", "TNO"),
        ("De kosten werden **betaald door The Hague Security Delta**.", "The Hague Security Delta"),
        ("Niet door ons maar betaald door de organisatie (EU), zoals afgesproken.", "de organisatie"),
        ("De reis is niet betaald door de gemeente maar betaald door TNO.", "TNO"),
    ],
)
def test_paid_by(sentence: str, paid_by: str) -> None:
    front = convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016", BODY + f"\n{sentence}\n")).front
    assert front["paid_by"] == paid_by


def test_no_paid_by_when_not_stated() -> None:
    assert "paid_by" not in convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016")).front


# ----------------------------------------------------------------------------
# The seed report
# ----------------------------------------------------------------------------


def test_seed_is_inferred() -> None:
    front = convert_legacy(SEED.read_text(encoding="utf-8")).front
    assert front["title"] == "Verslag dienstreis naar Marseille"
    assert (front["start_date"], front["end_date"]) == (date(2015, 9, 14), date(2015, 9, 15))
    assert front["destinations"] == [{"city": "Marseille", "country": "FR"}]
    assert front["summary"].startswith("Bezoek aan Marseille en Aix-en-provence")
    assert "costs" not in front
    assert "paid_by" not in front


def test_seed_imports_to_a_valid_file_with_every_sentence(tmp_path: Path) -> None:
    result = import_file(SEED, tmp_path)
    assert result.problems == []
    assert result.written == tmp_path / "2015" / "2015-09-14-marseille.md"
    written = result.written.read_text(encoding="utf-8")
    for section in seed_sections().values():
        for sentence in sentences(section):
            assert sentence in written


def fill_in(path: Path) -> Path:
    """What staff do after an import: the traveller's role and organisation instead of 'niet vermeld'."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("role: niet vermeld", "role: beleidsadviseur")
    path.write_text(text.replace("organisation: niet vermeld", "organisation: Gemeente Den Haag"), encoding="utf-8")
    return path


def test_seed_export_carries_the_five_sections_verbatim(tmp_path: Path) -> None:
    written = fill_in(import_file(SEED, tmp_path).written)
    report, problems = check_file(written, in_tree=True)
    assert problems == []
    record = export.to_record(report, date(2016, 1, 1), 30)
    assert record["sections"] == seed_sections()


def test_bundled_seed_report_keeps_the_seed_text() -> None:
    bundled = Path(__file__).parent.parent / "reports" / "2015" / "2015-09-14-marseille.md"
    report_, problems = check_file(bundled, in_tree=True)
    assert problems == []
    assert report_.standard_sections == seed_sections()
    assert report_.meta.costs is None
    assert [t.name for t in report_.meta.travellers] == [None]


# ----------------------------------------------------------------------------
# Files
# ----------------------------------------------------------------------------


def write_old(folder: Path, text: str, name: str = "oud.md", encoding: str = "utf-8") -> Path:
    """An old report file in the folder."""
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def test_import_writes_a_valid_file_and_lists_placeholders(tmp_path: Path) -> None:
    source = write_old(tmp_path, report("Verslag dienstreis naar Parijs, 12 april 2016"))
    result = import_file(source, tmp_path / "reports")
    assert result.written == tmp_path / "reports" / "2016" / "2016-04-12-parijs.md"
    assert result.problems == []
    assert any(
        line.endswith("Reiziger 1, Functie (travellers[0].role): niet vermeld — vul de functie van de reiziger in")
        for line in result.messages
    )
    assert any("(travellers[0].name): null" in line for line in result.messages)


def test_bom_crlf_file(tmp_path: Path) -> None:
    text = "\ufeff" + report("Verslag dienstreis naar Brussel, 20-3-2014 tot en met 21-3-2014").replace("\n", "\r\n")
    result = import_file(write_old(tmp_path, text), tmp_path / "out")
    assert result.problems == []
    assert result.written.name == "2014-03-20-brussel.md"


def test_windows_1252_text_file(tmp_path: Path) -> None:
    source = write_old(tmp_path, report("Verslag dienstreis naar Keulen, 12 april 2016", BODY), "oud.txt", "cp1252")
    assert "Eén ambtenaar." in read_legacy_text(source)
    assert import_file(source, tmp_path / "out").problems == []


def test_utf16_text_file(tmp_path: Path) -> None:
    source = write_old(
        tmp_path, "\ufeff" + report("Verslag dienstreis naar Gent, 12 april 2016"), "oud.txt", "utf-16-le"
    )
    assert read_legacy_text(source).startswith("Verslag dienstreis naar Gent")


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    source = write_old(tmp_path, report("Verslag dienstreis naar Parijs, 12 april 2016"))
    first = import_file(source, tmp_path / "out")
    first.written.write_text("door staf aangevuld", encoding="utf-8")
    second = import_file(source, tmp_path / "out")
    assert second.written is None
    assert [p.message for p in second.problems] == ["bestaat al; gebruik --force om te overschrijven"]
    assert first.written.read_text(encoding="utf-8") == "door staf aangevuld"
    forced = import_file(source, tmp_path / "out", force=True)
    assert forced.written == first.written
    assert forced.problems == []


def test_no_date_writes_nothing(tmp_path: Path) -> None:
    source = write_old(tmp_path, report("Verslag dienstreis naar Parijs"))
    result = import_file(source, tmp_path / "out")
    assert result.written is None
    assert [p.field for p in result.problems] == ["start_date"]
    assert not (tmp_path / "out").exists()


def test_unknown_country_is_written_with_a_problem(tmp_path: Path) -> None:
    source = write_old(tmp_path, report("Verslag dienstreis naar Xyzzyville, 12 april 2016"))
    result = import_file(source, tmp_path / "out")
    assert result.written is not None and result.written.exists()
    assert [(p.field, p.message.split(";")[0]) for p in result.problems] == [
        ("destinations[0].country", "het land van 'Xyzzyville' is niet af te leiden")
    ]


def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    result = import_file(tmp_path / "bestaat-niet.md", tmp_path / "out")
    assert result.written is None
    assert result.problems[0].field == "file"
    binary = write_old(tmp_path, "", "oud.doc")
    binary.write_bytes(b"\xd0\xcf\x11\xe0\x00\x00")
    assert "geen tekstbestand" in import_file(binary, tmp_path / "out").problems[0].message


def test_docx_imports_verbatim(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Verslag dienstreis naar Parijs, 6 t/m 9 januari 2014", level=1)
    expected = {}
    for key, heading in SECTIONS.items():
        if key == "results":
            document.add_paragraph().add_run(heading + ":").bold = True
        else:
            document.add_heading(heading, level=2)
        expected[key] = f"Over {key}: een zin met “aanhalingstekens” & één accent."
        document.add_paragraph(expected[key])
    document.add_heading("Kosten", level=2)
    document.add_paragraph("Totaal € 1.234,56, betaald door Gemeente Den Haag.")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("Post", "Bedrag"), ("Hotel", "€ 1.234,56")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    source = tmp_path / "oud.docx"
    document.save(source)

    result = import_file(source, tmp_path / "out")
    assert result.problems == []
    report_, _ = check_file(fill_in(result.written), in_tree=True)
    assert report_.standard_sections == expected
    assert report_.meta.costs.total == 1234.56
    assert report_.meta.paid_by == "Gemeente Den Haag"
    assert [(s.heading, s.text) for s in report_.extra_sections] == [
        (
            "Kosten",
            "Totaal € 1.234,56, betaald door Gemeente Den Haag.\n\n| Post | Bedrag |\n| --- | --- |\n| Hotel | € 1.234,56 |",
        )
    ]


# ----------------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------------


def test_cli_import_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_old(tmp_path, report("Verslag dienstreis naar Parijs, 12 april 2016"), "goed.md")
    undated = write_old(tmp_path, report("Verslag dienstreis naar Londen"), "zonder-datum.md")
    out = tmp_path / "reports"

    assert main(["import", str(good), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Reiziger 1, Functie (travellers[0].role): niet vermeld" in printed
    assert (
        "vul eerst deze plaatsvervangers in, tot dan weigert `reisregister validate` het bestand: "
        "Reiziger 1, Functie (travellers[0].role), Reiziger 1, Organisatie (travellers[0].organisation)\n"
    ) in printed
    assert main(["validate", str(out)]) == 1  # the stand-ins are refused until filled in
    problems = capsys.readouterr().out
    assert "2016-04-12-parijs.md:10: Reiziger 1, Functie (travellers[0].role): staat nog op 'niet vermeld'" in problems
    fill_in(out / "2016" / "2016-04-12-parijs.md")
    assert main(["validate", str(out)]) == 0

    assert main(["import", str(good), "--out", str(out)]) == 1
    assert "bestaat al; gebruik --force om te overschrijven" in capsys.readouterr().out
    assert main(["import", str(good), "--out", str(out), "--force"]) == 0
    assert main(["import", str(undated), "--out", str(out)]) == 1
    assert main(["import", str(good), str(undated), "--out", str(out), "--force"]) == 1
    assert "start_date" in capsys.readouterr().out


# ----------------------------------------------------------------------------
# Who travelled, and a costs table
# ----------------------------------------------------------------------------

LEGACY = Path(__file__).parent / "legacy"


def test_a_traveller_line_is_traveller_data_never_body_text(tmp_path: Path) -> None:
    result = import_file(LEGACY / "verslag-reiziger-en-kostentabel.txt", tmp_path)
    assert result.problems == []
    written = result.written.read_text(encoding="utf-8")
    front = convert_legacy((LEGACY / "verslag-reiziger-en-kostentabel.txt").read_text(encoding="utf-8")).front
    assert front["travellers"] == [
        {"name": None, "role": "senior beleidsmedewerker Veiligheid", "organisation": "Gemeente Den Haag"}
    ]
    assert "Groot" not in written and "Reiziger" not in written and "## Inleiding" not in written
    assert any(
        "regel 3 van" in line and "('Reiziger: …') staat nu bij de reizigers" in line for line in result.messages
    )
    assert any(
        line.endswith(
            "Reiziger 1, Naam (travellers[0].name): null — het oude verslag noemt 'P. de Groot'; de naam blijft niet "
            "openbaar tot u anders beslist: vul hem alleen in als het een bestuurder is"
        )
        for line in result.messages
    )
    report, problems = check_file(result.written, in_tree=True)
    assert problems == [] and [t.name for t in report.meta.travellers] == [None]


def test_a_costs_table_goes_into_costs_and_not_again_into_the_text(tmp_path: Path) -> None:
    result = import_file(LEGACY / "verslag-reiziger-en-kostentabel.txt", tmp_path)
    written = result.written.read_text(encoding="utf-8")
    assert "costs:\n  transport: 412.5\n  accommodation: 189\n  total: 601.5\n" in written
    assert "## Kosten" not in written and "€" not in written and "| Post |" not in written
    assert any(
        line.endswith("de kosten uit 'Kosten' staan nu bij de kosten bovenaan (costs), niet nog eens in de tekst")
        for line in result.messages
    )


def test_two_travellers_on_one_line_and_a_sentence_about_costs_that_stays(tmp_path: Path) -> None:
    result = import_file(LEGACY / "verslag-twee-reizigers.md", tmp_path)
    written = result.written.read_text(encoding="utf-8")
    front = convert_legacy((LEGACY / "verslag-twee-reizigers.md").read_text(encoding="utf-8")).front
    assert front["travellers"] == [
        {"name": None, "role": "wethouder", "organisation": "Gemeente Den Haag"},
        {"name": None, "role": "beleidsadviseur", "organisation": "niet vermeld"},
    ]
    assert "Jansen" not in written and "Bakker" not in written
    assert "## Kosten\n\nTreinkaartjes: € 220,00. De gemeente betaalde ook de lunch" in written  # a sentence is text
    assert sum("staat nu bij de reizigers" in line for line in result.messages) == 1  # one line, one note
    assert result.messages[-1].endswith(
        "vul eerst deze plaatsvervangers in, tot dan weigert `reisregister validate` het bestand: "
        "Reiziger 2, Organisatie (travellers[1].organisation)"
    )


@pytest.mark.parametrize(
    ("line", "name", "role", "organisation"),
    [
        (
            "mw. drs. P. de Groot, senior beleidsmedewerker Veiligheid, Gemeente Den Haag",
            "P. de Groot",
            "senior beleidsmedewerker Veiligheid",
            "Gemeente Den Haag",
        ),
        ("wethouder J. Jansen, Gemeente Den Haag", "J. Jansen", "wethouder", "Gemeente Den Haag"),
        ("beleidsadviseur, Gemeente Den Haag", None, "beleidsadviseur", "Gemeente Den Haag"),
        ("Jan Jansen", "Jan Jansen", None, None),
    ],
)
def test_a_person_is_read_as_name_role_and_organisation(line: str, name, role, organisation) -> None:
    person = read_person(1, "Reiziger", line)
    assert (person.name, person.role, person.organisation) == (name, role, organisation)


def test_a_line_that_only_mentions_travellers_stays_text() -> None:
    body = BODY.replace("Eén ambtenaar.", "Twee reizigers: de wethouder en een adviseur.\n\nDe reizigers waren moe.")
    conversion = convert_legacy(report("Verslag dienstreis naar Parijs, 12-4-2016", body))
    assert conversion.people == []
    assert (
        conversion.sections["participants"]
        == "Twee reizigers: de wethouder en een adviseur.\n\nDe reizigers waren moe."
    )


def test_cli_import_needs_out(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["import", str(tmp_path / "x.md")])
    assert exit_.value.code == 2


# ----------------------------------------------------------------------------
# Untrusted input: sizes, zip bombs, links as targets, text echoed to a terminal
# ----------------------------------------------------------------------------


def test_a_word_file_that_unpacks_too_large_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    import zipfile

    from reisregister.cli import importer as legacy

    monkeypatch.setattr(legacy, "MAX_DOCX_PART_BYTES", 10_000)
    source = tmp_path / "bom.docx"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 20_000)  # 20 kB of zeros pack into a few dozen bytes
    assert source.stat().st_size < 1_000
    (problem,) = import_file(source, tmp_path / "out").problems
    assert problem.field == "file"
    assert "onderdeel 'word/document.xml' is uitgepakt 20.000 bytes; hoogstens 10.000 toegestaan" in problem.message


def test_a_word_file_whose_parts_add_up_too_large_is_refused(tmp_path: Path, monkeypatch) -> None:
    import zipfile

    from reisregister.cli import importer as legacy

    monkeypatch.setattr(legacy, "MAX_DOCX_UNPACKED_BYTES", 15_000)
    source = tmp_path / "veel.docx"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(4):
            archive.writestr(f"word/media/{number}.bin", b"\0" * 5_000)
    assert (
        "is uitgepakt 20.000 bytes; hoogstens 15.000 toegestaan"
        in import_file(source, tmp_path / "out").problems[0].message
    )


def test_an_oversized_old_report_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    source = write_old(tmp_path, "x" * 2_000_001, "groot.txt")
    (problem,) = import_file(source, tmp_path / "out").problems
    assert "groter dan 2.000.000 bytes" in problem.message


def test_a_linked_old_report_is_refused(tmp_path: Path) -> None:
    real = write_old(tmp_path, report("Verslag dienstreis naar Parijs, 12 april 2016"))
    link = tmp_path / "link.md"
    link.symlink_to(real)
    (problem,) = import_file(link, tmp_path / "out").problems
    assert problem.message == "kan niet worden gelezen: is een symbolische koppeling; zet het verslag zelf hier"


@pytest.mark.parametrize("force", [False, True])
def test_import_never_writes_through_a_symbolic_link(tmp_path: Path, force: bool) -> None:
    source = write_old(tmp_path, report("Verslag dienstreis naar Parijs, 12 april 2016"))
    victim = tmp_path / "elders.txt"
    victim.write_text("niet aankomen", encoding="utf-8")
    target = tmp_path / "out" / "2016" / "2016-04-12-parijs.md"
    target.parent.mkdir(parents=True)
    target.symlink_to(victim)
    result = import_file(source, tmp_path / "out", force=force)
    assert result.written is None
    assert "is een symbolische koppeling" in result.problems[0].message
    assert victim.read_text(encoding="utf-8") == "niet aankomen"


def test_import_never_writes_through_a_dangling_link_or_a_linked_folder(tmp_path: Path) -> None:
    source = write_old(tmp_path, report("Verslag dienstreis naar Parijs, 12 april 2016"))
    target = tmp_path / "out" / "2016" / "2016-04-12-parijs.md"
    target.parent.mkdir(parents=True)
    target.symlink_to(tmp_path / "nieuw.txt")
    assert import_file(source, tmp_path / "out").written is None
    assert not (tmp_path / "nieuw.txt").exists()
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (tmp_path / "uit").mkdir()
    (tmp_path / "uit" / "2016").symlink_to(elsewhere)
    assert import_file(source, tmp_path / "uit").written is None
    assert list(elsewhere.iterdir()) == []


def test_text_from_an_old_report_is_echoed_as_one_safe_line(tmp_path: Path, capsys) -> None:
    title = "Verslag dienstreis naar Parijs\x1b[2J\u202e, 12 april 2016"
    source = write_old(tmp_path, report(title), "oud\n::warning title=x::y.md")
    main(["import", str(source), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert not [line for line in out.splitlines() if line.startswith("::")]
    assert "oud\\n::warning title=x::y.md" in out
