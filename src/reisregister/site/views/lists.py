"""The lists of trips: the sortable table every list of trips shares (the home page's too), the
trips index (/reizen/), a year's or group's page and a grouping's overview.

Which lists exist and how they are paged is the router's (`site/pages.py`); this gives each page
its HTML, through templates/lists.html and the table template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup

from reisregister.core import addresses
from reisregister.core.addresses import relative, to_root
from reisregister.core.groups import Grouping
from reisregister.core.i18n.text import plural
from reisregister.core.report import Report
from reisregister.core.rules import newest_first
from reisregister.register import followup
from reisregister.register.register import Register
from reisregister.site.html import (
    TRIP_COLUMNS,
    Cell,
    Column,
    fragments,
    linked,
    render_table,
    status_legend,
    trip_cells,
)
from reisregister.site.views import followup as followup_page
from reisregister.site.views.insights import Facts, Totals, totals, year_range
from reisregister.site.views.overview import SmallChart, cost_text, list_cells, list_columns, totals_sentence

LATEST_ON_INDEX = 100

PageHtml = Callable[[str, str, list], str]  # (page address, caption, the page's rows) -> HTML, for `paged`


@dataclass(frozen=True)
class TripList:
    """A page listing the trips of one year or group."""

    url: str
    title: str
    reports: list[Report]
    note: str = ""  # after the totals, e.g. that a trip counts in full on several such pages

    @property
    def feed(self) -> str:
        return addresses.feed(self.url)


@dataclass
class Lists:
    """The lists of one register's trips, totalled by its facts, with the payers as the site names them."""

    register: Register
    facts: Facts
    payers: dict[str, str]
    _rows: dict[str, list[Cell]] = field(default_factory=dict, repr=False)

    def totals(self, reports: list[Report]) -> Totals:
        """What a set of trips cost and emitted, by payer, planned trips apart."""
        return totals(reports, self.facts)

    def trip_table(
        self, page_url: str, caption: str, reports: list[Report], totals_of: list[Report] | None = None
    ) -> Markup:
        """A sortable table of trips, newest first, with the totals of `totals_of` in its footer."""
        ordered = newest_first(reports)
        up = to_root(page_url)
        rows = [linked(self._cells(r), up + addresses.trip(r.id), up) for r in ordered]
        footer = None
        if totals_of is not None:
            total = self.totals(totals_of)
            label = "Totaal" if len(totals_of) == len(reports) else "Totaal (alle pagina's)"
            footer = [
                label,
                plural(total.trips, "reis", "reizen"),
                "",
                "",
                plural(total.days, "dag", "dagen"),
                cost_text(total),
                "",
            ]
        # Every trip table sits under a heading that names it: the caption is for screen readers.
        # The legend explains the statuses that have a page (some trip has them).
        legend = status_legend(up, self.register.settings.due_days, self.register.statuses)
        return render_table(caption, TRIP_COLUMNS, rows, footer, caption_shown=False) + legend

    # A trip appears in several tables (year, country, role…); its cells are worded once.
    def _cells(self, report: Report) -> list[Cell]:
        if report.id not in self._rows:
            self._rows[report.id] = trip_cells(report, self.register.status(report))
        return self._rows[report.id]

    def trips_index(self) -> Markup:
        """/reizen/: every year with its totals, then the latest trips."""
        reports, years, payers = self.register.reports, self.register.by_year, self.payers
        rows = [
            [
                Cell(str(year), year, relative(addresses.TRIPS, addresses.year(year)) if year in years else None),
                *list_cells(self.totals(years.get(year, [])), payers),
            ]
            for year in reversed(year_range(years))
        ]
        columns = list_columns("Jaar", payers)
        columns = (Column("Jaar", sort="descending"), *columns[1:])
        footer = ["Totaal", *(cell.text for cell in list_cells(self.totals(reports), payers))]
        summary = render_table("Reizen per jaar", columns, rows, footer)
        latest = newest_first(reports)[:LATEST_ON_INDEX]
        # Tables of pages sort within their page; the search page sorts the whole register at once.
        dearest = relative(addresses.TRIPS, addresses.search(sort="kosten-af"))
        latest_table = self.trip_table(addresses.TRIPS, "Laatste reizen", latest)
        return _lists().trips_index(summary, dearest, latest_table, len(latest))

    def trip_list(self, trips: TripList, chart: SmallChart | None, annual_url: str | None) -> PageHtml:
        """The pages of one year or group: totals, feed, the year's report to the council, the trips."""
        sentence = totals_sentence(self.totals(trips.reports), self.payers)

        def page(page_url: str, caption: str, chunk: list[Report]) -> str:
            # The chart and the open actions sit on the first page only (the chart's files are beside it).
            first = page_url == trips.url
            return _lists().trip_list(
                sentence,
                trips.note,
                relative(page_url, trips.feed),
                annual_url and relative(page_url, annual_url),
                chart.html() if chart and first else None,
                self.trip_table(page_url, caption, chunk, totals_of=trips.reports),
                self._open_actions(trips.url, trips.reports) if first else None,
            )

        return page

    def _open_actions(self, url: str, reports: list[Report]) -> Markup | None:
        """An organisation's open follow-up actions, the overdue first (council members ask per organisation)."""
        if not url.startswith(addresses.grouping("organisaties")):
            return None
        found = followup.open_first(action for report in reports for action in self.register.actions(report))
        if not found:
            return None
        return followup_page.open_table(url, "Open vervolgacties", found)

    def group_overview(self, grouping: Grouping) -> PageHtml:
        """The pages of a grouping's overview (e.g. /landen/): each group with its totals, by label."""
        members, labels = self.register.members(grouping)

        def page(page_url: str, caption: str, slugs: list[str]) -> str:
            rows = [
                [
                    Cell(labels[s], labels[s].lower(), relative(page_url, addresses.group_page(grouping.path, s))),
                    *list_cells(self.totals(members[s])),
                ]
                for s in slugs
            ]
            table = render_table(caption, list_columns(grouping.noun), rows, self._all_trips, caption_shown=False)
            return _lists().group_overview(grouping.shared, table)

        return page

    @cached_property
    def _all_trips(self) -> list[str]:
        """The footer of every overview: the totals of all trips."""
        return ["Alle reizen", *(cell.text for cell in list_cells(self.totals(self.register.reports)))]


def _lists():
    return fragments("lists.html")
