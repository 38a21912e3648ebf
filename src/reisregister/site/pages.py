"""The register as a set of pages and data files, built from a reports folder.

This is the site layer's model: which addresses exist and what each holds. It returns HTML
fragments and bytes; `hooks.py` hands them to MkDocs, and another generator could use them too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path

from markupsafe import Markup

from reisregister.opendata import dcat, diwoo, export
from reisregister.opendata import feeds as feed
from reisregister.intake.cache import BuildCache
from reisregister.opendata.bundle import OpenData
from reisregister.register import followup
from reisregister.site.views import followup as followup_page
from reisregister.intake.checks import former_id
from reisregister.core.emissions import Emissions
from reisregister.register.followup import TrackedAction
from reisregister.site.views.followup import FOLLOW_UP_DESCRIPTION, FOLLOW_UP_TITLE
from reisregister.core.groups import GROUPINGS, Grouping, display_label, label_slug
from reisregister.intake.git_history import Change, ReportHistory
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
from reisregister.core import addresses
from reisregister.core.addresses import FOLLOW_UP, INSIGHTS, relative, to_root
from reisregister.core.report import Report
from reisregister.core.rules import PLANNED, PUBLISHED, Status, by_return, by_start, newest_first, trip_status
from reisregister.site.views import annual
from reisregister.register.settings import Settings
from reisregister.core.i18n.text import date_range, plural

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
class Register:
    """All checked reports of a folder, with their open data and what git tells about them."""

    data: OpenData  # the reports, reference date, settings and records (shared with `reisregister export`)
    changed: dict[Path, date] = field(default_factory=dict)
    action_changes: dict[Path, list[list[Change]]] = field(default_factory=dict)  # from git, per action
    former_ids: dict[str, str] = field(default_factory=dict)  # an id a report had before (git renames) -> its id
    _row_cache: dict[str, list[Cell]] = field(default_factory=dict, repr=False)
    _member_cache: dict[str, tuple] = field(default_factory=dict, repr=False)

    @classmethod
    def load(
        cls, folder: Path, settings: Settings | dict | None = None, site_url: str = "", cache: BuildCache | None = None
    ) -> Register:
        """Check every report; raise ReportError with all problems if any report is invalid.

        settings: typed, or `extra.reisregister` of mkdocs.yml (due_days, history_base, origin, organisation).
        cache: what earlier builds made of the same reports (checked files, source copies, trip pages).
        """
        if not isinstance(settings, Settings):
            settings = Settings.from_extra(settings, site_url)
        data = OpenData.load(folder, settings, cache)
        found = data.histories
        return cls(
            data,
            changed={path: h.changed for path, h in found.items()},
            action_changes={path: [list(c) for c in h.actions] for path, h in found.items() if h.actions},
            former_ids=former_ids(found, data.reports),
        )

    @property
    def folder(self) -> Path:
        return self.data.folder

    @property
    def reports(self) -> list[Report]:
        return self.data.reports

    @property
    def reference(self) -> date:
        return self.data.reference

    @property
    def settings(self) -> Settings:
        return self.data.settings

    @property
    def due_days(self) -> int:
        return self.settings.due_days

    @property
    def site_url(self) -> str:
        return self.settings.site_url

    @property
    def history_base(self) -> str | None:
        return self.settings.history_base

    @property
    def body(self) -> tuple[str, ...]:
        return self.data.body

    @cached_property
    def publisher(self) -> dcat.Publisher | None:
        """The body's organisation URI and contact (the DCAT catalogue, the Woo-index), if set."""
        return dcat.Publisher.from_settings(self.settings)

    def status(self, report: Report) -> Status:
        return trip_status(report, self.reference, self.due_days)

    def emissions(self, report: Report) -> Emissions:
        """The distance and CO₂ estimate of a trip (computed once per build)."""
        return self.data.emissions(report)

    def published_on(self, report: Report) -> date | None:
        """When the report was published: its `published` field (old reports), else from git."""
        return self.data.published_on(report)

    def actions(self, report: Report) -> list[TrackedAction]:
        """A trip's follow-up actions, with their history from git."""
        return followup.tracked_actions(report, self.reference, self.action_changes.get(self._real_path(report)))

    @cached_property
    def all_actions(self) -> list[TrackedAction]:
        """Every follow-up action in the register."""
        return [action for report in self.reports for action in self.actions(report)]

    @cached_property
    def overview(self) -> Overview:
        """The figures, charts and tables of the insights page and the home page."""
        return Overview(self.reports, self.facts, self.reference.year, self.body[0] if self.body else "")

    @cached_property
    def facts(self) -> Facts:
        """What the figures need of each report: status, CO₂, publication date, who paid."""

        def paid_by_others(report: Report) -> bool | None:
            return export.paid_by_others(report.meta.paid_by, self.body)

        return Facts(self.status, self.emissions, self.published_on, self.due_days, paid_by_others)

    def totals(self, reports: list[Report]) -> Totals:
        """What a set of trips cost and emitted, by payer, planned trips apart."""
        return totals(reports, self.facts)

    def record(self, report: Report) -> dict:
        """The open-data record of a report."""
        return self.data.record(report)

    # A trip appears in several tables (year, country, role…); its cells are worded once.
    def _cells(self, report: Report) -> list[Cell]:
        if report.id not in self._row_cache:
            self._row_cache[report.id] = trip_cells(report, self.status(report))
        return self._row_cache[report.id]

    def changed_on(self, report: Report) -> date | None:
        return self.changed.get(self._real_path(report))

    def _real_path(self, report: Report) -> Path:
        return self.data.real_path(report)

    # ------------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------------

    def pages(self) -> list[Page]:
        """Every generated page: trips, the trip index, years and groups."""
        pages = [self._trip_page(r) for r in self.reports]
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
        lists = [TripList(addresses.year(y), f"Reizen in {y}", r) for y, r in sorted(self._by_year().items())]
        for grouping in self._groupings:
            members, labels = self._members(grouping)
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
        years: dict[int, list[Report]] = defaultdict(list)
        for report in self.reports:
            if self.status(report).label != PLANNED:
                years[report.meta.start_date.year].append(report)
        rule = self.settings.train_rule
        return {y: annual.AnnualReport(y, found, self.emissions, rule) for y, found in years.items()}

    def _annual_page(self, year: int) -> Page:
        description = f"Dienstreizen in {year} voor de gemeenteraad: vervoer, CO₂, vluchten binnen de treinnorm, kosten."
        return Page(addresses.annual(year), annual.year_title(year), description, self.annual_reports[year].html)

    def _followup_pages(self) -> list[Page]:
        actions = self.all_actions

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
            return [((), self.status(report).label)]

        return Grouping(addresses.STATUS_FOLDER, "Reizen per status", "Status", labels)

    def _trip_page(self, report: Report) -> Page:
        url = addresses.trip(report.id)

        def html() -> str:
            links = {
                "json": relative(url, addresses.trip_data(report.id)),
                "source": relative(url, addresses.trip_source(report.id)),
                "history": f"{self.history_base}{self._source_path(report)}" if self.history_base else None,
                "method": relative(url, addresses.METHOD),
            }
            facts = TripFacts(
                self.status(report),
                self.emissions(report),
                self.changed_on(report),
                followup.timeliness(report, self.published_on(report), self.due_days)
                if self.status(report).label == PUBLISHED
                else None,
                self.due_days,
                tuple(self.actions(report)),
                *self._neighbours(report),
            )
            return self._render_trip(report, facts, links)

        when = date_range(report.meta.start_date, report.meta.end_date)
        return Page(url, f"{report.meta.title} ({when})", report.meta.summary, html)

    # A trip page depends on its report and its neighbours (their bytes), what git, the estimates and
    # the settings say about it (facts, links) and the code: rendered again when any of them changes.
    def _render_trip(self, report: Report, facts: TripFacts, links: dict[str, str | None]) -> str:
        cache = self.data.cache
        digests = [cache.digest(r.path) if r else "" for r in (report, facts.previous, facts.next)]
        if None in digests:
            return render_trip(report, facts, links)
        own = replace(facts, previous=None, next=None, actions=tuple(replace(a, report=None) for a in facts.actions))
        key = cache.key("trip", digests, own, links)
        return cache.get(key) or cache.put(key, render_trip(report, facts, links))

    def _neighbours(self, report: Report) -> tuple[Report | None, Report | None]:
        index = self._chronological[report.id]
        ordered = self._by_start
        return (ordered[index - 1] if index else None, ordered[index + 1] if index + 1 < len(ordered) else None)

    @cached_property
    def _by_id(self) -> dict[str, Report]:
        return {r.id: r for r in self.reports}

    @cached_property
    def _by_start(self) -> list[Report]:
        return sorted(self.reports, key=by_start)

    @cached_property
    def _chronological(self) -> dict[str, int]:
        return {r.id: index for index, r in enumerate(self._by_start)}

    def _source_path(self, report: Report) -> str:
        return f"{report.meta.start_date.year}/{report.path.name}"

    def _by_year(self) -> dict[int, list[Report]]:
        years: dict[int, list[Report]] = defaultdict(list)
        for report in self.reports:
            years[report.meta.start_date.year].append(report)
        return years

    def _trips_index(self) -> str:
        years = self._by_year()
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
        footer = ["Totaal", *(cell.text for cell in list_cells(self.totals(self.reports), payers))]
        summary = render_table("Reizen per jaar", columns, rows, footer)
        latest = newest_first(self.reports)[:LATEST_ON_INDEX]
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
        legend = status_legend(up, self.due_days, self._statuses)
        return render_table(caption, TRIP_COLUMNS, rows, footer, caption_shown=False) + legend

    @cached_property
    def _statuses(self) -> set[str]:
        """The statuses that have a page (some trip has them)."""
        return {self.status(r).label for r in self.reports}

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
        found = followup.open_first(action for report in reports for action in self.actions(report))
        if not found:
            return None
        return followup_page.open_table(url, "Open vervolgacties", found)

    def _members(self, grouping: Grouping) -> tuple[dict[str, list[Report]], dict[str, str]]:
        """The reports of each group (slug -> reports) and the label its page shows (slug -> label)."""
        if grouping.path not in self._member_cache:  # asked by the lists, the overviews and the charts
            self._member_cache[grouping.path] = self._gather_members(grouping)
        return self._member_cache[grouping.path]

    def _gather_members(self, grouping: Grouping) -> tuple[dict[str, list[Report]], dict[str, str]]:
        members: dict[str, list[Report]] = defaultdict(list)
        labels: dict[str, str] = {}
        for report in self.reports:
            keys = grouping.keys(report)
            if not keys and grouping.missing:
                keys = {label_slug(grouping.missing): grouping.missing}
            for slug, label in keys.items():
                members[slug].append(report)
                labels[slug] = display_label(grouping, label)  # one label per slug (checks.check_labels)
        return members, labels

    def _group_overview_pages(self, grouping: Grouping) -> list[Page]:
        members, labels = self._members(grouping)
        base = addresses.grouping(grouping.path)

        footer = ["Alle reizen", *(cell.text for cell in list_cells(self.totals(self.reports)))]

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
            addresses.year(y): month_chart(addresses.year(y), y, r, self.facts) for y, r in sorted(self._by_year().items())
        }
        for grouping in (g for g in GROUPINGS if g.path in ("landen", "organisaties")):
            members, labels = self._members(grouping)
            for slug in sorted(members, key=lambda s: (-len(members[s]), s))[:SMALL_CHART_GROUPS]:
                page = addresses.group_page(grouping.path, slug)
                found[page] = group_chart(page, labels[slug], members[slug], self.facts)
        return found

    # ------------------------------------------------------------------------
    # Home page pieces (used by macros.py)
    # ------------------------------------------------------------------------

    def with_status(self, label: str, overdue: bool | None = None) -> list[Report]:
        """Reports with a status, optionally only the overdue ones."""
        found = [r for r in self.reports if self.status(r).label == label]
        return [r for r in found if self.status(r).overdue] if overdue else found

    def latest_published(self, count: int) -> list[Report]:
        """The most recent published trips."""
        published = self.with_status(PUBLISHED)
        return sorted(published, key=by_return, reverse=True)[:count]

    # ------------------------------------------------------------------------
    # Data files
    # ------------------------------------------------------------------------

    def feeds(self) -> Iterator[tuple[str, str]]:
        """(site path, Atom text) of the register's feed, every trip list's and the actions'."""
        entries = {r.id: feed.trip_entry(r, self._feed_date(r)) for r in self.reports}
        yield SITE_FEED.path, feed.atom(SITE_FEED, list(entries.values()), self.reference, self.site_url)
        for trips in self.trip_lists:
            about = feed.Feed(trips.feed, trips.url, f"Reisregister: {trips.title}")
            chosen = [entries[r.id] for r in trips.reports]
            yield about.path, feed.atom(about, chosen, self.reference, self.site_url)
        actions = [feed.action_entry(a, self.reference) for a in self.all_actions]
        yield FOLLOW_UP_FEED.path, feed.atom(FOLLOW_UP_FEED, actions, self.reference, self.site_url)

    def _feed_date(self, report: Report) -> date:
        return feed.trip_updated(report, self.changed_on(report), self.published_on(report), self.reference)

    def write_data(self, folder: Path) -> dict[str, Path]:
        """Write the open data and feed into folder, one record at a time; site path -> file."""
        written = {f"data/{name}": path for name, path in self.data.write(folder / "data").items()}
        written.update(self._write_woo_index(folder))
        for year, report in self.annual_reports.items():
            name = addresses.annual_csv(year)
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            written[name] = folder / name
            written[name].write_text(report.csv(), encoding="utf-8", newline="")
        (folder / INSIGHTS).mkdir(exist_ok=True)  # the site folder itself, when MkDocs builds without --clean
        small = {name: text for chart in self.small_charts.values() for name, text in chart.files().items()}
        for name, text in (self.overview.files() | small).items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            written[name] = folder / name
            written[name].write_text(text, encoding="utf-8", newline="")
        for name, text in self.feeds():
            written[name] = folder / name
            written[name].parent.mkdir(parents=True, exist_ok=True)
            written[name].write_text(text, encoding="utf-8")
        # A report whose start date was corrected got a new id: its old address leads on to it.
        for old, new in sorted(self.former_ids.items()):
            name = addresses.forwarding(old)
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            written[name] = folder / name
            written[name].write_text(render_redirect(relative(addresses.trip(old), addresses.trip(new)), self._by_id[new].meta.title), encoding="utf-8")
        return written

    def _write_woo_index(self, folder: Path) -> dict[str, Path]:
        if not diwoo.applies(self.site_url, self.publisher):
            return {}
        (folder / diwoo.FOLDER).mkdir(exist_ok=True)
        files = diwoo.woo_index(self.woo_documents(), self.publisher, self.site_url)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        return {name: folder / name for name in files}

    def woo_documents(self) -> list[diwoo.WooDocument]:
        """The published reports as the Woo-index lists them (planned and pending trips have no report yet)."""
        documents = []
        for report in self.with_status(PUBLISHED):
            published = self.published_on(report) or self.reference
            changed = max(published, self.changed_on(report) or published)
            meta = report.meta
            url = addresses.trip(report.id)
            documents.append(diwoo.WooDocument(url, meta.title, meta.summary, tuple(meta.tags), published, changed))
        return documents


SITE_FEED = feed.Feed(addresses.SITE_FEED, addresses.HOME, "Reisregister: nieuwe en gecorrigeerde verslagen")
FOLLOW_UP_FEED = feed.Feed(addresses.feed(FOLLOW_UP), FOLLOW_UP, "Reisregister: nieuwe en gewijzigde vervolgacties")


MAX_FORMER_IDS = 10  # forwarding pages per report: its oldest former ids


def former_ids(histories: dict[Path, ReportHistory], reports: list[Report]) -> dict[str, str]:
    """Each id a report had on main while published (git renames) -> its id now.

    Only valid ids in their year folder that no report uses now, at most MAX_FORMER_IDS per report, so
    history cannot make public folders without bound.
    """
    in_use, found = {r.id for r in reports}, {}
    for report in reports:
        history = histories.get(report.path.resolve())
        names = history.former_names if history else ()
        ids = [old for name in names if (old := former_id(name)) and old not in in_use and old not in found]
        found.update(dict.fromkeys(ids[:MAX_FORMER_IDS], report.id))
    return found


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


class AddressClash(RuntimeError):
    """Two pages or files of the site would have the same address."""

