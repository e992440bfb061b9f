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

from geo.export_geojson import strength_range
from geo.model import Dataset, Estimate, Movement, Presence
from geo.serialize import movement_id, source_fields, span_fields, strength_text, waypoint_fields
from geo.timespan import TimeSpan

GDAL_OPTIONS = {
    # GDAL stamps the write time into gpkg_contents; a fixed stamp keeps the bytes the same.
    "OGR_CURRENT_DATE": "2000-01-01T00:00:00.000Z",
    # SQLite syncs the temporary file at every commit; the export syncs it once, before
    # moving it into place (geo.export.atomic_paths).
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


class _Columns:
    """Column lists for one layer; repeated spans and strengths are formatted once."""

    def __init__(self, names: list[str]) -> None:
        self.data: dict[str, list[Any]] = {n: [] for n in names}
        self._spans: dict[TimeSpan, tuple[Any, ...]] = {}
        self._strengths: dict[tuple[Estimate, ...], tuple[Any, ...]] = {}

    def add_common(self, rec: Presence | Movement) -> None:
        d = self.data
        span = self._spans.get(rec.span)
        if span is None:
            span = self._spans[rec.span] = (
                *span_fields(rec.span),
                rec.span.first_day,
                rec.span.last_day,
            )
        strength = self._strengths.get(rec.estimates)
        if strength is None:
            strength = (strength_text(rec.estimates), *strength_range(rec.estimates))
            self._strengths[rec.estimates] = strength
        for name, value in zip(("date", "end", "begin", "until"), span, strict=True):
            d[name].append(value)
        for name, value in zip(("strength", "strength_min", "strength_max"), strength, strict=True):
            d[name].append(value)
        d["id"].append(rec.id)
        d["actor"].append(rec.actor)
        d["sources"].append(";".join(rec.sources))
        d["confidence"].append(rec.confidence.value)
        d["note"].append(rec.note)


def presence_columns(data: Dataset) -> tuple[dict[str, list[Any]], list[float], list[float]]:
    """The attribute columns of the presence layer, and the points' longitudes, latitudes."""
    cols = _Columns(PRESENCE_COLUMNS)
    d = cols.data
    lons: list[float] = []
    lats: list[float] = []
    for p in data.presence:
        cols.add_common(p)
        place = p.place
        assert place.point is not None
        lons.append(place.point.lon)
        lats.append(place.point.lat)
        d["place"].append(place.name)
        d["country"].append(place.country or "")
        d["gazetteer_id"].append(place.gazetteer_id or "")
        d["status"].append(p.status)
        d["precision"].append(p.precision.value)
    return d, lons, lats


def movement_columns(data: Dataset) -> dict[str, list[Any]]:
    """The attribute columns of the movements layer, waypoints as JSON text."""
    cols = _Columns(MOVEMENT_COLUMNS)
    for i, m in enumerate(data.movements):
        cols.add_common(m)
        cols.data["id"][-1] = movement_id(m, i)  # the key the waypoints layer refers to
        stops = waypoint_fields(m)
        for stop in stops:
            del stop["lat"], stop["lon"]
        cols.data["waypoints"].append(orjson.dumps(stops).decode())
    return cols.data


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
