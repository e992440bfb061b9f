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
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any

import shapely
import shapely.affinity
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


def _unwrap(coords: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring whose steps across the antimeridian (179.9 -> -180) are made continuous
    (179.9 -> 180): its longitudes may then run past 180 or below -180.

    A ring around a pole (Antarctica's) does not come back to its start; it is closed
    along the pole, as a map in longitude and latitude draws it.
    """
    out = [coords[0]]
    shift = 0.0
    for (x0, _), (x, y) in pairwise(coords):
        if x - x0 > 180:
            shift -= 360
        elif x - x0 < -180:
            shift += 360
        out.append((x + shift, y))
    if shift:
        pole = -90.0 if sum(y for _, y in out) < 0 else 90.0
        out += [(out[-1][0], pole), (out[0][0], pole), out[0]]
    return out


def split_antimeridian(polygon: shapely.Polygon) -> shapely.Geometry:
    """``polygon`` cut at the antimeridian into parts inside -180..180.

    Natural Earth's TopoJSON joins the parts of Russia, Fiji and Antarctica across the
    antimeridian; drawn as they are, their rings run across the whole map.
    """
    shell = _unwrap(list(polygon.exterior.coords))
    holes = [_unwrap(list(r.coords)) for r in polygon.interiors]
    if shell == list(polygon.exterior.coords):
        return polygon
    whole = shapely.make_valid(shapely.Polygon(shell, holes))
    parts = [
        shapely.affinity.translate(
            shapely.intersection(whole, shapely.box(-180 + k, -90, 180 + k, 90)), -k
        )
        for k in (-360, 0, 360)
    ]
    return shapely.union_all(parts)


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
        parts.append(split_antimeridian(shapely.Polygon(shell, holes)))
    return shapely.union_all(parts)


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
            "processing": "scripts/make_basemap.py: TopoJSON decoded, cut at the antimeridian,"
            " snapped to a 0.01 degree grid",
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
