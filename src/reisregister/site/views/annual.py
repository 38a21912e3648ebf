"""/reizen/<year>/jaarrapportage/: the year's report to the council, and its CSV.

Den Haag's council asked (14 July 2020) for a yearly account of the trips, the means of transport,
and every exception to the train rule with its reason. This page gives that, with the CO₂ estimate
and the costs per payer, for the trips that started in the year (planned trips not yet made are
left out). It is one page with plain tables, so it prints as it reads.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from reisregister.core import addresses
from reisregister.core.addresses import relative
from reisregister.core.emissions import Emissions
from reisregister.core.i18n.text import date_range, long_date, number, plural
from reisregister.core.report import Report
from reisregister.core.rules import by_start
from reisregister.core.train_rule import FLIGHT, TrainRule, TrainTime, train_time, within_rule
from reisregister.opendata.export import spreadsheet_safe
from reisregister.site.html import Cell, Column, euro_text, render, render_table

NO_MODE = "niet opgegeven"
NO_PAYER = "niet opgegeven"
CSV_COLUMNS = (
    "id",
    "title",
    "start_date",
    "end_date",
    "destinations",
    "transport",
    "distance_km",
    "co2_kg",
    "train_hours",
    "train_hours_source",
    "within_train_rule",
    "flight_reason",
    "paid_by",
    "costs_total_eur",
)


@dataclass(frozen=True)
class AnnualReport:
    """The trips made in one year, with what the council asked to see."""

    year: int
    reports: list[Report]  # trips that started in the year and are not merely planned
    emissions: Callable[[Report], Emissions]
    rule: TrainRule

    @property
    def exceptions(self) -> list[tuple[Report, TrainTime]]:
        """Flights the train rule covers, oldest first, each with its train time."""
        found = [(r, within_rule(r.meta, self.rule)) for r in self._chronological]
        return [(report, time) for report, time in found if time is not None]

    @property
    def _chronological(self) -> list[Report]:
        return sorted(self.reports, key=by_start)

    def html(self) -> Markup:
        """The page: summary, transport and CO₂, exceptions to the train rule, costs per payer."""
        url = addresses.annual(self.year)
        trips, days, cost = totals_text(self.reports)
        return render(
            "annual.html",
            year=self.year,
            trips=trips,
            days=days,
            cost=cost,
            download=relative(url, addresses.annual_csv(self.year)),
            transport=self._transport_table(),
            method=relative(url, addresses.METHOD),
            rule={
                "since": long_date(self.rule.since),
                "hours": f"{self.rule.hours:g}".replace(".", ","),
                "not_yet": self.year < self.rule.since.year,
            },
            exceptions=self._exceptions_table(url),
            flights=plural(sum(FLIGHT in r.meta.transport for r in self.reports), "vlucht", "vluchten"),
            payers=self._payer_table(),
        )

    def csv(self) -> str:
        """One row per trip, cells protected against spreadsheet formulas."""
        stream = io.StringIO()
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for report in self._chronological:
            writer.writerow([_csv_cell(value) for value in self._csv_row(report)])
        return stream.getvalue()

    # ------------------------------------------------------------------------
    # Tables
    # ------------------------------------------------------------------------

    def _transport_table(self) -> Markup:
        groups: dict[str, list[Report]] = defaultdict(list)
        for report in self.reports:
            groups[" en ".join(report.meta.transport) or NO_MODE].append(report)
        rows = [self._transport_row(mode, groups[mode]) for mode in sorted(groups, key=lambda m: (-len(groups[m]), m))]
        footer = ["Totaal", *self._transport_totals(self.reports)]
        columns = (
            Column("Vervoer"),
            Column("Reizen", numeric=True),
            Column("Afstand (km)", numeric=True),
            Column("CO₂ (kg)", numeric=True),
        )
        return render_table(f"Vervoer en CO₂ in {self.year}", columns, rows, footer)

    def _transport_row(self, mode: str, reports: list[Report]) -> list[Cell]:
        count, distance, co2 = self._transport_totals(reports)
        return [Cell(mode, mode), Cell(count, len(reports)), Cell(distance), Cell(co2)]

    def _transport_totals(self, reports: list[Report]) -> list[str]:
        estimates = [self.emissions(r) for r in reports]
        distance = sum(e.distance_km for e in estimates if e.distance_km is not None)
        co2 = sum(e.co2_kg for e in estimates if e.co2_kg is not None)
        known = any(e.co2_kg is not None for e in estimates)
        return [number(len(reports)), number(round(distance)), number(round(co2)) if known else "–"]

    def _exceptions_table(self, url: str) -> Markup | None:
        exceptions = self.exceptions
        if not exceptions:
            return None
        columns = (
            Column("Datum", sort="ascending"),
            Column("Reis"),
            Column("Trein (uur)", numeric=True),
            Column("Reistijd"),
            Column("Reden"),
        )
        rows = [
            [
                Cell(date_range(r.meta.start_date, r.meta.end_date), r.meta.start_date.isoformat()),
                Cell(r.meta.title, r.meta.title.lower(), relative(url, addresses.trip(r.id))),
                Cell(f"{t.hours:g}".replace(".", ","), t.hours),
                Cell("opgegeven" if t.stated else "geschat"),
                Cell(r.meta.flight_reason or ""),
            ]
            for r, t in exceptions
        ]
        caption = f"Vluchten binnen de treinnorm in {self.year}"
        return render_table(caption, columns, rows, [plural(len(rows), "vlucht", "vluchten"), "", "", "", ""])

    def _payer_table(self) -> Markup:
        groups: dict[str, list[Report]] = defaultdict(list)
        for report in self.reports:
            groups[report.meta.paid_by or NO_PAYER].append(report)
        rows = []
        for payer in sorted(groups, key=lambda p: (p == NO_PAYER, p.lower())):
            trips, _, cost = totals_text(groups[payer])
            eur = sum(e.eur for e in (r.euro_total() for r in groups[payer]) if e)
            rows.append([Cell(payer, payer.lower()), Cell(trips, len(groups[payer])), Cell(cost, round(eur, 2))])
        trips, _, cost = totals_text(self.reports)
        columns = (Column("Betaald door"), Column("Reizen", numeric=True), Column("Kosten", numeric=True))
        return render_table(f"Kosten per betaler in {self.year}", columns, rows, ["Totaal", trips, cost])

    def _csv_row(self, report: Report) -> list:
        meta, estimate = report.meta, self.emissions(report)
        time = train_time(meta, self.rule.origin)
        euro = report.euro_total()
        return [
            report.id,
            meta.title,
            meta.start_date.isoformat(),
            meta.end_date.isoformat(),
            "; ".join(f"{d.city} ({d.country})" for d in meta.destinations),
            "; ".join(meta.transport),
            None if estimate.distance_km is None else round(estimate.distance_km),
            None if estimate.co2_kg is None else round(estimate.co2_kg, 1),
            time.hours,
            "" if time.hours is None else ("stated" if time.stated else "estimated"),
            within_rule(meta, self.rule) is not None,
            meta.flight_reason,
            meta.paid_by,
            None if euro is None else round(euro.eur, 2),
        ]


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_safe(value) if isinstance(value, str) else str(value)


# Trips, days and their cost in euros (≈ where any amount was converted), as the tables word them.
def totals_text(reports: list[Report]) -> tuple[str, str, str]:
    amounts = [euro for euro in (r.euro_total() for r in reports) if euro]
    cost = euro_text(round(sum(a.eur for a in amounts), 2), any(a.converted for a in amounts)) if amounts else "–"
    return plural(len(reports), "reis", "reizen"), plural(sum(r.days for r in reports), "dag", "dagen"), cost


def year_title(year: int) -> str:
    """The page title."""
    return f"Jaarrapportage dienstreizen {year}"
