"""Figures across the register: spending, trips, CO₂ and timeliness per year, the places and
organisations travelled for most. Plain data, for the insights page, the home page and their CSVs.

Nothing here knows about MkDocs or HTML; amounts are in euros (money.py), CO₂ from emissions.py.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from reisregister.core.emissions import Emissions, place_point
from reisregister.core.model import COST_PARTS
from reisregister.core.report import Report
from reisregister.core.rules import PLANNED, PUBLISHED, Status, counted_late, published_late

UNSPLIT = "niet uitgesplitst"  # reports that give only a total
BODY, OTHERS, NO_PAYER = "body", "others", "unknown"  # who paid: the body itself, others, not said
PAYERS = (BODY, OTHERS, NO_PAYER)


@dataclass(frozen=True)
class Facts:
    """What the figures need to know of each report beyond its file."""

    status: Callable[[Report], Status]
    emissions: Callable[[Report], Emissions]
    published: Callable[[Report], date | None]
    due_days: int
    paid_by_others: Callable[[Report], bool | None] = lambda report: None  # rules.paid_by_others for the body

    def payer(self, report: Report) -> str:
        """BODY, OTHERS or NO_PAYER."""
        others = self.paid_by_others(report)
        return NO_PAYER if others is None else (OTHERS if others else BODY)


@dataclass
class Totals:
    """What a set of trips cost and emitted, saying what is missing; planned trips are kept apart.

    Spending counts trips that have started; a planned trip's (provisional) costs are `planned_eur`.
    """

    trips: int = 0  # every trip, planned ones included
    days: int = 0
    planned: int = 0
    eur: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PAYERS, 0.0))  # spent, per payer
    converted_by: set[str] = field(default_factory=set)  # payers with an amount converted from another currency
    without_costs: int = 0  # started trips without costs
    planned_eur: float = 0.0
    planned_converted: bool = False
    planned_without_costs: int = 0
    co2_kg: float = 0.0
    without_co2: int = 0  # started trips without a CO₂ estimate

    @property
    def spent(self) -> float:
        return sum(self.eur.values())

    @property
    def converted(self) -> bool:
        """Some spent amount was converted from another currency."""
        return bool(self.converted_by)

    @property
    def started(self) -> int:
        return self.trips - self.planned

    @property
    def with_costs(self) -> int:
        return self.started - self.without_costs

    @property
    def with_co2(self) -> int:
        return self.started - self.without_co2

    def add(self, report: Report, facts: Facts) -> None:
        """Count one trip in."""
        self.trips += 1
        self.days += report.days
        euro = report.euro_total()
        if facts.status(report).label == PLANNED:
            self.planned += 1
            self.planned_eur += euro.eur if euro else 0.0
            self.planned_converted |= bool(euro and euro.converted)
            self.planned_without_costs += euro is None
            return
        if euro:
            payer = facts.payer(report)
            self.eur[payer] += euro.eur
            if euro.converted:
                self.converted_by.add(payer)
        else:
            self.without_costs += 1
        co2 = facts.emissions(report).co2_kg
        if co2 is None:
            self.without_co2 += 1
        else:
            self.co2_kg += co2


def totals(reports: Iterable[Report], facts: Facts) -> Totals:
    """The totals of a set of trips."""
    found = Totals()
    for report in reports:
        found.add(report, facts)
    return found


@dataclass
class YearFigures:
    """One year of trips (by start date); costs and CO₂ of the trips that started (see Totals)."""

    year: int
    totals: Totals = field(default_factory=Totals)
    parts: dict[str, float] = field(default_factory=lambda: dict.fromkeys((*COST_PARTS, UNSPLIT), 0.0))
    flights: int = 0
    short_flights: int = 0
    reports_due: int = 0  # reports that should be there: published (date known), or pending past their due date
    on_time: int = 0
    costs_per_day: list[float] = field(default_factory=list)

    @property
    def trips(self) -> int:
        return self.totals.trips

    @property
    def eur(self) -> float:
        """Spent in euros, planned trips not counted."""
        return self.totals.spent

    @property
    def converted(self) -> bool:
        return self.totals.converted

    @property
    def co2_kg(self) -> float:
        return self.totals.co2_kg

    @property
    def median_cost_per_day(self) -> float | None:
        return statistics.median(self.costs_per_day) if self.costs_per_day else None


def per_year(reports: Iterable[Report], facts: Facts) -> list[YearFigures]:
    """Figures per year, oldest first; years without trips between the first and last are there, empty."""
    years: dict[int, YearFigures] = {}
    for report in reports:
        figures = years.setdefault(report.meta.start_date.year, YearFigures(report.meta.start_date.year))
        _add(figures, report, facts)
    return [years.get(year) or YearFigures(year) for year in year_range(years)]


def year_range(years: Iterable[int]) -> range:
    """Every year from the first to the last given, so a series never skips a year without trips."""
    known = sorted(years)
    return range(known[0], known[-1] + 1) if known else range(0)


def _add(figures: YearFigures, report: Report, facts: Facts) -> None:
    figures.totals.add(report, facts)
    status = facts.status(report)
    euro = report.euro_total()
    if euro and status.label != PLANNED:
        figures.costs_per_day.append(euro.eur / report.days)
        _add_parts(figures, report, euro.eur)
    figures.flights += "vliegtuig" in report.meta.transport
    figures.short_flights += facts.emissions(report).short_flight
    late = counted_late(status, report, facts.published(report), facts.due_days)
    figures.reports_due += late is not None
    figures.on_time += late is False


# Parts in euros: each part converted at the total's rate; what the parts leave open is unsplit.
# Parts in several currencies (no total in the file) each at their own currency's rate.
def _add_parts(figures: YearFigures, report: Report, total_eur: float) -> None:
    costs = report.meta.costs
    if costs.total is None:
        for part, eur in report.euro_parts().items():
            figures.parts[part] += eur
        return
    scale = total_eur / costs.total if costs.total else 0.0
    split = 0.0
    for part in COST_PARTS:
        amount = (getattr(costs, part) or 0.0) * scale
        figures.parts[part] += amount
        split += amount
    figures.parts[UNSPLIT] += max(total_eur - split, 0.0)


@dataclass(frozen=True)
class Place:
    """A destination with its coordinates and the trips to it."""

    city: str
    country: str
    lat: float
    lon: float
    trips: int


def places(reports: Iterable[Report]) -> list[Place]:
    """Every destination that can be placed, most visited first (a city counts once per trip)."""
    counts: Counter[tuple[str, str]] = Counter()
    points: dict[tuple[str, str], tuple[float, float]] = {}
    for report in reports:
        for destination in {(d.city, d.country, d.lat, d.lon) for d in report.meta.destinations}:
            point = place_point(*destination)
            if point:
                key = destination[:2]
                counts[key] += 1
                points.setdefault(key, point)
    return [Place(city, country, *points[(city, country)], n) for (city, country), n in _ranked(counts)]


def countries(reports: Iterable[Report], facts: Facts) -> list[tuple[str, Totals]]:
    """(country code, totals) per country, most trips first; a trip counts in full in each of its countries."""
    return _per_key(reports, facts, lambda report: {d.country for d in report.meta.destinations})


def organisations(reports: Iterable[Report], facts: Facts) -> list[tuple[str, Totals]]:
    """(organisation, totals) per travelling organisation, most trips first; counted in full for each."""
    return _per_key(reports, facts, lambda report: {t.organisation for t in report.meta.travellers})


def _per_key(reports: Iterable[Report], facts: Facts, keys: Callable[[Report], set[str]]) -> list[tuple[str, Totals]]:
    found: dict[str, Totals] = defaultdict(Totals)
    for report in reports:
        for key in keys(report):
            found[key].add(report, facts)
    ranked = _ranked(Counter({key: t.trips for key, t in found.items()}))
    return [(key, found[key]) for key, _ in ranked]


# Most first, then by name, so equal counts keep one order in every build.
def _ranked(counts: Counter) -> list[tuple]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


@dataclass
class OnTime:
    """How the reports of one organisation's trips came: on time, late, still missing."""

    organisation: str
    published: int = 0  # with a known publication date
    on_time: int = 0
    overdue: int = 0  # no report yet, past its due date
    days_after_return: list[int] = field(default_factory=list)

    @property
    def reports_due(self) -> int:
        """Reports that should be there: published with a known date, and overdue ones (late)."""
        return self.published + self.overdue

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days_after_return) if self.days_after_return else None


def on_time_per_organisation(reports: Iterable[Report], facts: Facts) -> list[OnTime]:
    """Per travelling organisation (a trip counts for each), most reports first."""
    found: dict[str, OnTime] = {}
    for report in reports:
        status, published = facts.status(report), facts.published(report)
        for name in {t.organisation for t in report.meta.travellers}:
            figures = found.setdefault(name, OnTime(name))
            figures.overdue += status.overdue
            if status.label == PUBLISHED and published:
                figures.published += 1
                figures.on_time += not published_late(report, published, facts.due_days)
                figures.days_after_return.append((published - report.meta.end_date).days)
    return sorted(found.values(), key=lambda f: (-f.published - f.overdue, f.organisation))
