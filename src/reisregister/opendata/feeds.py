"""Atom feeds (RFC 4287): the whole register's, one per list of trips, and one of follow-up actions.

Entries carry a trip's title, summary and latest correction, never a traveller's name. Ids are tag
URIs (RFC 4151) under the host of the site's public address, so two deployments never share one.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from reisregister.core.addresses import to_root, trip
from reisregister.core.i18n.text import long_date
from reisregister.core.report import Report
from reisregister.register.followup import TrackedAction

FEED_SIZE = 50
ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
FALLBACK_AUTHORITY = "reisregister.invalid"  # without site_url the deployment has no name of its own


@dataclass(frozen=True)
class Entry:
    """One feed entry; `path` is site-relative, e.g. reizen/2015-09-14-marseille/."""

    key: str  # unique within the site, part of the entry's id
    title: str
    path: str
    updated: date
    summary: str


@dataclass(frozen=True)
class Feed:
    """Where a feed lives and what it is called."""

    path: str  # site-relative address of the feed file, e.g. landen/fr/feed.xml
    page: str  # the page it follows, e.g. landen/fr/
    title: str


def authority(site_url: str) -> str:
    """The tag-URI authority of a deployment: the host of its public address."""
    return urlsplit(site_url).hostname or FALLBACK_AUTHORITY


def atom(feed: Feed, entries: list[Entry], reference: date, site_url: str = "") -> str:
    """The newest FEED_SIZE entries, newest first; addresses are absolute when site_url is set."""
    newest = sorted(entries, key=lambda e: (e.updated, e.key), reverse=True)[:FEED_SIZE]
    updated = max((e.updated for e in newest), default=reference)
    tag = f"tag:{authority(site_url)},2015:"
    root = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: "nl"})
    _add(root, "title", feed.title)
    _add(root, "id", tag + feed.path)
    _add(root, "updated", _timestamp(updated))
    _add(root, "link", rel="self", type="application/atom+xml", href=_address(site_url, feed.path, feed.path))
    _add(root, "link", rel="alternate", type="text/html", href=_address(site_url, feed.page, feed.path))
    _add(_add(root, "author"), "name", "Reisregister")
    for entry in newest:
        element = _add(root, "entry")
        _add(element, "title", entry.title)
        _add(element, "id", tag + entry.key)
        _add(element, "link", rel="alternate", type="text/html", href=_address(site_url, entry.path, feed.path))
        _add(element, "updated", _timestamp(entry.updated))
        _add(element, "summary", entry.summary)
    ET.indent(root)
    return XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def trip_entry(report: Report, updated: date) -> Entry:
    """A trip: its title, summary and latest correction."""
    m = report.meta
    summary = m.summary + (f" Gecorrigeerd: {m.corrections[-1].note}" if m.corrections else "")
    return Entry(trip(report.id), m.title, trip(report.id), updated, summary)


def action_entry(tracked: TrackedAction, reference: date) -> Entry:
    """A follow-up action as it stands, dated by its last change."""
    a, report = tracked.action, tracked.report
    digest = hashlib.sha256(a.action.encode("utf-8")).hexdigest()[:12]
    latest = f" Laatste wijziging: {tracked.changes[-1].text}." if tracked.changes else ""
    result = f" Resultaat: {a.result}" if a.result else ""
    summary = (
        f"{a.action} Uitvoerder: {a.owner}. Uiterste datum: {long_date(a.due)}. Uit: {report.meta.title}."
        f"{result}{latest}"
    )
    return Entry(
        f"{trip(report.id)}acties/{digest}",
        f"Vervolgactie {tracked.label}: {a.action}",
        f"{trip(report.id)}#vervolgacties",
        min(tracked.last_change, reference),
        summary,
    )


def trip_updated(report: Report, changed: date | None, published: date | None, reference: date) -> date:
    """A trip's feed date: its latest correction, commit or publication, never after the reference date.

    Without any of those (a build outside git) the end of the trip, if it is over.
    """
    known = [c.date for c in report.meta.corrections] + [d for d in (changed, published) if d]
    return min(max(known, default=report.meta.end_date), reference)


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


# Relative to the feed file when the site has no public address: readers resolve against it.
def _address(site_url: str, path: str, feed_path: str) -> str:
    if site_url:
        return site_url + path
    return to_root(feed_path) + path or "./"


# ElementTree escapes every text and attribute: no markup is put together by hand. Atom is the
# default namespace, declared on <feed>, so its elements go unprefixed (ET.register_namespace would
# change every other module's XML too).
def _add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, name, attributes)
    element.text = text
    return element
