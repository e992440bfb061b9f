"""The map payload's areas (maps/areas.py): own areas, gazetteer outlines, classes."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely

from geo.areas import canonical
from geo.errors import InputError
from geo.model import (
    Area,
    Confidence,
    Dataset,
    LocationPrecision,
    Place,
    Presence,
)
from geo.points import Point
from geo.timespan import TimeSpan
from maps.areas import CLASS_NAMES, CLASSES, HUES, load_classes, payload_areas
from maps.data import build_payload
from maps.shapes import ShapeTable

LIBYA = "geonames:2215636"
BARQA = "overlay:ly-region-cyrenaica"


def rec(
    place: Place, status: str = "control", actor: str = "Islamic State", **kw: object
) -> Presence:
    return Presence(place, actor, status, TimeSpan.parse("2015-01", "2015-06"), **kw)  # type: ignore[arg-type]


def town_area() -> Area:
    return Area(canonical(shapely.Point(16.59, 31.2).buffer(0.05)), "Sirte", 5.0)


def test_a_country_record_is_its_outline_and_a_near_one_is_not() -> None:
    libya = Place("Libya", Point(26.3, 17.2), gazetteer_id=LIBYA)
    shapes = ShapeTable()
    out, style = payload_areas(
        [rec(libya, "presence"), rec(libya, "presence", precision=LocationPrecision.NEAR)],
        shapes=shapes,
    )
    assert [a["i"] for a in out] == [0]
    g = shapes.geoms[out[0]["s"]]
    assert g.contains(shapely.Point(17.2, 26.3)) and 140 < g.area < 160  # Libya, ~148 deg²
    lat, lon = out[0]["p"]
    assert g.contains(shapely.Point(lon, lat))  # the label sits inside
    assert CLASS_NAMES[out[0]["k"]] == "support" and style["actors"] == ["Islamic State"]


def test_a_region_record_uses_its_region_and_a_town_without_area_stays_a_point() -> None:
    barqa = Place("Barqa", Point(27.0, 22.0), gazetteer_id=BARQA)
    town = Place("Sirte", Point(31.2, 16.59), gazetteer_id="geonames:2210554")
    shapes = ShapeTable()
    records = [rec(barqa, "province", precision=LocationPrecision.REGION), rec(town)]
    out, _ = payload_areas(records, shapes=shapes)
    assert [a["i"] for a in out] == [0]
    assert CLASS_NAMES[out[0]["k"]] == "contested"
    # simplified and rounded: few vertices, at most 3 decimals
    coords = shapely.get_coordinates(shapes.geoms[out[0]["s"]])
    assert len(coords) < 400 and (abs(coords * 1000 - (coords * 1000).round()) < 1e-6).all()


def test_own_area_classes_and_actor_hues() -> None:
    town = Place("Sirte", Point(31.2, 16.59))
    records = [
        rec(town, "control", area=town_area()),
        rec(town, "control", "Libya Dawn", area=town_area()),
        rec(town, "presence", confidence=Confidence.CLAIMED, area=town_area()),
        rec(town, "attack", confidence=Confidence.CLAIMED, area=town_area()),
        rec(town, "held", area=town_area()),
        rec(town, "whatever", area=town_area()),
    ]
    out, style = payload_areas(records)
    assert len({a["s"] for a in out}) == 1  # one outline, sent once
    classes = [CLASS_NAMES[a["k"]] for a in out]
    assert classes == ["control", "control", "contested", "attack", "control", "support"]
    assert style["actors"] == ["Islamic State", "Libya Dawn"]
    assert style["hues"] == list(HUES[:2]) and out[1]["a"] == 1
    assert len(set(style["hues"])) == 2  # two actors' control stays apart


def test_styles_table_overrides_and_bad_rows(tmp_path: Path) -> None:
    f = tmp_path / "styles.csv"
    f.write_text("status,class\n# ours\npresence,control\nraid,Attack\n", encoding="utf-8")
    table = load_classes(f)
    assert table["presence"] == "control" and table["raid"] == "attack"
    assert table["province"] == CLASSES["province"]
    f.write_text("status,class\npresence,solid\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"styles.csv:2: class: .*solid.* is not one of"):
        load_classes(f)
    f.write_text("presence\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"styles.csv:1: row: expected"):
        load_classes(f)


def test_build_payload_carries_areas_and_their_style() -> None:
    libya = Place("Libya", Point(26.3, 17.2), gazetteer_id=LIBYA)
    ds = Dataset(presence=(rec(libya, "presence"),))
    p = build_payload(ds, "status", {**CLASSES, "presence": "control"})
    assert [a["i"] for a in p["areas"]] == [0] and CLASS_NAMES[p["areas"][0]["k"]] == "control"
    assert p["areaStyle"]["classes"] == list(CLASS_NAMES)
    assert build_payload(ds) == build_payload(ds)  # deterministic


def test_the_map_bounds_take_in_the_areas() -> None:
    libya = Place("Libya", Point(26.3, 17.2), gazetteer_id=LIBYA)
    (s, w), (n, e) = build_payload(Dataset(presence=(rec(libya, "presence"),)))["bounds"]
    assert s < 20 and n > 33 and w < 10 and e > 25  # Libya's box, not its centroid
    near = rec(libya, "presence", precision=LocationPrecision.NEAR)
    assert build_payload(Dataset(presence=(near,)))["bounds"] == [[26.3, 17.2], [26.3, 17.2]]
