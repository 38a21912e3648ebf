"""The insights page (/inzichten/) and the home page's headline figures: charts, the tables with
their numbers, and a CSV of each table. Built once per build from insights.py's figures."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup

from reisregister.core import addresses
from reisregister.core.addresses import relative
from reisregister.core.i18n.text import country_name, long_date, number, plural
from reisregister.core.model import COST_PARTS
from reisregister.core.rules import PENDING, by_return
from reisregister.opendata.export import spreadsheet_safe
from reisregister.site import charts
from reisregister.site.html import COST_LABELS, UNKNOWN, Cell, Column, euro_text, fragments, render, render_table
from reisregister.site.views import insights
from reisregister.site.views.insights import BODY, NO_PAYER, OTHERS, PAYERS, Totals

PAGE = addresses.INSIGHTS
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

    @property
    def folded(self) -> bool:
        """Long: the page shows it folded in a <details>."""
        return len(self.rows) > FOLD_ROWS

    def html(self) -> Markup:
        return render_table(self.caption, self.columns, self.rows, None)

    def csv(self) -> str:
        stream = io.StringIO()
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow([column.label for column in self.columns])
        for row in self.rows:
            writer.writerow([_csv_value(cell) for cell in row])
        return stream.getvalue()


def _csv_value(cell: Cell) -> str:
    if cell.text == MISSING:
        return ""  # not known: an empty cell, never 0
    if isinstance(cell.sort, float):
        return f"{cell.sort:.2f}"
    return str(cell.sort) if isinstance(cell.sort, int) else spreadsheet_safe(cell.text)


class Overview:
    """The figures, charts and tables of one register."""

    def __init__(self, reports: list, facts: insights.Facts, reference_year: int, body: str = ""):
        self.reports, self.facts, self.reference_year = reports, facts, reference_year
        self.payers = payer_labels(body)

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
            self._spending_parts(),
            self._trips_and_co2(),
            self._countries(),
            self._organisations(),
            self._places(),
            self._on_time(),
            self._overdue(),
        ]

    def _spending(self) -> Table:
        columns = (
            Column("Jaar"),
            *(Column(_sentence_case(self.payers[payer]), numeric=True) for payer in PAYERS),
            Column("Totaal", numeric=True),
            Column("Reizen zonder kosten", numeric=True),
            Column("Gepland (voorlopig, niet in het totaal)", numeric=True),
        )
        rows = [
            [
                Cell(str(y.year), y.year),
                *(
                    _euros(y.totals.eur[p], p in y.totals.converted_by, y.totals.started, y.totals.with_costs)
                    for p in PAYERS
                ),
                _euros(y.eur, y.converted, y.totals.started, y.totals.with_costs),
                Cell(number(y.totals.without_costs), y.totals.without_costs),
                _planned_cell(y.totals),
            ]
            for y in reversed(self.years)
        ]
        return Table("uitgaven-per-jaar", "Uitgaven per jaar in euro, naar wie betaalde", columns, rows)

    def _spending_parts(self) -> Table:
        columns = (Column("Jaar"), *(Column(PART_LABELS[p], numeric=True) for p in (*COST_PARTS, insights.UNSPLIT)))
        rows = [
            [
                Cell(str(y.year), y.year),
                *(_euros(y.parts[p], y.converted, y.totals.started, y.totals.with_costs) for p in PART_ORDER),
                _euros(y.eur, y.converted, y.totals.started, y.totals.with_costs),
            ]
            for y in reversed(self.years)
        ]
        caption = "Uitgaven per jaar in euro, naar soort kosten"
        return Table("uitgaven-per-soort", caption, (*columns, Column("Totaal", numeric=True)), rows)

    def _trips_and_co2(self) -> Table:
        columns = (
            Column("Jaar"),
            Column("Reizen", numeric=True),
            Column("Waarvan gepland", numeric=True),
            Column("CO₂ (ton)", numeric=True),
            Column("Reizen zonder CO₂-schatting", numeric=True),
            Column("Met vliegtuig", numeric=True),
            Column("Korte vluchten", numeric=True),
            Column("Kosten per reisdag (mediaan)", numeric=True),
            Column("Verslag op tijd", numeric=True),
        )
        rows = [
            [
                Cell(str(y.year), y.year),
                Cell(number(y.trips), y.trips),
                Cell(number(y.totals.planned), y.totals.planned),
                _tonnes(y.totals),
                Cell(number(y.totals.without_co2), y.totals.without_co2),
                _share(y.flights, y.trips),
                Cell(number(y.short_flights), y.short_flights),
                _euros(y.median_cost_per_day) if y.median_cost_per_day is not None else Cell(MISSING, UNKNOWN),
                _share(y.on_time, y.reports_due, counted=True),
            ]
            for y in reversed(self.years)
        ]
        return Table("reizen-en-co2-per-jaar", "Reizen, CO₂ en tijdigheid per jaar", columns, rows)

    def _countries(self) -> Table:
        rows = [
            [
                Cell(country_name(code), country_name(code).lower(), relative(PAGE, addresses.country(code))),
                *_group_cells(t),
            ]
            for code, t in insights.countries(self.reports, self.facts)[:TOP]
        ]
        return Table("landen", f"De {TOP} landen met de meeste reizen", (Column("Land"), *GROUP_FIGURES), rows)

    def _organisations(self) -> Table:
        rows = [[Cell(name), *_group_cells(t)] for name, t in insights.organisations(self.reports, self.facts)[:TOP]]
        caption = f"De {TOP} organisaties met de meeste reizen"
        return Table("organisaties", caption, (Column("Organisatie"), *GROUP_FIGURES), rows)

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
                Cell(number(f.overdue), f.overdue),
                _share(f.on_time, f.reports_due, counted=True),
                Cell(number(round(f.median_days)), f.median_days)
                if f.median_days is not None
                else Cell(MISSING, UNKNOWN),
            ]
            for f in insights.on_time_per_organisation(self.reports, self.facts)[:TOP]
        ]
        columns = (
            Column("Organisatie"),
            Column("Verslagen", numeric=True),
            Column("Nog niet binnen, te laat", numeric=True),
            Column("Op tijd", numeric=True),
            Column("Dagen na terugkomst (mediaan)", numeric=True),
        )
        caption = f"Tijdigheid van de verslagen per organisatie (de {TOP} met de meeste reizen)"
        return Table("tijdigheid-per-organisatie", caption, columns, rows)

    def _overdue(self) -> Table:
        late = [r for r in self.reports if self.facts.status(r).overdue]
        late.sort(key=by_return)
        rows = [
            [
                Cell(r.meta.title, href=relative(PAGE, addresses.trip(r.id))),
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
        written = {addresses.insights_file(f"{table.name}.csv"): table.csv() for table in self.tables}
        for name, draw in self._charts().items():
            written.update(
                chart_files(
                    addresses.insights_file(name), draw(charts.WIDE), None if name in ONE_SIZE else draw(charts.NARROW)
                )
            )
        return written

    def _charts(self) -> dict[str, Callable[[int], str]]:
        """Each chart of the page by name, drawn at a given plot width (wide, and narrow for phones)."""
        parts = [
            {"jaar": str(y.year), "soort": PART_LABELS[p], "euro": round(y.parts[p], 2), "volgorde": i}
            for y in self.years
            for i, p in enumerate(PART_ORDER)
        ]
        by_payer = self.spending_rows()
        recent = [row for row in by_payer if int(row["jaar"]) > self.reference_year - 10]
        trips = [
            {"jaar": str(y.year), "soort": kind, "reizen": count, "volgorde": i}
            for y in self.years
            for i, (kind, count) in enumerate(((MADE, y.totals.started), (PLANNED_TRIPS, y.totals.planned)))
        ]
        co2 = [{"jaar": str(y.year), "ton": round(y.co2_kg / 1000, 2)} for y in self.years]
        countries = [
            {"land": country_name(c), "reizen": t.trips} for c, t in insights.countries(self.reports, self.facts)[:TOP]
        ]
        points = [{"lat": p.lat, "lon": p.lon, "reizen": p.trips} for p in insights.places(self.reports)]
        euro, order = ("Jaar", "Euro"), self.payer_order
        return {
            "uitgaven-per-jaar": lambda w: charts.stacked_bars(by_payer, "jaar", "euro", "soort", order, euro, w),
            "uitgaven-recent": lambda w: charts.stacked_bars(recent, "jaar", "euro", "soort", order, euro, w),
            "uitgaven-per-soort": lambda w: charts.stacked_bars(parts, "jaar", "euro", "soort", PART_NAMES, euro, w),
            "reizen-per-jaar": lambda w: charts.stacked_bars(
                trips, "jaar", "reizen", "soort", TRIP_KINDS, ("Jaar", "Reizen"), w
            ),
            "co2-per-jaar": lambda w: charts.bars(co2, "jaar", "ton", ("Jaar", "CO₂ (ton)"), width=w),
            "landen": lambda w: charts.bars(
                countries, "land", "reizen", ("Land", "Reizen"), horizontal=True, width=w * 3 // 5
            ),
            "kaart": lambda w: charts.world_map(points, width=w + 160 if w == charts.WIDE else w + 80),
            "kaart-europa": lambda w: charts.europe_map(points),
        }

    @property
    def payer_order(self) -> list[str]:
        """The stacks of the spending chart: each payer, then the planned trips' provisional costs."""
        return [*(_sentence_case(self.payers[p]) for p in PAYERS), PLANNED_COSTS]

    def spending_rows(self) -> list[dict]:
        """Euros per year and payer, planned costs as a stack of their own (the spending chart's data)."""
        return [
            {"jaar": str(y.year), "soort": kind, "euro": round(amount, 2), "volgorde": i}
            for y in self.years
            for i, (kind, amount) in enumerate(
                zip(self.payer_order, [*(y.totals.eur[p] for p in PAYERS), y.totals.planned_eur], strict=True)
            )
        ]

    # ------------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------------

    def page_html(self) -> Markup:
        """The insights page: each question with its chart, its table and its CSV."""
        spending, parts, trips, countries, organisations, places, on_time, overdue = self.tables
        tables = {
            "spending": spending,
            "parts": parts,
            "trips": trips,
            "countries": countries,
            "organisations": organisations,
            "places": places,
            "on_time": on_time,
            "overdue": overdue,
        }
        return render(
            "insights.html",
            totals=totals_sentence(insights.totals(self.reports, self.facts), self.payers),
            charts=self._figures(),
            tables=tables,
            due_days=number(self.facts.due_days),
            links={
                "method": relative(PAGE, addresses.METHOD),
                "pending": relative(PAGE, addresses.status(PENDING)),
                "follow_up": relative(PAGE, addresses.FOLLOW_UP),
            },
        )

    def _figures(self) -> dict[str, Figure]:
        """Each chart of the page by name, with its text alternative."""
        later = "De cijfers staan in de tabel eronder."
        places = "De plaatsen en aantallen staan in de tabel eronder."
        return {
            "uitgaven-per-jaar": figure(
                "uitgaven-per-jaar.svg",
                "Staafdiagram: uitgaven per jaar in euro, gestapeld naar wie betaalde "
                f"({', '.join(self.payer_order[:3]).lower()}); de voorlopige kosten van geplande reizen "
                f"staan er apart bovenop. {later}",
                narrow=True,
            ),
            "uitgaven-per-soort": figure(
                "uitgaven-per-soort.svg",
                f"Staafdiagram: uitgaven per jaar in euro, verdeeld naar {', '.join(PART_NAMES).lower()}. {later}",
                narrow=True,
            ),
            "reizen-per-jaar": figure(
                "reizen-per-jaar.svg",
                f"Staafdiagram: aantal reizen per jaar, gemaakte en geplande reizen apart. {later}",
                narrow=True,
            ),
            "co2-per-jaar": figure(
                "co2-per-jaar.svg", f"Staafdiagram: geschatte CO₂-uitstoot per jaar in ton. {later}", narrow=True
            ),
            "landen": figure("landen.svg", f"Staafdiagram: de landen met de meeste reizen. {later}", narrow=True),
            "kaart": figure(
                "kaart.svg",
                f"Wereldkaart met een cirkel per bestemming, groter naarmate er meer reizen heen gingen. {places}",
                narrow=True,
            ),
            "kaart-europa": figure(
                "kaart-europa.svg",
                "Kaart van Europa, waar de meeste reizen heen gaan, met een cirkel per bestemming, groter naarmate er "
                f"meer reizen heen gingen. {places}",
            ),
        }


@dataclass(frozen=True)
class Figure:
    """A chart as a page shows it (figures.html): light and dark, and on a phone (`phone`) drawn at its width."""

    stem: str  # the address of its SVG without ".svg"
    alt: str
    phone: str | None  # the media query of the narrow drawing, if it has one
    narrow: str  # the suffixes of the narrow and dark drawings' files (chart_files)
    dark: str


def figure(src: str, alt: str, narrow: bool = False) -> Figure:
    """A chart as an image with its text alternative; narrow: a phone gets the chart drawn at its width."""
    return Figure(src.removesuffix(".svg"), alt, PHONE if narrow else None, NARROW_SUFFIX, DARK_SUFFIX)


def chart_files(stem: str, wide: str, narrow: str | None = None) -> dict[str, str]:
    """Site path -> SVG of a chart's variants: light and dark, wide and (if drawn) narrow."""
    files = {f"{stem}.svg": wide, f"{stem}{DARK_SUFFIX}.svg": charts.dark(wide)}
    if narrow is not None:
        files |= {f"{stem}{NARROW_SUFFIX}.svg": narrow, f"{stem}{NARROW_SUFFIX}{DARK_SUFFIX}.svg": charts.dark(narrow)}
    return files


PHONE = "(max-width: 40em)"  # where the tables turn into cards (reisregister.css)
NARROW_SUFFIX, DARK_SUFFIX = "-smal", "-donker"
ONE_SIZE = {"kaart-europa"}  # drawn at a phone's width, shown so on every screen


def _euros(amount: float, converted: bool = False, trips: int = 1, with_costs: int = 1) -> Cell:
    """Whole euros (the tables compare, not account), ≈ when converted; – when no trip gave costs."""
    if trips and not with_costs:
        return Cell(MISSING, UNKNOWN)
    return Cell(f"{'≈ ' if converted else ''}€\xa0{number(round(amount))}", round(amount, 2))


def _share(part: int, whole: int, counted: bool = False) -> Cell:
    """A percentage; counted: with 'x van y' after it, so the reader sees what it is a share of."""
    if not whole:
        return Cell(MISSING, UNKNOWN)
    share = part / whole
    suffix = f" ({number(part)} van {number(whole)})" if counted else ""
    return Cell(f"{number(round(share * 100))}%{suffix}", round(share, 4))


def _tonnes(totals: Totals) -> Cell:
    if totals.started and not totals.with_co2:
        return Cell(MISSING, UNKNOWN)
    return Cell(number(round(totals.co2_kg / 1000, 1)), round(totals.co2_kg / 1000, 3))


def _planned_cell(totals: Totals) -> Cell:
    if not totals.planned:
        return Cell(number(0), 0)
    amount = (
        euro_text(totals.planned_eur, totals.planned_converted)
        if totals.planned > totals.planned_without_costs
        else MISSING
    )
    return Cell(f"{plural(totals.planned, 'reis', 'reizen')}, {amount}", round(totals.planned_eur, 2))


def _group_cells(totals: Totals) -> list[Cell]:
    return [
        Cell(number(totals.trips), totals.trips),
        _euros(totals.spent, totals.converted, totals.started, totals.with_costs),
        Cell(number(totals.without_costs), totals.without_costs),
        Cell(number(totals.planned), totals.planned),
    ]


GROUP_FIGURES = (
    Column("Reizen", numeric=True),
    Column("Kosten", numeric=True),
    Column("Zonder kosten", numeric=True),
    Column("Waarvan gepland", numeric=True),
)


def list_columns(first: str, payers: dict[str, str] | None = None) -> tuple[Column, ...]:
    """The columns of a table of years or groups: trips, days, spent (by payer), missing, planned."""
    split = tuple(Column(_sentence_case(payers[p]), numeric=True) for p in PAYERS) if payers else ()
    return (
        Column(first),
        Column("Reizen", numeric=True),
        Column("Dagen", numeric=True),
        Column("Kosten", numeric=True),
        *split,
        Column("Zonder kosten", numeric=True),
        Column("Waarvan gepland", numeric=True),
    )


def list_cells(totals: Totals, payers: dict[str, str] | None = None) -> list[Cell]:
    """A row of `list_columns` after its first cell; the costs are those of trips that started."""
    t = totals
    split = [_euros(t.eur[p], p in t.converted_by, t.started, t.with_costs) for p in PAYERS] if payers else []
    return [
        Cell(number(t.trips), t.trips),
        Cell(number(t.days), t.days),
        _euros(t.spent, t.converted, t.started, t.with_costs),
        *split,
        Cell(number(t.without_costs), t.without_costs),
        Cell(number(t.planned), t.planned),
    ]


def cost_text(totals: Totals) -> str:
    """The cost of a table's trips for its footer: what was spent, and the planned trips' costs apart."""
    t, shown = totals, []
    if t.with_costs:
        shown.append(_amount(t.spent, t.converted))
    elif t.started:
        shown.append(MISSING)
    if t.planned:
        budget = _amount(t.planned_eur, t.planned_converted) if t.planned > t.planned_without_costs else MISSING
        shown.append(f"gepland: {budget}")
    return " · ".join(shown) or MISSING


# ----------------------------------------------------------------------------
# What a total holds, in words
# ----------------------------------------------------------------------------


def payer_labels(body: str) -> dict[str, str]:
    """How each payer is named: the body by its name (extra.reisregister.organisation)."""
    return {
        BODY: f"betaald door {body}" if body else "betaald door de organisatie zelf",
        OTHERS: "betaald door anderen",
        NO_PAYER: "betaler onbekend",
    }


def totals_sentence(totals: Totals, payers: dict[str, str]) -> str:
    """What a set of trips cost, split by payer, with what is missing and the planned trips apart.

    E.g. '21 reizen, 80 dagen. Kosten ≈ € 66.760: € 30.000 betaald door Gemeente Den Haag, € 20.000 betaald door
    anderen, € 16.760 betaler onbekend. 3 reizen zonder kosten, 1 reis zonder CO₂-schatting.'
    """
    sentences = [f"{plural(totals.trips, 'reis', 'reizen')}, {plural(totals.days, 'dag', 'dagen')}."]
    which = f" van de {plural(totals.started, 'gemaakte reis', 'gemaakte reizen')}" if totals.planned else ""
    if totals.with_costs:
        split = ", ".join(f"{_amount(totals.eur[p], p in totals.converted_by)} {payers[p]}" for p in PAYERS)
        sentences.append(f"Kosten{which} {_amount(totals.spent, totals.converted)}: {split}.")
    elif totals.started:
        sentences.append(f"Kosten{which}: niet opgegeven.")
    missing = []
    if totals.with_costs and totals.without_costs:
        missing.append(f"{plural(totals.without_costs, 'reis', 'reizen')} zonder kosten")
    if totals.without_co2:
        missing.append(f"{plural(totals.without_co2, 'reis', 'reizen')} zonder CO₂-schatting")
    if missing:
        sentences.append(", ".join(missing) + ".")
    if totals.planned:
        sentences.append(planned_sentence(totals))
    return " ".join(sentences)


def planned_sentence(totals: Totals) -> str:
    """'2 geplande reizen, voorlopig ≈ € 4.000, tellen nog niet mee in de kosten.'"""
    noun = plural(totals.planned, "geplande reis", "geplande reizen")
    budget = (
        f", voorlopig {_amount(totals.planned_eur, totals.planned_converted)},"
        if totals.planned > totals.planned_without_costs
        else ""
    )
    verb = "telt" if totals.planned == 1 else "tellen"
    return f"{noun}{budget} {verb} nog niet mee in de kosten."


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]  # not str.capitalize: it lowercases a name such as Den Haag


def _amount(eur: float, converted: bool) -> str:
    return f"{'≈ ' if converted else ''}€\xa0{number(round(eur))}"


MISSING = "–"
PART_ORDER = (*COST_PARTS, insights.UNSPLIT)
PART_NAMES = [PART_LABELS[p] for p in PART_ORDER]
MADE, PLANNED_TRIPS = "Gemaakt", "Gepland"
TRIP_KINDS = [MADE, PLANNED_TRIPS]
PLANNED_COSTS = "Gepland (voorlopige kosten)"
FOLD_ROWS = 15


def headline_html(overview: Overview, page_url: str) -> Markup:
    """This year against last year: trips, euros split by payer, CO₂ and reports on time, what is
    missing and what is planned, with the spending chart."""
    year = overview.reference_year
    columns = (
        Column("Jaar"),
        Column("Reizen", numeric=True),
        Column("Kosten", numeric=True),
        *(Column(_sentence_case(overview.payers[p]), numeric=True) for p in PAYERS),
        Column("CO₂ (ton)", numeric=True),
        Column("Verslag op tijd", numeric=True),
    )
    rows, notes = [], []
    for shown in (year, year - 1):
        y = overview.year(shown)
        t = y.totals
        rows.append(
            [
                Cell(str(shown)),
                Cell(number(y.trips), y.trips),
                _euros(y.eur, y.converted, t.started, t.with_costs),
                *(_euros(t.eur[p], p in t.converted_by, t.started, t.with_costs) for p in PAYERS),
                _tonnes(t),
                _share(y.on_time, y.reports_due, counted=True),
            ]
        )
        notes.append((shown, totals_sentence(t, overview.payers)))
    chart = figure(
        relative(page_url, addresses.insights_file("uitgaven-recent.svg")),
        "Staafdiagram: uitgaven per jaar in euro over de laatste tien jaar, gestapeld naar wie betaalde, met de "
        "voorlopige kosten van geplande reizen apart. De cijfers staan op de pagina Inzichten.",
        narrow=True,
    )
    table = render_table(f"Reizen in {year} en {year - 1}", columns, rows, None)
    days = number(overview.facts.due_days)
    return fragments("figures.html").headline(table, notes, days, chart, relative(page_url, PAGE))


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
        titles = (self.table.columns[0].label, "Reizen")
        svg = charts.bars(self.rows, self.x, "reizen", titles, height=140, width=charts.NARROW)  # small on every screen
        return chart_files(addresses.chart_file(self.page), svg) | {
            addresses.chart_file(self.page) + ".csv": self.table.csv()
        }

    def html(self) -> Markup:
        """The chart, then its table (folded, so the trips stay near the top) and CSV link."""
        return fragments("figures.html").small_chart(figure("grafiek.svg", self.alt), self.table)


def month_chart(page: str, year: int, reports: list, facts: insights.Facts) -> SmallChart:
    """Trips and euros per month of one year."""
    months = [[r for r in reports if r.meta.start_date.month == m] for m in range(1, 13)]
    rows = [[Cell(MONTHS[m], m + 1), *_group_cells(insights.totals(t, facts))] for m, t in enumerate(months)]
    table = Table("grafiek", f"Reizen per maand in {year}", (Column("Maand"), *GROUP_FIGURES), rows)
    alt = f"Staafdiagram: aantal reizen per maand in {year}. De cijfers staan in de tabel eronder."
    return SmallChart(page, table, alt, [{"maand": MONTHS[m], "reizen": len(t)} for m, t in enumerate(months)], "maand")


def group_chart(page: str, label: str, reports: list, facts: insights.Facts) -> SmallChart:
    """Trips and euros per year of one country or organisation, years without trips included."""
    per_year = {y: [] for y in insights.year_range(r.meta.start_date.year for r in reports)}
    for report in reports:
        per_year[report.meta.start_date.year].append(report)
    rows = [[Cell(str(y), y), *_group_cells(insights.totals(t, facts))] for y, t in per_year.items()]
    table = Table("grafiek", f"Reizen per jaar: {label}", (Column("Jaar"), *GROUP_FIGURES), rows)
    alt = f"Staafdiagram: aantal reizen per jaar voor {label}, ook de jaren zonder reizen. De cijfers staan in de tabel eronder."
    return SmallChart(page, table, alt, [{"jaar": str(y), "reizen": len(t)} for y, t in per_year.items()], "jaar")
