"""maps/fields.py: a CSV's columns as the reader made them give the payload a walk over
the records gives, and records that are not a read run are walked."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from geo.io.reader import load_dataset
from geo.model import Dataset, Place
from geo.points import Point
from geo.record_runs import RecordRuns
from maps.columns import Strings
from maps.data import build_payload, script_json
from maps.fields import Field, Fields, _in_order

HEADER = "id,place,lat,lon,date,actor,status,precision,source,strength,event_type,fatalities\n"
ROWS = [
    "a1,Sirte,31.2,16.6,2015-06-01,IS,control,exact,s1;s2,100-200,Battles,3",
    "a2,Derna,32.76,22.64,2015-03,IS,presence,near,s2,,Riots,0",
    "a3,Sirte,31.2,16.6,2016-01-01,GNA,attack,exact,s1,,Battles,",
    "a4,Ghat,24.96,10.17,2016,IS,cells,region,s3,50,,1",
    "a5,Derna,32.76,22.64,2015-03,Ansar,control,near,s2;s3,,Riots,12",
]
SOURCES = "sources:\n" + "".join(
    f"  - {{id: s{k}, outlet: Outlet {k}, published: 2016}}\n" for k in (1, 2, 3)
)


def _read(tmp_path: Path, rows: list[str]) -> Dataset:
    (tmp_path / "e.csv").write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text(SOURCES, encoding="utf-8")
    data, problems = load_dataset([tmp_path / "e.csv", tmp_path / "s.yaml"])
    assert not problems
    return data


@pytest.mark.parametrize("by", ["status", "actor", "type", "period"])
def test_the_reader_s_columns_give_the_payload_of_the_records(tmp_path: Path, by: str) -> None:
    data = _read(tmp_path, [f"r{k}{row[2:]}" for k, row in enumerate(ROWS * 3)])
    assert isinstance(data.presence, RecordRuns), "the CSV was read column by column"
    fields = Fields(data)
    assert [(r, b is not None) for r, b in fields.runs] == [(None, True)]
    walked = dataclasses.replace(data, presence=tuple(data.presence))
    assert [b is None for _, b in Fields(walked).runs] == [True]
    assert script_json(build_payload(data, by)) == script_json(build_payload(walked, by))


def test_a_run_of_columns_is_read_whole_after_its_records_were_made(tmp_path: Path) -> None:
    data = _read(tmp_path, ROWS)
    before = script_json(build_payload(data))
    assert data.presence[1].place.name == "Derna"  # makes the run's records
    ((records, batch),) = Fields(data).runs
    assert records is not None and batch is not None
    assert script_json(build_payload(data)) == before


def test_records_changed_since_they_were_read_are_walked(tmp_path: Path) -> None:
    data = _read(tmp_path, ROWS)
    moved = dataclasses.replace(data.presence[1], place=Place("Tobruk", point=Point(32.08, 23.96)))
    changed = dataclasses.replace(data, presence=(data.presence[0], moved, *data.presence[2:]))
    assert [b is None for _, b in Fields(changed).runs] == [True]
    assert "Tobruk" in build_payload(changed)["tables"]["place"]


def test_records_before_and_after_a_read_run_are_walked(tmp_path: Path) -> None:
    data = _read(tmp_path, ROWS)
    assert isinstance(data.presence, RecordRuns)
    ((_, batch),) = data.presence.runs()
    assert batch is not None
    extra = dataclasses.replace(data.presence[0], place=Place("Ubari", point=Point(26.59, 12.77)))
    mixed = dataclasses.replace(data, presence=RecordRuns([[extra], batch, (extra,)]))
    runs = Fields(mixed).runs
    assert [(len(r or ()), b is not None) for r, b in runs] == [(1, False), (0, True), (1, False)]
    assert script_json(build_payload(mixed)) == script_json(
        build_payload(dataclasses.replace(mixed, presence=tuple(mixed.presence)))
    )


def test_values_are_renumbered_to_the_order_of_their_first_record() -> None:
    # a batch that dropped the rows with problems keeps their values: "b" has no record,
    # and "c" now comes first
    got = _in_order(["a", "b", "c"], np.array([2, 0, 2, 0]))
    assert got.values == ["c", "a"]
    assert got.codes.tolist() == [0, 1, 0, 1]
    same = _in_order(["a", "b"], np.array([0, 0, 1]))
    assert same.values == ["a", "b"] and same.codes.tolist() == [0, 0, 1]


def test_flat_lists_follow_the_records() -> None:
    field = Field(["x", "y", "z"], np.array([2, 0, 1, 2, 1]))
    made = [[1, 2], [], [7]]
    index, counts = field.flat(made)
    items = [i for m in made for i in m]
    assert [items[i] for i in index.tolist()] == [7, 1, 2, 7]
    assert counts.tolist() == [1, 2, 0, 1, 0]
    assert field.flat([[], [], []])[0].tolist() == []


def test_items_are_numbered_as_the_record_order_list_meets_them() -> None:
    field = Field(["x", "y"], np.array([0, 1, 0]))  # values in order of first record
    items, counts = field.items([["q", "r"], ["p", "q"]])
    assert counts.tolist() == [2, 2, 2]
    table = Strings()
    assert items.numbered(table, str).tolist() == [1, 2, 3, 1, 1, 2]
    assert table.table == ["", "q", "r", "p"]  # as walked: q r, p q, q r
    assert items.column(len).tolist() == [1] * 6
