"""Spreadsheets through a column mapping: explicit, from a file, or guessed and announced;
dates with --dayfirst, DMS and MGRS coordinates, XLSX workbooks, free-text sources."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from geo.errors import InputError, ValidationErrors
from geo.io import cells
from geo.io.mapping import guess, parse_map, parse_map_file
from geo.io.options import ReadOptions
from geo.io.reader import load_dataset, read_dataset
from geo.points import Point

SHEET = """\
Location,Event date,Group,What,Killed,Outlet
Town A,2016-05-12,Militia A,attack,2,Wire One
Town B,12 May 2016,Militia B,control,,"Daily Two, 12 Jan 2016; Wire One"
"""


def test_a_guessed_mapping_is_announced(write: Callable[..., Path]) -> None:
    options = ReadOptions()
    data, problems = load_dataset([write("s.csv", SHEET)], options)
    assert problems == []
    assert [(p.place.name, p.actor, p.status) for p in data.presence] == [
        ("Town A", "Militia A", "attack"),
        ("Town B", "Militia B", "control"),
    ]
    assert {p.span.first_day for p in data.presence} == {date(2016, 5, 12)}
    assert data.presence[0].fatalities[0].strength.low == 2
    assert data.presence[1].sources == ("daily-two", "wire-one")
    assert options.notices[0].endswith(
        '/s.csv: guessed the columns: --map \'place=Location,date="Event date",actor=Group,'
        "status=What,source=Outlet,fatalities=Killed'; confirm or correct it with"
        " --map or --map-file"
    )
    assert options.notices[1] == "made 2 sources from outlet names (the dataset defines none)"


def test_an_explicit_mapping_wins_and_the_rest_is_guessed(write: Callable[..., Path]) -> None:
    text = SHEET.replace("What", "Kind").replace(",Killed,", ",Victims,")
    options = ReadOptions(mapping={"status": "Kind", "note": "Victims"})
    data = read_dataset([write("s.csv", text)], options)
    assert data.presence[0].status == "attack"
    assert data.presence[0].note == "2" and data.presence[0].fatalities == ()


def test_a_mapping_names_columns_in_any_case_and_spacing(write: Callable[..., Path]) -> None:
    options = ReadOptions(mapping={"date": "event_DATE", "status": "what"})
    assert len(read_dataset([write("s.csv", SHEET)], options).presence) == 2


def test_an_exact_geo_header_is_read_as_ever(write: Callable[..., Path]) -> None:
    options = ReadOptions()
    text = "place,lat,lon,actor,status,date\nX,1,2,A,control,2016\n"
    assert len(read_dataset([write("a.csv", text)], options).presence) == 1
    assert options.notices == []


def test_a_geo_header_with_a_typo_is_still_an_error(write: Callable[..., Path]) -> None:
    text = "place,lat,lon,actor,status,date,notes\nX,1,2,A,control,2016,n\n"
    with pytest.raises(ValidationErrors) as err:
        read_dataset([write("a.csv", text)])
    assert "unknown column 'notes'" in err.value.problems[0].message
    assert "or map it with --map FIELD=COLUMN" in err.value.problems[0].message


@pytest.mark.parametrize(
    ("text", "out"),
    [
        (
            'place=Location,date="Event date",actor=Group',
            {"place": "Location", "date": "Event date", "actor": "Group"},
        ),
        ("place=Location, sources = Outlet", {"place": "Location", "source": "Outlet"}),
    ],
)  # fmt: skip
def test_parse_map(text: str, out: dict[str, str]) -> None:
    assert parse_map(text) == out


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("plase=Location", "'plase' is not a field (did you mean place?"),
        ("place", "not FIELD=COLUMN"),
    ],
)  # fmt: skip
def test_parse_map_refuses(text: str, what: str) -> None:
    with pytest.raises(InputError) as err:
        parse_map(text)
    assert what in err.value.message and err.value.field == "--map"


def test_a_mapping_file() -> None:
    text = '# ours\nplace = Location\ndate: "Event date"\n\nactor=Group  # who\n'
    assert parse_map_file(text, "m.txt") == {
        "place": "Location",
        "date": "Event date",
        "actor": "Group",
    }
    with pytest.raises(InputError) as err:
        parse_map_file("place = Location\nwhen = Date\n", "m.txt")
    assert (err.value.file, err.value.line, err.value.field) == ("m.txt", 2, "when")


def test_guess_prefers_own_names_then_synonyms() -> None:
    assert guess(["Date", "Start date", "Latitude", "Longitude", "MGRS", "Town"]) == {
        "date": "Date",
        "place": "Town",
        "lat": "Latitude",
        "lon": "Longitude",
    }
    assert guess(["Grid ref", "Actor", "Status", "Day"]) == {
        "actor": "Actor",
        "status": "Status",
        "coords": "Grid ref",
        "date": "Day",
    }


@pytest.mark.parametrize(
    ("cell", "dayfirst", "out"),
    [
        ("05/04/2016", False, "2016-05-04"),
        ("05/04/2016", True, "2016-04-05"),
        ("13.05.2016", True, "2016-05-13"),
        ("May 12, 2016", False, "2016-05-12"),
        ("12 Sept 2016", False, "2016-09-12"),
        ("March 2016", False, "2016-03"),
        ("2016-05-12T10:30:00Z", False, "2016-05-12"),
        ("2016", False, "2016"),
    ],
)
def test_dates(cell: str, dayfirst: bool, out: str) -> None:
    assert cells.iso_date(cell, dayfirst) == out


def _by_strptime(text: str) -> str | None:
    """What the written forms give when strptime reads each in turn (the slow path)."""
    text = " ".join(text.split())
    for form, precision in cells._WRITTEN:
        try:
            day = datetime.strptime(cells._SEPT.sub("Sep", text.replace(".", "")), form).date()
        except ValueError:
            continue
        return day.isoformat() if precision == "day" else day.isoformat()[:7]
    return None


_FORMS = ("{d} {m} {y}", "{m} {d}, {y}", "{m} {d} {y}", "{d}-{m}-{y}", " {d}  {m} {y}")


def test_written_days_read_without_strptime_as_strptime_reads_them() -> None:
    months = [*calendar.month_name[1:], *calendar.month_abbr[1:], "SEPT", "may", "Mayy", "Sep."]
    for month in months:
        for day in ("1", "01", "29", "30", "31", "0", "32"):
            for year in ("2016", "2015"):
                forms = (
                    "{d} {m} {y}",
                    "{m} {d}, {y}",
                    "{m} {d} {y}",
                    "{d}-{m}-{y}",
                    " {d}  {m} {y}",
                )
                for cell in (form.format(d=day, m=month, y=year) for form in forms):
                    try:
                        got: str | None = cells.iso_date(cell)
                    except InputError:
                        got = None
                    assert got == _by_strptime(cell), cell


def test_dayfirst_through_the_reader(write: Callable[..., Path]) -> None:
    text = "Location,Date,Group,Status\nA,13/05/2016,G,attack\n"
    with pytest.raises(ValidationErrors) as err:
        read_dataset([write("s.csv", text)])
    assert str(err.value.problems[0]).endswith(
        "s.csv:2: Date: '13/05/2016' is not a date as mm/dd/yyyy; give --dayfirst for dd/mm/yyyy"
    )
    data = read_dataset([write("s.csv", text)], ReadOptions(dayfirst=True))
    assert data.presence[0].span.first_day == date(2016, 5, 13)


@pytest.mark.parametrize(
    ("cell", "axis", "value"),
    [
        ("32°05'N", "lat", 32.083333),
        ("32 05 12 N", "lat", 32.086667),
        ("N 32 05 12", "lat", 32.086667),
        ("32°05'12\"S", "lat", -32.086667),
        ("32:05.5N", "lat", 32.091667),
        ("20°04′E", "lon", 20.066667),
        ("20 04 W", "lon", -20.066667),
        ("-32.5", "lat", -32.5),
    ],
)
def test_dms(cell: str, axis: str, value: float) -> None:
    assert float(cells.coordinate(cell, axis, field="x")) == value


@pytest.mark.parametrize(("cell", "axis"), [("32°05'E", "lat"), ("20 61 E", "lon"), ("x", "lat")])
def test_dms_refused(cell: str, axis: str) -> None:
    with pytest.raises(InputError):
        cells.coordinate(cell, axis, field="x")


def test_mgrs_and_pairs_in_one_column(write: Callable[..., Path]) -> None:
    text = (
        "Town,Group,Status,Date,Grid\n"
        "A,G,attack,2016,33S VB 12345 67890\n"
        "B,G,attack,2016,\"32°05'N 20°04'E\"\n"
        'C,G,attack,2016,"32.5, 20.25"\n'
    )
    points = [p.place.point for p in read_dataset([write("s.csv", text)]).presence]
    # 33SVB1234567890 by the mgrs package; the DMS pair; the decimal pair
    assert points == [Point(37.653995, 14.00629), Point(32.083333, 20.066667), Point(32.5, 20.25)]


def test_an_mgrs_that_does_not_parse(write: Callable[..., Path]) -> None:
    text = "Town,Group,Status,Date,MGRS\nA,G,attack,2016,33SVB12345\n"
    with pytest.raises(ValidationErrors) as err:
        read_dataset([write("s.csv", text)])
    (problem,) = err.value.problems
    assert (problem.line, problem.field) == (2, "MGRS")
    assert problem.message.startswith("'33SVB12345' is not an MGRS reference")


def test_an_unknown_mapped_column(write: Callable[..., Path]) -> None:
    with pytest.raises(ValidationErrors) as err:
        read_dataset([write("s.csv", SHEET)], ReadOptions(mapping={"place": "Locaton"}))
    (problem,) = err.value.problems
    assert (problem.line, problem.field) == (1, "Locaton")
    assert problem.message == (
        "no such column in the header (--map place=Locaton); did you mean 'Location'?"
    )


def test_no_column_for_a_required_field(write: Callable[..., Path]) -> None:
    with pytest.raises(ValidationErrors) as err:
        read_dataset([write("s.csv", "Town,Group,When\nA,G,2016\n")])
    assert err.value.problems[0].message.startswith(
        "no column for status; name it with --map FIELD=COLUMN (columns: Town, Group, When)"
    )


def test_xlsx(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Location", "Event date", "Group", "What", "Lat", "Lon", "Killed"])
    sheet.append(["Town A", date(2016, 5, 12), "Militia A", "attack", 32.5, 22.25, 3])
    sheet.append([None] * 7)
    sheet.append(["Town B", "12 May 2016", "Militia B", "control", "32°05'N", "20 04 E", None])
    book.save(tmp_path / "s.xlsx")
    data = read_dataset([tmp_path / "s.xlsx"])
    a, b = data.presence
    assert (a.place.point, a.span.first_day, a.fatalities[0].strength.low) == (
        Point(32.5, 22.25),
        date(2016, 5, 12),
        3,
    )
    assert (b.line, b.place.point, b.fatalities) == (4, Point(32.083333, 20.066667), ())


def test_an_xlsx_that_is_not_one(write: Callable[..., Path]) -> None:
    with pytest.raises(ValidationErrors) as err:
        read_dataset([write("s.xlsx", "place,actor\n")])
    (problem,) = err.value.problems
    assert (problem.line, problem.field) == (1, "file")
    assert problem.message.startswith("not an XLSX workbook (")
