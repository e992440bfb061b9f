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

from datetime import date
from pathlib import Path
from typing import Any

import orjson

from geo.export_geojson import strength_range
from geo.model import Dataset, Movement, Presence
from geo.serialize import (
    movement_fields,
    movement_id,
    presence_fields,
    source_fields,
    strength_text,
    waypoint_fields,
)
from geo.timespan import TimeSpan

# GDAL stamps the write time into gpkg_contents; a fixed stamp keeps the bytes the same.
FIXED_TIMESTAMP = "2000-01-01T00:00:00.000Z"
CRS = "EPSG:4326"


def _days(span: TimeSpan) -> tuple[date | None, date | None]:
    return span.first_day, span.last_day


def _common(rec: Presence | Movement, fields: dict[str, Any]) -> dict[str, Any]:
    fields["strength"] = strength_text(rec.estimates)
    fields["strength_min"], fields["strength_max"] = strength_range(rec.estimates)
    fields["sources"] = ";".join(rec.sources)
    fields["begin"], fields["until"] = _days(rec.span)
    return fields


def presence_rows(data: Dataset) -> list[dict[str, Any]]:
    """The attribute rows of the presence layer (``lat``/``lon`` give the geometry)."""
    return [_common(p, presence_fields(p)) for p in data.presence]


def movement_rows(data: Dataset) -> list[dict[str, Any]]:
    """The attribute rows of the movements layer, waypoints as JSON text."""
    rows = []
    for i, m in enumerate(data.movements):
        fields = _common(m, movement_fields(m))
        fields["id"] = movement_id(m, i)
        stops = waypoint_fields(m)
        for stop in stops:
            del stop["lat"], stop["lon"]
        fields["waypoints"] = orjson.dumps(stops).decode()
        rows.append(fields)
    return rows


def write_gpkg(data: Dataset, path: Path) -> None:
    """Write ``data`` as a new GeoPackage at ``path`` (which must not exist)."""
    import geopandas as gpd
    import pandas as pd
    import pyogrio
    from shapely import LineString

    def frame(rows: list[dict[str, Any]], geometry: Any, columns: list[str]) -> Any:
        df = pd.DataFrame(rows, columns=columns)
        for col in ("begin", "until"):
            df[col] = pd.to_datetime(df[col])
        for col in ("strength_min", "strength_max"):
            df[col] = df[col].astype("Int64")
        return gpd.GeoDataFrame(df, geometry=geometry, crs=CRS)

    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_TIMESTAMP})
    try:
        rows = presence_rows(data)
        cols = [*presence_fields_order(), "strength_min", "strength_max", "begin", "until"]
        points = gpd.points_from_xy([r.pop("lon") for r in rows], [r.pop("lat") for r in rows])
        layer = frame(rows, points, cols)
        pyogrio.write_dataframe(layer, path, layer="presence", driver="GPKG", geometry_type="Point")
        mrows = movement_rows(data)
        lines = [
            LineString([(w.place.point.lon, w.place.point.lat) for w in m.waypoints])  # type: ignore[union-attr]
            for m in data.movements
        ]
        mcols = [
            *movement_fields_order(),
            "strength_min",
            "strength_max",
            "begin",
            "until",
            "waypoints",
        ]
        pyogrio.write_dataframe(
            frame(mrows, lines, mcols),
            path,
            layer="movements",
            driver="GPKG",
            geometry_type="LineString",
        )
        wrows: list[dict[str, Any]] = []
        for i, m in enumerate(data.movements):
            for seq, stop in enumerate(waypoint_fields(m), start=1):
                wrows.append({"route": movement_id(m, i), "seq": seq, **stop})
        wcols = ["route", "seq", "place", "country", "gazetteer_id", "date", "mode"]
        wpoints = gpd.points_from_xy([r["lon"] for r in wrows], [r["lat"] for r in wrows])
        waypoints = gpd.GeoDataFrame(pd.DataFrame(wrows, columns=wcols), geometry=wpoints, crs=CRS)
        pyogrio.write_dataframe(
            waypoints, path, layer="waypoints", driver="GPKG", geometry_type="Point"
        )
        scols = ["id", "outlet", "title", "published", "published_inferred", "author", "url"]
        sources = pd.DataFrame([source_fields(s) for s in data.sources.values()], columns=scols)
        sources["published_inferred"] = sources["published_inferred"].astype(bool)
        pyogrio.write_dataframe(sources, path, layer="sources", driver="GPKG")
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})


def presence_fields_order() -> list[str]:
    """The text columns of the presence layer, in order."""
    return [
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
    ]


def movement_fields_order() -> list[str]:
    """The text columns of the movements layer, in order."""
    return ["id", "actor", "date", "end", "strength", "sources", "confidence", "note"]
