"""Reading CSV event files: presence, movements and sources, and every bad input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from geo.io import read_csv as read_csv_module
from geo.io.reader import load_dataset, read_dataset
from geo.model import Mode, Strength

HEADER = "place,lat,lon,date,end,actor,status,strength,source,note\n"
SOURCES = "id,outlet,title,published\nnews-1,News,A headline,2015-06\npaper-2,Paper,,2016\n"
ROWS = (
    "Derna,,,2014-10,2015-06,Islamic State,control,800,news-1,first\n"
    'Camp,32.5,22.1,2015,..,Islamic State,training camp,4000-6000,"news-1;paper-2","a, b"\n'
)


def _problems(paths: list[Path]) -> list[tuple[int | None, str | None, str]]:
    _, problems = load_dataset(paths)
    return [(p.line, p.field, p.message) for p in problems]


def test_presence_csv_with_sources_csv(write: Callable[..., Path]) -> None:
    data = read_dataset([write("p.csv", HEADER + ROWS), write("s.csv", SOURCES)])
    derna, camp = data.presence
    assert derna.place.name == "Derna" and derna.place.point is None
    assert (str(derna.span.start), str(derna.span.end), derna.line) == ("2014-10", "2015-06", 2)
    assert derna.estimates[0].strength == Strength(800, 800)
    assert camp.place.point is not None and camp.place.point.lon == 22.1
    assert camp.span.end is None
    assert camp.sources == ("news-1", "paper-2") and camp.note == "a, b"
    assert str(data.sources["news-1"].published) == "2015-06"


def test_a_byte_order_mark_is_accepted(write: Callable[..., Path]) -> None:
    path = write("bom.csv", ("\ufeff" + HEADER + ROWS).encode("utf-8"))
    data = read_dataset([path, write("s.csv", SOURCES)])
    assert len(data.presence) == 2


def test_quoted_newlines_keep_line_numbers(write: Callable[..., Path]) -> None:
    rows = 'Derna,,,2014,,IS,control,,news-1,"two\nlines"\nSirte,,,2016-13,,IS,control,,news-1,\n'
    problems = _problems([write("q.csv", HEADER + rows), write("s.csv", SOURCES)])
    assert problems == [(4, "date", "'2016-13' is not a valid date (month must be in 1..12)")]


MOVES = (
    "route,seq,place,lat,lon,date,mode,actor,source,note\n"
    "south,2,Ghat,,,,overland,Islamic State,paper-2,\n"
    "south,1,Sirte,,,2016-12,,Islamic State,paper-2,escape\n"
    "air,1,Istanbul,41.01,28.95,2017,,Islamic State,news-1,\n"
    "south,3,Ubari,,,2017,overland,,,\n"
    "air,2,Athens,37.98,23.73,2017,air,Islamic State,news-1,\n"
)


def test_movements_csv_groups_rows_by_route_and_orders_by_seq(write: Callable[..., Path]) -> None:
    data = read_dataset([write("m.csv", MOVES), write("s.csv", SOURCES)])
    south, air = data.movements
    assert south.id == "south" and [w.place.name for w in south.waypoints] == [
        "Sirte",
        "Ghat",
        "Ubari",
    ]
    assert [w.line for w in south.waypoints] == [3, 2, 5]
    assert south.note == "escape" and south.sources == ("paper-2",)
    assert (str(south.span.start), str(south.span.end)) == ("2016-12", "2017")
    assert air.modes == (Mode.AIR,) and air.waypoints[1].place.point is not None


BAD = [
    (HEADER.replace(",", ";") + ROWS.replace(",", ";"), 1, "header", "uses ';' as separator"),
    (HEADER.replace(",", "\t"), 1, "header", "uses tabs"),
    (HEADER.replace("note", "colour"), 1, "header", "unknown column 'colour'"),
    ("place,lat,lon,date\nDerna,,,2015\n", 1, "header", "missing column actor, status"),
    (HEADER + ROWS.replace("2014-10", "2016-13"), 2, "date", "not a valid date"),
    (HEADER + ROWS.replace("2014-10,2015-06", "2015-06,2014-10"), 2, "end", "before start"),
    (HEADER + ROWS.replace(",800,", ",-5,"), 2, "strength", "negative"),
    (HEADER + ROWS.replace("32.5", "95"), 3, "lat", "outside -90..90"),
    (HEADER + ROWS.replace("22.1", ""), 3, "lon", "lat and lon go together"),
    (HEADER + ROWS.replace("news-1,first", "nobody,first"), 2, "sources", "'nobody' is not"),
    (HEADER + ROWS.replace(",control,", ",,"), 2, "status", "required"),
    (HEADER + "Derna,,,2015\n", 2, "row", "has 4 cells, the header has 10"),
    (HEADER + ",,,2015,,IS,control,,news-1,\n", 2, "place", "give a place name or lat and lon"),
    ("", 1, "file", "empty"),
    ("\n\n  \n", 1, "file", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100), 1, "file", "binary file"),
    (
        HEADER.encode() + "Dérna,,,2015,,IS,control,,news-1,\n".encode("latin-1"),
        2,  # the line of the bad byte (issue 10)
        "file",
        "not UTF-8",
    ),
    (MOVES.replace("south,1,", "south,2,"), 3, "seq", "seq 2 of route 'south' repeats"),
    (MOVES.replace("south,2,Ghat", "south,x,Ghat"), 2, "seq", "not a whole number"),
    (MOVES.replace("2016-12", "2018"), 5, "date", "before the previous waypoint"),
    (MOVES.replace("overland,,,", "overland,Someone,,"), 5, "actor", "differs from line 2"),
    (MOVES.replace(",air,", ",rocket,"), 6, "mode", "not one of"),
    (SOURCES.replace("2015-06", "June"), 2, "published", "not a date"),
    (SOURCES.replace("news-1,News", "news-1,"), 2, "outlet", "required"),
]


@pytest.mark.parametrize(("content", "line", "field", "message"), BAD, ids=range(len(BAD)))
def test_each_bad_input_gives_file_line_field(
    write: Callable[..., Path], content: str | bytes, line: int, field: str, message: str
) -> None:
    path = write("bad.csv", content)
    problems = _problems(
        [path, write("s.csv", SOURCES)] if "outlet" not in str(content) else [path]
    )
    assert any(p[0] == line and p[1] == field and message in p[2] for p in problems), problems


def test_all_rows_are_checked_in_one_run(write: Callable[..., Path]) -> None:
    rows = "".join(f"Derna,,,2016-{m:02d},,IS,control,,news-1,\n" for m in range(1, 16))
    problems = _problems([write("p.csv", HEADER + rows), write("s.csv", SOURCES)])
    assert [p[0] for p in problems] == [14, 15, 16]  # months 13, 14, 15


def test_a_huge_line_fails_without_reading_the_file_whole(
    write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read_csv_module, "MAX_LINE", 1000)
    path = write("long.csv", HEADER + "Derna," + "x" * 5000 + "\n")
    assert _problems([path]) == [
        (2, "file", "a line longer than 1,000 characters; not a CSV of records")
    ]


def test_a_one_gigabyte_binary_file_fails_at_once(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as fh:
        fh.truncate(1 << 30)  # sparse: a 1 GB file of zero bytes, written instantly
    assert _problems([path]) == [
        (1, "file", "a binary file, not text; geo reads YAML, CSV, GeoJSON, GeoPackage or XLSX")
    ]


def test_problems_stop_at_the_limit(
    write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("geo.io.problems.MAX_PROBLEMS", 5)
    rows = "Derna,,,2016-13,,IS,control,,news-1,\n" * 50
    problems = _problems([write("p.csv", HEADER + rows), write("s.csv", SOURCES)])
    assert len(problems) == 6
    assert problems[-1] == (6, None, "stopped reading after 5 problems")
