"""The council's train rule (validate asks for a reason) and the yearly report /reizen/<year>/jaarrapportage/."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from reisregister.core.model import FrontMatter
from reisregister.core.train_rule import TrainRule, train_time, within_rule

HOME = TrainRule().origin


def _meta(city: str, country: str, start: date = date(2022, 5, 2), **extra) -> FrontMatter:
    return FrontMatter.model_validate(
        {
            "title": f"Verslag dienstreis naar {city}",
            "start_date": start,
            "end_date": start,
            "destinations": [{"city": city, "country": country}],
            "travellers": [{"name": None, "role": "beleidsadviseur", "organisation": "Gemeente Den Haag"}],
            "summary": "Overleg.",
            "transport": ["vliegtuig"],
            **extra,
        }
    )


@pytest.mark.parametrize(
    "city, country, low, high",
    [("Parijs", "FR", 3, 5), ("Londen", "GB", 3, 5), ("Berlijn", "DE", 5, 7), ("Rome", "IT", 11, 15)],
)
def test_train_time_is_estimated_from_the_distance(city: str, country: str, low: float, high: float):
    time = train_time(_meta(city, country), HOME)
    assert not time.stated and low <= time.hours <= high and time.city == city


def test_a_stated_train_time_wins_over_the_estimate():
    time = train_time(_meta("Marseille", "FR", train_hours=7.5), HOME)
    assert (time.hours, time.stated) == (7.5, True)
    assert within_rule(_meta("Marseille", "FR", train_hours=7.5), TrainRule()) is not None
    assert within_rule(_meta("Parijs", "FR", train_hours=9), TrainRule()) is None


def test_the_rule_covers_flights_since_the_decision_and_within_the_hours_only():
    assert within_rule(_meta("Parijs", "FR"), TrainRule()) is not None
    assert within_rule(_meta("Parijs", "FR", start=date(2020, 7, 13)), TrainRule()) is None  # before 14 July 2020
    assert within_rule(_meta("Parijs", "FR", transport=["trein"]), TrainRule()) is None
    assert within_rule(_meta("Dublin", "IE"), TrainRule()) is None  # no train goes there
    assert within_rule(_meta("Berlijn", "DE"), TrainRule(hours=4)) is None


def test_the_rule_comes_from_the_settings():
    rule = TrainRule.from_settings({"train_rule": {"hours": 6, "since": "2021-01-01"}})
    assert (rule.hours, rule.since) == (6.0, date(2021, 1, 1))
    assert TrainRule.from_settings(None).hours == 8.0


def test_validate_asks_for_the_reason_with_file_line_and_field(tmp_path: Path):
    from reisregister.intake.checks import check_paths

    source = Path(__file__).parent / "annual_cases" / "2021-09-14-parijs-vlucht.md"
    text = source.read_text(encoding="utf-8")
    (tmp_path / "2021").mkdir()
    bare = tmp_path / "2021" / source.name
    bare.write_text("\n".join(line for line in text.splitlines() if not line.startswith("flight_reason:")) + "\n")
    _, problems = check_paths([tmp_path])
    assert [(p.path.endswith(source.name), p.line, p.field) for p in problems] == [(True, 26, "flight_reason")]
    assert "Parijs is met de trein in 3,8 uur bereikbaar" in problems[0].message
    _, problems = check_paths([tmp_path], rule=TrainRule(hours=3))
    assert problems == []  # a stricter setting (3 hours) does not cover Paris


# ----------------------------------------------------------------------------
# The page and its CSV (the fixture build has 2021 trips: a flight with a reason, a flight with a
# stated train time beyond the rule, and a train trip)
# ----------------------------------------------------------------------------


def _page(built_site: Path) -> str:
    return (built_site / "reizen" / "2021" / "jaarrapportage" / "index.html").read_text(encoding="utf-8")


def test_the_annual_report_lists_flights_within_the_rule_with_their_reasons(built_site: Path):
    page = _page(built_site)
    table = page[page.index("Vluchten binnen de treinnorm in 2021") :]
    table = table[: table.index("</table>")]
    assert "Verslag dienstreis naar Parijs (vlucht)" in table
    assert "Crisisoverleg op korte termijn" in table
    assert "Marseille" not in table  # 9,5 hours by train according to the report
    assert "Brussel" not in table  # by train


def test_the_annual_report_gives_modes_co2_and_costs_by_payer(built_site: Path):
    page = _page(built_site)
    assert "Vervoer en CO₂ in 2021" in page and "Kosten per betaler in 2021" in page
    payers = page[page.index("Kosten per betaler in 2021") :]
    assert "Europese Commissie" in payers and "Gemeente Den Haag" in payers
    assert 'href="jaarrapportage-2021.csv"' in page
    year_page = (built_site / "reizen" / "2021" / "index.html").read_text(encoding="utf-8")
    assert 'href="jaarrapportage/"' in year_page


def test_the_csv_has_a_row_per_trip_of_the_year_with_the_rule(built_site: Path):
    text = (built_site / "reizen" / "2021" / "jaarrapportage" / "jaarrapportage-2021.csv").read_text(encoding="utf-8")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert set(rows) == {"2021-09-14-parijs-vlucht", "2021-10-04-marseille", "2021-11-08-brussel"}
    assert rows["2021-09-14-parijs-vlucht"]["within_train_rule"] == "true"
    assert rows["2021-09-14-parijs-vlucht"]["train_hours_source"] == "estimated"
    assert rows["2021-10-04-marseille"]["within_train_rule"] == "false"
    assert (rows["2021-10-04-marseille"]["train_hours"], rows["2021-10-04-marseille"]["train_hours_source"]) == (
        "9.5",
        "stated",
    )
    assert rows["2021-11-08-brussel"]["paid_by"] == "Gemeente Den Haag"
