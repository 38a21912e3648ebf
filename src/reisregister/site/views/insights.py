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
from reisregister.core.report import PUBLISHED, Report, Status, report_due

UNSPLIT = "niet uitgesplitst"  # reports that give only a total


@dataclass
class YearFigures:
    """One year of trips (by start date)."""

    year: int
    trips: int = 0
    days: int = 0
    eur: float = 0.0
    converted: bool = False  # any amount was converted from another currency
    parts: dict[str, float] = field(default_factory=lambda: dict.fromkeys((*COST_PARTS, UNSPLIT), 0.0))
    co2_kg: float = 0.0
    estimated: int = 0  # trips with a CO₂ estimate
    flights: int = 0
    short_flights: int = 0
    reports_due: int = 0  # published trips with a known publication date
    on_time: int = 0
    costs_per_day: list[float] = field(default_factory=list)

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.reports_due if self.reports_due else None

    @property
    def flight_share(self) -> float | None:
        return self.flights / self.trips if self.trips else None

    @property
    def median_cost_per_day(self) -> float | None:
        return statistics.median(self.costs_per_day) if self.costs_per_day else None


@dataclass(frozen=True)
class Facts:
    """What the figures need to know of each report beyond its file."""

    status: Callable[[Report], Status]
    emissions: Callable[[Report], Emissions]
    published: Callable[[Report], date | None]
    due_days: int


def per_year(reports: Iterable[Report], facts: Facts) -> list[YearFigures]:
    """Figures per year, oldest first."""
    years: dict[int, YearFigures] = {}
    for report in reports:
        figures = years.setdefault(report.meta.start_date.year, YearFigures(report.meta.start_date.year))
        _add(figures, report, facts)
    return [years[year] for year in sorted(years)]


def _add(figures: YearFigures, report: Report, facts: Facts) -> None:
    figures.trips += 1
    figures.days += report.days
    euro = report.euro_total()
    if euro:
        figures.eur += euro.eur
        figures.converted |= euro.converted
        figures.costs_per_day.append(euro.eur / report.days)
        _add_parts(figures, report, euro.eur)
    emissions = facts.emissions(report)
    if emissions.co2_kg is not None:
        figures.co2_kg += emissions.co2_kg
        figures.estimated += 1
    figures.flights += "vliegtuig" in report.meta.transport
    figures.short_flights += emissions.short_flight
    published = facts.published(report)
    if facts.status(report).label == PUBLISHED and published:
        figures.reports_due += 1
        figures.on_time += published <= report_due(report, facts.due_days)


# Parts in euros: each part converted at the total's rate; what the parts leave open is unsplit.
def _add_parts(figures: YearFigures, report: Report, total_eur: float) -> None:
    costs = report.meta.costs
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


def countries(reports: Iterable[Report]) -> list[tuple[str, int, float]]:
    """(country code, trips, euros) per country, most trips first; a trip counts in full in each of its countries."""
    return _per_key(reports, lambda report: {d.country for d in report.meta.destinations})


def organisations(reports: Iterable[Report]) -> list[tuple[str, int, float]]:
    """(organisation, trips, euros) per travelling organisation, most trips first; counted in full for each."""
    return _per_key(reports, lambda report: {t.organisation for t in report.meta.travellers})


def _per_key(reports: Iterable[Report], keys: Callable[[Report], set[str]]) -> list[tuple[str, int, float]]:
    trips: Counter[str] = Counter()
    euros: dict[str, float] = defaultdict(float)
    for report in reports:
        euro = report.euro_total()
        for key in keys(report):
            trips[key] += 1
            euros[key] += euro.eur if euro else 0.0
    return [(key, n, euros[key]) for key, n in _ranked(trips)]


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
    def on_time_share(self) -> float | None:
        return self.on_time / self.published if self.published else None

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
                figures.on_time += published <= report_due(report, facts.due_days)
                figures.days_after_return.append((published - report.meta.end_date).days)
    return sorted(found.values(), key=lambda f: (-f.published - f.overdue, f.organisation))
