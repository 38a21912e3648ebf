"""The Woo-index: DiWoo sitemaps that let the national Woo-harvester find every published report.

Under the Wet open overheid a body publishes these reports of its own accord (art. 3.1, the
"inspanningsverplichting"). The harvester reads `robots.txt` at the root of the registered host,
follows each `Sitemap:` line to a sitemap index named `sitemapindex-diwoo-infocat<NNN>.xml`
(018 is art. 3.1), then its sitemaps, one `<url>` per document with DiWoo metadata 0.9.8.

Each `<loc>` is the trip page (`/reizen/<id>/`): the report as published, in HTML (a format on the
DiWoo list), at its permanent address, with its summary card, corrections and follow-up. The
source file and the JSON record hold the same facts but are data, not the document a citizen reads.
Only https addresses are accepted by the harvester, so nothing is written for an http site.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date

from reisregister.core import addresses
from reisregister.opendata.dcat import Publisher

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
DIWOO_NS = "https://standaarden.overheid.nl/diwoo/metadata/"
TOOI_KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
CATEGORY = "infocat018"  # the harvester's code of art. 3.1 Woo
CATEGORY_URI, CATEGORY_LABEL = f"{TOOI_KERN}c_816e508d", "inspanningsverplichting art 3.1 Woo"
ADOPTION_URI, ADOPTION_LABEL = f"{TOOI_KERN}c_641ecd76", "vaststelling"  # the report is final when published
HTML_URI = "http://publications.europa.eu/resource/authority/file-type/HTML"
DUTCH_URI = "http://publications.europa.eu/resource/authority/language/NLD"
FOLDER = addresses.WOO_SITEMAPS
INDEX = f"{FOLDER}sitemapindex-diwoo-{CATEGORY}.xml"
URLS_PER_SITEMAP = 10_000  # the protocol allows 50,000 and 50 MB; a DiWoo entry is about 1.5 kB

ET.register_namespace("", SITEMAP_NS)
ET.register_namespace("diwoo", DIWOO_NS)


@dataclass(frozen=True)
class WooDocument:
    """One published report as the Woo-index describes it."""

    url: str  # site-relative address of the trip page
    title: str
    summary: str
    tags: tuple[str, ...]
    published: date  # when it was first published: the DiWoo creation date and the adoption
    changed: date  # when it last changed: the sitemap's lastmod


def applies(site_url: str, publisher: Publisher | None) -> bool:
    """The Woo-index is written for an https site whose body has an organisation URI."""
    return site_url.startswith("https://") and publisher is not None


def woo_index(documents: list[WooDocument], publisher: Publisher, site_url: str) -> dict[str, str]:
    """Site path -> text: robots.txt, the sitemap index and its sitemaps."""
    chunks = [documents[i : i + URLS_PER_SITEMAP] for i in range(0, len(documents), URLS_PER_SITEMAP)] or [[]]
    files = {
        f"{FOLDER}sitemap-diwoo-{CATEGORY}-{number}.xml": _sitemap(chunk, publisher, site_url)
        for number, chunk in enumerate(chunks, start=1)
    }
    files[INDEX] = _sitemap_index([site_url + path for path in files], _last_change(documents))
    files["robots.txt"] = robots_txt(site_url)
    return files


def robots_txt(site_url: str) -> str:
    """robots.txt: every crawler welcome, the register's sitemap and the Woo-index announced."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\nSitemap: {site_url}{INDEX}\n"


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------


def _sitemap_index(locations: list[str], last_change: date | None) -> str:
    root = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    for location in locations:
        sitemap = ET.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        ET.SubElement(sitemap, f"{{{SITEMAP_NS}}}loc").text = location
        if last_change:
            ET.SubElement(sitemap, f"{{{SITEMAP_NS}}}lastmod").text = last_change.isoformat()
    return _text(root)


def _sitemap(documents: list[WooDocument], publisher: Publisher, site_url: str) -> str:
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for document in documents:
        url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = site_url + document.url
        ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = document.changed.isoformat()
        url.append(diwoo_document(document, publisher))
    return _text(root)


def diwoo_document(document: WooDocument, publisher: Publisher) -> ET.Element:
    """The `<diwoo:Document>` of one report (DiWoo metadata 0.9.8)."""
    root = ET.Element(_d("Document"))
    meta = ET.SubElement(root, _d("DiWoo"))
    _labelled(meta, "publisher", publisher.uri, publisher.name)
    titles = ET.SubElement(meta, _d("titelcollectie"))
    ET.SubElement(titles, _d("officieleTitel")).text = document.title
    descriptions = ET.SubElement(meta, _d("omschrijvingen"))
    ET.SubElement(descriptions, _d("omschrijving")).text = document.summary
    classification = ET.SubElement(meta, _d("classificatiecollectie"))
    categories = ET.SubElement(classification, _d("informatiecategorieen"))
    _labelled(categories, "informatiecategorie", CATEGORY_URI, CATEGORY_LABEL)
    if document.tags:
        keywords = ET.SubElement(classification, _d("trefwoorden"))
        for tag in document.tags:
            ET.SubElement(keywords, _d("trefwoord")).text = tag
    ET.SubElement(meta, _d("creatiedatum")).text = document.published.isoformat()
    _labelled(meta, "language", DUTCH_URI, "Nederlands")
    _labelled(meta, "format", HTML_URI, "html")
    actions = ET.SubElement(meta, _d("documenthandelingen"))
    action = ET.SubElement(actions, _d("documenthandeling"))
    _labelled(action, "soortHandeling", ADOPTION_URI, ADOPTION_LABEL)
    ET.SubElement(action, _d("atTime")).text = f"{document.published.isoformat()}T00:00:00"
    return root


def _labelled(parent: ET.Element, name: str, resource: str, label: str) -> ET.Element:
    element = ET.SubElement(parent, _d(name), {"resource": resource})
    element.text = label
    return element


def _d(name: str) -> str:
    return f"{{{DIWOO_NS}}}{name}"


def _last_change(documents: list[WooDocument]) -> date | None:
    return max((d.changed for d in documents), default=None)


def _text(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
