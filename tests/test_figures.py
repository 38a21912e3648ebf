"""Honest figures: every total says who paid, what it lacks and what is only planned."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import CASES

from reisregister.core.emissions import estimate, home_point
from reisregister.core.rules import PENDING, PLANNED, PUBLISHED, Status, paid_by_others
from reisregister.intake.checks import check_file
from reisregister.site.views import insights
from reisregister.site.views.insights import BODY, NO_PAYER, OTHERS, Facts, per_year, totals
from reisregister.site.views.overview import group_chart, payer_labels, totals_sentence

BODY_NAME = "Gemeente Den Haag"


def _report(name: str, **changes):
    report, problems = check_file(CASES / "valid" / name)
    assert not problems
    return replace(report, meta=report.meta.model_copy(update=changes)) if changes else report


def _facts(statuses: dict[str, Status] | None = None, published: dict[str, date] | None = None) -> Facts:
    statuses, published = statuses or {}, published or {}
    return Facts(
        lambda r: statuses.get(r.id, Status(PUBLISHED)),
        lambda r: estimate(r.meta, home_point()),
        lambda r: published.get(r.id),
        30,
        lambda r: paid_by_others(r.meta.paid_by, (BODY_NAME,)),
    )


def test_totals_split_spending_by_payer():
    body = _report("2015-09-14-full.md")  # € 639,70, paid by the body
    others = _report("2015-09-14-paid-by-others.md")  # SEK, paid by the European Commission
    unknown = _report("2015-09-14-total-only.md", paid_by=None)
    found = totals([body, others, unknown], _facts())
    assert found.eur[BODY] == pytest.approx(639.70)
    assert found.eur[OTHERS] == pytest.approx(others.euro_total().eur)
    assert found.eur[NO_PAYER] == pytest.approx(unknown.euro_total().eur)
    assert found.spent == pytest.approx(sum(found.eur.values()))
    assert found.converted_by == {OTHERS}  # only the kronor were converted


def test_missing_costs_and_co2_are_counted_not_zero():
    found = totals([_report("2015-09-14-no-costs.md"), _report("2015-09-14-full.md")], _facts())
    assert (found.trips, found.with_costs, found.without_costs) == (2, 1, 1)
    assert found.without_co2 == 2  # neither gives a means of transport
    text = totals_sentence(found, payer_labels(BODY_NAME))
    assert "1 reis zonder kosten, 2 reizen zonder CO₂-schatting." in text
    nothing = totals([_report("2015-09-14-no-costs.md")], _facts())
    assert "Kosten: niet opgegeven." in totals_sentence(nothing, payer_labels(BODY_NAME))
    assert "€" not in totals_sentence(nothing, payer_labels(BODY_NAME))


def test_planned_trips_are_kept_apart_from_spending():
    planned = _report("2015-09-14-planned.md")
    made = _report("2015-09-14-full.md")
    found = totals([planned, made], _facts({planned.id: Status(PLANNED)}))
    assert found.spent == pytest.approx(639.70) and found.planned == 1
    assert found.planned_eur == pytest.approx(planned.euro_total().eur)
    text = totals_sentence(found, payer_labels(BODY_NAME))
    assert text.startswith("2 reizen, ")
    assert "Kosten van de 1 gemaakte reis €\xa0640: €\xa0640 betaald door Gemeente Den Haag" in text
    assert text.endswith("1 geplande reis, voorlopig €\xa0" + f"{round(planned.euro_total().eur):,}".replace(",", ".")
                         + ", telt nog niet mee in de kosten.")  # fmt: skip


def test_converted_amounts_carry_the_approximately_sign():
    found = totals([_report("2015-09-14-yen.md"), _report("2015-09-14-full.md")], _facts())
    text = totals_sentence(found, payer_labels(BODY_NAME))
    assert "Kosten ≈ €\xa0" in text and "≈ €\xa00 betaald door anderen" not in text


def test_on_time_share_counts_overdue_reports_as_late():
    on_time, late = _report("2015-09-14-full.md"), _report("2015-09-14-yen.md")
    overdue = _report("2015-09-14-total-only.md")
    not_yet_due = _report("2015-09-14-norway.md")
    statuses = {
        overdue.id: Status(PENDING, overdue=True, due=date(2015, 10, 15)),
        not_yet_due.id: Status(PENDING, overdue=False, due=date(2015, 10, 15)),
    }
    published = {on_time.id: on_time.meta.end_date + timedelta(days=30), late.id: late.meta.end_date + timedelta(40)}
    (year,) = per_year([on_time, late, overdue, not_yet_due], _facts(statuses, published))
    assert (year.on_time, year.reports_due) == (1, 3)  # the overdue one counts as late; the one not yet due not


def test_years_without_trips_are_in_every_series():
    early = _report("2015-09-14-full.md")
    later = _report("2015-09-14-norway.md", start_date=date(2018, 5, 1), end_date=date(2018, 5, 2))
    assert [y.year for y in per_year([early, later], _facts())] == [2015, 2016, 2017, 2018]
    chart = group_chart("landen/x/", "X", [early, later], _facts())
    rows = list(csv.reader(io.StringIO(chart.table.csv())))
    assert [row[0] for row in rows[1:]] == ["2015", "2016", "2017", "2018"]
    assert rows[2][1:3] == ["0", "0.00"]  # no trips in 2016: truly nothing


def test_a_group_without_costs_is_empty_in_csv_not_zero():
    chart = group_chart("landen/x/", "X", [_report("2015-09-14-no-costs.md")] * 2, _facts())
    header, row = list(csv.reader(io.StringIO(chart.table.csv())))
    assert header[:3] == ["Jaar", "Reizen", "Kosten"]
    assert row[1:4] == ["2", "", "2"]  # two trips, cost unknown, both without costs
    assert "€" not in chart.html().split("<tbody>")[1].split("</tbody>")[0]


def test_payer_label_keeps_the_bodys_capitals():
    assert payer_labels("Gemeente Den Haag")[BODY] == "betaald door Gemeente Den Haag"
    assert insights.PAYERS == (BODY, OTHERS, NO_PAYER)


# ----------------------------------------------------------------------------
# The built site
# ----------------------------------------------------------------------------


def test_home_year_and_group_pages_and_insights_show_the_split(built_site: Path):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    headline = home.split('id="dit-jaar-en-vorig-jaar"')[1].split("</ul>")[0]
    for label in ("Betaald door Gemeente Den Haag", "Betaald door anderen", "Betaler onbekend"):
        assert label in headline
    assert "telt als te laat" in home  # how the on-time share is computed
    for page in ("reizen/2015/", "landen/fr/", "inzichten/"):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert "betaald door Gemeente Den Haag" in html and "betaald door anderen" in html, page
        assert "zonder kosten" in html, page
    planned = (built_site / "reizen" / "2099" / "index.html").read_text(encoding="utf-8")
    assert "1 geplande reis, voorlopig €\xa01.250, telt nog niet mee in de kosten." in planned


def test_insights_spending_csv_leaves_missing_empty(built_site: Path):
    rows = list(csv.DictReader(io.StringIO((built_site / "inzichten" / "uitgaven-per-jaar.csv").read_text("utf-8"))))
    years = [int(row["Jaar"]) for row in rows]
    assert years == list(range(max(years), min(years) - 1, -1))  # every year, none skipped
    assert "Gepland (voorlopig, niet in het totaal)" in rows[0]
    planned = next(row for row in rows if row["Jaar"] == "2099")
    assert planned["Totaal"] == "0.00" and planned["Gepland (voorlopig, niet in het totaal)"] == "1250.00"


def test_each_cost_part_has_one_word_on_site_form_prompt_and_dictionary():
    from reisregister.adapters.decap import beheer
    from reisregister.core import model
    from reisregister.core.i18n.messages import message
    from reisregister.core.model import COST_PART_LABELS, COST_PARTS
    from reisregister.opendata.export import csv_descriptions
    from reisregister.site.html import COST_LABELS

    words = set()
    for part in COST_PARTS:
        word = COST_PART_LABELS[part]
        words.add(word)
        assert COST_LABELS[part] == word
        costs = next(field for field in beheer.collection_fields(model.FrontMatter) if field["name"] == "costs")
        assert next(field["label"] for field in costs["fields"] if field["name"] == part) == word
        assert message(f"new.part.{part}").startswith(word + " (")
        assert csv_descriptions()[f"costs_{part}"].startswith(word + ":")
    assert len(words) == len(COST_PARTS)
    assert not any(a != b and a.lower() in b.lower() for a in words for b in words)  # no "Verblijf" in "Verblijfkosten"


def test_csv_keeps_one_slot_per_traveller_when_every_name_is_withheld():
    from reisregister.opendata.export import to_csv, to_record

    report = _report("2015-09-14-full.md")
    two = report.meta.travellers[0].model_copy(update={"role": "bestuursadviseur"})
    report = replace(report, meta=report.meta.model_copy(update={"travellers": [report.meta.travellers[0], two]}))
    (row,) = csv.DictReader(io.StringIO(to_csv([to_record(report, date(2026, 1, 1), 30)])))
    assert row["travellers_role"] == "beleidsadviseur; bestuursadviseur"
    assert row["travellers_name"] == "; "  # two positions, both withheld
    assert len(row["travellers_name"].split("; ")) == len(row["travellers_role"].split("; "))


def test_a_build_without_a_public_address_warns_but_succeeds(tmp_path: Path, monkeypatch):
    import shutil

    from sitebuild import ROOT, build_site

    from reisregister.adapters.mkdocs.hooks import build_warnings
    from reisregister.register.settings import Settings

    monkeypatch.delenv("SITE_URL", raising=False)
    shutil.copytree(ROOT / "reports", tmp_path / "reports")
    result = build_site(tmp_path / "reports", tmp_path / "site")  # --strict: a warning through MkDocs would fail it
    assert "WARNING -  SITE_URL is niet gezet" in result.stderr
    assert not any("SITE_URL" in w for w in build_warnings(Settings(site_url="https://r.example.nl/")))


def test_the_method_page_has_no_maintainer_note(built_site: Path):
    page = (built_site / "inzichten" / "methode" / "index.html").read_text(encoding="utf-8")
    page = page.split("<article", 1)[1].split("</article>", 1)[0]
    assert "'checked'" not in page and "zet dan" not in page
    assert "voorlopige schatting" in page  # what a reader needs to know instead
