"""The insights page (/inzichten/) and the home page's headline figures: charts, the tables with
their numbers, and a CSV of each table. Built once per build from insights.py's figures."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cached_property
from html import escape

from reisregister.site import charts

from reisregister.site.views import insights
from reisregister.opendata.export import spreadsheet_safe
from reisregister.core.model import COST_PARTS
from reisregister.site.html import COST_LABELS, Cell, Column, eur_total, euro_text, relative, render_table
from reisregister.core.i18n.text import country_name, long_date, number

PAGE = "inzichten/"
SMALL_CHART_GROUPS = 8  # the countries and organisations with the most trips get a chart on their page
MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
PART_LABELS = {**COST_LABELS, insights.UNSPLIT: "Niet uitgesplitst"}
TOP = 15
OVERDUE_ROWS = 50


@dataclass(frozen=True)
class Table:
    """A table of the insights page: its caption, columns and rows as text and sort values."""

    name: str  # file name of its chart and CSV, e.g. "uitgaven-per-jaar"
    caption: str
    columns: tuple[Column, ...]
    rows: list[list[Cell]]

    def html(self) -> str:
        return render_table(self.caption, self.columns, self.rows, None)

    def csv(self) -> str:
        stream = io.StringIO()
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow([column.label for column in self.columns])
        for row in self.rows:
            writer.writerow([_csv_value(cell) for cell in row])
        return stream.getvalue()


def _csv_value(cell: Cell) -> str:
    if isinstance(cell.sort, float):
        return f"{cell.sort:.2f}"
    return str(cell.sort) if isinstance(cell.sort, int) else spreadsheet_safe(cell.text)


class Overview:
    """The figures, charts and tables of one register."""

    def __init__(self, reports: list, facts: insights.Facts, reference_year: int):
        self.reports, self.facts, self.reference_year = reports, facts, reference_year

    @cached_property
    def years(self) -> list[insights.YearFigures]:
        return insights.per_year(self.reports, self.facts)

    def year(self, year: int) -> insights.YearFigures:
        """The figures of one year (empty if there were no trips)."""
        return next((y for y in self.years if y.year == year), insights.YearFigures(year))

    # ------------------------------------------------------------------------
    # Tables
    # ------------------------------------------------------------------------

    @cached_property
    def tables(self) -> list[Table]:
        return [
            self._spending(),
            self._trips_and_co2(),
            self._countries(),
            self._organisations(),
            self._places(),
            self._on_time(),
            self._overdue(),
        ]

    def _spending(self) -> Table:
        columns = (Column("Jaar"), *(Column(PART_LABELS[p], numeric=True) for p in (*COST_PARTS, insights.UNSPLIT)))
        rows = [
            [Cell(str(y.year), y.year), *(_euros(y.parts[p]) for p in (*COST_PARTS, insights.UNSPLIT)), _euros(y.eur)]
            for y in reversed(self.years)
        ]
        return Table("uitgaven-per-jaar", "Uitgaven per jaar in euro", (*columns, Column("Totaal", numeric=True)), rows)

    def _trips_and_co2(self) -> Table:
        columns = (
            Column("Jaar"),
            Column("Reizen", numeric=True),
            Column("CO₂ (ton)", numeric=True),
            Column("Met vliegtuig", numeric=True),
            Column("Korte vluchten", numeric=True),
            Column("Kosten per reisdag (mediaan)", numeric=True),
            Column("Verslag op tijd", numeric=True),
        )
        rows = [
            [
                Cell(str(y.year), y.year),
                Cell(number(y.trips), y.trips),
                Cell(number(round(y.co2_kg / 1000, 1)), round(y.co2_kg / 1000, 3)),
                _share(y.flights, y.trips),
                Cell(number(y.short_flights), y.short_flights),
                _euros(y.median_cost_per_day) if y.median_cost_per_day is not None else Cell("–", None),
                _share(y.on_time, y.reports_due),
            ]
            for y in reversed(self.years)
        ]
        return Table("reizen-en-co2-per-jaar", "Reizen, CO₂ en tijdigheid per jaar", columns, rows)

    def _countries(self) -> Table:
        rows = [
            [
                Cell(country_name(code), country_name(code).lower(), f"../landen/{code.lower()}/"),
                Cell(number(n), n),
                _euros(eur),
            ]
            for code, n, eur in insights.countries(self.reports)[:TOP]
        ]
        columns = (Column("Land"), Column("Reizen", numeric=True), Column("Kosten", numeric=True))
        return Table("landen", f"De {TOP} landen met de meeste reizen", columns, rows)

    def _organisations(self) -> Table:
        rows = [
            [Cell(name), Cell(number(n), n), _euros(eur)] for name, n, eur in insights.organisations(self.reports)[:TOP]
        ]
        columns = (Column("Organisatie"), Column("Reizen", numeric=True), Column("Kosten", numeric=True))
        return Table("organisaties", f"De {TOP} organisaties met de meeste reizen", columns, rows)

    def _places(self) -> Table:
        rows = [
            [Cell(p.city), Cell(country_name(p.country)), Cell(number(p.trips), p.trips)]
            for p in insights.places(self.reports)
        ]
        columns = (Column("Plaats"), Column("Land"), Column("Reizen", numeric=True))
        return Table("bestemmingen", "Bestemmingen op de kaart", columns, rows)

    def _on_time(self) -> Table:
        rows = [
            [
                Cell(f.organisation, f.organisation.lower()),
                Cell(number(f.published), f.published),
                _share(f.on_time, f.published),
                Cell(number(round(f.median_days)), f.median_days) if f.median_days is not None else Cell("–", None),
                Cell(number(f.overdue), f.overdue),
            ]
            for f in insights.on_time_per_organisation(self.reports, self.facts)[:TOP]
        ]
        columns = (
            Column("Organisatie"),
            Column("Verslagen", numeric=True),
            Column("Op tijd", numeric=True),
            Column("Dagen na terugkomst (mediaan)", numeric=True),
            Column("Nog niet binnen, te laat", numeric=True),
        )
        caption = f"Tijdigheid van de verslagen per organisatie (de {TOP} met de meeste reizen)"
        return Table("tijdigheid-per-organisatie", caption, columns, rows)

    def _overdue(self) -> Table:
        late = [r for r in self.reports if self.facts.status(r).overdue]
        late.sort(key=lambda r: (r.meta.end_date, r.id))
        rows = [
            [
                Cell(r.meta.title, href=f"../reizen/{r.id}/"),
                Cell(long_date(r.meta.end_date), r.meta.end_date.isoformat()),
                Cell(long_date(self.facts.status(r).due), self.facts.status(r).due.isoformat()),
            ]
            for r in late[:OVERDUE_ROWS]
        ]
        columns = (Column("Reis"), Column("Terug op", sort="ascending"), Column("Verslag uiterlijk"))
        caption = f"Verslagen die te laat zijn: {number(len(late))}" + (
            f", de {OVERDUE_ROWS} oudste" if len(late) > OVERDUE_ROWS else ""
        )
        return Table("te-late-verslagen", caption, columns, rows)

    # ------------------------------------------------------------------------
    # Charts and files
    # ------------------------------------------------------------------------

    def files(self) -> dict[str, str]:
        """Site path -> text of every chart (SVG) and table (CSV) of the insights page."""
        written = {f"{PAGE}{table.name}.csv": table.csv() for table in self.tables}
        written.update({f"{PAGE}{name}.svg": svg for name, svg in self._charts().items()})
        return written

    def _charts(self) -> dict[str, str]:
        order = [PART_LABELS[p] for p in (*COST_PARTS, insights.UNSPLIT)]
        spending = [
            {"jaar": str(y.year), "soort": PART_LABELS[p], "euro": round(y.parts[p], 2), "volgorde": i}
            for y in self.years
            for i, p in enumerate((*COST_PARTS, insights.UNSPLIT))
        ]
        recent = [row for row in spending if int(row["jaar"]) > self.reference_year - 10]
        trips = [{"jaar": str(y.year), "reizen": y.trips} for y in self.years]
        co2 = [{"jaar": str(y.year), "ton": round(y.co2_kg / 1000, 2)} for y in self.years]
        countries = [{"land": country_name(c), "reizen": n} for c, n, _ in insights.countries(self.reports)[:TOP]]
        points = [{"lat": p.lat, "lon": p.lon, "reizen": p.trips} for p in insights.places(self.reports)]
        return {
            "uitgaven-per-jaar": charts.stacked_bars(spending, "jaar", "euro", "soort", order, ("Jaar", "Euro")),
            "uitgaven-recent": charts.stacked_bars(recent, "jaar", "euro", "soort", order, ("Jaar", "Euro")),
            "reizen-per-jaar": charts.bars(trips, "jaar", "reizen", ("Jaar", "Reizen")),
            "co2-per-jaar": charts.bars(co2, "jaar", "ton", ("Jaar", "CO₂ (ton)")),
            "landen": charts.bars(countries, "land", "reizen", ("Land", "Reizen"), horizontal=True),
            "kaart": charts.world_map(points),
        }

    # ------------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------------

    def page_html(self) -> str:
        """The insights page: each question with its chart, its table and its CSV."""
        spending, trips, countries, organisations, places, on_time, overdue = self.tables
        parts = [
            _INTRO,
            "<h2>Hoeveel geven we uit?</h2>",
            figure(
                "uitgaven-per-jaar.svg",
                "Staafdiagram: uitgaven per jaar in euro, verdeeld naar vervoer, verblijf, verblijfkosten, overig en niet uitgesplitst. De cijfers staan in de tabel eronder.",
            ),
            _with_csv(spending),
            "<h2>Hoe vaak reizen we, en met welke uitstoot?</h2>",
            figure(
                "reizen-per-jaar.svg", "Staafdiagram: aantal reizen per jaar. De cijfers staan in de tabel verderop."
            ),
            figure(
                "co2-per-jaar.svg",
                "Staafdiagram: geschatte CO₂-uitstoot per jaar in ton. De cijfers staan in de tabel eronder.",
            ),
            _with_csv(trips),
            "<p>Een <strong>korte vlucht</strong> is een vlucht korter dan 700 km, waar de trein een alternatief was. "
            '<a href="methode/">Hoe afstand en CO₂ worden geschat</a>.</p>',
            "<h2>Waar reizen we heen?</h2>",
            figure(
                "kaart.svg",
                "Wereldkaart met een cirkel per bestemming, groter naarmate er meer reizen heen gingen. De plaatsen en aantallen staan in de tabel ‘Bestemmingen op de kaart’.",
            ),
            figure("landen.svg", "Staafdiagram: de landen met de meeste reizen. De cijfers staan in de tabel eronder."),
            _with_csv(countries),
            "<h2>Wie reist er?</h2>",
            _with_csv(organisations),
            _COUNTED_IN_FULL,
            _with_csv(places),
            "<h2>Komen de verslagen op tijd?</h2>",
            f"<p>Een verslag hoort er uiterlijk {number(self.facts.due_days)} dagen na terugkomst te zijn. De "
            "publicatiedatum volgt uit de geschiedenis van het register (of staat in het verslag, bij oude verslagen). "
            "Het aandeel op tijd per jaar staat in de tabel ‘Reizen, CO₂ en tijdigheid per jaar’.</p>",
            _with_csv(on_time),
            _COUNTED_IN_FULL,
            _with_csv(overdue),
            '<p><a href="../status/verslag-volgt/">Alle reizen waarvan het verslag nog volgt</a> · '
            '<a href="../vervolg/">Wat is er gekomen van de vervolgafspraken?</a></p>',
        ]
        return "\n".join(parts)


_INTRO = (
    "<p>Alle bedragen zijn in euro. Kosten in een andere valuta zijn omgerekend met de ECB-referentiekoers van de "
    "eerste reisdag; totalen waarin dat gebeurde, staan met ≈. CO₂ is een schatting per reis voor alle reizigers "
    'samen (<a href="methode/">methode</a>). Elke grafiek staat ook als tabel op deze pagina en als CSV-bestand.</p>'
)
_COUNTED_IN_FULL = (
    "<p>Een reis telt volledig mee bij elk land en elke organisatie die erbij hoort; opgeteld komen deze tabellen "
    "daarom hoger uit dan het totaal.</p>"
)


def figure(src: str, alt: str) -> str:
    """A chart as an image with its text alternative."""
    return f'<figure class="rr-chart"><img src="{escape(src)}" alt="{escape(alt)}" loading="lazy"></figure>'


def _with_csv(table: Table) -> str:
    return table.html() + f'<p class="rr-meta"><a href="{table.name}.csv">Deze tabel als CSV</a></p>'


def _euros(amount: float) -> Cell:
    return Cell(f"€\xa0{number(round(amount))}", round(amount, 2))  # whole euros: the tables compare, not account


def _share(part: int, whole: int) -> Cell:
    if not whole:
        return Cell("–", None)
    share = part / whole
    return Cell(f"{number(round(share * 100))}%", round(share, 4))


def headline_html(overview: Overview, page_url: str) -> str:
    """This year against last year: trips, euros, CO₂ and reports on time, with the spending chart."""
    year = overview.reference_year
    columns = (
        Column("Jaar"),
        Column("Reizen", numeric=True),
        Column("Kosten", numeric=True),
        Column("CO₂ (ton)", numeric=True),
        Column("Verslag op tijd", numeric=True),
    )
    rows = []
    for shown in (year, year - 1):
        y = overview.year(shown)
        cost = Cell(euro_text(y.eur, y.converted), round(y.eur, 2))
        rows.append(
            [
                Cell(str(shown)),
                Cell(number(y.trips), y.trips),
                cost,
                Cell(number(round(y.co2_kg / 1000, 1))),
                _share(y.on_time, y.reports_due),
            ]
        )
    chart = figure(
        relative(page_url, f"{PAGE}uitgaven-recent.svg"),
        "Staafdiagram: uitgaven per jaar in euro over de laatste tien jaar. De cijfers staan op de pagina Inzichten.",
    )
    link = (
        f'<p><a href="{relative(page_url, PAGE)}">Meer cijfers, grafieken en een kaart op de pagina Inzichten</a></p>'
    )
    return render_table(f"Reizen in {year} en {year - 1}", columns, rows, None) + chart + link


# ----------------------------------------------------------------------------
# Small charts on year, country and organisation pages
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SmallChart:
    """A page's own chart ('grafiek.svg' beside the page), with its table and CSV."""

    page: str  # the page's address, e.g. "reizen/2015/"
    table: Table  # named "grafiek", so its CSV is grafiek.csv beside the page
    alt: str
    rows: list[dict]
    x: str

    def files(self) -> dict[str, str]:
        """Site path -> text of the chart (SVG) and its table (CSV)."""
        svg = charts.bars(self.rows, self.x, "reizen", (self.table.columns[0].label, "Reizen"), height=140)
        return {f"{self.page}grafiek.svg": svg, f"{self.page}grafiek.csv": self.table.csv()}

    def html(self) -> str:
        """The chart, then its table (folded, so the trips stay near the top) and CSV link."""
        return (
            figure("grafiek.svg", self.alt)
            + f'<details class="rr-chart-numbers"><summary>De cijfers van deze grafiek</summary>{_with_csv(self.table)}'
            + "</details>"
        )


def month_chart(page: str, year: int, reports: list) -> SmallChart:
    """Trips and euros per month of one year."""
    months = [[r for r in reports if r.meta.start_date.month == m] for m in range(1, 13)]
    rows = [[Cell(MONTHS[m], m + 1), Cell(number(len(t)), len(t)), _euros(eur_total(t))] for m, t in enumerate(months)]
    columns = (Column("Maand"), Column("Reizen", numeric=True), Column("Kosten", numeric=True))
    table = Table("grafiek", f"Reizen per maand in {year}", columns, rows)
    alt = f"Staafdiagram: aantal reizen per maand in {year}. De cijfers staan in de tabel eronder."
    return SmallChart(page, table, alt, [{"maand": MONTHS[m], "reizen": len(t)} for m, t in enumerate(months)], "maand")


def group_chart(page: str, label: str, reports: list) -> SmallChart:
    """Trips and euros per year of one country or organisation."""
    years = sorted({r.meta.start_date.year for r in reports})
    per_year = {y: [r for r in reports if r.meta.start_date.year == y] for y in years}
    rows = [[Cell(str(y), y), Cell(number(len(t)), len(t)), _euros(eur_total(t))] for y, t in per_year.items()]
    columns = (Column("Jaar"), Column("Reizen", numeric=True), Column("Kosten", numeric=True))
    table = Table("grafiek", f"Reizen per jaar: {label}", columns, rows)
    alt = f"Staafdiagram: aantal reizen per jaar voor {label}. De cijfers staan in de tabel eronder."
    return SmallChart(page, table, alt, [{"jaar": str(y), "reizen": len(t)} for y, t in per_year.items()], "jaar")
