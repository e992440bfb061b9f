"""Derive maps/assets/ne_countries.geojson, the embedded offline basemap.

Source: Natural Earth 1:110m Admin 0 countries ("naturalearth_lowres"), public domain,
https://www.naturalearthdata.com/ , in the copy that ships inside the pyogrio wheel
(pyogrio/tests/fixtures/naturalearth_lowres, itself copied from GeoPandas). The output is
deterministic: features sorted by name, coordinates snapped to a 0.01 degree grid (about
1 km, finer than a 1:110m outline can show) and written with fixed formatting.

Run: .venv/bin/python scripts/make_basemap.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pyogrio
import shapely
from shapely.geometry.polygon import orient

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "maps" / "assets" / "ne_countries.geojson"
GRID = 0.01
DECIMALS = 2


def source_path() -> Path:
    base = Path(pyogrio.__file__).parent / "tests" / "fixtures" / "naturalearth_lowres"
    path = base / "naturalearth_lowres.shp"
    if not path.exists():
        sys.exit(f"make_basemap: {path} not found (is pyogrio installed with its tests?)")
    return path


def _ring(coords: Any) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in coords:
        point = [round(float(x), DECIMALS) + 0.0, round(float(y), DECIMALS) + 0.0]
        if not out or out[-1] != point:  # snapping can make neighbours coincide
            out.append(point)
    return out


def _polygons(geom: shapely.Geometry) -> list[list[list[list[float]]]]:
    parts = list(geom.geoms) if hasattr(geom, "geoms") else [geom]
    polygons = []
    for part in parts:
        if not isinstance(part, shapely.Polygon) or part.is_empty:
            continue
        part = orient(part, 1.0)  # RFC 7946: exterior rings counter-clockwise
        rings = [_ring(part.exterior.coords)] + [_ring(r.coords) for r in part.interiors]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            polygons.append(rings)
    return polygons


def build() -> dict[str, Any]:
    frame = pyogrio.read_dataframe(source_path())
    features = []
    for row in frame.itertuples(index=False):
        # set_precision keeps polygons valid while snapping them to the grid.
        geom = shapely.set_precision(shapely.make_valid(row.geometry), GRID)
        polygons = _polygons(geom)
        if not polygons:
            continue
        iso = None if row.iso_a3 in ("-99", "", None) else str(row.iso_a3)
        features.append(
            {
                "type": "Feature",
                "properties": {"name": str(row.name), "iso_a3": iso, "continent": row.continent},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    features.sort(key=lambda f: (f["properties"]["name"], f["properties"]["iso_a3"] or ""))
    return {
        "type": "FeatureCollection",
        "source": {
            "name": "Natural Earth 1:110m Admin 0 - Countries (naturalearth_lowres)",
            "url": "https://www.naturalearthdata.com/",
            "license": "public domain",
            "via": "pyogrio test fixture naturalearth_lowres (copied from GeoPandas)",
            "processing": "scripts/make_basemap.py: snapped to a 0.01 degree grid",
        },
        "features": features,
    }


def render() -> str:
    """The asset's text: compact JSON with one feature per line (readable diffs)."""
    text = json.dumps(build(), ensure_ascii=False, separators=(",", ":"))
    return text.replace(',{"type":"Feature"', ',\n{"type":"Feature"') + "\n"


def main() -> None:
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
