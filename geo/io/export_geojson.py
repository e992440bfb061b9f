"""Export a dataset as a GeoJSON FeatureCollection that :mod:`geo.io.read_geojson` reads back.

Presence records are Point features, movements LineString features whose ``waypoints``
property lists each stop's place, date and mode in the order of the coordinates. Sources
travel in a top-level ``"sources"`` member. ``strength`` is a figure, a range, or a list of
per-source figures; ``strength_min``/``strength_max`` repeat the overall range as numbers
for styling in GIS and are ignored on reading.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

from geo.io import schema
from geo.io.serialize import movement_fields, presence_fields, source_fields, waypoint_fields
from geo.model import Dataset, Estimate, Movement, Presence
from geo.points import to_geojson_position

PRESENCE_PROPERTIES = schema.columns("presence", "geojson")
MOVEMENT_PROPERTIES = schema.columns("movement", "geojson")
WAYPOINT_PROPERTIES = schema.columns("waypoint", "geojson")


def strength_range(estimates: tuple[Estimate, ...]) -> tuple[int | None, int | None]:
    """The lowest and highest figure any source gives, or ``(None, None)``."""
    if not estimates:
        return None, None
    return min(e.strength.low for e in estimates), max(e.strength.high for e in estimates)


def presence_feature(p: Presence) -> dict[str, Any]:
    """One presence record as a GeoJSON Feature."""
    assert p.place.point is not None
    fields = presence_fields(p)
    fields["strength_min"], fields["strength_max"] = strength_range(p.estimates)
    props = {n: fields[n] for n in PRESENCE_PROPERTIES}
    if p.area is not None and p.area.geometry:
        # The polygon is the area; the place's point stays, as properties, for the round trip.
        props["lat"], props["lon"] = p.place.point.lat, p.place.point.lon
        return {"type": "Feature", "geometry": json.loads(p.area.geometry), "properties": props}
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": to_geojson_position(p.place.point)},
        "properties": props,
    }


def movement_feature(m: Movement) -> dict[str, Any]:
    """One movement as a GeoJSON LineString Feature."""
    fields = movement_fields(m)
    fields["strength_min"], fields["strength_max"] = strength_range(m.estimates)
    fields["waypoints"] = [{n: stop[n] for n in WAYPOINT_PROPERTIES} for stop in waypoint_fields(m)]
    props = {n: fields[n] for n in MOVEMENT_PROPERTIES}
    coords = []
    for w in m.waypoints:
        assert w.place.point is not None
        coords.append(to_geojson_position(w.place.point))
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coords},
        "properties": props,
    }


def geojson_dict(data: Dataset) -> dict[str, Any]:
    """The dataset as a GeoJSON FeatureCollection (a plain dict)."""
    return {
        "type": "FeatureCollection",
        "sources": [source_fields(s) for s in data.sources.values()],
        "features": [presence_feature(p) for p in data.presence]
        + [movement_feature(m) for m in data.movements],
    }


def geojson_bytes(data: Dataset) -> bytes:
    """The dataset as GeoJSON text (UTF-8, indented, the same bytes for the same data)."""
    return orjson.dumps(geojson_dict(data), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
