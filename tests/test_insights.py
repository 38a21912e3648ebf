"""Euros, distance and CO₂, the insights page and the home page's headline figures."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import CASES, ROOT

from reisregister.core.emissions import estimate, great_circle_km, home_point
from reisregister.core.money import to_euro
from reisregister.intake.checks import check_file
from reisregister.opendata.export import csv_columns, to_record

SEED = ROOT / "reports" / "2015" / "2015-09-14-marseille.md"


# ----------------------------------------------------------------------------
# Euros
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "day", "rate", "rate_day", "eur"),
    [
        (644_603, "JPY", date(2015, 9, 14), 136.04, date(2015, 9, 14), 4738.33),  # ECB, Monday 14 September 2015
        (100, "USD", date(2015, 9, 12), 1.1268, date(2015, 9, 11), 88.75),  # a Saturday: Friday's rate
        (100, "GBP", date(2016, 6, 24), 0.8075, date(2016, 6, 24), 123.84),  # the day after the referendum
    ],
)
def test_amounts_convert_at_the_ecb_rate_of_the_first_day(amount, currency, day, rate, rate_day, eur):
    euro = to_euro(amount, currency, day)
    assert (euro.rate, euro.rate_date, euro.eur, euro.latest_known) == (rate, rate_day, eur, False)


def test_a_planned_trip_uses_the_latest_known_rate_and_says_so():
    euro = to_euro(100, "USD", date(2099, 5, 1))
    assert euro.latest_known and euro.rate_date < date(2099, 1, 1)
    assert to_euro(100, "EUR", date(2099, 5, 1)).converted is False


def test_records_carry_the_euro_total_and_the_rate(tmp_path: Path):
    report, _ = check_file(CASES / "valid" / "2015-09-14-yen.md")
    costs = to_record(report, date(2026, 1, 1), 30)["costs"]
    assert (costs["total"], costs["currency"]) == (644603.0, "JPY")
    assert (costs["total_eur"], costs["eur_rate"], costs["eur_rate_date"]) == (4738.33, 136.04, "2015-09-14")
    euros, _ = check_file(CASES / "valid" / "2015-09-14-full.md")
    assert to_record(euros, date(2026, 1, 1), 30)["costs"]["eur_rate"] is None


# ----------------------------------------------------------------------------
# Distance and CO₂
# ----------------------------------------------------------------------------


def test_great_circle_distance():
    den_haag, marseille = home_point(), (43.29695, 5.38107)
    assert 970 < great_circle_km(den_haag, marseille) < 990  # about 980 km as the crow flies


def test_the_seed_trip_by_plane_and_by_train():
    seed, _ = check_file(SEED)
    plane = estimate(seed.meta.model_copy(update={"transport": ["vliegtuig"]}), home_point())
    train = estimate(seed.meta.model_copy(update={"transport": ["trein"]}), home_point())
    # Den Haag → Marseille → Aix-en-Provence → Den Haag: about 1,960 km.
    assert 1900 < plane.distance_km < 2050 and train.distance_km == plane.distance_km
    # Two legs of about 1,000 km in the 700–2,500 km band (0.200 kg/km); the 25 km hop is not flown.
    assert 350 < plane.co2_kg < 450
    assert train.co2_kg < plane.co2_kg / 10
    assert not plane.short_flight


def test_co2_counts_every_traveller_and_flags_short_flights():
    report, _ = check_file(CASES / "valid" / "2015-09-14-short-flight.md")
    one = estimate(report.meta, home_point())
    assert one.short_flight and 700 < one.distance_km < 800  # Den Haag – Parijs and back
    two = report.meta.model_copy(update={"travellers": report.meta.travellers * 2})
    assert estimate(two, home_point()).co2_kg == pytest.approx(2 * one.co2_kg)


def test_a_place_outside_the_gazetteer_needs_coordinates():
    report, _ = check_file(CASES / "valid" / "2015-09-14-lat-lon.md")
    assert estimate(report.meta, home_point()).co2_kg > 0  # Cassis, from its lat and lon
    unplaced = report.meta.destinations[0].model_copy(update={"city": "Xyzzyville", "lat": None, "lon": None})
    none = estimate(report.meta.model_copy(update={"destinations": [unplaced]}), home_point())
    assert (none.distance_km, none.co2_kg) == (None, None)
    assert "Xyzzyville staat niet in de plaatsenlijst; geef lat en lon op" in none.method


def test_no_means_of_transport_gives_a_distance_but_no_co2():
    seed, _ = check_file(SEED)
    estimate_ = estimate(seed.meta, home_point())
    assert estimate_.distance_km > 0 and estimate_.co2_kg is None
    assert "vervoermiddel is niet opgegeven" in estimate_.method


def test_every_emissions_and_euro_column_is_in_the_csv():
    columns = csv_columns()
    for column in ("costs_total_eur", "costs_eur_rate", "costs_eur_rate_date", "transport"):
        assert column in columns
    assert columns.index("emissions_co2_kg") < columns.index("section_purpose")


# ----------------------------------------------------------------------------
# The built site
# ----------------------------------------------------------------------------


def test_trip_card_shows_original_and_euro_amounts_and_co2(built_site: Path):
    page = (built_site / "reizen" / "2015-09-14-yen" / "index.html").read_text(encoding="utf-8")
    assert "JP¥\xa0644.603" in page and "≈ €\xa04.738" in page
    assert "ECB-koers van 14 september 2015: € 1 = 136,04 JPY" in page
    assert re.search(r"vliegtuig; 18\.6\d\d km per reiziger; 2\.7\d\d kg CO₂ \(geschat\)", page)
    short = (built_site / "reizen" / "2015-09-14-short-flight" / "index.html").read_text(encoding="utf-8")
    assert "korte vlucht (onder 700 km)" in short


def test_tables_and_totals_are_in_euros(built_site: Path):
    year = (built_site / "reizen" / "2015" / "index.html").read_text(encoding="utf-8")
    assert "JP¥" not in year and "≈ €\xa04.738" in year  # the yen trip's row
    footer = year.split("<tfoot>")[1].split("</tfoot>")[0]
    assert "≈ €" in footer and "+" not in footer  # one total in euros, marked as converted


def test_the_insights_page_has_each_chart_with_its_table_and_csv(built_site: Path):
    page = (built_site / "inzichten" / "index.html").read_text(encoding="utf-8")
    charts = re.findall(r'<picture class="rr-chart--light">.*?<img src="([\w-]+\.svg)" alt="([^"]+)"', page)
    assert [name for name, _ in charts] == [
        "uitgaven-per-jaar.svg",
        "uitgaven-per-soort.svg",
        "reizen-per-jaar.svg",
        "co2-per-jaar.svg",
        "landen.svg",
        "kaart.svg",
        "kaart-europa.svg",
    ]
    assert all(alt.startswith(("Staafdiagram", "Wereldkaart", "Kaart van Europa")) for _, alt in charts)
    for name, _ in charts:
        for variant in (name, name.replace(".svg", "-donker.svg")):
            svg = (built_site / "inzichten" / variant).read_text(encoding="utf-8")
            assert svg.startswith("<svg") and "http" not in svg.replace("http://www.w3.org", "")
            assert "#ffffff" not in svg.split(">", 2)[1]  # no white background of its own
    for table in ("uitgaven-per-jaar", "reizen-en-co2-per-jaar", "landen", "organisaties", "bestemmingen"):
        assert f'href="{table}.csv"' in page
        rows = list(csv.reader(io.StringIO((built_site / "inzichten" / f"{table}.csv").read_text(encoding="utf-8"))))
        assert len(rows) >= 2
    spending = list(csv.DictReader(io.StringIO((built_site / "inzichten" / "uitgaven-per-jaar.csv").read_text())))
    records = json.loads((built_site / "data" / "reports.json").read_text())
    in_2015 = sum(r["costs"]["total_eur"] for r in records if r["costs"] and r["start_date"].startswith("2015"))
    assert float(next(row for row in spending if row["Jaar"] == "2015")["Totaal"]) == pytest.approx(in_2015, abs=0.01)


def test_the_home_page_shows_this_year_against_last_year(built_site: Path):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    table = home.split('id="dit-jaar-en-vorig-jaar"')[1].split("</table>")[0]
    assert "CO₂ (ton)" in table and "Verslag op tijd" in table
    assert 'src="inzichten/uitgaven-recent.svg"' in home and 'href="inzichten/"' in home
    assert len(home.encode()) < 300_000


def test_publication_date_is_when_the_sections_were_added(tmp_path: Path, valid_report_text: str):
    import os
    import subprocess

    from reisregister.intake.checks import check_paths
    from reisregister.intake.git_history import read_history, report_histories

    def commit(when: str) -> None:
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        identity = ["-c", "user.name=T", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
        subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
        subprocess.run(["git", *identity, "commit", "-qm", when], cwd=tmp_path, check=True, env=env)

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    report = tmp_path / "2015" / "2015-09-14-marseille.md"
    report.parent.mkdir()
    front = valid_report_text.split("\n---\n", 1)[0]
    report.write_text(front + "\n---\n", encoding="utf-8")  # registered before the trip
    commit("2015-09-01T12:00:00Z")
    report.write_text(valid_report_text, encoding="utf-8")  # the report, 20 days after return
    commit("2015-10-05T12:00:00Z")
    report.write_text(valid_report_text.replace("Contacten.", "Contacten en een plan."), encoding="utf-8")
    commit("2016-01-10T12:00:00Z")
    reports, _ = check_paths([tmp_path], date(2016, 2, 1))
    found = report_histories(read_history(tmp_path, date(2016, 2, 1)), reports, date(2016, 2, 1))
    assert {path: h.published for path, h in found.items()} == {report.resolve(): date(2015, 10, 5)}


def test_figures_per_year_count_on_time_reports_flights_and_euros():
    from reisregister.core.emissions import estimate as estimate_
    from reisregister.core.rules import Status
    from reisregister.site.views.insights import Facts, per_year

    full, _ = check_file(CASES / "valid" / "2015-09-14-full.md")
    yen, _ = check_file(CASES / "valid" / "2015-09-14-yen.md")
    published = {full.id: date(2015, 10, 15), yen.id: date(2015, 10, 16)}  # 30 and 31 days after return
    facts = Facts(
        lambda r: Status("gepubliceerd"), lambda r: estimate_(r.meta, home_point()), lambda r: published[r.id], 30
    )
    (year,) = per_year([full, yen], facts)
    assert (year.year, year.trips, year.reports_due, year.on_time) == (2015, 2, 2, 1)
    assert year.eur == pytest.approx(639.70 + 4738.33) and year.converted
    assert (year.flights, year.short_flights) == (1, 0)
    assert year.parts["transport"] == pytest.approx(412.50) and year.parts["niet uitgesplitst"] == pytest.approx(
        4738.33
    )


def test_year_country_and_organisation_pages_get_a_small_chart(built_site: Path):
    for page in ("reizen/2015/", "landen/fr/", "organisaties/gemeente-den-haag/"):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert '<img src="grafiek.svg" alt="Staafdiagram: aantal reizen per' in html
        assert '<a href="grafiek.csv">Deze tabel als CSV</a>' in html
        assert (built_site / page / "grafiek.svg").read_text(encoding="utf-8").startswith("<svg")
    months = (built_site / "reizen" / "2015" / "grafiek.csv").read_text(encoding="utf-8").splitlines()
    assert months[0] == "Maand,Reizen,Kosten,Zonder kosten,Waarvan gepland" and len(months) == 13


def test_only_the_groups_with_most_trips_get_a_chart(tmp_path: Path):
    from collections import Counter

    from reisregister.cli import demo
    from reisregister.core import addresses
    from reisregister.core.groups import BY_PATH
    from reisregister.register.register import Register
    from reisregister.site.pages import Site
    from reisregister.site.views.overview import SMALL_CHART_GROUPS

    demo.write_demo(150, tmp_path, seed=3)
    register = Register.load(tmp_path)
    countries = Counter(c for r in register.reports for c in {d.country for d in r.meta.destinations})
    organisations = Counter(o for r in register.reports for o in {t.organisation for t in r.meta.travellers})
    assert len(countries) > SMALL_CHART_GROUPS >= len(organisations) > 1  # some countries go without a chart

    def most_trips(counts: Counter, path: str) -> set[str]:
        ranked = sorted(counts, key=lambda label: (-counts[label], BY_PATH[path].slug(label)))
        return {addresses.group(path, label) for label in ranked[:SMALL_CHART_GROUPS]}

    years = {addresses.year(r.meta.start_date.year) for r in register.reports}
    expected = years | most_trips(countries, "landen") | most_trips(organisations, "organisaties")
    assert set(Site(register).small_charts) == expected


@pytest.mark.parametrize(
    ("text", "modes"),
    [
        ("De vlucht naar Marseille vertrok om acht uur.", ["vliegtuig"]),
        ("Heen met de Thalys, terug met de ICE.", ["trein"]),
        ("Met de trein naar Brussel, daarna per auto verder.", ["trein", "auto"]),
        ("Met de bus naar het congres, met de veerboot terug.", ["bus", "boot"]),
        ("Over elektrische auto's, de auto-industrie en een boot vol ideeën; de service was goed.", []),
    ],
)
def test_importer_infers_transport_only_from_words_that_name_it(text: str, modes: list[str]):
    from reisregister.cli.importer import find_transport

    assert find_transport(text) == modes
