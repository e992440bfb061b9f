"""Export a dataset as a GeoPackage for QGIS: one layer per record type.

Layers: ``presence`` (points), ``movements`` (lines), ``waypoints`` (points, one per stop,
for labelling routes) and ``sources`` (a table without geometry). Fields are those of the
event files as text, so dates keep their precision (``2015-06``) and per-source strength
figures stay a JSON list in ``strength``; ``begin``/``until`` (the first and last day a
record covers, as dates for QGIS's temporal controller) and ``strength_min``/
``strength_max`` are derived for styling and ignored when the file is read back.
geopandas is imported inside the function: most commands never need it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from geo.io import schema
from geo.io.export_geojson import strength_range
from geo.io.serialize import (
    movement_id,
    place_fields,
    presence_extras,
    source_fields,
    span_fields,
    strength_text,
    waypoint_fields,
)
from geo.model import Dataset, Estimate
from geo.timespan import TimeSpan

GDAL_OPTIONS = {
    # GDAL stamps the write time into gpkg_contents; a fixed stamp keeps the bytes the same.
    "OGR_CURRENT_DATE": "2000-01-01T00:00:00.000Z",
    # SQLite syncs the temporary file at every commit; the export syncs it once, before
    # moving it into place (geo.io.export.atomic_paths).
    "OGR_SQLITE_SYNCHRONOUS": "OFF",
}
CRS = "EPSG:4326"
AREA_LAYER = "presence_areas"  # issue 11: the areas of presence records, as polygons
AREA_ROW = "presence_row"  # the 1-based row of the presence layer a polygon belongs to
PRESENCE_COLUMNS = schema.columns("presence", "gpkg")
MOVEMENT_COLUMNS = schema.columns("movement", "gpkg")
WAYPOINT_COLUMNS = schema.columns("waypoint", "gpkg")
SOURCE_COLUMNS = schema.columns("source", "gpkg")
STOP_KEYS = schema.columns("waypoint", "geojson")
# Columns GeoPackage stores as dates and as whole numbers (which may be empty).
DAYS = tuple(f.name for f in schema.PRESENCE if f.type is schema.Type.DAY)
COUNTS = tuple(f.name for f in schema.PRESENCE if f.derived and f.type is schema.Type.NUMBER)


def _span(span: TimeSpan) -> dict[str, Any]:
    """``date``, ``end`` as written in files, and the first and last day for QGIS."""
    date, end = span_fields(span)
    return {"date": date, "end": end, "begin": span.first_day, "until": span.last_day}


def _strength(estimates: tuple[Estimate, ...]) -> dict[str, Any]:
    low, high = strength_range(estimates)
    return {"strength": strength_text(estimates), "strength_min": low, "strength_max": high}


def presence_columns(data: Dataset) -> tuple[dict[str, list[Any]], list[float], list[float]]:
    """The attribute columns of the presence layer, and the points' longitudes, latitudes."""
    rows: list[dict[str, Any]] = []
    lons: list[float] = []
    lats: list[float] = []
    # Readers share one object per distinct place, span, strength and source list: format
    # each once, keyed by identity (cheap to hash, unlike the dataclasses themselves).
    places: dict[int, dict[str, Any]] = {}
    spans: dict[int, dict[str, Any]] = {}
    strengths: dict[int, dict[str, Any]] = {}
    sources: dict[int, str] = {}
    for p in data.presence:
        place = places.get(id(p.place))
        if place is None:
            place = places[id(p.place)] = place_fields(p.place)
        span = spans.get(id(p.span))
        if span is None:
            span = spans[id(p.span)] = _span(p.span)
        strength = strengths.get(id(p.estimates))
        if strength is None:
            strength = strengths[id(p.estimates)] = _strength(p.estimates)
        cited = sources.get(id(p.sources))
        if cited is None:
            cited = sources[id(p.sources)] = ";".join(p.sources)
        lons.append(place["lon"])
        lats.append(place["lat"])
        rows.append(
            {
                **place,
                **span,
                **strength,
                "id": p.id,
                "actor": p.actor,
                "status": p.status,
                "precision": p.precision.value,
                "sources": cited,
                "confidence": p.confidence.value,
                "note": p.note,
                **presence_extras(p, strength_text),
            }
        )
    return {n: [r[n] for r in rows] for n in PRESENCE_COLUMNS}, lons, lats


def area_rows(data: Dataset) -> tuple[list[int], list[str]]:
    """The presence rows (1-based) that have an area, and their areas' GeoJSON texts."""
    found = [
        (n, p.area.geometry) for n, p in enumerate(data.presence, 1) if p.area and p.area.geometry
    ]
    return [n for n, _ in found], [g for _, g in found]


def movement_columns(data: Dataset) -> dict[str, list[Any]]:
    """The attribute columns of the movements layer, waypoints as JSON text."""
    columns: dict[str, list[Any]] = {n: [] for n in MOVEMENT_COLUMNS}
    for i, m in enumerate(data.movements):
        # Each stop as GeoJSON writes it: the line's points hold lat and lon.
        stops = [{n: stop[n] for n in STOP_KEYS} for stop in waypoint_fields(m)]
        row = {
            **_span(m.span),
            **_strength(m.estimates),
            "id": movement_id(m, i),
            "actor": m.actor,
            "sources": ";".join(m.sources),
            "confidence": m.confidence.value,
            "note": m.note,
            "waypoints": orjson.dumps(stops).decode(),
        }
        for n in MOVEMENT_COLUMNS:
            columns[n].append(row[n])
    return columns


def write_gpkg(data: Dataset, path: Path) -> None:
    """Write ``data`` as a new GeoPackage at ``path`` (which must not exist)."""
    import geopandas as gpd
    import pandas as pd
    import pyogrio
    import shapely
    from shapely import LineString

    def frame(columns: dict[str, list[Any]], geometry: Any) -> Any:
        df = pd.DataFrame(columns)
        for col in DAYS:
            df[col] = pd.to_datetime(df[col])
        for col in COUNTS:
            df[col] = df[col].astype("Int64")
        return gpd.GeoDataFrame(df, geometry=geometry, crs=CRS)

    def write(layer: str, df: Any, geometry_type: str | None) -> None:
        pyogrio.write_dataframe(df, path, layer=layer, driver="GPKG", geometry_type=geometry_type)

    previous = {k: pyogrio.get_gdal_config_option(k) for k in GDAL_OPTIONS}
    pyogrio.set_gdal_config_options(GDAL_OPTIONS)
    try:
        columns, lons, lats = presence_columns(data)
        write("presence", frame(columns, gpd.points_from_xy(lons, lats)), "Point")
        # The areas: a polygon layer with the presence row each belongs to and its fields.
        numbers, texts = area_rows(data)
        shapes = [shapely.MultiPolygon(shapely.get_parts(shapely.from_geojson(t))) for t in texts]
        wanted = {n - 1 for n in numbers}
        area_columns = {
            k: [v for i, v in enumerate(col) if i in wanted] for k, col in columns.items()
        }
        area_columns = {AREA_ROW: numbers, **area_columns}
        write(AREA_LAYER, frame(area_columns, shapes), "MultiPolygon")
        lines = []
        for m in data.movements:
            points = [w.place.point for w in m.waypoints]
            lines.append(LineString([(pt.lon, pt.lat) for pt in points if pt is not None]))
        write("movements", frame(movement_columns(data), lines), "LineString")
        rows: list[dict[str, Any]] = []
        for i, m in enumerate(data.movements):
            for seq, stop in enumerate(waypoint_fields(m), start=1):
                rows.append({"route": movement_id(m, i), "seq": seq, **stop})
        wpoints = gpd.points_from_xy([r["lon"] for r in rows], [r["lat"] for r in rows])
        table = pd.DataFrame(rows, columns=WAYPOINT_COLUMNS)
        write("waypoints", gpd.GeoDataFrame(table, geometry=wpoints, crs=CRS), "Point")
        sources = pd.DataFrame(
            [source_fields(s) for s in data.sources.values()], columns=SOURCE_COLUMNS
        )
        for f in schema.SOURCE:
            if f.type is schema.Type.FLAG:
                sources[f.name] = sources[f.name].astype(bool)
        write("sources", sources, None)
    finally:
        pyogrio.set_gdal_config_options(previous)
