"""Distance and CO₂ of a trip: great-circle legs from the home city through the destinations in
order and back, times documented emission factors per means of transport and distance band.

The factors, their source and year are data (data/emissiefactoren.json); the method is explained
on the site (docs/inzichten-methode.md). An estimate, not a measurement: no detours, no occupancy.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from dataclasses import dataclass
from importlib import resources

from reisregister.core.i18n.text import number, plural
from reisregister.core.model import FrontMatter
from reisregister.core.places import coordinates

EARTH_RADIUS_KM = 6371.0
DEFAULT_ORIGIN = ("Den Haag", "NL")

Point = tuple[float, float]


@dataclass(frozen=True)
class Emissions:
    """A trip's estimate: route length per traveller, CO₂ of all travellers, and how (or why not)."""

    distance_km: float | None
    co2_kg: float | None
    method: str
    short_flight: bool = False  # a leg flown under the short-flight distance, where rail was possible

    def as_record(self) -> dict:
        """The `emissions` object of the open data."""
        return {
            "distance_km": None if self.distance_km is None else round(self.distance_km),
            "co2_kg": None if self.co2_kg is None else round(self.co2_kg, 1),
            "method": self.method,
            "short_flight": self.short_flight,
        }


@functools.cache
def factors() -> dict:
    """The emission factors with their source and year."""
    return json.loads(resources.files("reisregister").joinpath("data/emissiefactoren.json").read_text("utf-8"))


def home_point(setting: dict | None = None) -> Point:
    """The body's home city, where every trip starts and ends: `{city, country}` or `{lat, lon}`."""
    setting = setting or {"city": DEFAULT_ORIGIN[0], "country": DEFAULT_ORIGIN[1]}
    point = place_point(setting.get("city", ""), setting.get("country", ""), setting.get("lat"), setting.get("lon"))
    if point is None:
        raise ValueError(f"origin {setting} is not in the gazetteer; give lat and lon in extra.reisregister.origin")
    return point


def great_circle_km(a: Point, b: Point) -> float:
    """The distance along the earth's surface (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def place_point(city: str, country: str, lat: float | None = None, lon: float | None = None) -> Point | None:
    """Coordinates given in the report, else from the gazetteer."""
    return (lat, lon) if lat is not None and lon is not None else coordinates(city, country)


def estimate(meta: FrontMatter, origin: Point) -> Emissions:
    """The distance and CO₂ estimate of a trip, or why there is none."""
    points = [place_point(d.city, d.country, d.lat, d.lon) for d in meta.destinations]
    unplaced = [d.city for d, point in zip(meta.destinations, points, strict=True) if point is None]
    if unplaced:
        return Emissions(
            None, None, f"geen schatting: {', '.join(unplaced)} staat niet in de plaatsenlijst; geef lat en lon op"
        )
    route = [origin, *points, origin]
    legs = [great_circle_km(a, b) for a, b in itertools.pairwise(route)]
    distance = sum(legs)
    if not meta.transport:
        return Emissions(distance, None, "geen schatting van CO₂: het vervoermiddel is niet opgegeven")
    per_person, short = 0.0, False
    for leg in legs:
        mode, factor = leg_factor(leg, meta.transport)
        if factor is None:
            return Emissions(distance, None, f"geen schatting van CO₂: geen emissiefactor voor '{mode}'")
        per_person += leg * factor
        short = short or (mode == "vliegtuig" and leg < factors()["short_flight_km"])
    travellers = len(meta.travellers)
    method = (
        f"{' en '.join(meta.transport)}; {number(round(distance))} km in rechte lijnen, heen en terug, "
        f"keer {plural(travellers, 'reiziger', 'reizigers')}; factoren {factors()['year']}"
    )
    return Emissions(distance, per_person * travellers, method, short)


# Which mode a leg is counted as: flown when a plane was used and either the leg is long or no
# other mode is listed; legs too short to fly go by the first other mode listed (else by car).
def leg_factor(leg_km: float, modes: list[str]) -> tuple[str, float | None]:
    data = factors()
    ground = [mode for mode in modes if mode != "vliegtuig"]
    flying = "vliegtuig" in modes and leg_km >= data["not_flown_below_km"]
    if flying and (not ground or leg_km >= data["short_flight_km"]):
        band = next(b for b in data["flight"] if b["up_to_km"] is None or leg_km < b["up_to_km"])
        return "vliegtuig", band["factor"]
    mode = ground[0] if ground else data["ground_when_only_flying"]
    return mode, data["ground"].get(mode)
