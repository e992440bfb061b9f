"""GeoJSON export: round trip, determinism, positions in [lon, lat], text kept as text."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geo.errors import InputError
from geo.io.export import export_dataset
from geo.io.reader import read_dataset
from geo.model import Dataset


def test_round_trip_gives_the_same_records(
    dataset: Dataset, tmp_path: Path, records: Callable[[Any], Any]
) -> None:
    out = tmp_path / "out.geojson"
    assert export_dataset(dataset, out) == [out]
    assert records(read_dataset([out])) == records(dataset)


def test_same_bytes_twice(dataset: Dataset, tmp_path: Path) -> None:
    a, b = tmp_path / "a.geojson", tmp_path / "b.geojson"
    export_dataset(dataset, a)
    export_dataset(dataset, b)
    assert a.read_bytes() == b.read_bytes()


def test_content(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "out.geojson"
    export_dataset(dataset, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert [s["id"] for s in doc["sources"]] == ["news-2014-11", "paper-2017"]
    derna = doc["features"][0]
    assert derna["geometry"] == {"type": "Point", "coordinates": [22.639, 32.767]}  # lon, lat
    props = derna["properties"]
    assert (props["date"], props["end"]) == ("2014-10", "2015-06")  # precision kept
    assert props["strength"][1] == {
        "min": 4000,
        "max": 6000,
        "source": "paper-2017",
        "note": "peak </script><script>alert(1)",
    }
    assert (props["strength_min"], props["strength_max"]) == (3000, 6000)
    assert props["note"].startswith("x </script> ${alert(1)} & ]]>")  # text stays text
    assert doc["features"][2]["properties"]["date"] == ".."  # open start
    south = doc["features"][3]
    assert south["geometry"]["type"] == "LineString"
    assert [w["place"] for w in south["properties"]["waypoints"]] == ["Sirte", "Ghat", "Ubari"]


def test_unresolved_places_are_refused(write: Callable[..., Path], tmp_path: Path) -> None:
    path = write(
        "u.yaml", "presence:\n  - {place: Derna, actor: IS, status: control, date: 2015}\n"
    )
    out = tmp_path / "out.geojson"
    with pytest.raises(InputError, match="no coordinates"):
        export_dataset(read_dataset([path]), out)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["u.yaml"]  # no temporary file left
