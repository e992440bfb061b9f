"""Reading GeoJSON event files: Points are presence, LineStrings movements."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geo.io.reader import load_dataset, read_dataset
from geo.model import Mode

SOURCE = {"id": "news-1", "outlet": "News", "published": "2015-06"}


def _doc(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "sources": [SOURCE], "features": list(features)}


def _point(lon: float = 22.64, lat: float = 32.76, **props: Any) -> dict[str, Any]:
    base = {
        "place": "Derna",
        "actor": "IS",
        "status": "control",
        "date": "2015-06",
        "sources": ["news-1"],
    }
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {**base, **props},
    }


def _line(**props: Any) -> dict[str, Any]:
    base = {
        "actor": "IS",
        "sources": ["news-1"],
        "waypoints": [{"place": "Sirte", "date": "2016-12"}, {"place": "Ghat", "mode": "overland"}],
    }
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": [[16.58, 31.2], [10.17, 24.96]]},
        "properties": {**base, **props},
    }


def _write(write: Callable[..., Path], doc: Any) -> Path:
    return write("events.geojson", json.dumps(doc, indent=2))


def test_points_and_lines(write: Callable[..., Path]) -> None:
    data = read_dataset([_write(write, _doc(_point(), _line()))])
    (p,) = data.presence
    assert p.place.point is not None and (p.place.point.lat, p.place.point.lon) == (32.76, 22.64)
    assert p.place.name == "Derna" and str(p.span) == "2015-06"
    assert p.line == 11  # the line where the feature's object opens
    (m,) = data.movements
    assert [w.place.name for w in m.waypoints] == ["Sirte", "Ghat"]
    assert m.waypoints[1].place.point is not None and m.waypoints[1].place.point.lon == 10.17
    assert m.modes == (Mode.OVERLAND,)


@pytest.mark.parametrize(
    ("doc", "field", "message"),
    [
        (_doc(_point(lat=95)), "lat", "outside -90..90"),
        (_doc(_point(date="2016-13")), "date", "not a valid date"),
        (_doc(_point(strength=-5)), "strength", "negative"),
        (_doc(_point(colour="red")), "colour", "unknown field"),
        (_doc(_point(sources=["nobody"])), "sources", "'nobody' is not defined"),
        (
            _doc({**_point(), "geometry": {"type": "GeometryCollection", "coordinates": []}}),
            "geometry",
            "not Point",
        ),
        (_doc({**_point(), "geometry": None}), "geometry", "missing"),
        (_doc(_line(waypoints=[{"place": "Sirte"}])), "waypoints", "has 1 waypoints for 2"),
        ({"type": "Feature"}, "type", "expected a GeoJSON FeatureCollection"),
        ({"type": "FeatureCollection"}, "features", "missing"),
    ],
)
def test_bad_features(write: Callable[..., Path], doc: Any, field: str, message: str) -> None:
    _, problems = load_dataset([_write(write, doc)])
    assert any(p.field == field and message in p.message for p in problems), problems
    assert all(p.line is not None and p.file and p.file.endswith(".geojson") for p in problems)


def test_invalid_json_names_its_line(write: Callable[..., Path]) -> None:
    _, problems = load_dataset([write("x.geojson", '{\n  "type": "FeatureCollection",\n  oops\n}')])
    assert [(p.line, p.field) for p in problems] == [(3, "json")]


def test_problems_name_the_line_of_the_property(write: Callable[..., Path]) -> None:
    path = _write(write, _doc(_point(lat=95, date="2016-13"), _line()))
    _, problems = load_dataset([path])
    lines = path.read_text(encoding="utf-8").splitlines()
    found = {(p.field, p.line) for p in problems}
    assert found == {("lat", 15), ("date", 24)}
    assert lines[14].strip() == '"coordinates": [' and '"date": "2016-13"' in lines[23]
