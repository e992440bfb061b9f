"""The outlines of places that have an area: countries, first-level divisions, and regions
made of them (Cyrenaica, Western Africa).

The outlines are derived once by scripts/make_areas.py from Natural Earth (public domain)
into two files of ``gazetteer/data``:

- ``areas.csv``, the index: one row per place id of the gazetteer (``geonames:2215636``,
  ``ne:1159314153``, ``overlay:ly-region-cyrenaica``, ``m49:011``) with its bounding box,
  where its block lies in ``areas.bin``, its vertex count and its definition (the Natural
  Earth feature, or the members of a union);
- ``areas.bin``, the blocks: per place, a zlib stream of little-endian int32s: the number
  of polygons, rings and positions; the ring offsets (into positions) and the polygon
  offsets (into rings) of shapely's ragged-array layout; then the positions as
  ``(lon, lat)`` in multiples of ``GRID`` degrees, each as the difference from the one
  before.

Nothing is read until asked: the index on the first :func:`bbox`, a block (and shapely)
on :func:`area`, so that ``geo lookup`` without ``--json`` never pays for either.
"""

from __future__ import annotations

import csv
import struct
import zlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import shapely

DATA = Path(__file__).resolve().parent / "data"
AREAS_CSV = DATA / "areas.csv"
AREAS_BIN = DATA / "areas.bin"
COLUMNS = ("id", "west", "south", "east", "north", "offset", "length", "vertices", "definition")
GRID = 0.001  # degrees per stored unit
_HEADER = struct.Struct("<3i")

BBox = tuple[float, float, float, float]


class AreaEntry(NamedTuple):
    """One row of the index."""

    bbox: BBox  # west, south, east, north (degrees)
    offset: int
    length: int
    vertices: int
    definition: str


@cache
def _index() -> dict[str, AreaEntry]:
    with AREAS_CSV.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {
            r["id"]: AreaEntry(
                (float(r["west"]), float(r["south"]), float(r["east"]), float(r["north"])),
                int(r["offset"]),
                int(r["length"]),
                int(r["vertices"]),
                r["definition"],
            )
            for r in rows
        }


def entry(place_id: str) -> AreaEntry | None:
    """The index row of a place's area, or None when it has none."""
    return _index().get(place_id)


def has_area(place_id: str) -> bool:
    """Whether the gazetteer holds an outline for this place id."""
    return place_id in _index()


DEFINITIONS_CSV = DATA / "area_definitions.csv"


def defined_regions(within: BBox | None = None) -> list[tuple[str, str]]:
    """``(id, how it is defined)`` of the historical and claimed regions that the project
    defines as unions of divisions (gazetteer/data/area_definitions.csv: Libya's three
    provinces, ...), in that file's order; with ``within`` (west, south, east, north), only
    those whose box meets it."""
    with DEFINITIONS_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    out = []
    for r in rows:
        found = _index().get(r["id"])
        if found is None:
            continue
        w, s, e, n = found.bbox
        if within is None or (
            w <= within[2] and e >= within[0] and s <= within[3] and n >= within[1]
        ):
            out.append((r["id"], r["source"]))
    return out


def bbox(place_id: str) -> BBox | None:
    """``(west, south, east, north)`` of a place's area in degrees, or None."""
    found = _index().get(place_id)
    return found.bbox if found else None


def area(place_id: str) -> shapely.MultiPolygon | None:
    """A place's area as a shapely MultiPolygon (lon, lat degrees), or None.

    The one function that everything else (``geo lookup --geometry``, ``area:`` in event
    files, the maps) asks for an outline.
    """
    found = _index().get(place_id)
    if found is None:
        return None
    with AREAS_BIN.open("rb") as fh:
        fh.seek(found.offset)
        return decode(fh.read(found.length))


def encode(geom: shapely.Geometry) -> bytes:
    """A (Multi)Polygon as one block of ``areas.bin`` (positions snapped to ``GRID``)."""
    import numpy as np
    import shapely

    kind, coords, offsets = shapely.to_ragged_array([shapely.MultiPolygon(shapely.get_parts(geom))])
    assert kind == shapely.GeometryType.MULTIPOLYGON
    rings, polygons = offsets[0], offsets[1]
    units = np.rint(np.asarray(coords) / GRID).astype(np.int64)
    deltas = np.diff(units, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).astype("<i4")
    head = _HEADER.pack(len(polygons) - 1, len(rings) - 1, len(units))
    body = rings.astype("<i4").tobytes() + polygons.astype("<i4").tobytes() + deltas.tobytes()
    return zlib.compress(head + body, 9)


def decode(block: bytes) -> shapely.MultiPolygon:
    """The MultiPolygon of one block written by :func:`encode`."""
    import numpy as np
    import shapely

    data = zlib.decompress(block)
    n_polygons, n_rings, n_coords = _HEADER.unpack_from(data)
    at = _HEADER.size
    rings = np.frombuffer(data, "<i4", n_rings + 1, at).astype(np.int64)
    at += 4 * (n_rings + 1)
    polygons = np.frombuffer(data, "<i4", n_polygons + 1, at).astype(np.int64)
    at += 4 * (n_polygons + 1)
    deltas = np.frombuffer(data, "<i4", 2 * n_coords, at).reshape(-1, 2).astype(np.int64)
    coords = np.cumsum(deltas, axis=0) / round(1 / GRID)
    parts = np.array([0, n_polygons], dtype=np.int64)
    geoms = shapely.from_ragged_array(
        shapely.GeometryType.MULTIPOLYGON, coords, (rings, polygons, parts)
    )
    return geoms[0]


def geojson_geometry(geom: shapely.Geometry) -> dict[str, object]:
    """A shapely (Multi)Polygon as a GeoJSON geometry object with list coordinates."""
    import shapely

    parsed = shapely.to_geojson(geom)
    import json

    return dict(json.loads(parsed))


def feature(place_id: str, properties: Mapping[str, object]) -> dict[str, object] | None:
    """A place's area as a GeoJSON Feature (RFC 7946) with its bbox, or None.

    ``properties`` are the caller's (name, kind, ...); the area's definition is added.
    """
    found = _index().get(place_id)
    geom = area(place_id)
    if found is None or geom is None:
        return None
    return {
        "type": "Feature",
        "id": place_id,
        "bbox": list(found.bbox),
        "properties": {**properties, "definition": found.definition},
        "geometry": geojson_geometry(geom),
    }
