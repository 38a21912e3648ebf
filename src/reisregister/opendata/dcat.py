"""The DCAT-AP-DONL 2.0 catalogue of the open data, for harvesting by data.overheid.nl.

Built from `datapackage.json` (one distribution per resource, plus the Atom feed), so a file
added to the data package is catalogued without a second list. Written as JSON-LD with an inline
context (a harvester needs no network to read it) and as Turtle, parsed from the same JSON-LD.
Every node has its own address (no blank nodes), so two builds give the same bytes.

Value lists (DCAT-AP-DONL 2.0, github.com/dataoverheid/dcat-ap-donl): licence from donl:License,
access rights from donl:AccessRights, theme from overheid:TaxonomieBeleidsagenda (OWMS 4.0),
language from donl:Language, formats from the EU file-type list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from reisregister.core import addresses
from reisregister.register.settings import Settings

LICENCE = "http://creativecommons.org/publicdomain/zero/1.0/deed.nl"  # donl:License, CC0 1.0
ACCESS_PUBLIC = "https://dcat.overheid.nl/application-profile/donl/term/PUBLIEK"  # donl:AccessRights
THEME_GOVERNMENT = "http://standaarden.overheid.nl/owms/terms/Bestuur"  # overheid:TaxonomieBeleidsagenda
LANGUAGE_DUTCH = "https://publications.europa.eu/resource/authority/language/NLD"  # donl:Language
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
FREQUENCY_CONTINUOUS = "http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT"
DONL_PROFILE = "https://docs.dataoverheid.nl/dcat-ap-donl/"  # the profile this catalogue conforms to

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class Publisher:
    """The body as the national registers know it: `extra.reisregister` of mkdocs.yml."""

    name: str
    uri: str  # organisation_uri: TOOI (https://identifier.overheid.nl/tooi/id/...) or OWMS
    email: str | None = None
    phone: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Publisher | None:
        """The publisher, or None when `organisation_uri` is not set (then nothing is announced)."""
        if not settings.organisation_uri:
            return None
        name = settings.organisation[0] if settings.organisation else "?"
        return cls(name, settings.organisation_uri, settings.contact.get("email"), settings.contact.get("phone"))


def catalogue(package: dict[str, Any], publisher: Publisher, site_url: str, modified: date) -> dict[str, Any]:
    """The catalogue as a JSON-LD document: one catalogue, one dataset, its distributions."""
    data = site_url + addresses.DATA
    dataset = f"{site_url}{addresses.CATALOGUE}#reisregister"
    agent = {"@id": publisher.uri, "@type": "foaf:Agent", "foaf:name": publisher.name}
    distributions = [_distribution(data, resource, modified) for resource in package["resources"]]
    distributions.append(_feed_distribution(site_url, modified))
    dataset_node = {
        "@id": dataset,
        "@type": "dcat:Dataset",
        "dct:identifier": {"@value": dataset, "@type": "xsd:anyURI"},
        "dct:title": {"@value": package["title"], "@language": "nl"},
        "dct:description": {"@value": _description(publisher.name), "@language": "nl"},
        "dct:license": {"@id": LICENCE},
        "dct:creator": {"@id": publisher.uri},
        "dct:publisher": {"@id": publisher.uri},
        "dcat:contactPoint": _contact(dataset, publisher),
        "dcat:theme": {"@id": THEME_GOVERNMENT},
        "dct:accessRights": {"@id": ACCESS_PUBLIC},
        "dct:language": {"@id": LANGUAGE_DUTCH},
        "dcat:keyword": [{"@value": word, "@language": "nl"} for word in ("dienstreizen", "reiskosten", "Woo")],
        "dct:modified": _date_time(modified),
        "dct:accrualPeriodicity": {"@id": FREQUENCY_CONTINUOUS},
        "dcat:landingPage": {"@id": site_url + addresses.OPEN_DATA},
        "dct:conformsTo": {"@id": f"{data}datapackage.json"},  # the Table Schema of every CSV file
        "dcat:distribution": [{"@id": d["@id"]} for d in distributions],
    }
    catalogue_node = {
        "@id": site_url + addresses.CATALOGUE,
        "@type": "dcat:Catalog",
        "dct:title": {"@value": f"Open data van het reisregister van {publisher.name}", "@language": "nl"},
        "dct:description": {"@value": _description(publisher.name), "@language": "nl"},
        "dct:publisher": {"@id": publisher.uri},
        "dct:license": {"@id": LICENCE},
        "dct:language": {"@id": LANGUAGE_DUTCH},
        "dct:modified": _date_time(modified),
        "dct:conformsTo": {"@id": DONL_PROFILE},
        "foaf:homepage": {"@id": site_url},
        "dcat:dataset": {"@id": dataset},
    }
    return {"@context": CONTEXT, "@graph": [catalogue_node, dataset_node, agent, *distributions]}


def catalogue_jsonld(document: dict[str, Any]) -> str:
    """The JSON-LD text, keys in a fixed order."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def catalogue_turtle(document: dict[str, Any]) -> str:
    """The same graph as Turtle (rdflib, from the JSON-LD: one source, two notations)."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=json.dumps(document), format="json-ld")
    for prefix, namespace in CONTEXT.items():
        graph.bind(prefix, namespace)
    return graph.serialize(format="turtle")


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------


def _description(body: str) -> str:
    return (
        f"Verslagen van dienstreizen van bestuurders en medewerkers van {body}: bestemmingen, data, reizigers "
        "(namen van ambtenaren niet openbaar), kosten en wie ze betaalde, vervoer en geschatte CO₂-uitstoot, "
        "resultaten en vervolgacties. Eén regel per reis (CSV, JSON) en één per reiziger."
    )


# DCAT-AP-DONL: a contact point has vcard:fn and an e-mail address, telephone or web address.
def _contact(dataset: str, publisher: Publisher) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": f"{dataset}-contact", "@type": "vcard:Organization", "vcard:fn": publisher.name}
    if publisher.email:
        node["vcard:hasEmail"] = {"@id": f"mailto:{publisher.email}"}
    if publisher.phone:
        node["vcard:hasTelephone"] = {"@id": "tel:" + "".join(publisher.phone.split())}
    if not (publisher.email or publisher.phone):
        node["vcard:hasURL"] = {"@id": dataset.split(addresses.CATALOGUE)[0] + addresses.ABOUT}
    return node


def _distribution(data: str, resource: dict[str, Any], modified: date) -> dict[str, Any]:
    url = f"{data}{resource['path']}"
    description = resource.get("description") or f"{resource['path']}: {resource['format'].upper()}-bestand."
    node = {
        "@id": f"{data}{addresses.CATALOGUE_FILES[0]}#{resource['name']}",
        "@type": "dcat:Distribution",
        "dct:title": {"@value": resource["path"], "@language": "nl"},
        "dct:description": {"@value": description, "@language": "nl"},
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dct:format": {"@id": FILE_TYPE + resource["format"].upper()},
        "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{resource['mediatype']}"},
        "dct:license": {"@id": LICENCE},
        "dct:modified": _date_time(modified),
    }
    if resource.get("profile") == "tabular-data-resource":
        node["dct:conformsTo"] = {"@id": f"{data}datapackage.json"}
    elif resource["name"] == "reports-json":
        node["dct:conformsTo"] = {"@id": f"{data}schema.json"}
    return node


def _feed_distribution(site_url: str, modified: date) -> dict[str, Any]:
    url = site_url + addresses.SITE_FEED
    return {
        "@id": f"{site_url}{addresses.CATALOGUE}#feed",
        "@type": "dcat:Distribution",
        "dct:title": {"@value": addresses.SITE_FEED, "@language": "nl"},
        "dct:description": {"@value": "Atom-feed van nieuwe en gecorrigeerde verslagen.", "@language": "nl"},
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dct:format": {"@id": f"{FILE_TYPE}ATOM"},
        "dcat:mediaType": {"@id": "https://www.iana.org/assignments/media-types/application/atom+xml"},
        "dct:license": {"@id": LICENCE},
        "dct:modified": _date_time(modified),
    }


# DONL asks for xsd:dateTime; the day of the last commit, at midnight.
def _date_time(day: date) -> dict[str, str]:
    return {"@value": f"{day.isoformat()}T00:00:00", "@type": "xsd:dateTime"}
