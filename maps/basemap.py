"""The offline basemap: Natural Earth country outlines embedded in every map.

The asset ``maps/assets/ne_countries.geojson`` is derived by ``scripts/make_basemap.py``
from Natural Earth's Admin 0 countries (public domain, naturalearthdata.com): 1:50m for
Africa, Europe and the Middle East, so that coastal towns stay on land at zoom 7, and
1:110m elsewhere. It stays under 1 MB so that every map can carry it.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import orjson

ASSET = "ne_countries.geojson"
ATTRIBUTION = "Natural Earth (public domain)"


@functools.cache
def offline_basemap_bytes() -> bytes:
    """The basemap GeoJSON exactly as stored (compact JSON, ready to inline into a page)."""
    return resources.files("maps").joinpath("assets", ASSET).read_bytes()


def offline_basemap_geojson() -> dict[str, Any]:
    """The basemap as a GeoJSON ``FeatureCollection`` dict.

    The file is read once; each call returns a fresh dict, so callers may change it.
    Besides ``features`` (each with ``name``, ``iso_a3`` and ``continent`` properties) it
    has a top-level ``source`` member naming the data and its licence.
    """
    data: dict[str, Any] = orjson.loads(offline_basemap_bytes())
    return data
