"""Charts as SVG, drawn at build time from Vega-Lite specifications by vl-convert (offline, no
browser, no request to anyone), in the site's colours. Each chart is shown with its numbers as a
table beside it, so the SVG is an illustration, never the only place a figure stands.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

import vl_convert

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"  # an identifier; nothing is fetched
INDIGO = ["#1a237e", "#3949ab", "#7986cb", "#c5cae9", "#9e9e9e"]  # Material indigo, dark to light, then grey
TEXT = "#212121"
CONFIG = {
    "background": "#ffffff",  # also readable where the page around it is dark
    "font": "sans-serif",
    "axis": {"labelColor": TEXT, "titleColor": TEXT, "labelFontSize": 12, "titleFontSize": 12, "gridColor": "#e0e0e0"},
    "legend": {"labelColor": TEXT, "titleColor": TEXT, "labelFontSize": 12, "orient": "bottom", "columns": 3},
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


def stacked_bars(rows: list[dict], x: str, y: str, colour: str, order: list[str], titles: tuple[str, str]) -> str:
    """Bars per x, stacked by colour in the given order (e.g. euros per year by kind of cost)."""
    return to_svg(
        {
            "width": 560,
            "height": 260,
            "data": {"values": rows},
            "mark": "bar",
            "encoding": {
                "x": {"field": x, "type": "ordinal", "title": titles[0], "axis": {"labelAngle": 0}},
                "y": {"field": y, "type": "quantitative", "title": titles[1], "axis": {"format": ",.0f"}},
                "color": {
                    "field": colour,
                    "type": "nominal",
                    "title": None,
                    "sort": order,
                    "scale": {"domain": order, "range": INDIGO[: len(order)]},
                },
                "order": {"field": "volgorde", "type": "quantitative"},
            },
        }
    )


def bars(rows: list[dict], x: str, y: str, titles: tuple[str, str], horizontal: bool = False, height: int = 220) -> str:
    """One bar per row, in the order given."""
    category = {"field": x, "type": "ordinal", "title": titles[0], "sort": None, "axis": {"labelAngle": 0}}
    value = {"field": y, "type": "quantitative", "title": titles[1], "axis": {"format": ",.0f"}}
    encoding = {"y": category, "x": value} if horizontal else {"x": category, "y": value}
    return to_svg(
        {
            "width": 560,
            "height": 22 * len(rows) if horizontal else height,
            "data": {"values": rows},
            "mark": "bar",
            "encoding": encoding,
        }
    )


def world_map(points: list[dict]) -> str:
    """Natural Earth country shapes with a circle per place, sized by its number of trips."""
    return to_svg(
        {
            "width": 720,
            "height": 380,
            "projection": {"type": "equalEarth"},
            "layer": [
                {
                    "data": {"values": countries_topojson(), "format": {"type": "topojson", "feature": "countries"}},
                    "mark": {"type": "geoshape", "fill": "#eceff1", "stroke": "#b0bec5", "strokeWidth": 0.5},
                },
                {
                    "data": {"values": points},
                    "mark": {"type": "circle", "opacity": 0.7, "stroke": "#ffffff", "strokeWidth": 0.5},
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
