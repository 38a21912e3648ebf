"""The ways trips are grouped into pages (per organisation, role, payer, traveller, country) and
the slug of each group (its address: `addresses.group`): one definition for the site and for the
check that keeps labels apart.

A group's slug is a pure function of its label, so no report can rename or take over the page
of other reports; two labels that would share an address are refused by `checks.check_labels`.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reisregister.core.i18n.text import country_name, slugify
from reisregister.core.report import Report

Location = tuple[str | int, ...]
MAX_SLUG = 60
# Names a group folder uses for its own pages: `index` is the overview itself, `pagina-N` its pages.
_RESERVED = re.compile(r"index|pagina-\d+")


@dataclass(frozen=True)
class Grouping:
    """A way to group trips: the folder of its pages, their wording, and each report's labels."""

    path: str
    title: str
    noun: str
    labels: Callable[[Report], Iterable[tuple[Location, str]]]  # (where in the front matter, label)
    checked: bool = True  # labels typed by people, so spellings that share an address are refused
    heading: str = "{noun}: {label}"  # the title of a group's page
    shared: str | None = None  # how a trip counts in several groups, said beside their totals
    missing: str | None = None  # the group of trips without a label, so the rows add up

    def keys(self, report: Report) -> dict[str, str]:
        """The report's groups: slug -> label, each once."""
        return {self.slug(label): label for _, label in self.labels(report)}

    def slug(self, label: str) -> str:
        """The address of a label's page within the folder."""
        return country_slug(label) if not self.checked else label_slug(label)


@functools.lru_cache(maxsize=65536)  # the same roles and organisations come back on every trip page
def label_slug(label: str) -> str:
    """A label's slug: transliterated, bounded, never empty and never a reserved name."""
    slug = slugify(label, fallback="")
    if not slug or len(slug) > MAX_SLUG or _RESERVED.fullmatch(slug):
        slug = f"{slug[: MAX_SLUG - 9].rstrip('-') or 'x'}-{_short_hash(label)}"
    return slug


def country_slug(code_or_name: str) -> str:
    """Countries are grouped by their code: 'FR' -> 'fr'."""
    return code_or_name.lower()


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _travellers(field: str) -> Callable[[Report], list[tuple[Location, str]]]:
    def labels(report: Report) -> list[tuple[Location, str]]:
        return [
            (("travellers", index, field), getattr(traveller, field))
            for index, traveller in enumerate(report.meta.travellers)
            if getattr(traveller, field) is not None
        ]

    return labels


def _paid_by(report: Report) -> list[tuple[Location, str]]:
    return [(("paid_by",), report.meta.paid_by)] if report.meta.paid_by else []


def _countries(report: Report) -> list[tuple[Location, str]]:
    return [(("destinations", i, "country"), d.country) for i, d in enumerate(report.meta.destinations)]


def _tags(report: Report) -> list[tuple[Location, str]]:
    return [(("tags", index), tag) for index, tag in enumerate(report.meta.tags)]


# A trip to two countries, or with travellers of two organisations, counts in full (its days and
# costs) under each: said on those pages, so nobody adds the rows up.
def _shared(trip: str, each: str = "elk") -> str:
    return (
        f"{trip} telt bij {each} volledig mee, met al haar dagen en kosten. Tel de rijen daarom niet op: "
        "het totaal van alle reizen, elke reis één keer, staat onderaan."
    )


COUNTRIES = Grouping(
    "landen", "Reizen per land", "Land", _countries, checked=False, shared=_shared("Een reis naar meer landen")
)
GROUPINGS = (
    COUNTRIES,
    Grouping(
        "organisaties",
        "Reizen per organisatie",
        "Organisatie",
        _travellers("organisation"),
        shared=_shared("Een reis met reizigers van meer organisaties"),
    ),
    Grouping(
        "functies",
        "Reizen per functie",
        "Functie",
        _travellers("role"),
        shared=_shared("Een reis met reizigers in meer functies"),
    ),
    # Every trip has one payer or none: with the row "niet opgegeven" the rows add up to the total.
    Grouping("betalers", "Reizen per betaler", "Betaald door", _paid_by, missing="niet opgegeven"),
    Grouping(
        "reizigers",
        "Reizen per reiziger",
        "Reiziger",
        _travellers("name"),
        heading="Reizen waaraan {label} deelnam",
        shared=_shared("Een reis met meer reizigers", "elke reiziger")
        + " Reizigers van wie de naam niet openbaar is, staan niet in de lijst.",
    ),
    Grouping("tags", "Reizen per trefwoord", "Trefwoord", _tags, shared=_shared("Een reis met meer trefwoorden")),
)


def display_label(grouping: Grouping, label: str) -> str:
    """The label shown on pages: a country's Dutch name, else the label itself."""
    return country_name(label) if grouping is COUNTRIES else label


BY_PATH = {grouping.path: grouping for grouping in GROUPINGS}
