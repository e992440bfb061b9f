"""Reading several files: format by suffix or content, shared sources, refusals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.io import reader
from geo.io.reader import load_dataset, read_dataset

SOURCES = "sources:\n  - {id: news-1, outlet: News}\n"
PRESENCE = "presence:\n  - {place: Derna, actor: IS, status: control, date: 2015, source: news-1}\n"
CSV = "place,date,actor,status,source\nSirte,2016,IS,control,news-1\n"
GEOJSON = (
    '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
    '{"type": "Point", "coordinates": [20.1, 32.1]}, "properties": {"place": "Benghazi", '
    '"actor": "IS", "status": "cells", "date": "2015", "sources": ["news-1"]}}]}'
)


def test_files_share_sources_and_keep_their_order(write: Callable[..., Path]) -> None:
    data = read_dataset(
        [
            write("s.yaml", SOURCES),
            write("p.yaml", PRESENCE),
            write("c.csv", CSV),
            write("g.geojson", GEOJSON),
        ]
    )
    assert [p.place.name for p in data.presence] == ["Derna", "Sirte", "Benghazi"]
    assert [Path(p.file).name for p in data.presence] == ["p.yaml", "c.csv", "g.geojson"]


@pytest.mark.parametrize(
    ("content", "kind"), [(PRESENCE, "yaml"), (CSV, "csv"), (GEOJSON, "geojson")]
)
def test_format_from_content_without_a_known_suffix(
    write: Callable[..., Path], content: str, kind: str
) -> None:
    path = write("events.txt", content)
    assert reader.file_format(path, path.read_bytes()) == kind
    data = read_dataset([write("s.yaml", SOURCES), path])
    assert len(data.presence) == 1


def test_big_yaml_is_refused_before_parsing(
    write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_DOCUMENT_BYTES", 100)
    _, problems = load_dataset([write("big.yaml", PRESENCE * 5)])
    assert [(p.line, p.field) for p in problems] == [(1, "file")]
    assert "geo reads YAML files up to 0 MB (use CSV for large data)" in problems[0].message


def test_a_gpkg_that_is_not_one(write: Callable[..., Path]) -> None:
    _, problems = load_dataset([write("x.gpkg", b"SQLite format 3\x00" + bytes(200))])
    assert [p.field for p in problems] == ["file"]
    assert "not a readable GeoPackage" in problems[0].message


def test_folders_and_missing_files(tmp_path: Path) -> None:
    _, problems = load_dataset([tmp_path, tmp_path / "gone.csv"])
    assert [p.message for p in problems] == ["a folder, not a file", "no such file"]
    with pytest.raises(InputError, match="no event files given"):
        load_dataset([])


def test_a_folder_of_any_readable_format_expands(tmp_path: Path) -> None:
    from geo.io.export import export_dataset
    from geo.io.formats import read_suffixes
    from geo.io.reader import read_dataset
    from geo.seeds import expand

    src = tmp_path / "a.csv"
    src.write_text("place,lat,lon,actor,status,date\nGao,16.27,-0.04,X,control,2012-06\n")
    folder = tmp_path / "only-gpkg"
    folder.mkdir()
    export_dataset(read_dataset([src]), folder / "events.gpkg")
    assert expand([folder]) == [folder / "events.gpkg"]
    assert len(read_dataset(expand([folder])).presence) == 1
    assert ".gpkg" in read_suffixes() and ".kml" not in read_suffixes()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no event files"):
        expand([empty])
