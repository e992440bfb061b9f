"""GeoPackage export: one layer per record type, same bytes twice, reads back the same."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyogrio

from geo.io.export import export_dataset
from geo.io.reader import read_dataset
from geo.model import Dataset


def test_layers(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "out.gpkg"
    export_dataset(dataset, out)
    layers = {str(name): geom for name, geom in pyogrio.list_layers(out)}
    assert layers == {
        "presence": "Point",
        "movements": "LineString",
        "waypoints": "Point",
        "sources": None,
        "presence_areas": "MultiPolygon",  # empty here: no record has an area
    }
    presence = pyogrio.read_dataframe(out, layer="presence")
    assert list(presence["date"]) == ["2014-10", "2015", ".."]
    assert presence.geometry[0].x == 22.639 and presence.geometry[0].y == 32.767
    assert str(presence["begin"].dtype).startswith("datetime64")
    assert len(pyogrio.read_dataframe(out, layer="waypoints")) == 5


def test_round_trip_gives_the_same_records(
    dataset: Dataset, tmp_path: Path, records: Callable[[Any], Any]
) -> None:
    out = tmp_path / "out.gpkg"
    export_dataset(dataset, out)
    named = replace(
        dataset, movements=(dataset.movements[0], replace(dataset.movements[1], id="movement-2"))
    )
    assert records(read_dataset([out])) == records(named)


def test_same_bytes_twice(dataset: Dataset, tmp_path: Path) -> None:
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    export_dataset(dataset, a)
    export_dataset(dataset, b)
    assert a.read_bytes() == b.read_bytes()


def test_overwrites_an_existing_file(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "out.gpkg"
    out.write_bytes(b"old")
    export_dataset(dataset, out)
    assert out.read_bytes().startswith(b"SQLite format 3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml", "out.gpkg"]
