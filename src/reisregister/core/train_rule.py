"""The train rule: no flights to destinations that the train reaches within a set number of hours.

Gemeente Den Haag's council decided on 14 July 2020 (initiatiefvoorstel "Duurzame dienstreizen"):
no flying to destinations within 8 hours by train, exceptions (such as a crisis) reported to the
council once a year. A flown trip within reach needs its reason in `flight_reason`.

How long the train takes is the report's `train_hours` when it states it (from a journey planner),
else an estimate: the great-circle distance from the home city to the farthest destination,
divided by TRAIN_KMH. 100 km/h over the straight line matches door-to-door rail times to Paris
(≈ 3.5 h), London (≈ 4 h), Berlin (≈ 6 h) and Munich (≈ 7 h) from The Hague. Where there is no
high-speed rail (Copenhagen, Vienna) the real journey is longer than the estimate, so the register
asks for a reason sooner: it errs on the safe side. Fast corridors further away (Marseille,
Bordeaux via Paris) are estimated too long: state `train_hours` there. Countries without a rail
link (Ireland, Iceland, Malta, Cyprus) are never within reach. The annual report shows every flight's hours and where they came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from reisregister.core.emissions import Point, great_circle_km, home_point, place_point
from reisregister.core.model import FrontMatter

TRAIN_KMH = 100.0
# Countries no train reaches from the mainland (ferry or flight only): never within the rule.
NO_RAIL_LINK = frozenset({"IE", "IS", "MT", "CY"})
DEFAULT_HOURS = 8.0
DEFAULT_SINCE = date(2020, 7, 14)  # Den Haag's council decision
FLIGHT = "vliegtuig"


@dataclass(frozen=True)
class TrainRule:
    """The setting `extra.reisregister.train_rule`: hours by train, and from which start date it holds."""

    hours: float = DEFAULT_HOURS
    since: date = DEFAULT_SINCE
    origin: Point = field(default_factory=home_point)

    @classmethod
    def from_settings(cls, settings: dict | None) -> TrainRule:
        """The rule from `extra.reisregister` (`train_rule: {hours, since}` and `origin`)."""
        settings = settings or {}
        rule = settings.get("train_rule") or {}
        since = rule.get("since", DEFAULT_SINCE)
        since = date.fromisoformat(since) if isinstance(since, str) else since
        return cls(float(rule.get("hours", DEFAULT_HOURS)), since, home_point(settings.get("origin")))


@dataclass(frozen=True)
class TrainTime:
    """How long the train would take to a trip's farthest destination, and how that is known."""

    hours: float | None  # None: no train goes there (NO_RAIL_LINK), or a place is unknown and no time is stated
    stated: bool  # True: from the report's `train_hours`; False: estimated from the distance
    city: str  # the farthest destination (the first when one cannot be placed)


def train_time(meta: FrontMatter, origin: Point) -> TrainTime:
    """The report's stated train time, else the estimate from the distance to the farthest destination."""
    points = [place_point(d.city, d.country, d.lat, d.lon) for d in meta.destinations]
    distances = [great_circle_km(origin, point) if point else None for point in points]
    placed = None not in distances
    farthest = max(range(len(distances)), key=lambda i: distances[i]) if placed else 0
    city = meta.destinations[farthest].city
    if meta.train_hours is not None:
        return TrainTime(meta.train_hours, True, city)
    island = next((d for d in meta.destinations if d.country in NO_RAIL_LINK), None)
    if island:
        return TrainTime(None, False, island.city)
    if not placed:
        return TrainTime(None, False, city)
    return TrainTime(round(distances[farthest] / TRAIN_KMH, 1), False, city)


def within_rule(meta: FrontMatter, rule: TrainRule) -> TrainTime | None:
    """The train time of a flown trip that the rule covers (started on or after `since`, within the hours); else None."""
    if FLIGHT not in meta.transport or meta.start_date < rule.since:
        return None
    time = train_time(meta, rule.origin)
    return time if time.hours is not None and time.hours <= rule.hours else None
