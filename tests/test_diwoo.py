"""The Woo-index: robots.txt, the DiWoo sitemap index and sitemaps of a site with an https address.

Each `<diwoo:Document>` is validated against the DiWoo metadata XSD 0.9.8 (tests/schemas/diwoo/,
see README there); the sitemap files' structure (sitemaps.org 0.9) is checked element by element.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import HTTPS_SITE_URL
from lxml import etree

from reisregister.opendata import diwoo
from reisregister.opendata.dcat import Publisher

SCHEMAS = Path(__file__).parent / "schemas" / "diwoo"
MDTO_LOCATION = "https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd"
NS = {"s": diwoo.SITEMAP_NS, "diwoo": diwoo.DIWOO_NS}
PUBLISHER = Publisher("Gemeente Den Haag", "https://identifier.overheid.nl/tooi/id/gemeente/gm0518")


class _LocalSchemas(etree.Resolver):
    """The MDTO schema the DiWoo XSD imports from the web, read from the vendored copy instead."""

    def resolve(self, url, pubid, context):
        if url == MDTO_LOCATION:
            return self.resolve_filename(str(SCHEMAS / "MDTO-XML1.0.1.xsd"), context)
        return None


@pytest.fixture(scope="module")
def diwoo_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "diwoo-metadata.xsd"), parser))


def _documents(sitemap: Path) -> list[etree._Element]:
    return etree.parse(str(sitemap)).findall("s:url/diwoo:Document", NS)


def test_robots_txt_announces_the_sitemap_index_over_https(https_site: Path):
    lines = (https_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    sitemaps = [line.removeprefix("Sitemap: ") for line in lines if line.startswith("Sitemap: ")]
    assert f"{HTTPS_SITE_URL}sitemaps/sitemapindex-diwoo-infocat018.xml" in sitemaps
    assert all(url.startswith("https://") for url in sitemaps)


def test_the_index_lists_sitemaps_that_exist(https_site: Path):
    index = etree.parse(str(https_site / "sitemaps" / "sitemapindex-diwoo-infocat018.xml")).getroot()
    assert index.tag == f"{{{diwoo.SITEMAP_NS}}}sitemapindex"
    locations = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    assert locations and all(loc.startswith(HTTPS_SITE_URL) for loc in locations)
    for loc in locations:
        assert (https_site / loc.removeprefix(HTTPS_SITE_URL)).is_file()


def test_every_published_trip_is_listed_at_its_trip_page_and_nothing_else(https_site: Path):
    sitemap = https_site / "sitemaps" / "sitemap-diwoo-infocat018-1.xml"
    urls = etree.parse(str(sitemap)).findall("s:url", NS)
    records = json.loads((https_site / "data" / "reports.json").read_text(encoding="utf-8"))
    published = {r["url"] for r in records if r["status"] == "gepubliceerd"}
    locations = {url.findtext("s:loc", namespaces=NS) for url in urls}
    assert locations == published  # absolute https addresses of the trip pages (url in reports.json)
    for location in locations:
        assert location.startswith(HTTPS_SITE_URL) and location.endswith("/")
        assert (https_site / location.removeprefix(HTTPS_SITE_URL) / "index.html").is_file()


def test_every_document_validates_against_the_diwoo_xsd(https_site: Path, diwoo_schema: etree.XMLSchema):
    documents = _documents(https_site / "sitemaps" / "sitemap-diwoo-infocat018-1.xml")
    assert documents
    for document in documents:
        diwoo_schema.assertValid(etree.ElementTree(document))
        meta = document.find("diwoo:DiWoo", NS)
        assert meta.find("diwoo:publisher", NS).get("resource") == PUBLISHER.uri
        assert (
            meta.find("diwoo:classificatiecollectie/diwoo:informatiecategorieen/diwoo:informatiecategorie", NS).get(
                "resource"
            )
            == "https://identifier.overheid.nl/tooi/def/thes/kern/c_816e508d"
        )
        assert meta.findtext("diwoo:documenthandelingen/diwoo:documenthandeling/diwoo:atTime", namespaces=NS)


def test_the_schema_refuses_a_document_without_its_mandatory_metadata(diwoo_schema: etree.XMLSchema):
    document = diwoo.WooDocument("reizen/x/", "Titel", "Samenvatting", (), date(2020, 1, 2), date(2020, 1, 3))
    element = etree.fromstring(diwoo.ET.tostring(diwoo.diwoo_document(document, PUBLISHER)))
    assert diwoo_schema.validate(etree.ElementTree(element))
    handling = element.find("diwoo:DiWoo/diwoo:documenthandelingen", NS)
    handling.getparent().remove(handling)
    assert not diwoo_schema.validate(etree.ElementTree(element))


def test_a_title_with_markup_characters_is_escaped_text():
    document = diwoo.WooDocument("reizen/x/", "A & B <c>", "s", ("x&y",), date(2020, 1, 2), date(2020, 1, 2))
    text = diwoo.woo_index([document], PUBLISHER, "https://r.example.nl/")["sitemaps/sitemap-diwoo-infocat018-1.xml"]
    assert "A &amp; B &lt;c&gt;" in text and "<c>" not in text
    assert etree.fromstring(text.encode()).find("s:url/diwoo:Document/diwoo:DiWoo/diwoo:titelcollectie", NS) is not None


def test_only_an_https_site_with_an_organisation_uri_gets_a_woo_index(built_site: Path):
    assert diwoo.applies("https://r.example.nl/", PUBLISHER)
    assert not diwoo.applies("http://r.example.nl/", PUBLISHER)
    assert not diwoo.applies("https://r.example.nl/", None)
    assert not (built_site / "robots.txt").exists()  # built without an address
