"""geo/record_runs.py: records read as columns are the records a tuple would hold, made
only when asked for."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from geo.io.reader import load_dataset
from geo.model import Dataset, Place, Presence
from geo.points import Point
from geo.record_runs import RecordRuns, any_field, runs
from geo.timespan import TimeSpan

HEADER = "id,place,lat,lon,date,actor,status,source,note\n"
ROWS = [
    "a1,Sirte,31.2,16.6,2015-06-01,IS,control,Libya Herald,held the port",
    "a2,Derna,32.76,22.64,2015-03,IS,presence,Reuters,",
    "a3,Sirte,31.2,16.6,2016-01-01,GNA,attack,Reuters;AP,",
]


def _read(tmp_path: Path) -> Dataset:
    (tmp_path / "e.csv").write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    data, problems = load_dataset([tmp_path / "e.csv"])
    assert not problems
    return data


def _record(name: str) -> Presence:
    return Presence(Place(name, Point(1.0, 2.0)), "IS", "control", TimeSpan())


def test_a_csv_s_records_stay_columns_until_asked_for(tmp_path: Path) -> None:
    data = _read(tmp_path)
    records = data.presence
    assert isinstance(records, RecordRuns)
    assert [(r, b is not None) for r, b in records.runs()] == [(None, True)]
    assert len(records) == 3 and records
    assert records[-1].status == "attack" and records[-1].sources
    ((made, batch),) = records.runs()
    assert made is not None and batch is not None  # made once, then kept
    assert records[0] is made[0] and next(iter(records)) is made[0]
    assert [p.line for p in records] == [2, 3, 4]
    assert records[0].note == "held the port" and records[1].id == "a2"
    with pytest.raises(IndexError):
        records[3]
    with pytest.raises(IndexError):
        records[-4]


def test_the_runs_equal_the_tuple_of_their_records(tmp_path: Path) -> None:
    data = _read(tmp_path)
    fresh = _read(tmp_path)
    assert data.presence == tuple(fresh.presence)
    assert tuple(fresh.presence) == data.presence
    assert data == dataclasses.replace(fresh, presence=tuple(fresh.presence))
    assert hash(data.presence) == hash(tuple(fresh.presence))
    assert data.presence[1:] == tuple(fresh.presence)[1:]
    assert data.presence != tuple(fresh.presence)[:2]
    assert data.presence != list(fresh.presence)  # a list is not a tuple, as for tuples
    assert pickle.loads(pickle.dumps(data.presence)) == data.presence


def test_runs_of_records_and_of_columns_keep_their_order(tmp_path: Path) -> None:
    data = _read(tmp_path)
    assert isinstance(data.presence, RecordRuns)
    ((_, batch),) = data.presence.runs()
    assert batch is not None
    first, last = _record("Ubari"), _record("Ghat")
    mixed = RecordRuns([[first], (), batch, (last,)])
    assert len(mixed) == 5
    assert [p.place.name for p in mixed] == ["Ubari", "Sirte", "Derna", "Sirte", "Ghat"]
    assert mixed[4] is last and mixed[1] == data.presence[0]
    assert runs((first,)) == [((first,), None)] and runs(()) == []


def test_any_field_answers_from_the_columns(tmp_path: Path) -> None:
    data = _read(tmp_path)
    assert not any_field(data.presence, "area")
    assert any_field(data.presence, "note") and any_field(data.presence, "sources")
    assert not any_field(data.presence, "fatalities")
    ((made, _),) = data.presence.runs()  # type: ignore[attr-defined]
    assert made is None, "asking made no records"
    assert any_field((_record("Ubari"),), "actor")
    assert not any_field((_record("Ubari"),), "note")
    with pytest.raises(AttributeError):
        any_field(data.presence, "colour")
