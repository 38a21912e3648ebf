"""The DCAT-AP-DONL catalogue: parsed by rdflib, mandatory properties checked with SPARQL.

No SHACL shapes of DCAT-AP or DCAT-AP-DONL are published in a PyPI or npm package (ckanext-dcat's
wheel has none; DONL publishes none), so the profile's mandatory properties (DCAT-AP-DONL 2.0,
klassen dataset, distribution, resource) are checked here as SPARQL queries instead.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import rdflib
from conftest import HTTPS_SITE_URL
from rdflib.compare import isomorphic

from reisregister.opendata import dcat, export
from reisregister.register.settings import Settings

PUBLISHER = dcat.Publisher("Gemeente Den Haag", "https://identifier.overheid.nl/tooi/id/gemeente/gm0518", "a@b.nl")
PREFIXES = "PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dct: <http://purl.org/dc/terms/> PREFIX vcard: <http://www.w3.org/2006/vcard/ns#>\n"


def _graph(document: dict) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=json.dumps(document), format="json-ld")
    return graph


def _document() -> dict:
    package = json.loads(export.datapackage_text())
    return dcat.catalogue(package, PUBLISHER, "https://r.example.nl/", date(2026, 11, 28))


def _missing(graph: rdflib.Graph, kind: str, properties: list[str]) -> list[tuple[str, str]]:
    """(node, property) for every node of a kind that lacks a mandatory property."""
    found = []
    for prop in properties:
        query = f"SELECT ?s WHERE {{ ?s a {kind} . FILTER NOT EXISTS {{ ?s {prop} ?o }} }}"
        found += [(str(row.s), prop) for row in graph.query(PREFIXES + query)]
    return found


def test_the_dataset_has_every_mandatory_property_of_dcat_ap_donl():
    graph = _graph(_document())
    mandatory = [
        "dct:identifier",
        "dct:title",
        "dct:description",
        "dct:license",
        "dct:creator",
        "dct:publisher",
        "dcat:contactPoint",
        "dcat:theme",
    ]
    assert len(list(graph.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/dcat#Dataset")))) == 1
    assert _missing(graph, "dcat:Dataset", mandatory) == []


def test_every_distribution_has_its_mandatory_properties_and_a_known_format():
    graph = _graph(_document())
    mandatory = ["dcat:accessURL", "dct:format", "dct:title", "dct:description", "dct:license"]
    assert _missing(graph, "dcat:Distribution", mandatory) == []
    formats = {str(o) for o in graph.objects(None, rdflib.URIRef("http://purl.org/dc/terms/format"))}
    assert formats == {dcat.FILE_TYPE + name for name in ("CSV", "JSON", "ATOM")}


def test_distributions_follow_the_data_package():
    graph = _graph(_document())
    package = json.loads(export.datapackage_text())
    urls = {str(o) for o in graph.objects(None, rdflib.URIRef("http://www.w3.org/ns/dcat#downloadURL"))}
    expected = {f"https://r.example.nl/data/{resource['path']}" for resource in package["resources"]}
    assert urls == expected | {"https://r.example.nl/feed.xml"}


def test_value_lists_licence_access_rights_theme_and_publisher():
    graph = _graph(_document())
    row = next(
        iter(
            graph.query(
                PREFIXES + "SELECT ?l ?a ?t ?p ?c WHERE { ?d a dcat:Dataset ; dct:license ?l ; dct:accessRights ?a ;"
                " dcat:theme ?t ; dct:publisher ?p ; dct:creator ?c }"
            )
        )
    )
    assert str(row.l) == "http://creativecommons.org/publicdomain/zero/1.0/deed.nl"
    assert str(row.a) == "https://dcat.overheid.nl/application-profile/donl/term/PUBLIEK"
    assert str(row.t) == "http://standaarden.overheid.nl/owms/terms/Bestuur"
    assert str(row.p) == str(row.c) == PUBLISHER.uri


def test_contact_point_has_a_name_and_an_address():
    graph = _graph(_document())
    rows = list(
        graph.query(
            PREFIXES + "SELECT ?fn ?mail WHERE { ?d dcat:contactPoint ?c . ?c vcard:fn ?fn ; vcard:hasEmail ?mail }"
        )
    )
    assert [(str(r.fn), str(r.mail)) for r in rows] == [("Gemeente Den Haag", "mailto:a@b.nl")]


def test_no_publisher_uri_means_no_catalogue():
    assert dcat.Publisher.from_settings(Settings.from_extra({"organisation": "Gemeente X"})) is None
    settings = Settings.from_extra({"organisation_uri": "https://x/y", "contact": {"phone": "14 070"}})
    publisher = dcat.Publisher.from_settings(settings)
    assert publisher is not None and publisher.phone == "14 070" and publisher.uri == "https://x/y"


@pytest.mark.parametrize("name, form", [("catalogus.jsonld", "json-ld"), ("catalogus.ttl", "turtle")])
def test_the_built_catalogue_parses_and_both_notations_hold_one_graph(https_site: Path, name: str, form: str):
    graph = rdflib.Graph().parse(https_site / "data" / name, format=form)
    other = rdflib.Graph().parse(https_site / "data" / "catalogus.jsonld", format="json-ld")
    assert isomorphic(graph, other)
    modified = {str(o) for o in graph.objects(None, rdflib.URIRef("http://purl.org/dc/terms/modified"))}
    assert modified == {"2026-11-28T00:00:00"}  # the reference date: the last commit's (SOURCE_DATE_EPOCH)
    landing = {str(o) for o in graph.objects(None, rdflib.URIRef("http://www.w3.org/ns/dcat#landingPage"))}
    assert landing == {f"{HTTPS_SITE_URL}open-data/"}


def test_without_a_public_address_there_is_no_catalogue(built_site: Path):
    assert not (built_site / "data" / "catalogus.jsonld").exists()
