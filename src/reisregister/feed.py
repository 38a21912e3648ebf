"""The Atom feed of new and corrected reports (RFC 4287)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .export import trip_url
from .report import Report

FEED_SIZE = 50
FEED_ID = "tag:reisregister,2015:feed"


def atom(reports: list[Report], changed: dict[Path, date], reference: date, site_url: str = "") -> str:
    """The latest additions and corrections, newest first; names of travellers are never included."""
    entries = sorted(reports, key=lambda r: (_updated(r, changed), r.id), reverse=True)[:FEED_SIZE]
    updated = max((_updated(r, changed) for r in entries), default=reference)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">',
        "  <title>Reisregister: nieuwe en gecorrigeerde verslagen</title>",
        f"  <id>{FEED_ID}</id>",
        f"  <updated>{updated.isoformat()}T00:00:00Z</updated>",
        f'  <link rel="self" href={quoteattr(site_url + "feed.xml")}/>',
        f'  <link rel="alternate" href={quoteattr(site_url or "./")}/>',
        "  <author><name>Reisregister</name></author>",
    ]
    lines += [_entry(r, _updated(r, changed), site_url) for r in entries]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


# A report's feed date: its latest correction, else its last commit, else its end date.
def _updated(report: Report, changed: dict[Path, date]) -> date:
    dates = [c.date for c in report.meta.corrections]
    dates.append(changed.get(report.path.resolve(), report.meta.end_date))
    return max(dates)


def _entry(report: Report, updated: date, site_url: str) -> str:
    m = report.meta
    summary = m.summary
    if m.corrections:
        summary += f" Gecorrigeerd: {m.corrections[-1].note}"
    return "\n".join(
        [
            "  <entry>",
            f"    <title>{escape(m.title)}</title>",
            f"    <id>tag:reisregister,2015:{report.id}</id>",
            f"    <link href={quoteattr(site_url + trip_url(report.id))}/>",
            f"    <updated>{updated.isoformat()}T00:00:00Z</updated>",
            f"    <summary>{escape(summary)}</summary>",
            "  </entry>",
        ]
    )
