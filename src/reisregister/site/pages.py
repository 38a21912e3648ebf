"""The site's router: which pages and files a loaded register has, at which address, and what each holds.

Trip pages, the lists of trips by year and group with their paging, the overviews, the feeds and the
data files, and the check that no two of them share an address. It returns HTML fragments and
bytes; `hooks.py` hands them to MkDocs, and another generator could use them too. What a report's
status, dates or neighbours are is the register's (`register/register.py`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path

from markupsafe import Markup

from reisregister.core import addresses
from reisregister.core.addresses import FOLLOW_UP, INSIGHTS, relative, to_root
from reisregister.core.groups import GROUPINGS, Grouping
from reisregister.core.i18n.messages import message
from reisregister.core.i18n.text import date_range, plural
from reisregister.core.report import Report
from reisregister.core.rules import PLANNED, PUBLISHED, newest_first
from reisregister.opendata import feeds as feed
from reisregister.opendata.bundle import OpenData
from reisregister.register import followup
from reisregister.register.followup import TrackedAction
from reisregister.register.register import Register
from reisregister.site.html import (
    ROWS_PER_PAGE,
    TRIP_COLUMNS,
    Cell,
    Column,
    TripFacts,
    fragments,
    linked,
    render_pager,
    render_redirect,
    render_table,
    render_trip,
    status_legend,
    trip_cells,
)
from reisregister.site.views import annual
from reisregister.site.views import followup as followup_page
from reisregister.site.views.followup import FOLLOW_UP_DESCRIPTION, FOLLOW_UP_TITLE
from reisregister.site.views.insights import Facts, Totals, totals, year_range
from reisregister.site.views.overview import (
    SMALL_CHART_GROUPS,
    Overview,
    SmallChart,
    cost_text,
    group_chart,
    list_cells,
    list_columns,
    month_chart,
    totals_sentence,
)

LATEST_ON_INDEX = 100


@dataclass(frozen=True)
class Page:
    """A generated page: its address, title, description and a function giving its HTML."""

    url: str  # site-relative, ending in "/", e.g. "reizen/2015/"
    title: str
    description: str
    html: Callable[[], str]
    feed: str | None = None  # the site-relative address of the page's Atom feed, if it has one

    @property
    def src_uri(self) -> str:
        """The virtual Markdown source that yields this address with directory URLs."""
        return (self.url.rstrip("/") or "index") + ".md"


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
class Site:
    """The register as a website: which pages and files exist at which address, and what each holds."""

    register: Register
    _row_cache: dict[str, list[Cell]] = field(default_factory=dict, repr=False)

    @cached_property
    def overview(self) -> Overview:
        """The figures, charts and tables of the insights page and the home page."""
        register = self.register
        return Overview(
            register.reports, self.facts, register.reference.year, register.body[0] if register.body else ""
        )

    @cached_property
    def facts(self) -> Facts:
        """What the figures need of each report: status, CO₂, publication date, who paid."""
        r = self.register
        return Facts(r.status, r.emissions, r.published_on, r.settings.due_days, r.paid_by_others)

    def totals(self, reports: list[Report]) -> Totals:
        """What a set of trips cost and emitted, by payer, planned trips apart."""
        return totals(reports, self.facts)

    # A trip appears in several tables (year, country, role…); its cells are worded once.
    def _cells(self, report: Report) -> list[Cell]:
        if report.id not in self._row_cache:
            self._row_cache[report.id] = trip_cells(report, self.register.status(report))
        return self._row_cache[report.id]

    # ------------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------------

    def pages(self) -> list[Page]:
        """Every generated page: trips, the trip index, years and groups."""
        pages = [self._trip_page(r) for r in self.register.reports]
        pages.append(Page(addresses.TRIPS, "Alle reizen", "Alle dienstreizen per jaar.", self._trips_index))
        for trips in self.trip_lists:
            pages += self._trip_list_pages(trips)
        for grouping in self._groupings:
            pages += self._group_overview_pages(grouping)
        pages.append(Page(INSIGHTS, "Inzichten", INSIGHTS_DESCRIPTION, self.overview.page_html))
        pages += [self._annual_page(year) for year in sorted(self.annual_reports)]
        pages += self._followup_pages()
        check_addresses(pages)
        return pages

    @cached_property
    def trip_lists(self) -> list[TripList]:
        """Every page listing trips of one year or group; each has its own feed."""
        by_year = sorted(self.register.by_year.items())
        lists = [TripList(addresses.year(y), f"Reizen in {y}", r) for y, r in by_year]
        for grouping in self._groupings:
            members, labels = self.register.members(grouping)
            note = " Dagen en kosten zijn die van de hele reis, met alle reizigers." if grouping.shared else ""
            for slug, reports in sorted(members.items()):
                title = grouping.heading.format(noun=grouping.noun, label=labels[slug])
                lists.append(TripList(addresses.group_page(grouping.path, slug), title, reports, note))
        return lists

    @property
    def _groupings(self) -> tuple[Grouping, ...]:
        return (*GROUPINGS, self._status_grouping())

    @cached_property
    def annual_reports(self) -> dict[int, annual.AnnualReport]:
        """Per year with trips made: the report to the council (trips, transport, CO₂, train rule, payers)."""
        register = self.register
        years: dict[int, list[Report]] = defaultdict(list)
        for report in register.reports:
            if register.status(report).label != PLANNED:
                years[report.meta.start_date.year].append(report)
        rule = register.settings.train_rule
        return {y: annual.AnnualReport(y, found, register.emissions, rule) for y, found in years.items()}

    def _annual_page(self, year: int) -> Page:
        description = (
            f"Dienstreizen in {year} voor de gemeenteraad: vervoer, CO₂, vluchten binnen de treinnorm, kosten."
        )
        return Page(addresses.annual(year), annual.year_title(year), description, self.annual_reports[year].html)

    def _followup_pages(self) -> list[Page]:
        actions = self.register.all_actions

        def open_actions(page_url: str, caption: str, chunk: list[TrackedAction]) -> str:
            summary = followup_page.summary_html(page_url, actions) if page_url == FOLLOW_UP else ""
            return summary + followup_page.open_table(page_url, caption, chunk)

        def closed(page_url: str, caption: str, chunk: list[TrackedAction]) -> str:
            return followup_page.closed_table(page_url, caption, chunk)

        closed_first = followup.latest_closed(actions, len(actions))
        title, description = followup_page.CLOSED_TITLE, f"{followup_page.CLOSED_TITLE} met hun resultaat."
        return [
            *paged(FOLLOW_UP, FOLLOW_UP_TITLE, FOLLOW_UP_DESCRIPTION, followup.open_first(actions), open_actions),
            *paged(addresses.CLOSED_ACTIONS, title, description, closed_first, closed),
        ]

    def _status_grouping(self) -> Grouping:
        def labels(report: Report) -> list[tuple[tuple, str]]:
            return [((), self.register.status(report).label)]

        return Grouping(addresses.STATUS_FOLDER, "Reizen per status", "Status", labels)

    def _trip_page(self, report: Report) -> Page:
        url = addresses.trip(report.id)
        register = self.register

        def html() -> str:
            history_base = register.settings.history_base
            links = {
                "json": relative(url, addresses.trip_data(report.id)),
                "source": relative(url, addresses.trip_source(report.id)),
                "history": f"{history_base}{register.source_path(report)}" if history_base else None,
                "method": relative(url, addresses.METHOD),
            }
            status, due_days = register.status(report), register.settings.due_days
            facts = TripFacts(
                status,
                register.emissions(report),
                register.changed_on(report),
                followup.timeliness(report, register.published_on(report), due_days)
                if status.label == PUBLISHED
                else None,
                due_days,
                tuple(register.actions(report)),
                *register.neighbours(report),
            )
            return self._render_trip(report, facts, links)

        when = date_range(report.meta.start_date, report.meta.end_date)
        return Page(url, f"{report.meta.title} ({when})", report.meta.summary, html)

    # A trip page depends on its report and its neighbours (their bytes), what git, the estimates and
    # the settings say about it (facts, links) and the code: rendered again when any of them changes.
    def _render_trip(self, report: Report, facts: TripFacts, links: dict[str, str | None]) -> str:
        cache = self.register.cache
        digests = [cache.digest(r.path) if r else "" for r in (report, facts.previous, facts.next)]
        if None in digests:
            return render_trip(report, facts, links)
        own = replace(facts, previous=None, next=None, actions=tuple(replace(a, report=None) for a in facts.actions))
        key = cache.key("trip", digests, own, links)
        return cache.get(key) or cache.put(key, render_trip(report, facts, links))

    def _trips_index(self) -> str:
        reports, years = self.register.reports, self.register.by_year
        payers = self.overview.payers
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

    def trip_table(
        self, page_url: str, caption: str, reports: list[Report], totals_of: list[Report] | None = None
    ) -> str:
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

    def _trip_list_pages(self, trips: TripList) -> list[Page]:
        url, title, reports = trips.url, trips.title, trips.reports
        ordered = newest_first(reports)
        count = plural(len(reports), "reis", "reizen")
        sentence = totals_sentence(self.totals(reports), self.overview.payers)
        chart = self.small_charts.get(url)
        year = next((y for y in self.annual_reports if url == addresses.year(y)), None)
        annual_url = addresses.annual(year) if year is not None else None

        def table(page_url: str, caption: str, chunk: list[Report]) -> str:
            # The chart and the open actions sit on the first page only (the chart's files are beside it).
            return _lists().trip_list(
                sentence,
                trips.note,
                relative(page_url, trips.feed),
                annual_url and relative(page_url, annual_url),
                chart.html() if chart and page_url == url else None,
                self.trip_table(page_url, caption, chunk, totals_of=reports),
                self._open_actions(url, reports) if page_url == url else None,
            )

        return paged(url, title, f"{title}: {count}.", ordered, table, feed_url=trips.feed)

    def _open_actions(self, url: str, reports: list[Report]) -> Markup | None:
        """An organisation's open follow-up actions, the overdue first (council members ask per organisation)."""
        if not url.startswith(addresses.grouping("organisaties")):
            return None
        found = followup.open_first(action for report in reports for action in self.register.actions(report))
        if not found:
            return None
        return followup_page.open_table(url, "Open vervolgacties", found)

    def _group_overview_pages(self, grouping: Grouping) -> list[Page]:
        members, labels = self.register.members(grouping)
        base = addresses.grouping(grouping.path)

        footer = ["Alle reizen", *(cell.text for cell in list_cells(self.totals(self.register.reports)))]

        def overview(page_url: str, caption: str, slugs: list[str]) -> str:
            rows = [
                [
                    Cell(labels[s], labels[s].lower(), relative(page_url, addresses.group_page(grouping.path, s))),
                    *list_cells(self.totals(members[s])),
                ]
                for s in slugs
            ]
            table = render_table(caption, list_columns(grouping.noun), rows, footer, caption_shown=False)
            return _lists().group_overview(grouping.shared, table)

        by_label = sorted(members, key=lambda s: (labels[s].lower(), s))
        return paged(base, grouping.title, f"{grouping.title}.", by_label, overview)

    @cached_property
    def small_charts(self) -> dict[str, SmallChart]:
        """A chart per year page, and per page of the countries and organisations with the most trips.

        Bounded: every chart is one vl-convert call, so not one per group page of thousands.
        """
        found = {
            addresses.year(y): month_chart(addresses.year(y), y, r, self.facts)
            for y, r in sorted(self.register.by_year.items())
        }
        for grouping in (g for g in GROUPINGS if g.path in ("landen", "organisaties")):
            members, labels = self.register.members(grouping)
            for slug in sorted(members, key=lambda s: (-len(members[s]), s))[:SMALL_CHART_GROUPS]:
                page = addresses.group_page(grouping.path, slug)
                found[page] = group_chart(page, labels[slug], members[slug], self.facts)
        return found

    # ------------------------------------------------------------------------
    # Data files
    # ------------------------------------------------------------------------

    def feeds(self) -> Iterator[tuple[str, str]]:
        """(site path, Atom text) of the register's feed, every trip list's and the actions'."""
        register = self.register
        reference, site_url = register.reference, register.settings.site_url
        entries = {r.id: feed.trip_entry(r, self._feed_date(r)) for r in register.reports}
        yield SITE_FEED.path, feed.atom(SITE_FEED, list(entries.values()), reference, site_url)
        for trips in self.trip_lists:
            about = feed.Feed(trips.feed, trips.url, f"Reisregister: {trips.title}")
            chosen = [entries[r.id] for r in trips.reports]
            yield about.path, feed.atom(about, chosen, reference, site_url)
        actions = [feed.action_entry(a, reference) for a in register.all_actions]
        yield FOLLOW_UP_FEED.path, feed.atom(FOLLOW_UP_FEED, actions, reference, site_url)

    def _feed_date(self, report: Report) -> date:
        register = self.register
        return feed.trip_updated(report, register.changed_on(report), register.published_on(report), register.reference)

    def write_data(self, folder: Path) -> dict[str, Path]:
        """Write the open data, the Woo-index, the annual CSVs, the charts' files, the feeds and the forwarding
        pages into folder, one file at a time; site path -> file."""
        data = OpenData(self.register)
        written = {f"data/{name}": path for name, path in data.write(folder / "data").items()}
        written |= _write(folder, data.woo_index().items())
        annual_csv = ((addresses.annual_csv(year), report.csv()) for year, report in self.annual_reports.items())
        written |= _write(folder, annual_csv, newline="")
        (folder / INSIGHTS).mkdir()
        small = {name: text for chart in self.small_charts.values() for name, text in chart.files().items()}
        written |= _write(folder, (self.overview.files() | small).items(), newline="")
        written |= _write(folder, self.feeds())
        written |= _write(folder, self._forwarding_pages())
        return written

    # A report whose start date was corrected got a new id: its old address leads on to it.
    def _forwarding_pages(self) -> Iterator[tuple[str, str]]:
        for old, new in sorted(self.register.former_ids.items()):
            target = relative(addresses.trip(old), addresses.trip(new))
            yield addresses.forwarding(old), render_redirect(target, self.register.by_id[new].meta.title)


SITE_FEED = feed.Feed(addresses.SITE_FEED, addresses.HOME, "Reisregister: nieuwe en gecorrigeerde verslagen")
FOLLOW_UP_FEED = feed.Feed(addresses.feed(FOLLOW_UP), FOLLOW_UP, "Reisregister: nieuwe en gewijzigde vervolgacties")


def _write(folder: Path, files: Iterable[tuple[str, str]], newline: str | None = None) -> dict[str, Path]:
    """Write each (site path, text) under folder; site path -> file."""
    written = {}
    for name, text in files:
        written[name] = folder / name
        written[name].parent.mkdir(parents=True, exist_ok=True)
        written[name].write_text(text, encoding="utf-8", newline=newline)
    return written


def paged(
    url: str,
    title: str,
    description: str,
    items: list,
    table: Callable[[str, str, list], str],
    feed_url: str | None = None,
) -> list[Page]:
    """Pages of at most ROWS_PER_PAGE rows each (url, url/pagina-2/, ...), so no page grows without bound."""
    chunks = [items[i : i + ROWS_PER_PAGE] for i in range(0, len(items), ROWS_PER_PAGE)] or [[]]
    urls = [addresses.page_of(url, i + 1) for i in range(len(chunks))]

    def page(index: int) -> Page:
        def html() -> str:
            if len(urls) == 1:
                return table(url, title, chunks[0])
            caption = f"{title}, pagina {index + 1} van {len(urls)}"
            return table(urls[index], caption, chunks[index]) + render_pager(
                index + 1, [relative(urls[index], u) for u in urls]
            )

        suffix = f" (pagina {index + 1})" if index else ""
        return Page(urls[index], title + suffix, description, html, feed_url)

    return [page(i) for i in range(len(chunks))]


def _lists():
    return fragments("lists.html")


# Generated pages listed in the navigation (by address); everything else is reached by links.
INSIGHTS_DESCRIPTION = "Uitgaven, reizen, CO₂ en tijdigheid per jaar, de bestemmingen op een kaart."
NAV_PAGES = {addresses.TRIPS, INSIGHTS, FOLLOW_UP, *(addresses.grouping(grouping.path) for grouping in GROUPINGS)}


def page_address(src_uri: str) -> str:
    """The address MkDocs gives a page source with directory URLs: `a/index.md` and `a.md` are both `a/`."""
    stem = src_uri.removesuffix(".md")
    stem = stem.removesuffix("/index") if stem.endswith("/index") else ("" if stem == "index" else stem)
    return f"{stem}/" if stem else ""


def check_addresses(pages: list[Page]) -> None:
    """Refuse two generated pages at one address: one would silently replace the other."""
    seen: dict[str, Page] = {}
    for page in pages:
        address = page_address(page.src_uri)
        if address in seen:
            raise AddressClash(f"'{page.title}' and '{seen[address].title}' would both be at /{address}")
        seen[address] = page


def check_hand_written(hand_written: dict[str, str], address: str) -> None:
    """Refuse a generated page or file at the address of a hand-written page (address -> its source in docs/).

    By address, not by source name: docs/organisaties/index.md and a generated organisaties.md are
    both /organisaties/.
    """
    if address in hand_written:
        raise AddressClash(message("build.hand_written_clash", source=hand_written[address], address=address))


class AddressClash(RuntimeError):
    """Two pages or files of the site would have the same address."""
