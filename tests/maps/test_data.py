"""The map's plain data: columns, string table, time codes, routes, escaping."""

from __future__ import annotations

import json
from datetime import date

import pytest
from events12 import events
from map_samples import HOSTILE, libya
from payload_columns import decode

from geo.errors import InputError
from geo.geodesy import geod as geod_
from geo.model import Dataset, Place, Presence
from geo.points import Point
from geo.timespan import TimeSpan
from maps.data import (
    OPEN_END,
    build_payload,
    column,
    day_number,
    leg_path,
    period_of,
    safe_url,
    script_json,
)


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ([0, 255], "u1"),
        ([0, 256], "u2"),
        ([70000], "i4"),
        ([-1, 3], "i2"),
        ([-40000, 3], "i4"),
        ([-1, 3] * 3000, "i2"),  # long columns are packed by numpy: the same choice
        (list(range(5000)), "u2"),
        ([-40000, 3] * 3000, "i4"),
        ([], "u1"),
        ([7, 7, 7], "k"),  # all equal: one value
    ],
)
def test_columns_use_the_smallest_type_and_round_trip(values: list[int], code: str) -> None:
    col = column(values)
    assert col["t"] == code
    assert decode(col) == values


def test_float_columns_keep_about_a_metre() -> None:
    got = decode(column([32.76712, -122.41941], "float"))
    assert got == pytest.approx([32.76712, -122.41941], abs=1e-5)


def test_presence_columns_hold_the_records() -> None:
    p = build_payload(libya())
    cols = p["presence"]
    assert cols["n"] == 7
    places = p["tables"]["place"]
    names = [places[i] for i in decode(cols["pl"])]  # one name per distinct position
    assert [names[i] for i in decode(cols["pi"])][:3] == ["Derna", "Derna", "Sirte"]
    assert places.count("Derna") == 1  # deduplicated
    assert [p["tables"]["actor"][i] for i in decode(cols["ac"])][:1] == ["Islamic State"]
    t0 = decode(cols["t0"])[0]
    assert t0 == day_number(date(2014, 10, 1))
    # the last day travels as days after the first; month precision: the month's last day
    assert t0 + decode(cols["dt"])[0] == day_number(date(2015, 6, 30))
    flags = decode(cols["f"])
    assert (flags[3] >> 6) & 3 == OPEN_END  # Benghazi: open end
    assert flags[3] & 3 == 1  # near
    assert flags[5] & 3 == 2  # region
    assert (flags[2] >> 2) & 3 == 0  # confirmed
    # Sirte has two estimates, each with its own source
    ne = decode(cols["ne"])
    assert ne[:3] == [1, 0, 2]
    assert decode(cols["lo"])[1:3] == [4000, 3000]
    assert decode(cols["hi"])[1:3] == [2000, 0]  # high as the step above low
    sources = [s["id"] for s in p["sources"]]
    assert [sources[i - 1] for i in decode(cols["es"])[1:3]] == ["nw", "wsj"]


def test_categories_follow_by() -> None:
    assert build_payload(libya(), "status")["cats"][:3] == ["control", "presence", "cells"]
    assert build_payload(libya(), "actor")["cats"] == ["Ansar", "Islamic State"]
    assert build_payload(libya(), "period")["cats"] == ["2014", "2015", "2017"]
    assert period_of(TimeSpan.parse("..", "2015")) == "open start"
    payload = build_payload(libya())
    assert len(payload["colors"]) == len(payload["cats"])
    assert payload["colors"][0] == "#b2182b"  # control keeps its colour


def test_range_and_bounds_cover_presence_and_routes() -> None:
    p = build_payload(libya())
    assert p["range"] == [day_number(date(2014, 10, 1)), day_number(date(2017, 12, 31))]
    (south, _), (north, _) = p["bounds"]
    assert north == pytest.approx(41.01)  # Istanbul, a waypoint
    assert south == pytest.approx(15.5)  # Khartoum


def test_empty_dataset_has_no_range() -> None:
    p = build_payload(Dataset())
    assert p["range"] is None and p["bounds"] is None and p["presence"]["n"] == 0


def test_routes_keep_modes_dates_and_long_legs_as_arcs() -> None:
    routes = build_payload(libya())["routes"]
    modes = build_payload(libya())["modes"]
    assert [modes[leg["m"]] for leg in routes[1]["legs"]] == ["air", "overland"]
    assert len(routes[1]["legs"][0]["path"]) > 10  # Istanbul-Khartoum: a great circle
    assert len(routes[2]["legs"][0]["path"]) == 2  # Tripoli-Misrata: straight
    assert routes[0]["wp"][1][3] is None  # Ghat has no date
    assert routes[0]["t1"] == day_number(date(2017, 12, 31))


def test_great_circle_points_lie_on_the_geodesic() -> None:
    a, b = Point(41.01, 28.97), Point(15.5, 32.56)
    path = leg_path(a, b)
    assert path[0] == [41.01, 28.97] and path[-1] == [15.5, 32.56]
    geod = geod_()
    whole = geod.inv(a.lon, a.lat, b.lon, b.lat)[2]
    lat, lon = path[len(path) // 2]
    via = geod.inv(a.lon, a.lat, lon, lat)[2] + geod.inv(lon, lat, b.lon, b.lat)[2]
    assert via == pytest.approx(whole, rel=1e-6)


def test_unresolved_place_is_an_input_error_with_its_line() -> None:
    rec = Presence(Place("Nowhere"), "A", "control", TimeSpan.parse("2015"), file="x.yaml", line=7)
    with pytest.raises(InputError) as info:
        build_payload(Dataset(presence=(rec,)))
    assert str(info.value).startswith("x.yaml:7: place:")


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.com/a", True),
        ("http://example.com", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example", False),
        ("example.com", False),
    ],
)
def test_only_http_links_survive(url: str, kept: bool) -> None:
    assert (safe_url(url) != "") is kept


def test_script_json_cannot_close_the_script() -> None:
    text = script_json({"note": HOSTILE + "\u2028&"})
    for bad in ("<", ">", "&", "\u2028"):
        assert bad not in text
    assert json.loads(text) == {"note": HOSTILE + "\u2028&"}


def test_payload_is_deterministic() -> None:
    assert script_json(build_payload(libya())) == script_json(build_payload(libya()))


def test_positions_are_stored_once() -> None:
    cols = build_payload(libya())["presence"]
    index = decode(cols["pi"])
    lats = decode(cols["plat"])  # integers of 1e-5 degree
    assert len(lats) == 6  # Derna is reported twice
    assert index[0] == index[1] and lats[index[2]] == round(31.205 * 1e5)


def test_issue12_fields_travel_in_their_own_columns() -> None:
    p = build_payload(events(6))
    cols, tables = p["presence"], p["tables"]
    assert tables["type"] == ["", "Battles", "Protests", "Riots"]
    assert [tables["type"][i] for i in decode(cols["et"])] == ["Battles", "Protests", "Riots"] * 2
    assert [tables["actor"][i] for i in decode(cols["a2"])][:2] == ["Army", "Civilians"]
    assert decode(cols["nf"]) == [1, 0, 0, 1, 0, 0]  # battles k = 0 and 3 report fatalities
    assert decode(cols["fl"]) == [0, 3]
    assert decode(cols["cr"]) == [1, 2, 3, 4, 5, 6]
    assert [s["rel"] for s in p["sources"]] == ["A", "D"]
    assert build_payload(events(6), "type")["cats"] == ["Battles", "Protests", "Riots"]


def test_a_model_without_issue12_fields_pays_one_value_per_column() -> None:
    cols = build_payload(libya())["presence"]
    for name in ("et", "a2", "cr", "nf"):
        assert cols[name]["t"] == "k" and cols[name]["v"] == 0
