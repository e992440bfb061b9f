"""CSV export: three files that read back as the same records."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from geo.io.export import export_dataset
from geo.io.reader import read_dataset
from geo.model import Dataset


def test_round_trip_gives_the_same_records(
    dataset: Dataset, tmp_path: Path, records: Callable[[Any], Any]
) -> None:
    written = export_dataset(dataset, tmp_path / "out.csv")
    assert [p.name for p in written] == ["out.csv", "out-movements.csv", "out-sources.csv"]
    # An unnamed movement needs a route id in CSV: it is exported as movement-N.
    named = replace(
        dataset, movements=(dataset.movements[0], replace(dataset.movements[1], id="movement-2"))
    )
    assert records(read_dataset(written)) == records(named)


def test_same_bytes_twice(dataset: Dataset, tmp_path: Path) -> None:
    a = export_dataset(dataset, tmp_path / "a.csv")
    b = export_dataset(dataset, tmp_path / "b.csv")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_cells(dataset: Dataset, tmp_path: Path) -> None:
    presence, movements, sources = export_dataset(dataset, tmp_path / "out.csv")
    rows = list(csv.DictReader(presence.open(encoding="utf-8", newline="")))
    assert (rows[0]["date"], rows[0]["end"], rows[0]["source"]) == (
        "2014-10",
        "2015-06",
        "news-2014-11;paper-2017",
    )
    assert rows[0]["strength"].startswith('[{"value":3000,"source":"news-2014-11"}')
    assert (rows[1]["end"], rows[1]["strength"], rows[1]["lon"]) == ("..", "800", "22.125")
    moves = list(csv.DictReader(movements.open(encoding="utf-8", newline="")))
    assert [(r["route"], r["seq"], r["place"]) for r in moves][:3] == [
        ("south", "1", "Sirte"),
        ("south", "2", "Ghat"),
        ("south", "3", "Ubari"),
    ]
    assert "published_inferred" in sources.read_text(encoding="utf-8").splitlines()[0]


def test_formula_like_text_is_guarded_for_spreadsheets(dataset: Dataset, tmp_path: Path) -> None:
    presence, movements, _ = export_dataset(dataset, tmp_path / "out.csv")
    rows = list(csv.DictReader(presence.open(encoding="utf-8", newline="")))
    assert rows[2]["actor"] == '\'=HYPERLINK("http://x.example","y")'
    assert rows[2]["status"] == "'-cells"
    assert rows[2]["lon"] == "13.191" and rows[0]["actor"] == "Islamic State"
    moves = list(csv.DictReader(movements.open(encoding="utf-8", newline="")))
    assert moves[0]["note"] == "''=not a formula, exactly as written"
    back = read_dataset([presence, movements, tmp_path / "out-sources.csv"])
    assert back.presence[2].actor == '=HYPERLINK("http://x.example","y")'
    assert back.movements[0].note == "'=not a formula, exactly as written"
