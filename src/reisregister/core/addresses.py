"""Every address the site has, in one place: pages, data files, charts and feeds.

An address is site-relative: a page's ends in "/" (directory URLs, "reizen/2015/"), a file's in its
name ("data/reports.json"). Links between pages are made with `relative`, so the site works in
any folder; no other module writes an address or a "../" of its own.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlencode

from reisregister.core.groups import BY_PATH, label_slug

HOME = ""
TRIPS = "reizen/"
INSIGHTS = "inzichten/"
METHOD = f"{INSIGHTS}methode/"
FOLLOW_UP = "vervolg/"
CLOSED_ACTIONS = f"{FOLLOW_UP}afgerond/"
SEARCH = "zoeken/"
OPEN_DATA = "open-data/"
ABOUT = "over/"
DATA = "data/"  # the open-data bundle; `reisregister export --out DIR` writes the same files into DIR
RECORDS, SOURCES = "reizen/", "bron/"  # inside data/: one record and one source per trip
CATALOGUE_FILES = ("catalogus.jsonld", "catalogus.ttl")  # inside data/: DCAT-AP-DONL, in JSON-LD and Turtle
CATALOGUE = DATA + CATALOGUE_FILES[0]
WOO_SITEMAPS = "sitemaps/"
STATUS_FOLDER = "status"  # the trips with one status, as a group of pages like the countries
FEED_NAME = "feed.xml"
SITE_FEED = FEED_NAME
CHART_NAME = "grafiek"  # a trip list's own chart (and its CSV) beside the page


# ----------------------------------------------------------------------------
# Pages
# ----------------------------------------------------------------------------


def trip(report_id: str) -> str:
    """A trip's page: reizen/2015-09-14-marseille/."""
    return f"{TRIPS}{report_id}/"


def year(number: int) -> str:
    """The trips that started in a year: reizen/2015/."""
    return f"{TRIPS}{number}/"


def annual(number: int) -> str:
    """A year's report to the council: reizen/2015/jaarrapportage/."""
    return f"{year(number)}jaarrapportage/"


def grouping(path: str) -> str:
    """The overview of a way of grouping trips: landen/."""
    return f"{path}/"


def group_page(path: str, slug: str) -> str:
    """One group's trips, by its slug: landen/fr/."""
    return f"{grouping(path)}{slug}/"


def group(path: str, label: str) -> str:
    """One group's trips, by its label as a report writes it: group("organisaties", "Gemeente Den Haag")."""
    return group_page(path, BY_PATH[path].slug(label))


def country(code: str) -> str:
    """A country's trips: landen/fr/."""
    return group("landen", code)


def status(label: str) -> str:
    """The trips with a status: 'verslag volgt' -> status/verslag-volgt/."""
    return group_page(STATUS_FOLDER, label_slug(label))


def page_of(url: str, number: int) -> str:
    """Page `number` (from 1) of a list split into pages: reizen/2015/, reizen/2015/pagina-2/."""
    return url if number == 1 else f"{url}pagina-{number}/"


def search(**query: str) -> str:
    """The search page with a query: zoeken/?q=Marseille, zoeken/?sort=kosten-af."""
    return f"{SEARCH}?{urlencode(query)}" if query else SEARCH


# ----------------------------------------------------------------------------
# Files
# ----------------------------------------------------------------------------


def feed(page: str) -> str:
    """The Atom feed that follows a page: landen/fr/feed.xml (the register's own: feed.xml)."""
    return f"{page}{FEED_NAME}"


def trip_data(report_id: str) -> str:
    """A trip's open-data record: data/reizen/<id>.json."""
    return DATA + record_file(report_id)


def trip_source(report_id: str) -> str:
    """A trip's source file as text: data/bron/<id>.txt."""
    return DATA + source_file(report_id)


def record_file(report_id: str) -> str:
    """A trip's record inside the bundle (data/)."""
    return f"{RECORDS}{report_id}.json"


def source_file(report_id: str) -> str:
    """A trip's source inside the bundle, as .txt: a .md file would become a page, rendered unsanitised."""
    return f"{SOURCES}{report_id}.txt"


def forwarding(former_id: str) -> str:
    """The page at a trip's former address that leads on to its page now."""
    return f"{trip(former_id)}index.html"


def annual_csv(number: int) -> str:
    """The CSV beside a year's report to the council."""
    return f"{annual(number)}jaarrapportage-{number}.csv"


def insights_file(name: str) -> str:
    """A chart (SVG) or table (CSV) of the insights page: inzichten/landen.csv."""
    return f"{INSIGHTS}{name}"


def chart_file(page: str, name: str = CHART_NAME) -> str:
    """The stem of a chart's files beside its page: reizen/2015/grafiek (then .svg, -donker.svg, .csv)."""
    return f"{page}{name}"


# ----------------------------------------------------------------------------
# Links
# ----------------------------------------------------------------------------


def relative(from_url: str, to_url: str) -> str:
    """A link from one site-relative address to another (query and fragment kept), so the site works in any folder."""
    cut = min((i for i in (to_url.find("?"), to_url.find("#")) if i >= 0), default=len(to_url))
    target, suffix = to_url[:cut], to_url[cut:]
    start = from_url.rstrip("/") if from_url.endswith("/") else posixpath.dirname(from_url)
    path = posixpath.relpath(target.rstrip("/") or ".", start or ".")
    if path == ".":
        return "./" + suffix
    return path + ("/" if target.endswith("/") else "") + suffix


def to_root(url: str) -> str:
    """The prefix from an address to the site root: 'reizen/2015/' -> '../../', 'landen/fr/feed.xml' -> '../../'."""
    return "../" * url.count("/")
