"""Cost parts in their own currency (schema 1.3): the rule for the total, euros, open data, the trip page."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from conftest import CASES
from pydantic import ValidationError

from reisregister.core.model import SCHEMA_VERSION, Costs
from reisregister.core.money import split_currency, sum_to_euro
from reisregister.intake.checks import check_file, error_location
from reisregister.opendata.export import csv_columns, datapackage_text, json_schema, to_csv, to_record

TWO = CASES / "valid" / "2015-09-14-currencies.md"
CHF = 1.0979  # ECB reference rate of Monday 14 September 2015


def _located(costs: dict) -> list[tuple[tuple, str]]:
    """(location, message) of each problem of a costs group."""
    with pytest.raises(ValidationError) as caught:
        Costs.model_validate(costs)
    return [(error_location(e), str(e["ctx"]["error"]) if "ctx" in e else e["msg"]) for e in caught.value.errors()]


def test_the_total_of_parts_in_one_currency_is_their_sum_a_part_may_name_that_currency():
    assert Costs(transport=10, transport_currency="EUR", total=10).in_one_currency
    assert Costs(transport=10, transport_currency="CHF", currency="CHF", total=10).total == 10
    [(where, text)] = _located({"transport": 10, "transport_currency": "EUR", "total": 12})
    assert where == ("total",) and text.startswith("12.00 is niet de som")


def test_parts_in_several_currencies_have_no_total_in_the_file():
    assert Costs(transport=312.4, accommodation=380, accommodation_currency="CHF").total is None
    [(where, text)] = _located({"transport": 312.4, "accommodation": 380, "accommodation_currency": "CHF", "total": 1})
    assert where == ("total",) and "verschillende valuta (CHF, EUR)" in text and "laat het totaal leeg" in text
    [(where, text)] = _located({"transport": 312.4})  # one currency: the total is required, as before
    assert (where, text) == (("total",), "is verplicht")


def test_a_part_currency_needs_its_amount_and_an_ecb_rate():
    [(where, text)] = _located({"other_currency": "CHF", "total": 0})
    assert where == ("other_currency",) and "vul other in" in text
    [(where, _)] = _located({"transport": 1, "transport_currency": "ARS"})
    assert where == ("transport_currency",)


def test_parts_are_added_in_euros_each_at_its_own_rate():
    report, problems = check_file(TWO)
    assert problems == [] and report.meta.costs.total is None
    euro = report.euro_total()
    parts = report.euro_parts()
    assert parts == {"transport": 312.4, "accommodation": round(380 / CHF, 2), "subsistence": round(120 / CHF, 2)}
    assert euro.eur == round(sum(parts.values()), 2) == 767.82
    assert (euro.converted, euro.rate, euro.rate_date, euro.rates) == (True, None, date(2015, 9, 14), (("CHF", CHF),))
    mixed = sum_to_euro([(100, "USD"), (100, "CHF")], "USD", date(2015, 9, 14))
    assert mixed.rate == 1.1305 and dict(mixed.rates) == {"CHF": CHF, "USD": 1.1305}


def test_records_and_csv_carry_each_part_currency_and_every_rate():
    report, _ = check_file(TWO)
    record = to_record(report, date(2026, 1, 1), 30)
    costs = record["costs"]
    assert (costs["total"], costs["currency"], costs["accommodation_currency"], costs["transport_currency"]) == (
        None,
        "EUR",
        "CHF",
        None,
    )
    assert (costs["total_eur"], costs["eur_rate"], costs["eur_rates"]) == (767.82, None, {"CHF": CHF})
    row = next(csv.DictReader(io.StringIO(to_csv([record]))))
    assert (row["costs_total"], row["costs_accommodation_currency"], row["costs_total_eur"]) == ("", "CHF", "767.82")
    assert row["costs_eur_rates"] == "CHF 1.0979"
    yen, _ = check_file(CASES / "valid" / "2015-09-14-yen.md")  # one foreign currency: its rate, as before
    assert to_record(yen, date(2026, 1, 1), 30)["costs"]["eur_rates"] == {"JPY": 136.04}


def test_the_open_data_contract_only_grows():
    columns = csv_columns()
    before = ["costs_transport", "costs_accommodation", "costs_subsistence", "costs_other", "costs_total"]
    before += ["costs_currency", "costs_status", "costs_total_eur", "costs_eur_rate", "costs_eur_rate_date"]
    assert [c for c in columns if c in before] == before  # every old column, in its old order
    new = [f"costs_{part}_currency" for part in ("transport", "accommodation", "subsistence", "other")]
    assert set(new) | {"costs_eur_rates"} <= set(columns)
    fields = {f["name"]: f for f in json.loads(datapackage_text())["resources"][0]["schema"]["fields"]}
    assert {fields[c]["type"] for c in [*new, "costs_eur_rates"]} == {"string"}
    assert fields["costs_total"]["type"] == "number" and "costs_total leeg" in fields["costs_total_eur"]["description"]
    schema = json_schema()
    assert SCHEMA_VERSION == schema["version"] == "1.3"
    costs = schema["$defs"]["Costs"]
    assert "total" not in costs.get("required", []) and "accommodation_currency" in costs["properties"]


@pytest.mark.parametrize(
    ("typed", "split"),
    [
        ("CHF 380", ("380", "CHF")),
        ("380 frank", ("380", "CHF")),
        ("€ 1.234,50", ("1.234,50", "EUR")),
        ("1.234,50 Zwitserse frank", ("1.234,50", "CHF")),
        ("450,-", ("450,-", None)),
        ("380 roebel", ("380 roebel", None)),  # no ECB rate, no currency: refused as an amount
        ("CHF 1 USD", ("CHF 1 USD", None)),
    ],
)
def test_an_amount_typed_with_its_currency(typed: str, split: tuple[str, str | None]):
    assert split_currency(typed) == split


def test_the_trip_page_shows_each_amount_in_its_currency_and_the_total_in_euros(built_site: Path):
    page = (built_site / "reizen" / "2015-09-14-currencies" / "index.html").read_text(encoding="utf-8")
    assert "<td>€\xa0312,40</td>" in page and "<td>CHF\xa0380,00</td>" in page and "<td>CHF\xa0120,00</td>" in page
    assert '<tr class="rr-total"><th scope="row">Totaal</th><td>≈ €\xa0768</td></tr>' in page
    assert "in euro omgerekend met de ECB-koers van 14 september 2015: € 1 = 1,098 CHF" in page
    record = json.loads((built_site / "data" / "reizen" / "2015-09-14-currencies.json").read_text("utf-8"))
    assert record["costs"]["total_eur"] == 767.82


def test_insights_split_parts_in_several_currencies_each_at_its_rate():
    from reisregister.core.emissions import estimate, home_point
    from reisregister.core.rules import Status
    from reisregister.site.views.insights import UNSPLIT, Facts, per_year

    report, _ = check_file(TWO)
    facts = Facts(lambda r: Status("gepubliceerd"), lambda r: estimate(r.meta, home_point()), lambda r: None, 30)
    (year,) = per_year([report], facts)
    assert year.eur == pytest.approx(767.82) and year.converted
    assert year.parts["accommodation"] == pytest.approx(round(380 / CHF, 2)) and year.parts[UNSPLIT] == 0
