"""The optional regions layer (``--regions``): the historical and claimed regions that the
gazetteer defines as unions of divisions (gazetteer/data/area_definitions.csv), drawn from
the gazetteer's own outlines, the same ones an ``area:`` naming the region gets.

For Libya these are its three historical provinces, which the Islamic State named as its
"wilayat" in November 2014 (Barqa = Cyrenaica, Tarabulus = Tripolitania, Fezzan). Each is
the union of the Natural Earth districts the project gives to it: district lines, not the
old provincial boundaries, and the file says so. Only regions whose box meets the data's
are drawn; a map elsewhere has no regions layer.
"""

from __future__ import annotations

import json
from typing import Any

#: Degrees added around the data's box when choosing the regions to draw.
MARGIN = 2.0


def regions_geojson(bounds: list[list[float]] | None) -> dict[str, Any] | None:
    """The regions near ``bounds`` (``[[south, west], [north, east]]``) as a GeoJSON
    FeatureCollection (properties ``name`` and ``note``: how the region is defined), or
    None when there are none."""
    from gazetteer import areas as gaz

    if not bounds:
        return None
    (s, w), (n, e) = bounds
    found = gaz.defined_regions((w - MARGIN, s - MARGIN, e + MARGIN, n + MARGIN))
    if not found:
        return None
    names = _names([pid for pid, _ in found])
    features = []
    for pid, how in found:
        geom = gaz.area(pid)
        if geom is None:
            continue
        text = json.dumps(gaz.geojson_geometry(geom))
        features.append({
            "type": "Feature",
            "properties": {"name": names.get(pid, pid), "note": how},
            "geometry": json.loads(text, parse_float=lambda t: round(float(t), 4) + 0.0),
        })  # fmt: skip
    return {"type": "FeatureCollection", "features": features} if features else None


def _names(ids: list[str]) -> dict[str, str]:
    """Each region's name in the gazetteer; a region the index cannot give keeps its id."""
    from gazetteer.lookup import Gazetteer
    from geo.errors import InputError

    out = {}
    gaz = Gazetteer.default()
    for pid in ids:
        try:
            out[pid] = str(gaz.raw(pid)["name"])
        except InputError:
            continue
    return out
