"""Areas as input and output (issue 11): YAML ``area:``, GeoJSON and GeoPackage polygons,
the checks on hostile geometry, and exports whose round trip gives the same bytes."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shapely

from geo.io.export import export_dataset
from geo.io.options import ReadOptions
from geo.io.reader import load_dataset, read_dataset
from geo.validate import read_resolved, validate
from tests.geo.conftest import FakeResolver

SQUARE = {"type": "Polygon", "coordinates": [[[20, 30], [21, 30], [21, 31], [20, 31], [20, 30]]]}
# A province outline the fake gazetteer holds for "Barqa".
BARQA = {"type": "Polygon", "coordinates": [[[19, 29], [25, 29], [25, 33], [19, 33], [19, 29]]]}


class AreaResolver(FakeResolver):
    """The fake gazetteer, with one outline (a region named Barqa)."""

    def lookup(self, name: str, **kw: Any) -> list[Any]:
        if name.casefold() == "barqa":
            from tests.geo.conftest import FakeCandidate

            return [FakeCandidate("Barqa", 31.0, 21.5, "LY", "overlay:barqa", 0.9, kind="region")]
        return super().lookup(name, **kw)

    def area_geojson(self, place_id: str) -> dict[str, Any] | None:
        return BARQA if place_id == "overlay:barqa" else None


HEAD = "sources:\n  - {id: s, outlet: X}\npresence:\n"


def _yaml(write: Callable[..., Path], *records: str) -> Path:
    return write("events.yaml", HEAD + "".join(f"  - {r}\n" for r in records))


def _record(extra: str) -> str:
    return "{actor: IS, status: control, date: 2015, sources: [s], " + extra + "}"


def test_yaml_area_file_relative_to_the_yaml(write: Callable[..., Path]) -> None:
    write("square.geojson", json.dumps({"type": "Feature", "properties": {}, "geometry": SQUARE}))
    data = read_resolved([_yaml(write, _record("area: square.geojson"))], AreaResolver())
    (p,) = data.presence
    assert p.area is not None and p.area.place == ""
    geom = shapely.from_geojson(p.area.geometry)
    assert geom.equals(shapely.from_geojson(json.dumps(SQUARE)))
    assert geom.contains(shapely.Point(p.place.point.lon, p.place.point.lat))  # type: ignore[union-attr]


def test_named_area_uses_the_gazetteer_outline(write: Callable[..., Path]) -> None:
    data = read_resolved([_yaml(write, _record("area: Barqa"))], AreaResolver())
    (p,) = data.presence
    assert p.place.name == "Barqa" and p.area is not None
    assert p.area.gazetteer_id == "overlay:barqa"
    assert shapely.from_geojson(p.area.geometry).bounds == (19, 29, 25, 33)


def test_town_with_buffer_is_a_disc_of_that_radius(write: Callable[..., Path]) -> None:
    from pyproj import Geod

    data = read_resolved([_yaml(write, _record("area: Sirte, buffer_km: 10"))], AreaResolver())
    (p,) = data.presence
    geom = shapely.from_geojson(p.area.geometry)  # type: ignore[union-attr]
    geod = Geod(ellps="WGS84")
    # Every vertex 10 km from Sirte on the ellipsoid (the AEQD buffer), within 1 %.
    for lon, lat in geom.exterior.coords:
        _, _, metres = geod.inv(16.588, 31.205, lon, lat)
        assert 9_900 < metres < 10_100
    area_km2 = abs(geod.geometry_area_perimeter(geom)[0]) / 1e6
    assert 310 < area_km2 < 316  # pi * 10^2


def test_town_without_buffer_says_it_has_no_outline(write: Callable[..., Path]) -> None:
    report = validate([_yaml(write, _record("area: Sirte"))], AreaResolver())
    (problem,) = report.problems
    assert problem.line == 4 and problem.field == "area"
    assert "no outline" in problem.message and "buffer_km" in problem.message


def test_an_unknown_area_name_is_reported(write: Callable[..., Path]) -> None:
    report = validate([_yaml(write, _record("place: Derna, area: Atlantis"))], AreaResolver())
    assert [(e.line, e.field) for e in report.problems] == [(4, "area")]


def test_bad_buffers(write: Callable[..., Path]) -> None:
    path = _yaml(
        write,
        _record("area: Barqa, buffer_km: -1"),
        _record("area: Barqa, buffer_km: 1e9"),
        _record("area: Barqa, buffer_km: many"),
    )
    _, problems = load_dataset([path])
    assert [(e.line, e.field) for e in problems] == [(i, "buffer_km") for i in (4, 5, 6)]


def test_a_buffer_without_area_grows_the_records_own_place(write: Callable[..., Path]) -> None:
    from pyproj import Geod

    path = _yaml(
        write,
        _record("place: Harawa, lat: 31.05, lon: 17.3, buffer_km: 15"),  # "within 15 km of"
        _record("place: Sirte, buffer_km: 10"),  # by name: the town's disc, once resolved
    )
    harawa, sirte = read_resolved([path], AreaResolver()).presence
    assert harawa.place.name == "Harawa" and harawa.area is not None
    assert harawa.area.buffer_km == 15
    geod = Geod(ellps="WGS84")
    for lon, lat in shapely.from_geojson(harawa.area.geometry).exterior.coords:
        assert 14_850 < geod.inv(17.3, 31.05, lon, lat)[2] < 15_150
    assert sirte.area is not None and sirte.area.place == "Sirte" and sirte.area.geometry
    assert shapely.from_geojson(sirte.area.geometry).contains(shapely.Point(16.588, 31.205))


def _feature(geometry: Any, **props: Any) -> dict[str, Any]:
    base = {"actor": "IS", "status": "control", "date": "2015", "sources": ["s"]}
    return {"type": "Feature", "properties": {**base, **props}, "geometry": geometry}


def _geojson(write: Callable[..., Path], *features: Any) -> Path:
    doc = {"type": "FeatureCollection", "sources": [{"id": "s", "outlet": "X"}]}
    return write("areas.geojson", json.dumps({**doc, "features": list(features)}, indent=1))


def test_geojson_polygons_carry_the_presence_fields(write: Callable[..., Path]) -> None:
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]}
    path = _geojson(
        write, _feature(SQUARE, note="a note", confidence="claimed"), _feature(multi, place="Derna")
    )
    data = read_resolved([path], AreaResolver())
    a, b = data.presence
    assert a.note == "a note" and a.confidence.value == "claimed" and a.area is not None
    assert b.place.name == "Derna" and b.place.point is not None  # the place resolved as ever


def test_clockwise_exterior_is_rewound_not_refused(write: Callable[..., Path]) -> None:
    clockwise = {"type": "Polygon", "coordinates": [SQUARE["coordinates"][0][::-1]]}
    options = ReadOptions()
    path = _geojson(write, _feature(SQUARE), _feature(clockwise), _feature(clockwise))
    _, p, q = read_dataset([path], options).presence
    ring = shapely.from_geojson(p.area.geometry).exterior  # type: ignore[union-attr]
    assert ring.is_ccw  # RFC 7946: exterior rings counter-clockwise
    assert p.area == q.area
    # said once, where it is first met (the second feature), as a notice, not a problem
    (notice,) = options.notices
    where, rest = notice.split(": geometry: ")
    assert rest.startswith("rings wound clockwise") and "rewound" in rest
    line = int(where.rsplit(":", 1)[1])
    lines = path.read_text().splitlines()
    features = [n for n, t in enumerate(lines, start=1) if '"Feature"' in t]
    assert features[1] - 2 <= line < features[2] - 2  # within the second feature


def test_a_hole_wound_like_its_exterior_is_noticed(write: Callable[..., Path]) -> None:
    outer = [[20, 30], [24, 30], [24, 34], [20, 34], [20, 30]]
    hole_ccw = [[21, 31], [22, 31], [22, 32], [21, 32], [21, 31]]  # should be clockwise
    holed = {"type": "Polygon", "coordinates": [outer, hole_ccw]}
    options = ReadOptions()
    (p,) = read_dataset([_geojson(write, _feature(holed))], options).presence
    assert len(options.notices) == 1
    (hole,) = shapely.from_geojson(p.area.geometry).interiors  # type: ignore[union-attr]
    assert not hole.is_ccw
    right = ReadOptions()
    read_dataset([_geojson(write, _feature(SQUARE))], right)
    assert right.notices == []


BAD = [
    ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}, "make_valid"),
    ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}, "not closed"),
    ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}, "at least 4"),
    (
        {"type": "Polygon", "coordinates": [[[179, 0], [-179, 0], [-179, 1], [179, 1], [179, 0]]]},
        "antimeridian",
    ),
    ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 95], [0, 0]]]}, "outside"),
    ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], "x", [0, 0]]]}, "position"),
    ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, True], [0, 0]]]}, "finite"),
    ({"type": "Polygon", "coordinates": [[[[[[0]]]]]]}, "position"),
    ({"type": "Polygon", "coordinates": []}, "list of rings"),
    ({"type": "MultiPolygon", "coordinates": {"a": 1}}, "missing"),
    ({"type": "MultiPolygon", "coordinates": []}, "list of polygons"),
]


@pytest.mark.parametrize(("geometry", "words"), BAD)
def test_bad_polygons_are_one_line_each(
    write: Callable[..., Path], geometry: Any, words: str
) -> None:
    path = _geojson(write, _feature(geometry, id="zone-7"))
    _, problems = load_dataset([path])
    (problem,) = problems
    assert problem.field == "geometry" and words in problem.message
    lines = path.read_text().splitlines()
    at = next(i for i, line in enumerate(lines, 1) if '"coordinates"' in line)
    if words != "missing":  # a geometry without coordinates is reported at its feature
        assert problem.line == at  # the line of the feature's coordinates
    assert words == "missing" or "zone-7" in problem.message  # the feature is named


def test_nan_is_refused(write: Callable[..., Path]) -> None:
    ring = [[0, 0], [1, 0], [1, 1], [0, 0]]
    feature = _feature({"type": "Polygon", "coordinates": [ring]})
    text = json.dumps({"type": "FeatureCollection", "features": [feature]})
    text = text.replace("[1, 1]", "[NaN, 1]")
    _, problems = load_dataset([write("nan.geojson", text)])
    assert [p.field for p in problems] == ["geometry"] and "finite" in problems[0].message


def test_too_many_vertices_is_refused_quickly(write: Callable[..., Path]) -> None:
    from geo.areas import MAX_VERTICES

    n = MAX_VERTICES * 4
    ring = [[i / n, (i % 2) / 1000] for i in range(n)] + [[0, 0]]
    path = _geojson(write, _feature({"type": "Polygon", "coordinates": [ring]}))
    started = time.perf_counter()
    _, problems = load_dataset([path])
    assert [p.field for p in problems] == ["geometry"]
    assert f"{MAX_VERTICES:,}" in problems[0].message
    assert time.perf_counter() - started < 30  # no hang (generous: a shared machine)


def test_yaml_area_file_that_is_junk(write: Callable[..., Path]) -> None:
    write("junk.geojson", "[" * 100_000)
    write("point.geojson", json.dumps({"type": "Point", "coordinates": [1, 2]}))
    path = _yaml(write, _record("area: junk.geojson"), _record("area: point.geojson"))
    _, problems = load_dataset([path])
    assert [(p.line, p.field) for p in problems] == [(4, "area"), (5, "geometry")]


@pytest.fixture
def areas(write: Callable[..., Path]) -> Any:
    write("square.geojson", json.dumps(SQUARE))
    path = _yaml(
        write,
        _record("area: Barqa, note: the province"),
        _record("area: Sirte, buffer_km: 8"),
        _record("place: Derna, area: square.geojson, buffer_km: 2"),
        _record("place: Derna"),
    )
    return read_resolved([path], AreaResolver())


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg"])
def test_round_trip_same_records_and_bytes(
    areas: Any, tmp_path: Path, records: Callable[[Any], Any], suffix: str
) -> None:
    first = tmp_path / f"a{suffix}"
    export_dataset(areas, first)
    again = read_dataset([first])
    assert records(again) == records(areas)
    second, third = tmp_path / "b.geojson", tmp_path / "c.geojson"
    export_dataset(areas, second)
    export_dataset(again, third)
    assert second.read_bytes() == third.read_bytes()


def test_geojson_export_writes_polygons(areas: Any, tmp_path: Path) -> None:
    out = tmp_path / "a.geojson"
    export_dataset(areas, out)
    kinds = [f["geometry"]["type"] for f in json.loads(out.read_text())["features"]]
    assert kinds == ["Polygon", "Polygon", "Polygon", "Point"]


def test_gpkg_has_a_polygon_layer(areas: Any, tmp_path: Path) -> None:
    import pyogrio

    out = tmp_path / "a.gpkg"
    export_dataset(areas, out)
    layer = pyogrio.read_dataframe(out, layer="presence_areas")
    assert list(layer["presence_row"]) == [1, 2, 3]
    assert list(layer.geometry.geom_type) == ["MultiPolygon"] * 3
    assert layer["note"].iloc[0] == "the province"


def test_kml_polygons_with_time_span(areas: Any, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    out = tmp_path / "a.kml"
    export_dataset(areas, out)
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    marks = ET.parse(out).getroot().findall(".//k:Placemark", ns)
    with_polygon = [m for m in marks if m.find(".//k:Polygon", ns) is not None]
    assert len(with_polygon) == 3
    for m in with_polygon:
        assert m.findtext("k:TimeSpan/k:begin", namespaces=ns) == "2015"
        ring = m.findtext(".//k:outerBoundaryIs/k:LinearRing/k:coordinates", namespaces=ns)
        assert ring and ring.split()[0] == ring.split()[-1]  # closed
