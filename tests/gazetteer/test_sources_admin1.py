"""First-level divisions from Natural Earth: the derived table, its script and the source."""

from __future__ import annotations

import runpy
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar

import pytest

from gazetteer.lookup import Gazetteer
from gazetteer.normalize import normalize
from gazetteer.records import PlaceRecord
from gazetteer.sources.regions import ADMIN1_CSV, RegionSource, admin1_rows
from geo.geodesy import haversine_km as great_circle_km

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = runpy.run_path(str(ROOT / "scripts" / "make_admin1_points.py"))


@pytest.fixture(scope="module")
def records() -> list[PlaceRecord]:
    return list(RegionSource().records())


def _find(records: list[PlaceRecord], cc: str, name: str) -> PlaceRecord:
    return next(r for r in records if r.country_code == cc and r.name == name)


def test_table_names_its_source_and_holds_valid_rows() -> None:
    head = ADMIN1_CSV.read_text(encoding="utf-8").splitlines()[:8]
    assert any("Natural Earth" in line and "public domain" in line for line in head)
    rows = admin1_rows()
    assert len(rows) > 4000
    ids = Counter(r["id"] for r in rows)
    assert ids.most_common(1)[0][1] == 1
    for r in rows:
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r
        assert len(r["country_code"]) == 2 and r["name"], r
        # Every division row is traceable to Natural Earth by its id and ISO code.
        assert r["id"].startswith(("ne:", "ne-region:")), r


@pytest.mark.parametrize(
    ("cc", "name", "inside", "km"),
    [
        # A town inside each division (GeoNames coordinates).
        ("CA", "Alberta", (53.55, -113.47), 500),  # Edmonton
        ("GB", "Suffolk", (52.06, 1.16), 60),  # Ipswich
        ("KE", "Nyanza", (-0.10, 34.75), 150),  # Kisumu
        ("SD", "Darfur", (13.63, 25.35), 300),  # El Fasher
        ("IT", "Toscana", (43.77, 11.25), 100),  # Florence
        ("GB", "Scotland", (56.40, -3.43), 100),  # Perth
        ("TZ", "Zanzibar", (-6.16, 39.20), 100),  # Zanzibar City
    ],
)
def test_divisions_lie_near_their_towns(
    records: list[PlaceRecord], cc: str, name: str, inside: tuple[float, float], km: float
) -> None:
    r = _find(records, cc, name)
    assert great_circle_km(r.lat, r.lon, *inside) < km


def test_names_kinds_and_codes(records: list[PlaceRecord]) -> None:
    quebec = _find(records, "CA", "Quebec")
    assert "Que." in quebec.alternate_names and quebec.admin1 == "10"
    assert _find(records, "GB", "Suffolk").kind == "county"
    assert "Tuscany" in _find(records, "IT", "Toscana").alternate_names
    # Natural Earth lists the region's names on its provinces; they are not the province's.
    assert "Tuscany" not in _find(records, "IT", "Grosseto Province").alternate_names


def test_another_divisions_name_or_a_type_word_is_no_alternate(
    records: list[PlaceRecord],
) -> None:
    # Natural Earth lists "Callao|El Callao" for Puno and "Region" for Callao.
    assert _find(records, "PE", "Puno Department").alternate_names == ()
    assert "Region" not in _find(records, "PE", "Callao Departamento").alternate_names
    # Nor the name of a big town elsewhere in the country (Roraima's old name, Rio Branco,
    # is the capital of Acre), nor a town's name given to its region.
    assert "Rio Branco" not in _find(records, "BR", "Roraima").alternate_names
    assert "Elgin" not in _find(records, "GB", "Highlands and Islands").alternate_names
    # A division that is the whole territory of its country is the country.
    assert not [r for r in records if r.country_code == "GS"]


@pytest.mark.parametrize(
    ("level", "km2", "expected"),
    [
        (1, 661_000.0, ("region", "ADM1")),  # Alberta
        (1, 830.0, ("county", "ADM1")),  # Manchester parish, Jamaica
        (2, 3_800.0, ("county", "ADM2")),  # Suffolk
        (2, 98_000.0, ("county", "ADM2")),  # Lapland
    ],
)
def test_kind_of(level: int, km2: float, expected: tuple[str, str]) -> None:
    assert SCRIPT["kind_of"]({"gn_level": level}, km2) == expected


def test_a_division_named_after_its_seat_leaves_the_bare_name_to_the_town() -> None:
    rows = {(r["country_code"], r["name"]): r for r in admin1_rows()}
    assert rows[("LY", "Ghadames Municipality")]["named_after"] == "Ghadames"
    assert ("LY", "Ghadames") not in rows
    assert ("AF", "Kabul Province") in rows and ("AF", "Kabul") not in rows
    assert "Tobruk" not in rows[("LY", "Butnan")]["alternate_names"].split("|")


def test_the_curated_overlay_supersedes_the_table(records: list[PlaceRecord]) -> None:
    names = {r.name for r in records if r.country_code == "LY"}
    # overlay.csv defines Libya's districts at their seats ("Kufra District", "Butnan").
    assert not names & {"Kufra", "Butnan", "Murzuq", "Ghat Municipality"}
    assert "Ghadames Municipality" in names  # a division the overlay does not define


def test_without_an_overlay_the_table_keeps_its_divisions(tmp_path: Path) -> None:
    source = RegionSource(overlay=tmp_path / "missing.csv")
    names = {r.name for r in source.records() if r.country_code == "LY"}
    assert {"Kufra", "Butnan", "Murzuq", "Ghat Municipality"} <= names
    assert source.fingerprint() != RegionSource().fingerprint()


def test_airportsdata_fills_in_only_what_natural_earth_lacks(records: list[PlaceRecord]) -> None:
    keys = Counter((r.country_code, normalize(r.name)) for r in records)
    assert keys[("CA", "alberta")] == 1 and keys[("GB", "scotland")] == 1
    assert _find(records, "GB", "Scotland").source == "naturalearth"
    assert {r.source for r in records} == {"naturalearth", "airportsdata"}
    assert not [r for r in records if r.country_code == "US"]


def test_regions_of_one_set_of_divisions_are_one_region(records: list[PlaceRecord]) -> None:
    flemish = [r for r in records if r.id.startswith("ne-region:BE:Flemish")]
    assert [(r.name, r.alternate_names) for r in flemish] == [("Flemish", ("Flemish Region",))]
    # A group of all a country's divisions is the country, not a region of it.
    assert not [r for r in records if r.id.startswith("ne-region:TZ:Tanzania")]


def test_without_the_table_only_airport_divisions_remain(tmp_path: Path) -> None:
    source = RegionSource(tmp_path / "missing.csv")
    found = list(source.records())
    assert found and {r.source for r in found} == {"airportsdata"}
    assert source.fingerprint() != RegionSource().fingerprint()


def _feature(**props: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"iso_a2": "XX", "gn_level": 1, "latitude": 1.0, "longitude": 2.0}
    return {"properties": base | props, "geometry": None}


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ({"name": "Québec", "name_en": "Quebec", "abbrev": "Que."}, ("Quebec", ["Québec", "Que."])),
        # A code is not an abbreviation news write; "?" marks a lost letter.
        (
            {"name": "Ontario", "abbrev": "ON", "name_alt": "Upper Canada|C?rdoba"},
            ("Ontario", ["Upper Canada"]),
        ),
        # A second-level unit's name_alt holds its region's names: left out.
        ({"name": "Como", "gn_level": 2, "name_alt": "Lombardy"}, ("Como", [])),
        (
            {"name": "Misrata", "name_alt": "Misratah, Misurata"},
            ("Misrata", ["Misratah", "Misurata"]),
        ),
    ],
)
def test_names_of(props: dict[str, Any], expected: tuple[str, list[str]]) -> None:
    assert SCRIPT["names_of"](_feature(**props)["properties"]) == expected


def test_a_name_several_provinces_list_goes_to_their_region() -> None:
    features = [
        _feature(name=n, gn_level=2, region="Lombardia", name_alt="Lombardy", latitude=45.0 + i)
        | {"geometry": None}
        for i, n in enumerate(("Como", "Varese"))
    ]
    shared = SCRIPT["shared_alternates"](features)
    assert shared == {("XX", "Lombardy"): {"Lombardia"}}


def test_region_point_is_the_mean_of_label_points_across_the_antimeridian() -> None:
    members = [
        _feature(latitude=-16.0, longitude=179.0),
        _feature(latitude=-18.0, longitude=-179.0),
    ]
    lat, lon = SCRIPT["region_point"](members)
    assert lat == pytest.approx(-17.0)
    assert great_circle_km(0.0, lon, 0.0, 180.0) == pytest.approx(0.0, abs=1e-6)


class _Towns:
    """A stand-in for the script's GeoNames towns: "Ghat" lies inside, "Quebec" too."""

    normalize = staticmethod(normalize)
    city_forms: ClassVar[set[tuple[str, str]]] = {("XX", "quebec")}

    def inside(self, cc: str, name: str, geometry: Any, *, alternates: bool = False) -> bool:
        return normalize(name) in {"ghat", "quebec"} or (alternates and name == "Tobruk")


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        (
            {"name": "Ghat", "type_en": "Municipality|Governarate"},
            ("Ghat Municipality", [], "Ghat"),
        ),
        ({"name": "Quebec", "type_en": "Province"}, ("Quebec", [], "")),
        ({"name": "Butnan", "name_alt": "Tobruk|Al Butnan"}, ("Butnan", ["Al Butnan"], "")),
    ],
)
def test_seat_named(props: dict[str, Any], expected: tuple[str, list[str], str]) -> None:
    assert SCRIPT["seat_named"](_feature(**props)["properties"], None, _Towns()) == expected


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [
        ("Que.", "CA", "region"),
        ("Darfur", "SD", "region"),
        ("Nyanza", "KE", "region"),
        # The alias tables attach to Natural Earth's divisions too.
        ("Albertans", "CA", "region"),
        ("Qld", "AU", "region"),
    ],
)
def test_lookup_finds_divisions(embedded: Gazetteer, name: str, country: str, kind: str) -> None:
    best = embedded.lookup(name)[0]
    assert (best.country_code, best.kind) == (country, kind), best


@pytest.mark.parametrize(("name", "town"), [("Kufra", (24.20, 23.29)), ("Murzuq", (25.92, 13.92))])
def test_libyan_towns_stay_towns(embedded: Gazetteer, name: str, town: tuple[float, float]) -> None:
    best = embedded.lookup(name)[0]
    assert best.kind == "city" and great_circle_km(best.lat, best.lon, *town) < 10, best


@pytest.mark.parametrize("name", ["Manchester", "Southampton"])
def test_a_county_sized_division_does_not_outrank_a_city(embedded: Gazetteer, name: str) -> None:
    best = embedded.lookup(name)[0]
    assert (best.country_code, best.kind) == ("GB", "city"), best


def test_lookup_finds_english_counties(embedded: Gazetteer) -> None:
    best = embedded.lookup("Cornwall", country="GB")[0]
    assert (best.country_code, best.kind) == ("GB", "county")
    assert great_circle_km(best.lat, best.lon, 50.26, -5.05) < 60  # Truro
