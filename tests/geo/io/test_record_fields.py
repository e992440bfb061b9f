"""The fields of issue 12 (second actor, event type, fatalities, the dataset's quoted text,
Admiralty grades) in every reader and export, byte-identical through a round trip."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geo.errors import ValidationErrors
from geo.io.export import export_dataset
from geo.io.reader import read_dataset
from geo.model import Dataset, Estimate, Strength


def test_the_fixture_carries_the_new_fields(dataset: Dataset) -> None:
    first, second = dataset.presence[0], dataset.presence[1]
    assert first.actor2 == "Libyan National Army"
    assert first.event_type == "Battles"
    assert first.fatalities == (
        Estimate(Strength(12, 12), "news-2014-11"),
        Estimate(Strength(10, 15), "paper-2017"),
    )
    assert first.quote.startswith("=the dataset's <i>words</i>")
    assert first.credibility == 2
    assert second.fatalities == (Estimate(Strength(0, 0)),)
    assert second.credibility is None and second.actor2 == ""
    assert dataset.sources["news-2014-11"].reliability == "B"
    assert dataset.sources["paper-2017"].reliability == ""


@pytest.mark.parametrize("suffix", [".csv", ".geojson", ".gpkg"])
def test_export_read_export_gives_the_same_bytes(
    dataset: Dataset, tmp_path: Path, suffix: str, records: Callable[[Any], Any]
) -> None:
    first = export_dataset(dataset, tmp_path / f"a{suffix}")
    again = read_dataset(first)
    assert records(again)[0] == records(dataset)[0]  # presence, every new field kept
    second = export_dataset(again, tmp_path / f"b{suffix}")
    if suffix == ".gpkg":  # SQLite pages hold the file name nowhere: compare the bytes
        assert first[0].read_bytes() == second[0].read_bytes()
    else:
        assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_kml_marks_the_quote_as_quoted_and_escapes_it(dataset: Dataset, tmp_path: Path) -> None:
    (out,) = export_dataset(dataset, tmp_path / "a.kml")
    text = out.read_text(encoding="utf-8")
    assert "quoted from the dataset: “=the dataset&amp;#x27;s &amp;lt;i&amp;gt;words" in text
    assert "<i>words" not in text
    assert "fatalities: 12 (news-2014-11); 10-15 (paper-2017)" in text
    assert "second actor: Libyan National Army" in text
    assert "reliability B" in text


def test_csv_guards_a_formula_like_quote(dataset: Dataset, tmp_path: Path) -> None:
    presence, *_ = export_dataset(dataset, tmp_path / "a.csv")
    assert "'=the dataset's" in presence.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("cells", "field", "what"),
    [
        ("credibility: 7", "credibility", "not a credibility grade (1 to 6)"),
        ("credibility: B", "credibility", "not a credibility grade"),
        ("fatalities: -3", "fatalities", "cannot be negative"),
        ("fatalities: many", "fatalities", "is not a number"),
    ],
)
def test_bad_grades_and_figures(
    write: Callable[..., Path], cells: str, field: str, what: str
) -> None:
    path = write(
        "e.yaml",
        f"presence:\n  - {{place: Derna, actor: A, status: attack, date: 2016, {cells}}}\n",
    )
    with pytest.raises(ValidationErrors) as err:
        read_dataset([path])
    (problem,) = err.value.problems
    assert (problem.line, problem.field) == (2, field)
    assert what in problem.message


def test_a_bad_reliability(write: Callable[..., Path]) -> None:
    path = write("s.csv", "id,outlet,reliability\nafp-1,AFP,G\n")
    with pytest.raises(ValidationErrors) as err:
        read_dataset([path])
    (problem,) = err.value.problems
    assert (problem.line, problem.field) == (2, "reliability")
    assert problem.message == "'G' is not a reliability grade (A to F)"
