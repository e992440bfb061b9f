"""``diff_datasets``: records added, changed and removed between two readings, by id."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from geo.diff import diff_datasets
from geo.io.reader import read_dataset


def test_added_changed_removed(acled_csv: Callable[..., Path]) -> None:
    old = read_dataset(
        [
            acled_csv(
                {"event_id_cnty": "XLY1"},
                {"event_id_cnty": "XLY2", "fatalities": "0"},
                {"event_id_cnty": "XLY3", "source": "Radio Three"},
                name="old.csv",
            )
        ]
    )
    new = read_dataset(
        [
            acled_csv(
                {"event_id_cnty": "XLY1"},
                {"event_id_cnty": "XLY2", "fatalities": "4", "sub_event_type": "Air strike"},
                {"event_id_cnty": "XLY4"},
                name="new.csv",
            )
        ]
    )
    found = diff_datasets(old, new)
    assert found.added == [("presence", "XLY4")]
    assert found.removed == [("source", "radio-three"), ("presence", "XLY3")]
    (change,) = found.changed
    assert (change.kind, change.id) == ("presence", "XLY2")
    assert change.fields == {"status": ("armed clash", "air strike"), "fatalities": ("0", "4")}
    assert found.unchanged == 3  # XLY1 and the sources wire-one, daily-two
    assert found.summary().splitlines() == [
        "1 added, 1 changed, 2 removed, 3 unchanged",
        "added: presence XLY4",
        "changed: presence XLY2 (status, fatalities)",
        "removed: source radio-three; presence XLY3",
    ]
    assert found.to_dict()["changed"] == [
        {
            "kind": "presence",
            "id": "XLY2",
            "fields": {
                "status": {"old": "armed clash", "new": "air strike"},
                "fatalities": {"old": "0", "new": "4"},
            },
        }
    ]


def test_the_same_file_is_unchanged_and_records_without_ids_are_counted(
    write: Callable[..., Path],
) -> None:
    text = "place,lat,lon,actor,status,date,id\nA,1,2,G,attack,2016,a1\nB,1,2,G,attack,2016,\n"
    data = read_dataset([write("a.csv", text)])
    found = diff_datasets(data, data)
    assert found.same and found.unchanged == 1 and found.without_id == (1, 1)
    assert (
        found.summary()
        == "0 added, 0 changed, 0 removed, 1 unchanged (1 old and 1 new without an id)"
    )
