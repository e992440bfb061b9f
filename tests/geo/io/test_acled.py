"""ACLED exports read directly: detected by their header (either case), mapped field by
field, every time and geo precision code, the iso table, outlets split into sources."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from geo.errors import ValidationErrors
from geo.io.options import ReadOptions
from geo.io.reader import load_dataset, read_dataset
from geo.model import Estimate, LocationPrecision, Strength
from geo.points import Point
from geo.timespan import DatePrecision


@pytest.mark.parametrize("upper", [False, True])
def test_an_acled_event_is_one_presence_record(acled_csv: Callable[..., Path], upper: bool) -> None:
    data = read_dataset([acled_csv(upper=upper)])
    (p,) = data.presence
    assert p.id == "XLY1"
    assert (p.actor, p.actor2) == ("Militia of the North", "Militia of the South")
    assert (p.status, p.event_type) == ("armed clash", "Battles")
    assert p.place.name == "Town One" and p.place.point == Point(32.1, 22.2)
    assert p.place.country == "LY"
    assert p.precision is LocationPrecision.EXACT
    assert p.fatalities == (Estimate(Strength(3, 3)),)
    assert p.quote == "On 12 May 2016, two invented militias clashed, as a test says."
    assert p.note == ""  # the dataset's words are never put in our own note
    assert p.sources == ("wire-one", "daily-two")
    assert {s.id: s.outlet for s in data.sources.values()} == {
        "wire-one": "Wire One",
        "daily-two": "Daily Two",
    }


@pytest.mark.parametrize(
    ("code", "first", "last", "precision"),
    [
        ("1", date(2016, 5, 12), date(2016, 5, 12), DatePrecision.DAY),
        ("2", date(2016, 5, 9), date(2016, 5, 15), DatePrecision.DAY),  # 7 days around it
        ("3", date(2016, 5, 1), date(2016, 5, 31), DatePrecision.MONTH),  # coded mid-month
    ],
)
def test_time_precision(
    acled_csv: Callable[..., Path], code: str, first: date, last: date, precision: DatePrecision
) -> None:
    cells = {"time_precision": code}
    if code == "3":
        cells["event_date"] = "15 May 2016"
    (p,) = read_dataset([acled_csv(cells)]).presence
    assert (p.span.first_day, p.span.last_day) == (first, last)
    assert p.span.start is not None and p.span.start.precision is precision


def test_both_date_forms(acled_csv: Callable[..., Path]) -> None:
    data = read_dataset(
        [
            acled_csv(
                {"event_date": "12 May 2016"}, {"event_id_cnty": "XLY2", "event_date": "2016-05-12"}
            )
        ]
    )
    assert {p.span.first_day for p in data.presence} == {date(2016, 5, 12)}


@pytest.mark.parametrize(
    ("code", "precision"),
    [
        ("1", LocationPrecision.EXACT),
        ("2", LocationPrecision.NEAR),
        ("3", LocationPrecision.REGION),
    ],
)
def test_geo_precision(
    acled_csv: Callable[..., Path], code: str, precision: LocationPrecision
) -> None:
    (p,) = read_dataset([acled_csv({"geo_precision": code})]).presence
    assert p.precision is precision


@pytest.mark.parametrize(("iso", "cc"), [("434", "LY"), ("818", "EG"), ("760", "SY"), ("4", "AF")])
def test_numeric_iso_becomes_alpha2(acled_csv: Callable[..., Path], iso: str, cc: str) -> None:
    (p,) = read_dataset([acled_csv({"iso": iso})]).presence
    assert p.place.country == cc


def test_outlets_are_split_with_ids_derived_from_their_names(
    acled_csv: Callable[..., Path],
) -> None:
    options = ReadOptions()
    data, problems = load_dataset(
        [
            acled_csv(
                {"source": "Libya Herald, 12 Jan 2016; Wire One"},
                {"event_id_cnty": "XLY2", "source": "Wire One;Al-Wasat (Libya)"},
                {"event_id_cnty": "XLY3", "source": "reuters"},  # id-shaped: still a name
            )
        ],
        options,
    )
    assert problems == []
    assert [p.sources for p in data.presence] == [
        ("libya-herald", "wire-one"),
        ("wire-one", "al-wasat-libya"),
        ("reuters",),
    ]
    assert data.sources["libya-herald"].outlet == "Libya Herald"
    assert data.sources["al-wasat-libya"].outlet == "Al-Wasat (Libya)"
    assert options.notices == ["made 4 sources from outlet names (the dataset defines none)"]


def test_same_file_same_ids(acled_csv: Callable[..., Path]) -> None:
    path = acled_csv({"source": "الوسط; Wire One"})
    first = read_dataset([path])
    assert first.presence[0].sources[0].startswith("outlet-")
    assert read_dataset([path]) == first


def test_other_columns_are_ignored_and_extra_ones_too(
    acled_csv: Callable[..., Path], tmp_path: Path
) -> None:
    path = acled_csv()
    lines = path.read_text(encoding="utf-8").splitlines()
    extended = [lines[0] + ",my_own_column", lines[1] + ",anything"]
    (tmp_path / "x.csv").write_text("\n".join(extended) + "\n", encoding="utf-8")
    assert len(read_dataset([tmp_path / "x.csv"]).presence) == 1


@pytest.mark.parametrize(
    ("cells", "field", "what"),
    [
        ({"time_precision": "4"}, "time_precision", "'4' is not a time precision (1, 2 or 3)"),
        ({"geo_precision": ""}, "geo_precision", "'' is not a geo precision (1, 2 or 3)"),
        ({"iso": "999"}, "iso", "'999' is not an ISO 3166-1 numeric country code"),
        ({"event_date": "2016-13-01"}, "event_date", "is not a valid date"),
        ({"event_date": "12th of May"}, "event_date", "not a date in a form geo reads"),
        ({"event_date": "May 2016"}, "event_date", "'May 2016' is not a day"),
        ({"latitude": "95"}, "latitude", "outside -90..90"),
        ({"fatalities": "-1"}, "fatalities", "cannot be negative"),
    ],
)
def test_bad_cells(
    acled_csv: Callable[..., Path], cells: dict[str, str], field: str, what: str
) -> None:
    with pytest.raises(ValidationErrors) as err:
        read_dataset([acled_csv(cells)])
    (problem,) = err.value.problems
    assert (problem.line, problem.field) == (2, field)
    assert what in problem.message


@pytest.mark.parametrize("upper", [False, True])
def test_a_missing_column(acled_csv: Callable[..., Path], upper: bool) -> None:
    with pytest.raises(ValidationErrors) as err:
        read_dataset([acled_csv(drop=("latitude",), upper=upper)])
    (problem,) = err.value.problems
    assert (problem.line, problem.field) == (1, "latitude")
    assert problem.message == "missing; an ACLED export has this column"
