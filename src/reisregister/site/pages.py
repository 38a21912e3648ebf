"""The site's router: which pages and files a loaded register has, at which address, and what each holds.

Trip pages, the lists of trips by year and group with their paging, the overviews, the feeds and the
data files, and the check that no two of them share an address. It returns HTML fragments and
bytes; `hooks.py` hands them to MkDocs, and another generator could use them too. What a report's
status, dates or neighbours are is the register's (`register/register.py`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path

from reisregister.core import addresses
from reisregister.core.addresses import FOLLOW_UP, INSIGHTS, relative
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
from reisregister.site.html import ROWS_PER_PAGE, TripFacts, render_pager, render_redirect, render_trip
from reisregister.site.views import annual
from reisregister.site.views import followup as followup_page
from reisregister.site.views.followup import FOLLOW_UP_DESCRIPTION, FOLLOW_UP_TITLE
from reisregister.site.views.insights import Facts
from reisregister.site.views.lists import Lists, TripList
from reisregister.site.views.overview import SMALL_CHART_GROUPS, Overview, SmallChart, group_chart, month_chart


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
        return page_source(self.url)


@dataclass
class Site:
    """The register as a website: which pages and files exist at which address, and what each holds."""

    register: Register

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

    @cached_property
    def lists(self) -> Lists:
        """The lists of trips and their tables (also the home page's)."""
        return Lists(self.register, self.facts, self.overview.payers)

    # ------------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------------

    def pages(self) -> list[Page]:
        """Every generated page: trips, the trip index, years and groups."""
        pages = [self._trip_page(r) for r in self.register.reports]
        pages.append(Page(addresses.TRIPS, "Alle reizen", "Alle dienstreizen per jaar.", self.lists.trips_index))
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

    def _trip_list_pages(self, trips: TripList) -> list[Page]:
        count = plural(len(trips.reports), "reis", "reizen")
        year = next((y for y in self.annual_reports if trips.url == addresses.year(y)), None)
        annual_url = addresses.annual(year) if year is not None else None
        html = self.lists.trip_list(trips, self.small_charts.get(trips.url), annual_url)
        ordered = newest_first(trips.reports)
        return paged(trips.url, trips.title, f"{trips.title}: {count}.", ordered, html, feed_url=trips.feed)

    def _group_overview_pages(self, grouping: Grouping) -> list[Page]:
        members, labels = self.register.members(grouping)
        by_label = sorted(members, key=lambda s: (labels[s].lower(), s))
        html = self.lists.group_overview(grouping)
        return paged(addresses.grouping(grouping.path), grouping.title, f"{grouping.title}.", by_label, html)

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
        (folder / INSIGHTS).mkdir(exist_ok=True)  # the site folder itself, when MkDocs builds without --clean
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


# Generated pages listed in the navigation (by address); everything else is reached by links.
INSIGHTS_DESCRIPTION = "Uitgaven, reizen, CO₂ en tijdigheid per jaar, de bestemmingen op een kaart."
NAV_PAGES = {addresses.TRIPS, INSIGHTS, FOLLOW_UP, *(addresses.grouping(grouping.path) for grouping in GROUPINGS)}


def page_source(url: str) -> str:
    """The virtual Markdown source that MkDocs turns into a page at `url` with directory URLs."""
    return (url.rstrip("/") or "index") + ".md"


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
