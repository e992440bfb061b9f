"""Areas of presence records: checked GeoJSON polygons, buffers, the canonical text.

An area reaches a record three ways: the Polygon or MultiPolygon of a GeoJSON feature or
a GeoPackage row, a GeoJSON file that ``area:`` names in YAML, or a gazetteer place that
``area:`` names (resolved later, through the resolver, by :mod:`geo.resolve`). Whatever
the road, the area is kept as one canonical text (:func:`canonical`): an RFC 7946
geometry, exterior rings counter-clockwise and holes clockwise, positions rounded to
``DECIMALS``, written compactly, so that exports and their round trips give the same bytes.

The checks run on the raw nested lists before shapely sees them, so that a hostile file
(millions of positions, NaN, lists nested a thousand deep) costs one walk and gives one
line: ``file:line: geometry: ...``.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any

from geo.errors import InputError, shown

if TYPE_CHECKING:
    import shapely

#: Positions an area may have, over all its rings. The gazetteer's largest outline has a
#: few thousand; more than this is a survey-grade outline no map at zooms 4-9 needs.
MAX_VERTICES = 50_000
DECIMALS = 6  # about 0.1 m: RFC 7946 section 11.2 calls that ample
MAX_BUFFER_KM = 2_000.0
AREA_TYPES = ("Polygon", "MultiPolygon")


def _err(message: str) -> InputError:
    return InputError(message, field="geometry")


def _position(value: Any, where: str) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) not in (2, 3):
        raise _err(f"{where}: {shown(value, 40)} is not a [lon, lat] position")
    lon, lat = value[0], value[1]
    for v in (lon, lat):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            raise _err(f"{where}: {shown(v, 40)} is not a finite number")
    if not -180 <= lon <= 180 or not -90 <= lat <= 90:
        raise _err(f"{where}: [{shown(lon, 20)}, {shown(lat, 20)}] is outside [-180..180, -90..90]")
    return float(lon), float(lat)


def _ring(value: Any, where: str, budget: list[int]) -> list[tuple[float, float]]:
    if not isinstance(value, list):
        raise _err(f"{where}: expected a list of positions")
    budget[0] -= len(value)
    if budget[0] < 0:
        raise _err(
            f"{where}: more than {MAX_VERTICES:,} positions in one area; simplify it first"
            " (shapely.simplify, QGIS 'Simplify', mapshaper)"
        )
    ring = [_position(p, f"{where}, position {i + 1}") for i, p in enumerate(value)]
    if len(ring) < 4:
        raise _err(f"{where}: a ring needs at least 4 positions, got {len(ring)}")
    if ring[0] != ring[-1]:
        raise _err(f"{where}: not closed; the last position must repeat the first {list(ring[0])}")
    for (x0, _), (x1, _) in itertools.pairwise(ring):
        if abs(x1 - x0) > 180:
            raise _err(
                f"{where}: crosses the antimeridian (a step from {x0:g} to {x1:g} degrees);"
                " split it at 180 degrees into a MultiPolygon (RFC 7946 section 3.1.9)"
            )
    return ring


def _polygon(value: Any, where: str, budget: list[int]) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise _err(f"{where}: expected a list of rings")
    return [_checked_ring(r, f"{where}, ring {i + 1}", budget) for i, r in enumerate(value)]


def _checked_ring(value: Any, where: str, budget: list[int]) -> Any:
    """A ring as an ``(n, 2)`` array of floats. The checks of :func:`_ring`, made on the
    whole array at once; any ring they do not pass is walked by :func:`_ring`, which says
    what is wrong and where."""
    import numpy as np

    if (
        isinstance(value, list)
        and 4 <= len(value) <= budget[0]
        and set(map(type, value)) == {list}
        and set(map(len, value)) <= {2, 3}
        and set(map(type, itertools.chain.from_iterable(value))) <= {float, int}
    ):
        try:
            xy = np.asarray(value, dtype=float)[:, :2]
        except (ValueError, OverflowError):  # 2 and 3 positions mixed; an int too large
            xy = None
        if (
            xy is not None
            and np.isfinite(xy).all()
            and (np.abs(xy[:, 0]) <= 180).all()
            and (np.abs(xy[:, 1]) <= 90).all()
            and (xy[0] == xy[-1]).all()
            and (np.abs(np.diff(xy[:, 0])) <= 180).all()
        ):
            budget[0] -= len(value)
            return xy
    return np.asarray(_ring(value, where, budget), dtype=float)


def check_geometry(
    value: Any, name: str = "", wound: list[int] | None = None
) -> shapely.MultiPolygon:
    """A GeoJSON Polygon or MultiPolygon object as a valid shapely MultiPolygon.

    ``name`` names the feature in messages. Wrong winding is not an error (RFC 7946 says
    parsers should not reject it): :func:`canonical` rewinds it, and the number of rings
    wound against the right-hand rule (exterior clockwise, or a hole counter-clockwise) is
    appended to ``wound``, for the reader to say so.

    Raises
    ------
    InputError
        ``field="geometry"``: what is wrong and where (polygon, ring, position).
    """
    import shapely

    label = f"{shown(name)}: " if name else ""
    if not isinstance(value, dict) or value.get("type") not in AREA_TYPES:
        kind = value.get("type") if isinstance(value, dict) else value
        raise _err(f"{label}{shown(kind, 40)} is not a Polygon or MultiPolygon")
    coords = value.get("coordinates")
    budget = [MAX_VERTICES]
    if value["type"] == "Polygon":
        polygons = [_polygon(coords, f"{label}polygon", budget)]
    else:
        if not isinstance(coords, list) or not coords:
            raise _err(f"{label}expected a list of polygons")
        polygons = [_polygon(p, f"{label}polygon {i + 1}", budget) for i, p in enumerate(coords)]
    geom = _multipolygon(polygons)
    if wound is not None:
        wound.append(_against_the_rule(polygons))
    if not geom.is_valid:
        why = shapely.is_valid_reason(geom)
        raise _err(
            f"{label}invalid polygon ({why}); repair it with shapely.make_valid(geometry) or"
            " QGIS 'Fix geometries'"
        )
    return geom


def _against_the_rule(polygons: list[list[Any]]) -> int:
    """How many rings break RFC 7946's right-hand rule (section 3.1.6): an exterior ring
    whose signed area (the shoelace formula, on the ring's array) is negative, or a hole
    whose signed area is positive."""
    n = 0
    for rings in polygons:
        for k, xy in enumerate(rings):
            x, y = xy[:, 0], xy[:, 1]
            twice = float((x[:-1] * y[1:] - x[1:] * y[:-1]).sum())
            n += (twice < 0) if k == 0 else (twice > 0)
    return n


def canonical(geom: shapely.Geometry) -> str:
    """The canonical GeoJSON text of an area (see the module docstring)."""
    import orjson
    import shapely

    parts = [p for p in shapely.get_parts(geom) if isinstance(p, shapely.Polygon)]
    parts = list(shapely.orient_polygons(parts, exterior_cw=False)) if parts else []
    rings = [[_rounded(p.exterior), *(_rounded(r) for r in p.interiors)] for p in parts]
    polygons = [[r.tolist() for r in p] for p in rings]
    if len(polygons) == 1:
        doc: dict[str, Any] = {"type": "Polygon", "coordinates": polygons[0]}
    else:
        doc = {"type": "MultiPolygon", "coordinates": polygons}
    text = orjson.dumps(doc).decode("ascii")
    # the geometry of the text, as geometry_of would parse it (the same doubles): kept, so
    # that what reads the text next (a label point, the map) need not parse it
    _keep(text, _multipolygon(rings))
    return text


def _multipolygon(polygons: list[list[Any]]) -> shapely.MultiPolygon:
    """A MultiPolygon of polygons given as ``(n, 2)`` arrays of rings, the exterior first."""
    import shapely

    return shapely.MultiPolygon(
        [
            shapely.polygons(p[0], holes=[shapely.linearrings(r) for r in p[1:]] or None)
            for p in polygons
        ]
    )


#: canonical text -> its geometry, for the areas read last (shapely geometries are immutable)
_GEOMETRIES: dict[str, Any] = {}
_KEPT = 20_000


def _keep(text: str, geom: shapely.MultiPolygon) -> None:
    if len(_GEOMETRIES) >= _KEPT:
        _GEOMETRIES.clear()
    _GEOMETRIES[text] = geom


def _rounded(ring: Any) -> Any:
    """A ring's positions rounded to :data:`DECIMALS` (``+ 0.0``: never ``-0.0``), as an
    ``(n, 2)`` array; a value already rounded stays as it is, so that round trips give the
    same bytes."""
    import numpy as np
    import shapely

    return np.round(shapely.get_coordinates(ring), DECIMALS) + 0.0


def geometry_of(text: str) -> shapely.MultiPolygon:
    """The shapely geometry of a canonical text."""
    import shapely

    geom = _GEOMETRIES.get(text)
    if geom is None:
        geom = shapely.MultiPolygon(shapely.get_parts(shapely.from_geojson(text)))
        _keep(text, geom)
    return geom


def buffered(geom: shapely.Geometry, km: float) -> shapely.Geometry:
    """``geom`` grown by ``km``, measured on the ground.

    The buffer is made in an azimuthal equidistant projection centred on the geometry
    (pyproj), where distances from the centre are true and those within a few hundred km
    of it close to true, then projected back to longitude and latitude.
    """
    import pyproj
    import shapely

    if not 0 < km <= MAX_BUFFER_KM:
        raise InputError(
            f"{shown(km)} is not a buffer in (0, {MAX_BUFFER_KM:g}] km", field="buffer_km"
        )
    centre = geom.centroid
    local = pyproj.CRS.from_proj4(
        f"+proj=aeqd +lat_0={centre.y} +lon_0={centre.x} +datum=WGS84 +units=m"
    )
    there = pyproj.Transformer.from_crs("EPSG:4326", local, always_xy=True).transform
    back = pyproj.Transformer.from_crs(local, "EPSG:4326", always_xy=True).transform
    grown = shapely.buffer(shapely.transform(geom, _xy(there)), km * 1000.0, quad_segs=16)
    return shapely.make_valid(shapely.transform(grown, _xy(back)))


def _xy(transform: Any) -> Any:
    """A pyproj transform as shapely.transform wants it: an (n, 2) array in and out."""
    import numpy as np

    def apply(coords: Any) -> Any:
        x, y = transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return apply


def label_point(text: str) -> tuple[float, float]:
    """(lat, lon) of a point inside an area, for its label and its place."""
    point = geometry_of(text).point_on_surface()
    return round(point.y, 5) + 0.0, round(point.x, 5) + 0.0


def area_text(
    value: Any, name: str = "", buffer_km: float | None = None, wound: list[int] | None = None
) -> str:
    """The canonical text of a GeoJSON geometry object (checked), grown by ``buffer_km``;
    ``wound`` as :func:`check_geometry`."""
    geom = check_geometry(value, name, wound)
    if buffer_km:
        geom = buffered(geom, buffer_km)
    return canonical(geom)


def point_area(lat: float, lon: float, buffer_km: float) -> str:
    """The canonical text of the disc of ``buffer_km`` around a point."""
    import shapely

    return canonical(buffered(shapely.Point(lon, lat), buffer_km))


def file_geometry(doc: Any) -> dict[str, Any]:
    """The one area of a GeoJSON document: a geometry, a Feature, or a FeatureCollection
    whose polygons are taken together (as a MultiPolygon)."""
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        return file_geometry(doc.get("geometry"))
    if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        feats = doc.get("features")
        if not isinstance(feats, list) or not feats:
            raise _err("the FeatureCollection has no features")
        polygons: list[Any] = []
        for feat in feats:
            g = file_geometry(feat)
            polygons += [g["coordinates"]] if g["type"] == "Polygon" else list(g["coordinates"])
        return {"type": "MultiPolygon", "coordinates": polygons}
    if isinstance(doc, dict) and doc.get("type") in AREA_TYPES:
        return doc
    kind = doc.get("type") if isinstance(doc, dict) else doc
    raise _err(f"{shown(kind, 40)} is not a Polygon, MultiPolygon, Feature or FeatureCollection")
