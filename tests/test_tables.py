"""Tables of the built site: footers under their headers, costs sorted by euro value, groups that add up."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CASES

from reisregister.core.emissions import estimate, home_point
from reisregister.core.rules import Status
from reisregister.intake.checks import check_file
from reisregister.site.html import UNKNOWN, Cell, Column, TripFacts, render_table, render_trip, trip_cells


class _Tables(HTMLParser):
    """Per table: the header cells, the footer cells (colspan counted) and the body rows."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self.part = self.cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"class": attrs.get("class", ""), "head": [], "foot": 0, "rows": []})
        elif not self.tables:
            return
        elif tag in ("thead", "tbody", "tfoot"):
            self.part = tag
        elif tag == "tr" and self.part == "tbody":
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td"):
            self.cell = {"text": "", "sort": attrs.get("data-sort")}
            if self.part == "tfoot":
                self.tables[-1]["foot"] += int(attrs.get("colspan", 1))

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None and self.tables:
            table = self.tables[-1]
            if self.part == "thead":
                table["head"].append(self.cell["text"].strip())
            elif self.part == "tbody":
                table["rows"][-1].append(self.cell)
            self.cell = None
        elif tag in ("thead", "tbody", "tfoot"):
            self.part = None


def tables_of(path: Path) -> list[dict]:
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tables


def test_every_footer_lines_up_with_its_headers(built_site: Path):
    checked = 0
    for path in sorted(built_site.rglob("*.html")):
        for table in tables_of(path):
            if table["foot"]:
                assert table["foot"] == len(table["head"]), f"{path.relative_to(built_site)}: {table['head']}"
                checked += 1
    assert checked > 50


def test_a_footer_that_does_not_fit_stops_the_build():
    with pytest.raises(ValueError, match="3 cells under 4 columns"):
        render_table("Reizen per jaar", (Column("Jaar"), Column("A"), Column("B"), Column("C")), [], ["a", "b", "c"])


def test_year_index_footer_has_a_cell_per_column(built_site: Path):
    summary = tables_of(built_site / "reizen" / "index.html")[0]
    assert summary["head"] == [
        "Jaar",
        "Reizen",
        "Dagen",
        "Kosten",
        "Betaald door Gemeente Den Haag",
        "Betaald door anderen",
        "Betaler onbekend",
        "Zonder kosten",
        "Waarvan gepland",
    ]
    assert summary["foot"] == 9


# ----------------------------------------------------------------------------
# Cost sort values: the euro value, unknown apart
# ----------------------------------------------------------------------------


def _report(name: str):
    report, problems = check_file(CASES / "valid" / name)
    assert not problems
    return report


PUBLISHED = Status("gepubliceerd", False, None)


def test_trip_rows_sort_costs_by_their_euro_value():
    yen, krona, euros = (
        _report(n) for n in ("2015-09-14-yen.md", "2015-09-14-paid-by-others.md", "2015-09-14-full.md")
    )
    for report in (yen, krona, euros):
        assert trip_cells(report, PUBLISHED)[5].sort == report.euro_total().eur
    assert 3000 < yen.euro_total().eur < 6000 and 5000 < krona.euro_total().eur < 9000  # converted, not JPY or SEK
    assert trip_cells(_report("2015-09-14-no-costs.md"), PUBLISHED)[5] == Cell("–", UNKNOWN)


def test_search_sorts_costs_by_their_euro_value():
    def sort_value(report) -> str:
        facts = TripFacts(PUBLISHED, estimate(report.meta, home_point()))
        html = render_trip(report, facts, {"json": "", "source": ""})
        return re.search(r'data-pagefind-sort="kosten">([^<]*)<', html).group(1)

    yen = _report("2015-09-14-yen.md")
    assert sort_value(yen) == f"{yen.euro_total().eur:.2f}"
    # Pagefind leaves out pages without a sort value, so unknown costs get -1; zoeken.js moves them last.
    assert sort_value(_report("2015-09-14-no-costs.md")) == "-1"


def test_group_rows_sort_by_euros_and_unknown_costs_apart(built_site: Path):
    rows = {row[0]["text"]: row for row in tables_of(built_site / "landen" / "index.html")[0]["rows"]}
    japan = rows["Japan"][3]
    assert float(japan["sort"]) > 1000 and "≈" in japan["text"]
    payers = {row[0]["text"]: row for row in tables_of(built_site / "betalers" / "index.html")[0]["rows"]}
    assert all(row[3]["sort"] == "" for row in payers.values() if row[3]["text"] == "–")


# ----------------------------------------------------------------------------
# Groups: where a trip counts more than once, the page says so; payers add up
# ----------------------------------------------------------------------------


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def test_payer_rows_add_up_to_all_trips(built_site: Path):
    page = built_site / "betalers" / "index.html"
    table = tables_of(page)[0]
    rows = {row[0]["text"]: _number(row[1]["text"]) for row in table["rows"]}
    assert rows["niet opgegeven"] >= 1
    footer = re.search(r"<tfoot>.*?</tfoot>", page.read_text(encoding="utf-8"), re.S).group(0)
    total = _number(re.findall(r"<td[^>]*>([^<]*)</td>", footer)[1])  # under "Reizen"
    assert sum(rows.values()) == total
    assert (built_site / "betalers" / "niet-opgegeven" / "index.html").is_file()


@pytest.mark.parametrize("folder", ["landen", "organisaties", "functies", "reizigers"])
def test_shared_totals_are_explained(built_site: Path, folder: str):
    text = (built_site / folder / "index.html").read_text(encoding="utf-8")
    assert "telt bij elk" in text and "Tel de rijen daarom niet op" in text


def test_traveller_pages_say_who_took_part(built_site: Path):
    html = (built_site / "reizigers" / "jan-jansen" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Reizen waaraan Jan Jansen deelnam</h1>" in html
    assert "Dagen en kosten zijn die van de hele reis" in html


def test_captions_that_repeat_a_heading_are_for_screen_readers_only(built_site: Path):
    html = (built_site / "reizen" / "2015" / "index.html").read_text(encoding="utf-8")
    assert '<caption class="rr-visually-hidden">Reizen in 2015</caption>' in html


@pytest.mark.browser
def test_cost_sorting_puts_unknown_costs_last_both_ways(page, site_url: str):
    page.goto(site_url + "reizen/2015/")
    cells = "table.rr-table tbody tr td:nth-child(6)"
    button = page.get_by_role("button", name="Sorteer op Kosten")
    for direction in ("ascending", "descending"):
        button.click()
        values = page.locator(cells).evaluate_all("cells => cells.map(c => c.dataset.sort)")
        known = [float(v) for v in values if v != ""]
        assert values[len(known) :] == [""] * (len(values) - len(known)) and len(known) < len(values)
        assert known == sorted(known, reverse=direction == "descending") and len(known) >= 5
    texts = page.locator(cells).all_inner_texts()
    assert texts[0].startswith("≈ €") or texts[0].startswith("€")  # the dearest, in euros whatever the currency
