"""Read back a GeoPackage written by :mod:`geo.io.export_gpkg`.

The ``presence``, ``movements`` and ``sources`` layers are read (``waypoints`` repeats what
``movements`` holds). Messages name the layer and the feature number:
``out.gpkg:presence:12: actor: ...``. pyogrio is imported inside the function.
"""

from __future__ import annotations

import json
import math
import numbers
import warnings
from pathlib import Path
from typing import Any

from geo.io import fields as f
from geo.io import schema
from geo.io.export_gpkg import AREA_LAYER, AREA_ROW
from geo.io.records import Fields, build_movement, build_presence, build_source
from geo.model import Movement, Presence, Source

DERIVED = frozenset((*schema.derived("presence"), *schema.derived("movement")))


def _rows(path: Path, layer: str) -> list[tuple[dict[str, Any], Any]]:
    import pyogrio

    df = pyogrio.read_dataframe(path, layer=layer)
    geoms = list(df.geometry) if "geometry" in df else [None] * len(df)
    records = df.drop(columns=[c for c in (*DERIVED, "geometry") if c in df]).to_dict("records")
    clean = [
        {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
        for r in records
    ]
    return list(zip(clean, geoms, strict=False))


def _gdal_errors() -> tuple[type[Exception], ...]:
    """What pyogrio raises for a file GDAL cannot read (its errors are RuntimeErrors, and
    GDAL's own CPLE errors)."""
    from pyogrio._err import CPLE_BaseError

    return (RuntimeError, CPLE_BaseError)


def read_gpkg(
    path: Path, problems: f.Problems
) -> tuple[list[Source], list[Presence], list[Movement]]:
    """Read one GeoPackage, recording every problem in ``problems``."""
    import pyogrio

    try:
        with warnings.catch_warnings():  # GDAL warns about foreign SQLite files; we say why
            warnings.simplefilter("ignore", RuntimeWarning)
            layers = {str(name) for name, _ in pyogrio.list_layers(path)}
    except _gdal_errors() as exc:
        problems.add(f"not a readable GeoPackage ({exc})", line=None, field="file")
        return [], [], []
    if not layers & {"presence", "movements", "sources"}:
        problems.add(
            f"no presence, movements or sources layer (has {', '.join(sorted(layers))})",
            line=None,
            field="file",
        )
        return [], [], []
    out: tuple[list[Source], list[Presence], list[Movement]] = ([], [], [])
    shapes = _areas(path, problems) if AREA_LAYER in layers else {}
    for layer in ("sources", "presence", "movements"):
        if layer not in layers:
            continue
        found = f.Problems(f"{problems.file}:{layer}", options=problems.options)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                rows = _rows(path, layer)
        except _gdal_errors() as exc:  # a damaged file: "database disk image is malformed"
            problems.add(f"the {layer} layer cannot be read ({exc})", line=None, field="file")
            continue
        for n, (row, geom) in enumerate(rows, start=1):
            r = Fields(row, line=n)
            if layer == "sources":
                s = build_source(r, found)
                if s is not None:
                    out[0].append(s)
            elif layer == "presence":
                if not _is(geom, "Point", r, found):
                    continue
                r["lat"], r["lon"] = (geom.y, geom.x) if geom is not None else (None, None)
                p = build_presence(r, found, shapes.get(n), n)
                if p is not None:
                    out[1].append(p)
            else:
                m = _movement(r, geom, found)
                if m is not None:
                    out[2].append(m)
        problems.items.extend(found.items)  # keep the layer in the file part of each message
    return out


def _areas(path: Path, problems: f.Problems) -> dict[int, Any]:
    """Presence row -> its area as a GeoJSON geometry object, from the polygon layer."""
    import shapely

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            rows = _rows(path, AREA_LAYER)
    except _gdal_errors() as exc:
        problems.add(f"the {AREA_LAYER} layer cannot be read ({exc})", line=None, field="file")
        return {}
    out: dict[int, Any] = {}
    for n, (row, geom) in enumerate(rows, start=1):
        at = row.get(AREA_ROW)
        if not isinstance(at, numbers.Integral) or isinstance(at, bool) or geom is None:
            problems.add(
                f"{AREA_LAYER} row {n}: needs a {AREA_ROW} number and a polygon",
                line=None,
                field="geometry",
            )
            continue
        out[int(at)] = json.loads(shapely.to_geojson(geom))
    return out


def _is(geom: Any, kind: str, r: Fields, problems: f.Problems) -> bool:
    """Whether ``geom`` is empty or a ``kind``; a problem recorded if not."""
    if geom is None or geom.geom_type == kind:
        return True
    layer = "presence" if kind == "Point" else "movements"
    problems.add(
        f"a {geom.geom_type}; the {layer} layer holds {kind} geometries",
        line=r.line,
        field="geometry",
    )
    return False


def _movement(r: Fields, geom: Any, problems: f.Problems) -> Movement | None:
    if not _is(geom, "LineString", r, problems):
        return None
    raw = r.get("waypoints") or "[]"
    try:
        stops = json.loads(raw) if isinstance(raw, str) else None
    except json.JSONDecodeError as exc:
        problems.add(f"not a JSON list ({exc})", line=r.line, field="waypoints")
        return None
    except (RecursionError, ValueError):  # nested 100,000 deep; a number of 5,000 digits
        problems.add("not a JSON list of waypoints", line=r.line, field="waypoints")
        return None
    coords = list(geom.coords) if geom is not None else []
    if not isinstance(stops, list) or len(stops) != len(coords):
        problems.add("does not match the line's points", line=r.line, field="waypoints")
        return None
    if not all(isinstance(stop, dict) for stop in stops):
        problems.add(
            "expected a JSON list of objects {place, date, mode}", line=r.line, field="waypoints"
        )
        return None
    r["waypoints"] = [
        Fields({**stop, "lon": xy[0], "lat": xy[1]}, line=r.line)
        for stop, xy in zip(stops, coords, strict=True)
    ]
    return build_movement(r, None, problems)
