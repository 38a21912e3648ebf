"""Charts as SVG, drawn at build time from Vega-Lite specifications by vl-convert (offline, no
browser, no request to anyone), in the site's colours. Each chart is shown with its numbers as a
table beside it, so the SVG is an illustration, never the only place a figure stands.

Every chart comes light and dark (the dark one recoloured from the light one, not drawn again), and
the insights charts also narrow: drawn at a phone's width, so their 12 px text is never scaled down.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

import vl_convert

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"  # an identifier; nothing is fetched
INDIGO = ["#1a237e", "#3949ab", "#7986cb", "#c5cae9", "#9e9e9e"]  # Material indigo, dark to light, then grey
TEXT = "#212121"
GRID = "#e0e0e0"
LAND, BORDER = "#eceff1", "#b0bec5"
WIDE, NARROW = 560, 250  # plot widths: a page's column, and a 390 px phone (axes and labels come on top)
# The dark scheme's colour for each colour a light chart uses: light text and lines on Material's
# slate background, the bars from light to dark so the first stack still stands out most.
DARK = {
    TEXT: "#e6e8ee",
    GRID: "#3c4150",
    "#888": "#9aa0ad",
    INDIGO[0]: "#c5cae9",
    INDIGO[1]: "#9fa8da",
    INDIGO[2]: "#7986cb",
    INDIGO[3]: "#5061b8",
    INDIGO[4]: "#757575",
    LAND: "#2c3140",
    BORDER: "#4f566a",
    "#ffffff": "#1e2129",
}
CONFIG = {
    "background": None,  # transparent: the page's own background shows, light or dark
    "font": "sans-serif",
    "axis": {
        "labelColor": TEXT,
        "titleColor": TEXT,
        "labelFontSize": 12,
        "titleFontSize": 12,
        "gridColor": GRID,
        "domainColor": "#888",
        "tickColor": "#888",
    },
    "legend": {
        "labelColor": TEXT,
        "titleColor": TEXT,
        "labelFontSize": 12,
        "titleFontSize": 12,
        "orient": "bottom",
        "columns": 3,
    },
    "view": {"stroke": None},
    "bar": {"color": INDIGO[1]},
    "circle": {"color": INDIGO[1]},
}


def to_svg(spec: dict[str, Any]) -> str:
    """A Vega-Lite specification drawn as SVG."""
    # Dutch number format (10.000); no base URL allowed, so a chart can never load data from anywhere.
    return vl_convert.vegalite_to_svg(
        {"$schema": SCHEMA, "config": CONFIG, **spec}, format_locale="nl-NL", allowed_base_urls=[]
    )


def dark(svg: str) -> str:
    """The same chart for the dark scheme: every colour of the light one swapped in one pass."""
    pattern = re.compile("|".join(re.escape(colour) for colour in sorted(DARK, key=len, reverse=True)), re.I)
    return pattern.sub(lambda match: DARK[match.group(0).lower()], svg)


def stacked_bars(
    rows: list[dict], x: str, y: str, colour: str, order: list[str], titles: tuple[str, str], width: int = WIDE
) -> str:
    """Bars per x, stacked by colour in the given order (e.g. euros per year by kind of cost)."""
    legend = {"orient": "bottom", "columns": 1 if width < WIDE else 3, "labelLimit": 0}
    return to_svg(
        {
            "width": width,
            "height": 260,
            "data": {"values": rows},
            "mark": "bar",
            "encoding": {
                "x": {
                    "field": x,
                    "type": "ordinal",
                    "title": titles[0],
                    "axis": {"labelAngle": _angle(rows, x, width)},
                },
                "y": {"field": y, "type": "quantitative", "title": titles[1], "axis": {"format": ",.0f"}},
                "color": {
                    "field": colour,
                    "type": "nominal",
                    "title": None,
                    "sort": order,
                    "scale": {"domain": order, "range": INDIGO[: len(order)]},
                    "legend": legend,
                },
                "order": {"field": "volgorde", "type": "quantitative"},
            },
        }
    )


# Labels along a narrow chart's axis are turned upright when there are too many to stand side by side.
def _angle(rows: list[dict], x: str, width: int) -> int:
    return -90 if len({row[x] for row in rows}) * 40 > width else 0


def bars(
    rows: list[dict],
    x: str,
    y: str,
    titles: tuple[str, str],
    horizontal: bool = False,
    height: int = 220,
    width: int = WIDE,
) -> str:
    """One bar per row, in the order given."""
    angle = 0 if horizontal else _angle(rows, x, width)
    category = {"field": x, "type": "ordinal", "title": titles[0], "sort": None, "axis": {"labelAngle": angle}}
    value = {"field": y, "type": "quantitative", "title": titles[1], "axis": {"format": ",.0f"}}
    encoding = {"y": category, "x": value} if horizontal else {"x": category, "y": value}
    return to_svg(
        {
            "width": width,
            "height": 22 * len(rows) if horizontal else height,
            "data": {"values": rows},
            "mark": "bar",
            "encoding": encoding,
        }
    )


def world_map(points: list[dict], width: int = 720) -> str:
    """Natural Earth country shapes with a circle per place, sized by its number of trips."""
    return _map(points, width, round(width * 0.53), {"type": "equalEarth"})


# Europe from Lisbon to Moscow and Lapland to Crete, where most trips go and the world map is one blob.
EUROPE = {"type": "conicConformal", "rotate": [-15, 0], "parallels": [40, 62]}
EUROPE_FRAME = [{"lat": 34.5, "lon": -10.5}, {"lat": 71, "lon": 40}]


def europe_map(points: list[dict], width: int = 340) -> str:
    """Europe only, fitted to its frame, the places outside it left off."""
    inside = [p for p in points if 34 <= p["lat"] <= 72 and -25 <= p["lon"] <= 45]
    return _map(inside, width, round(width * 0.9), {**EUROPE, "fit": _frame()})


def _frame() -> dict:
    corners = [[p["lon"], p["lat"]] for p in EUROPE_FRAME]
    return {"type": "Feature", "geometry": {"type": "MultiPoint", "coordinates": corners}, "properties": {}}


def _map(points: list[dict], width: int, height: int, projection: dict) -> str:
    return to_svg(
        {
            "width": width,
            "height": height,
            "projection": projection,
            "layer": [
                {
                    "data": {"values": countries_topojson(), "format": {"type": "topojson", "feature": "countries"}},
                    "mark": {"type": "geoshape", "fill": LAND, "stroke": BORDER, "strokeWidth": 0.5, "clip": True},
                },
                {
                    "data": {"values": points},
                    "mark": {"type": "circle", "opacity": 0.7, "stroke": "#ffffff", "strokeWidth": 0.5, "clip": True},
                    "encoding": {
                        "longitude": {"field": "lon", "type": "quantitative"},
                        "latitude": {"field": "lat", "type": "quantitative"},
                        "size": {
                            "field": "reizen",
                            "type": "quantitative",
                            "title": "Reizen",
                            "scale": {"range": [20, 900]},
                        },
                    },
                },
            ],
        }
    )


# world-atlas 2.0.2 (npm), countries-110m.json: Natural Earth 1:110m, public domain.
@functools.cache
def countries_topojson() -> dict:
    return json.loads(resources.files("reisregister").joinpath("data/countries-110m.json").read_text("utf-8"))
