"""Derive maps/assets/ne_countries.geojson, the embedded offline basemap.

Source: Natural Earth Admin 0 countries (public domain, https://www.naturalearthdata.com/),
version 4.1.0, as the TopoJSON files ``countries-50m.json`` and ``countries-110m.json`` of
the npm package ``world-atlas`` 2.0.2 (packaging by Mike Bostock, ISC licence; the data
itself is Natural Earth's). Get it with ``npm pack world-atlas@2.0.2`` and unpack it; the
files are read, never copied into this repository.

Countries that touch Africa, Europe or the Middle East (the region geo's reports are
about) keep the 1:50m outline, so that at zoom 7 the coast runs where Sirte and Misrata
are; the rest of the world takes the 1:110m outline, which keeps the asset under 1 MB.
``iso_a3`` and ``continent`` come from Natural Earth's 1:110m table as shipped in the
pyogrio wheel (pyogrio/tests/fixtures/naturalearth_lowres), joined by name.

The output is deterministic: features sorted by name, coordinates snapped to a 0.01 degree
grid (about 1 km) with shapely's set_precision, written with fixed formatting.

Run: npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
     .venv/bin/python scripts/make_basemap.py package/
"""

from __future__ import annotations

import json
import sys
from itertools import accumulate
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.polygon import orient

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "maps" / "assets" / "ne_countries.geojson"
GRID = 0.01
DECIMALS = 2
#: west, south, east, north (degrees): countries reaching into this box keep 1:50m detail.
DETAIL_BOX = (-30.0, -40.0, 80.0, 75.0)
Ring = list[list[float]]


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The arcs of a quantized TopoJSON ``topology`` as ``(lon, lat)`` lists.

    Quantized arcs hold the first position and then differences (TopoJSON specification
    2.1.4); ``transform`` maps the integers back to degrees.
    """
    transform = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        if transform is None:
            out.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        xs = accumulate(p[0] for p in arc)
        ys = accumulate(p[1] for p in arc)
        out.append([(x * sx + tx, y * sy + ty) for x, y in zip(xs, ys, strict=True)])
    return out


def ring_coords(
    indexes: list[int], arcs: list[list[tuple[float, float]]]
) -> list[tuple[float, float]]:
    """One ring from arc indexes: ``~i`` (that is ``-i - 1``) is arc ``i`` reversed, and
    each arc after the first repeats the previous one's last position, dropped here."""
    coords: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        coords.extend(arc[1:] if coords else arc)
    return coords


def geometry(obj: dict[str, Any], arcs: list[list[tuple[float, float]]]) -> shapely.Geometry:
    """A TopoJSON Polygon or MultiPolygon object as a shapely geometry."""
    if obj["type"] == "Polygon":
        polygons = [obj["arcs"]]
    elif obj["type"] == "MultiPolygon":
        polygons = obj["arcs"]
    else:
        return shapely.Polygon()
    parts = []
    for rings in polygons:
        shell, *holes = (ring_coords(r, arcs) for r in rings)
        parts.append(shapely.Polygon(shell, holes))
    return shapely.MultiPolygon(parts)


def countries(path: Path) -> dict[str, shapely.Geometry]:
    """Name -> geometry of every country of a world-atlas ``countries-*.json``."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    out: dict[str, shapely.Geometry] = {}
    for obj in topology["objects"]["countries"]["geometries"]:
        name = str(obj["properties"]["name"])
        geom = geometry(obj, arcs)
        out[name] = shapely.union(out[name], geom) if name in out else geom
    return out


def _ring(coords: Any) -> Ring:
    out: Ring = []
    for x, y in coords:
        point = [round(float(x), DECIMALS) + 0.0, round(float(y), DECIMALS) + 0.0]
        if not out or out[-1] != point:  # snapping can make neighbours coincide
            out.append(point)
    return out


def _polygons(geom: shapely.Geometry) -> list[list[Ring]]:
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


def _attributes() -> dict[str, tuple[str | None, str | None]]:
    """Name -> (ISO 3166-1 alpha-3, continent) from Natural Earth's own 1:110m table."""
    import pyogrio

    base = Path(pyogrio.__file__).parent / "tests" / "fixtures" / "naturalearth_lowres"
    frame = pyogrio.read_dataframe(base / "naturalearth_lowres.shp", read_geometry=False)
    return {
        str(r.name): (None if r.iso_a3 in ("-99", "", None) else str(r.iso_a3), str(r.continent))
        for r in frame.itertuples(index=False)
    }


def build(package: Path) -> dict[str, Any]:
    fine, coarse = (
        countries(package / "countries-50m.json"),
        countries(package / "countries-110m.json"),
    )
    attributes = _attributes()
    box = shapely.box(*DETAIL_BOX)
    features = []
    for name in sorted(fine):
        geom = fine[name]
        if not geom.intersects(box):
            # Far from the reports: the 1:110m outline, or a simplified 1:50m one for the
            # small islands 1:110m leaves out.
            geom = coarse.get(name) or shapely.simplify(geom, 0.1, preserve_topology=True)
        # set_precision keeps polygons valid while snapping them to the grid.
        geom = shapely.set_precision(shapely.make_valid(geom), GRID)
        polygons = _polygons(geom)
        if not polygons:
            continue
        iso, continent = attributes.get(name, (None, None))
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name, "iso_a3": iso, "continent": continent},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    return {
        "type": "FeatureCollection",
        "source": {
            "name": "Natural Earth 4.1.0 Admin 0 - Countries, 1:50m (Africa, Europe, Middle"
            " East) and 1:110m (elsewhere)",
            "url": "https://www.naturalearthdata.com/",
            "license": "public domain",
            "via": "npm package world-atlas 2.0.2 (TopoJSON of Natural Earth; packaging ISC)",
            "processing": "scripts/make_basemap.py: TopoJSON decoded, snapped to a 0.01 degree"
            " grid",
        },
        "features": features,
    }


def render(package: Path) -> str:
    """The asset's text: compact JSON with one feature per line (readable diffs)."""
    text = json.dumps(build(package), ensure_ascii=False, separators=(",", ":"))
    return text.replace(',{"type":"Feature"', ',\n{"type":"Feature"') + "\n"


def main() -> None:
    if len(sys.argv) != 2 or not (Path(sys.argv[1]) / "countries-50m.json").is_file():
        sys.exit("usage: make_basemap.py WORLD_ATLAS_PACKAGE_DIR (from npm pack world-atlas@2.0.2)")
    OUT.write_text(render(Path(sys.argv[1])), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
