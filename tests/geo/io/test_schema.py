"""The one field schema: the format reference, readers and CSV guard follow it."""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from pathlib import Path

import pytest

from geo.io import schema
from geo.io.export import export_dataset
from geo.io.reader import read_dataset
from geo.model import Dataset

DOC = Path(__file__).parents[3] / "docs" / "event-format.md"
FORMULA = '=HYPERLINK("http://x.example","y")'


@pytest.mark.parametrize("kind", list(schema.KINDS))
def test_the_format_reference_shows_the_schema_table(kind: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    found = re.search(
        rf"<!-- generated: schema.field_table\('{kind}'\) -->\n(.*?)<!-- end -->", text, re.S
    )
    assert found is not None, f"no generated {kind} table in {DOC.name}"
    assert found.group(1) == schema.field_table(kind)


@pytest.mark.parametrize("file", list(schema.CSV_FILES))
def test_the_format_reference_lists_the_csv_columns(file: str) -> None:
    assert f"`{schema.csv_help(file)}`" in DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize("file", list(schema.CSV_FILES))
def test_every_exported_csv_column_is_read_back(file: str) -> None:
    accepted = schema.csv_accepted(file)
    assert set(schema.csv_columns(file)) <= set(accepted)
    assert not {n for k in schema.KINDS for n in schema.derived(k)} & set(schema.csv_columns(file))


def test_text_columns_are_the_text_fields_and_never_a_number() -> None:
    assert schema.text_columns("presence") == {
        "id", "place", "gazetteer_id", "actor", "status", "note", "actor2", "event_type",
        "quote",
    }  # fmt: skip
    assert {"route", "gazetteer_id", "place"} <= schema.text_columns("movements")
    assert not {"lat", "lon", "seq", "strength", "date"} & schema.text_columns("movements")


def test_formula_in_any_text_column_is_guarded_and_read_back(
    dataset: Dataset, tmp_path: Path
) -> None:
    """One rule: gazetteer ids and waypoint ids were once written unguarded."""
    p = dataset.presence[0]
    m = dataset.movements[0]
    stops = tuple(
        replace(w, place=replace(w.place, name=FORMULA, gazetteer_id="+" + FORMULA))
        for w in m.waypoints
    )
    data = replace(
        dataset,
        presence=(replace(p, place=replace(p.place, gazetteer_id=FORMULA), id="@id"),),
        movements=(replace(m, waypoints=stops, id="-route", note=FORMULA),),
    )
    files = export_dataset(data, tmp_path / "out.csv")
    for path, file in zip(files, schema.CSV_FILES, strict=True):
        rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
        columns = schema.text_columns(file)
        for row in rows:
            for column, cell in row.items():
                assert not re.match(r"[=+\-@]", cell), (path.name, column, cell)
                if column not in columns:
                    assert not cell.startswith("'"), (path.name, column, cell)
    presence, movements, _ = files
    (row,) = csv.DictReader(presence.open(encoding="utf-8", newline=""))
    assert (row["gazetteer_id"], row["id"]) == ("'" + FORMULA, "'@id")
    route = next(csv.DictReader(movements.open(encoding="utf-8", newline="")))
    assert (route["route"], route["gazetteer_id"]) == ("'-route", "'+" + FORMULA)
    back = read_dataset(files)
    assert back.presence[0].place.gazetteer_id == FORMULA and back.presence[0].id == "@id"
    assert back.movements[0].id == "-route"
    assert back.movements[0].waypoints[1].place.gazetteer_id == "+" + FORMULA
    assert back.movements[0].waypoints[0].place.name == FORMULA


def test_the_records_serialise_in_schema_order(dataset: Dataset) -> None:
    """KML's ExtendedData and every export start from these dicts."""
    from geo.io.serialize import movement_fields, presence_fields, source_fields, waypoint_fields

    def stored(kind: str) -> list[str]:
        fields = schema.KINDS[kind]
        return [f.name for f in fields if not f.derived and not f.flat_only and not f.review]

    assert list(presence_fields(dataset.presence[0])) == stored("presence")
    m = dataset.movements[0]
    assert [*movement_fields(m), "waypoints"] == stored("movement")
    assert list(waypoint_fields(m)[0]) == stored("waypoint")
    assert list(source_fields(next(iter(dataset.sources.values())))) == stored("source")
