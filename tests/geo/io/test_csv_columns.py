"""Presence CSV files read column by column give what the row reader gives: the same
records, the same problems at the same lines, the same notices, the same digest; and the
files the column reader cannot number by line go to the row reader whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from geo.io import csv_columns, csv_table
from geo.io.options import ReadOptions
from geo.io.reader import digest_files

HEAD = "id,place,lat,lon,date,end,actor,status,precision,source,strength,note,fatalities\n"
GOOD = [
    "e1,Derna,,,2015-06,,IS,control,,news-1,800,first,",
    'e2,Camp,32.5,22.1,2015,..,IS,training camp,near,news-1;paper-2,4000-6000,"a, b",2',
    "e3,Derna,,,2015-07,,IS,Control,region,paper-2,,,",
    "e4,Sirte,31.2,16.6,2016-02-30,,IS,attack,,news-1,,,",  # not a date
    "e5,Sirte,31.2,16.6,2016-03,,,attack,,news-1,,,",  # no actor
    "e1,Ghat,,,2016,,AQIM,presence,,nobody,,,",  # repeated id, undefined source
    "e7,Ubari,95,10,2016,,AQIM,presence,,news-1,,,",  # lat out of range
    "e8,Ubari,25,10,2016,2015,AQIM,presence,,news-1,,,",  # end before start
    "e9,Ubari,25,10,2016,,AQIM,presence,,news-1,,ctl \x07 char,",  # unwritable note
    "e10,Derna,,,2015-06,,IS,control,somewhere,news-1,-5,,x",  # three bad cells
    "e11,Ubari,25,10,2016,,AQIM,presence,,Reuters; Libya Herald,,'=1+2,",  # guarded cell
    "e12,Derna,,,2015-06,,IS,control,,news-1,800,first,",
    'e13,Derna,,,2015-06,,IS,control,,news-1,"[{""value"": 30, ""source"": ""gone""}]",,',
]
SOURCES = "id,outlet\nnews-1,News\npaper-2,Paper\n"


def _read(paths: list[Path], options: ReadOptions | None = None) -> tuple[Any, ...]:
    data, digest, problems = digest_files(paths, options or ReadOptions(), keep=True)
    said = [(p.file, p.line, p.field, p.message) for p in problems]
    cited = [(k, u.file, u.line, u.count) for k, u in digest.cited.items()]
    mentions = [(k, u.file, u.line, u.count) for k, u in digest.mentions.items()]
    return data, said, cited, mentions, digest.presence, (options or ReadOptions()).notices


@pytest.fixture
def both(monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[Any, Any]]:
    """Read files by columns (checking that it did), then again by rows."""

    def run(paths: list[Path], options: Callable[[], ReadOptions] = ReadOptions) -> Any:
        calls: list[int] = []
        real = csv_columns.build

        def spy(*args: Any, **kwargs: Any) -> Any:
            calls.append(1)
            return real(*args, **kwargs)

        with monkeypatch.context() as m:
            m.setattr(csv_columns, "build", spy)
            by_columns = _read(paths, options())
        assert calls, "the column reader was not used"
        with monkeypatch.context() as m:  # in parts of two rows: the same in every respect
            m.setattr(csv_table, "ROWS_PER_PART", 2)
            m.setattr(csv_columns, "build", spy)
            calls.clear()
            assert _read(paths, options()) == by_columns
        assert len(calls) >= 2, "the file was not read in parts"

        def refuse(*args: Any) -> Any:
            raise csv_table.RowsNeeded

        with monkeypatch.context() as m:
            m.setattr(csv_table, "read_table", refuse)
            by_rows = _read(paths, options())
        return by_columns, by_rows

    return run


def test_records_problems_and_digest_are_the_row_readers(
    write: Callable[..., Path], both: Callable[..., Any]
) -> None:
    paths = [write("p.csv", HEAD + "\n".join(GOOD) + "\n"), write("s.csv", SOURCES)]
    by_columns, by_rows = both(paths)
    assert by_columns == by_rows
    data, said = by_columns[0], by_columns[1]
    assert [p.id for p in data.presence] == ["e1", "e2", "e3", "e1", "e11", "e12", "e13"]
    assert data.presence[4].note == "=1+2"  # unguarded, as the row reader does
    assert [s[1] for s in said] == [5, 6, 7, 7, 8, 9, 10, 11, 11, 11, 12, 12, 14]


def test_outlet_names_make_the_same_sources(
    write: Callable[..., Path], both: Callable[..., Any]
) -> None:
    rows = [r.replace("news-1;paper-2", '"Wire;Paper, 12 Jan 2016"').replace("paper-2", "Paper")
            for r in GOOD]  # fmt: skip
    rows = [r.replace(",news-1,", ",News,") for r in rows]
    by_columns, by_rows = both([write("p.csv", HEAD + "\n".join(rows) + "\n")])
    assert by_columns == by_rows
    assert list(by_columns[0].sources) == ["news", "wire", "paper", "reuters", "libya-herald"]


def test_acled_export(acled_csv: Callable[..., Path], both: Callable[..., Any]) -> None:
    events = [
        {"event_id_cnty": "A1"},
        {"event_id_cnty": "A2", "time_precision": "4"},
        {"event_id_cnty": "A3", "event_date": "2016-05-13", "time_precision": "2"},
        {"event_id_cnty": "A4", "iso": "999", "geo_precision": "7"},
        {"event_id_cnty": "A1", "source": "Wire One; Other Paper", "fatalities": "x"},
        {"event_id_cnty": "A6", "event_date": "15 May 2016", "time_precision": "3"},
        {"event_id_cnty": "A7", "latitude": "91"},
    ]
    by_columns, by_rows = both([acled_csv(*events)])
    assert by_columns == by_rows
    assert [p.id for p in by_columns[0].presence] == ["A1", "A3", "A6"]


def test_a_mapped_spreadsheet(write: Callable[..., Path], both: Callable[..., Any]) -> None:
    text = (
        "Location,Event date,Group,What,Lat,Lon\n"
        "Derna,12/05/2016,IS,control,32°45'N,22°38'E\n"
        "Sirte,31/05/2016,IS,control,31.2,16.6\n"
        "Ghat,01/06/2016,AQIM,presence,x,10\n"
        "Derna,13/05/2016,IS,attack,32°45'N,22°38'E\n"
    )
    path = write("sheet.csv", text)
    by_columns, by_rows = both([path], lambda: ReadOptions(dayfirst=True))
    assert by_columns == by_rows
    assert len(by_columns[0].presence) == 3 and by_columns[5]  # the guessed mapping, said


def test_reading_stops_at_the_problem_limit_as_the_row_reader_does(
    write: Callable[..., Path], both: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("geo.io.problems.MAX_PROBLEMS", 4)
    rows = [f"x{i},Place {i},,,2016-13,,IS,control,,Outlet {i},,," for i in range(8)]
    rows.insert(1, "ok,Derna,,,2015,,IS,control,,Outlet 1,,,")
    by_columns, by_rows = both([write("p.csv", HEAD + "\n".join(rows) + "\n")])
    assert by_columns == by_rows
    assert by_columns[1][-1][3] == "stopped reading after 4 problems"
    # the row that reached the limit was read whole: its outlet counts, the next ones not
    assert list(by_columns[0].sources) == ["outlet-0", "outlet-1", "outlet-2", "outlet-3"]


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (b"a,b\n1,2\n3,4\n", 3),
        (b"a,b\r\n1,2\r\n3,4", 3),
        (b'a,b\n"1,x",2\n"say ""hi""",4\n', 3),
        (b"a,b\n1,2\n\n3,4\n", None),  # a blank line
        (b'a,b\n"1\nx",2\n', None),  # a line break inside quotes
        (b'a,b\n1,"2\n', None),  # a quote left open
        (b'a,b\n"1"x,2\n', None),  # text after a closing quote
        (b'a,b\n1"x,2\n', None),  # a quote inside a cell
        (b"a,b\r1,2\r", None),  # CR alone
        ("a,b\n1,é\n".encode("latin-1"), None),  # not UTF-8
        (b"a,b\n1," + b"x" * 200 + b"\n", None),  # a line at the cap (100 here)
    ],
)
def test_which_files_are_numbered_by_row(text: bytes, lines: int | None) -> None:
    starts = csv_table._lines_are_rows(np.frombuffer(text, dtype=np.uint8), 100)
    assert (None if starts is None else len(starts)) == lines


def test_files_the_columns_cannot_number_go_to_the_row_reader(write: Callable[..., Path]) -> None:
    rows = (
        'e1,Derna,,,2014,,IS,control,,news-1,,"two\nlines",\ne2,Sirte,,,2016-13,,IS,x,,news-1,,,\n'
    )
    _, _, problems = digest_files([write("q.csv", HEAD + rows), write("s.csv", SOURCES)],
                                  keep=False)  # fmt: skip
    assert [(p.line, p.field) for p in problems] == [(4, "date")]


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("a,b\tc\r\n1,é\n", True),
        ("a,b\n1,\x07\n", False),  # a control character
        ("a,b\n1,x\ufffe\n", False),  # a non-character
        ("a,b\n1,x\uffef\n", True),
    ],
)
def test_plain_text_needs_no_look_at_each_cell(text: str, plain: bool) -> None:
    assert csv_table._plain(np.frombuffer(text.encode(), dtype=np.uint8)) is plain
