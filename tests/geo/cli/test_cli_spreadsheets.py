"""The reading options every data command shares (--map, --map-file, --dayfirst), ACLED
and spreadsheets through the commands, ``geo diff``, and bad input: one line, exit 2,
nothing written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from geo.cli import app, load

runner = CliRunner()
SHEET = "Town,Day,Group,Kind,Killed\nDerna,13/05/2016,G,attack,2\nSirte,01/06/2016,H,control,\n"


@pytest.fixture(autouse=True)
def fake_gazetteer(monkeypatch: pytest.MonkeyPatch, resolver: Any) -> None:
    monkeypatch.setattr(load, "gazetteer_factory", lambda: resolver)


def test_validate_an_acled_file(acled_csv: Callable[..., Path]) -> None:
    second = {"event_id_cnty": "XLY2", "location": "Town Two", "latitude": "32.3"}
    result = runner.invoke(app, ["validate", str(acled_csv({}, second))])
    assert result.exit_code == 0, result.output
    assert result.stdout == "OK: 2 sources, 2 presence records, 0 movements, 2 places resolved\n"
    assert result.stderr == "geo: made 2 sources from outlet names (the dataset defines none)\n"


@pytest.mark.parametrize("command", ["validate", "export", "map", "brief", "diff"])
def test_every_reading_command_has_the_options(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    for option in ("--map", "--map-file", "--dayfirst"):
        assert option in result.stdout


def test_export_with_a_mapping_and_dayfirst(write: Callable[..., Path], tmp_path: Path) -> None:
    sheet = write("s.csv", SHEET.replace("Town", "Where"))
    out = tmp_path / "out.geojson"
    args = ["export", str(sheet), "-o", str(out), "--map", "place=Where,status=Kind", "--dayfirst"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    props = [f["properties"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]]
    assert [(p["place"], p["status"], p["date"]) for p in props] == [
        ("Derna", "attack", "2016-05-13"),
        ("Sirte", "control", "2016-06-01"),
    ]
    # Where and Kind were given; Day, Group, Killed were guessed, and the guess is shown.
    guessed = "--map 'place=Where,date=Day,actor=Group,status=Kind,fatalities=Killed'"
    assert f"guessed the columns: {guessed}" in result.stderr


def test_a_mapping_file(write: Callable[..., Path]) -> None:
    mapping = write("m.txt", "# columns of our sheet\nstatus = Kind\nplace: Town\n")
    sheet = write("s.csv", SHEET)
    args = ["validate", str(sheet), "--map-file", str(mapping), "--dayfirst", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["presence"] == 2


def test_map_and_brief_read_through_the_mapping(write: Callable[..., Path], tmp_path: Path) -> None:
    sheet = write(
        "s.csv",
        SHEET.replace("Town,", "Lat,Lon,Town,")
        .replace("\nDerna,", "\n32.1,22.2,Derna,")
        .replace("\nSirte,", "\n32.3,22.4,Sirte,"),
    )
    page = tmp_path / "b.html"
    result = runner.invoke(
        app, ["brief", str(sheet), "-o", str(page), "--dayfirst", "--map", "status=Kind"]
    )
    assert result.exit_code == 0, result.output
    assert "2 presence records" in result.stdout and page.exists()
    out = tmp_path / "m.html"
    result = runner.invoke(
        app, ["map", str(sheet), "-o", str(out), "--dayfirst", "--map", "status=Kind"]
    )
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_diff(acled_csv: Callable[..., Path]) -> None:
    old = acled_csv({}, {"event_id_cnty": "XLY2"}, name="old.csv")
    new = acled_csv({"fatalities": "5"}, {"event_id_cnty": "XLY3"}, name="new.csv")
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith(
        "new.csv: 1 added, 1 changed, 1 removed, 2 unchanged"
    )
    result = runner.invoke(app, ["diff", str(old), str(new), "--json"])
    found = json.loads(result.stdout)
    assert found["added"] == [{"kind": "presence", "id": "XLY3"}]
    assert found["changed"][0]["fields"] == {"fatalities": {"old": "3", "new": "5"}}
    assert found["removed"] == [{"kind": "presence", "id": "XLY2"}]


def _xlsx_not_one(write: Callable[..., Path], acled_csv: Callable[..., Path]) -> list[str]:
    return [str(write("s.xlsx", "Town,Day\nDerna,2016\n"))]


CASES: dict[str, tuple[Callable[..., list[str]], str]] = {
    "unknown mapped column": (
        lambda w, a: [str(w("s.csv", SHEET)), "--map", "place=Twn,status=Kind"],
        "s.csv:1: Twn: no such column in the header (--map place=Twn); did you mean 'Town'?",
    ),
    "unknown field on --map": (
        lambda w, a: [str(w("s.csv", SHEET)), "--map", "plase=Town"],
        "--map: 'plase' is not a field (did you mean place? fields: ",
    ),
    "bad line of a mapping file": (
        lambda w, a: [str(w("s.csv", SHEET)), "--map-file", str(w("m.txt", "place=Town\nnope\n"))],
        "m.txt:2: 'nope' is not `field = column`",
    ),
    "a date no format fits": (
        lambda w, a: [str(w("s.csv", SHEET.replace("13/05/2016", "the 13th"))), "--map",
                      "status=Kind", "--dayfirst"],
        "s.csv:2: Day: 'the 13th' is not a date in a form geo reads (",
    ),
    "an MGRS that does not parse": (
        lambda w, a: [str(w("s.csv", "Town,MGRS,Group,Status,Date\nDerna,33SVB123,G,x,2016\n"))],
        "s.csv:2: MGRS: '33SVB123' is not an MGRS reference (",
    ),
    "an ACLED file with a column missing": (
        lambda w, a: [str(a(drop=("geo_precision",)))],
        "acled.csv:1: geo_precision: missing; an ACLED export has this column",
    ),
    "an XLSX that is not one": (
        _xlsx_not_one,
        "s.xlsx:1: file: not an XLSX workbook (",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("command", ["validate", "export"])
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    case: str,
    command: str,
    write: Callable[..., Path],
    acled_csv: Callable[..., Path],
    tmp_path: Path,
) -> None:
    make, expected = CASES[case]
    args = make(write, acled_csv)
    out = tmp_path / "out.geojson"
    extra = ["-o", str(out)] if command == "export" else []
    result = runner.invoke(app, [command, *args, *extra])
    assert result.exit_code == 2, result.output
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line]
    problems = [line for line in lines if "guessed the columns" not in line]
    option = case in ("unknown field on --map", "bad line of a mapping file")
    if command == "validate" and not option:
        assert len(problems) == 2 and problems[1] == "geo: 1 problem found"  # a count, after
    else:
        assert len(problems) == 1
    assert expected in problems[0]
    assert (
        not out.exists()
        and sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".geojson",)) == []
    )
