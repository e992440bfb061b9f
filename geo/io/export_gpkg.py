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

from geo.io.export_geojson import strength_range
from geo.io.serialize import movement_id, source_fields, span_fields, strength_text, waypoint_fields
from geo.model import Dataset, Movement, Presence

GDAL_OPTIONS = {
    # GDAL stamps the write time into gpkg_contents; a fixed stamp keeps the bytes the same.
    "OGR_CURRENT_DATE": "2000-01-01T00:00:00.000Z",
    # SQLite syncs the temporary file at every commit; the export syncs it once, before
    # moving it into place (geo.io.export.atomic_paths).
    "OGR_SQLITE_SYNCHRONOUS": "OFF",
}
CRS = "EPSG:4326"
PRESENCE_COLUMNS = [
    "id",
    "place",
    "country",
    "gazetteer_id",
    "actor",
    "status",
    "date",
    "end",
    "precision",
    "strength",
    "sources",
    "confidence",
    "note",
    "strength_min",
    "strength_max",
    "begin",
    "until",
]
MOVEMENT_COLUMNS = [
    "id",
    "actor",
    "date",
    "end",
    "strength",
    "sources",
    "confidence",
    "note",
    "strength_min",
    "strength_max",
    "begin",
    "until",
    "waypoints",
]
WAYPOINT_COLUMNS = ["route", "seq", "place", "country", "gazetteer_id", "date", "mode"]
SOURCE_COLUMNS = ["id", "outlet", "title", "published", "published_inferred", "author", "url"]


def _common(rec: Presence | Movement) -> tuple[Any, ...]:
    """``date, end, begin, until, strength, strength_min, strength_max`` of a record."""
    span = rec.span
    return (
        *span_fields(span),
        span.first_day,
        span.last_day,
        strength_text(rec.estimates),
        *strength_range(rec.estimates),
    )


def presence_columns(data: Dataset) -> tuple[dict[str, list[Any]], list[float], list[float]]:
    """The attribute columns of the presence layer, and the points' longitudes, latitudes."""
    rows: list[tuple[Any, ...]] = []
    # Readers share one object per distinct place, span, strength and source list: format
    # each once, keyed by identity (cheap to hash, unlike the dataclasses themselves).
    places: dict[int, tuple[Any, ...]] = {}
    spans: dict[int, tuple[Any, ...]] = {}
    strengths: dict[int, tuple[Any, ...]] = {}
    sources: dict[int, str] = {}
    for p in data.presence:
        place = places.get(id(p.place))
        if place is None:
            pl = p.place
            assert pl.point is not None
            place = places[id(pl)] = (
                pl.point.lon,
                pl.point.lat,
                pl.name,
                pl.country or "",
                pl.gazetteer_id or "",
            )
        span = spans.get(id(p.span))
        if span is None:
            span = spans[id(p.span)] = (*span_fields(p.span), p.span.first_day, p.span.last_day)
        strength = strengths.get(id(p.estimates))
        if strength is None:
            strength = strengths[id(p.estimates)] = (
                strength_text(p.estimates),
                *strength_range(p.estimates),
            )
        cited = sources.get(id(p.sources))
        if cited is None:
            cited = sources[id(p.sources)] = ";".join(p.sources)
        rows.append(
            (
                *place,
                *span,
                *strength,
                p.id,
                p.actor,
                p.status,
                p.precision.value,
                cited,
                p.confidence.value,
                p.note,
            )
        )
    names = [
        "lon",
        "lat",
        "place",
        "country",
        "gazetteer_id",
        "date",
        "end",
        "begin",
        "until",
        "strength",
        "strength_min",
        "strength_max",
        "id",
        "actor",
        "status",
        "precision",
        "sources",
        "confidence",
        "note",
    ]
    cells = list(zip(*rows, strict=True)) if rows else [() for _ in names]
    columns = {n: list(c) for n, c in zip(names, cells, strict=True)}
    lons, lats = columns.pop("lon"), columns.pop("lat")
    return {n: columns[n] for n in PRESENCE_COLUMNS}, lons, lats


def movement_columns(data: Dataset) -> dict[str, list[Any]]:
    """The attribute columns of the movements layer, waypoints as JSON text."""
    columns: dict[str, list[Any]] = {n: [] for n in MOVEMENT_COLUMNS}
    names = ("date", "end", "begin", "until", "strength", "strength_min", "strength_max")
    for i, m in enumerate(data.movements):
        stops = waypoint_fields(m)
        for stop in stops:
            del stop["lat"], stop["lon"]
        row = dict(zip(names, _common(m), strict=True))
        row.update(
            id=movement_id(m, i),
            actor=m.actor,
            sources=";".join(m.sources),
            confidence=m.confidence.value,
            note=m.note,
            waypoints=orjson.dumps(stops).decode(),
        )
        for n in MOVEMENT_COLUMNS:
            columns[n].append(row[n])
    return columns


def write_gpkg(data: Dataset, path: Path) -> None:
    """Write ``data`` as a new GeoPackage at ``path`` (which must not exist)."""
    import geopandas as gpd
    import pandas as pd
    import pyogrio
    from shapely import LineString

    def frame(columns: dict[str, list[Any]], geometry: Any) -> Any:
        df = pd.DataFrame(columns)
        for col in ("begin", "until"):
            df[col] = pd.to_datetime(df[col])
        for col in ("strength_min", "strength_max"):
            df[col] = df[col].astype("Int64")
        return gpd.GeoDataFrame(df, geometry=geometry, crs=CRS)

    def write(layer: str, df: Any, geometry_type: str | None) -> None:
        pyogrio.write_dataframe(df, path, layer=layer, driver="GPKG", geometry_type=geometry_type)

    previous = {k: pyogrio.get_gdal_config_option(k) for k in GDAL_OPTIONS}
    pyogrio.set_gdal_config_options(GDAL_OPTIONS)
    try:
        columns, lons, lats = presence_columns(data)
        write("presence", frame(columns, gpd.points_from_xy(lons, lats)), "Point")
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
        sources["published_inferred"] = sources["published_inferred"].astype(bool)
        write("sources", sources, None)
    finally:
        pyogrio.set_gdal_config_options(previous)
