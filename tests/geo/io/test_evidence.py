"""``evidence: {file, start, end}`` of drafted records: read, checked, left out by exports."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from geo.cli import app
from geo.io import schema
from geo.io.export import export_dataset
from geo.io.reader import read_dataset
from geo.model import Evidence

runner = CliRunner()

HEAD = """\
sources:
  - id: r
    outlet: Report
"""
PRESENCE = """\
presence:
  - place: Derna
    lat: 32.767
    lon: 22.639
    actor: Islamic State
    status: control
    date: 2015-06
    sources: [r]
    note: drafted
{evidence}
"""
MOVEMENT = """\
movements:
  - actor: Islamic State
    waypoints:
      - {{place: Sirte, lat: 31.205, lon: 16.588}}
      - {{place: Ghat, lat: 24.963, lon: 10.173, mode: overland}}
    sources: [r]
{evidence}
"""
GOOD = "    evidence: {file: reports/derna.txt, start: 120, end: 231}"
# Every export, and the files it writes.
EXPORTS = {
    "out.geojson": ["out.geojson"],
    "out.kml": ["out.kml"],
    "out.gpkg": ["out.gpkg"],
    "out.csv": ["out.csv", "out-movements.csv", "out-sources.csv"],
}


def _events(evidence: str = GOOD) -> str:
    return HEAD + PRESENCE.format(evidence=evidence) + MOVEMENT.format(evidence=evidence)


def test_yaml_keeps_evidence_of_presence_and_movements(write: Callable[..., Path]) -> None:
    data = read_dataset([write("events.yaml", _events())])
    want = Evidence("reports/derna.txt", 120, 231)
    assert [p.evidence for p in data.presence] == [want]
    assert [m.evidence for m in data.movements] == [want]
    plain = read_dataset([write("plain.yaml", _events(evidence=""))])
    assert plain.presence[0].evidence is None and plain.movements[0].evidence is None


@pytest.mark.parametrize(
    ("evidence", "line", "message"),
    [
        ("    evidence: reports/derna.txt", 13, "is not a mapping; give {file, start, end}"),
        ("    evidence: {file: '', start: 1, end: 2}", 13, "file '' is not the name of a report"),
        ("    evidence: {file: 3, start: 1, end: 2}", 13, "file 3 is not the name of a report"),
        ("    evidence: {file: a.txt, start: 1}", 13, "end missing; give file, start, end"),
        ("    evidence:\n      file: a.txt\n      start: 1.5\n      end: 2", 15,
         "start 1.5 is not a whole number of characters"),
        ("    evidence:\n      file: a.txt\n      start: 0\n      end: 'x'", 16,
         "end 'x' is not a whole number of characters"),
        ("    evidence: {file: a.txt, start: true, end: 2}", 13, "start True is not a whole"),
        ("    evidence:\n      file: a.txt\n      start: 9\n      end: 9", 15,
         "start 9, end 9: need 0 <= start < end"),
        ("    evidence: {file: a.txt, start: -1, end: 2}", 13, "start -1, end 2: need 0 <="),
        ("    evidence:\n      file: a.txt\n      start: 1\n      end: 2\n      page: 4", 17,
         "unknown key 'page' (give file, start, end)"),
    ],
)  # fmt: skip
def test_bad_evidence_is_file_line_field_exit_2(
    write: Callable[..., Path], evidence: str, line: int, message: str
) -> None:
    path = write("events.yaml", HEAD + PRESENCE.format(evidence=evidence))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path}:{line}: evidence: "), first
    assert message in first
    assert "Traceback" not in result.output


def test_geojson_properties_keep_evidence_too(write: Callable[..., Path]) -> None:
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [22.639, 32.767]},
        "properties": {"place": "Derna", "actor": "IS", "status": "control", "date": "2015",
                       "evidence": {"file": "r.txt", "start": 0, "end": 5}},
    }  # fmt: skip
    path = write("e.geojson", json.dumps({"type": "FeatureCollection", "features": [feature]}))
    (p,) = read_dataset([path]).presence
    assert p.evidence == Evidence("r.txt", 0, 5)


@pytest.mark.parametrize("name", list(EXPORTS))
def test_exports_leave_evidence_out_and_round_trip_byte_identical(
    write: Callable[..., Path], tmp_path: Path, name: str
) -> None:
    with_evidence = read_dataset([write("events.yaml", _events())])
    without = read_dataset([write("plain.yaml", _events(evidence=""))])
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "c").mkdir()
    export_dataset(with_evidence, tmp_path / "a" / name)
    export_dataset(without, tmp_path / "b" / name)
    for file in EXPORTS[name]:
        written = (tmp_path / "a" / file).read_bytes()
        assert written == (tmp_path / "b" / file).read_bytes()  # dropped, nothing else changed
        assert b"evidence" not in written and b"derna.txt" not in written
    if name == "out.kml":
        return  # KML is written, not read
    read_back = read_dataset([tmp_path / "a" / f for f in EXPORTS[name]])
    export_dataset(read_back, tmp_path / "c" / name)
    for file in EXPORTS[name]:
        assert (tmp_path / "c" / file).read_bytes() == (tmp_path / "a" / file).read_bytes()


def test_schema_has_evidence_once_for_reading_and_no_export_column() -> None:
    for kind in ("presence", "movement"):
        assert "evidence" in schema.accepted(kind)
        for fmt in ("geojson", "gpkg"):
            assert "evidence" not in schema.columns(kind, fmt)
    for file in schema.CSV_FILES:
        assert "evidence" not in schema.csv_columns(file)
        assert "evidence" not in schema.csv_accepted(file)


def test_csv_evidence_column_is_refused(write: Callable[..., Path]) -> None:
    path = write(
        "events_presence.csv",
        "place,lat,lon,actor,status,date,evidence\nDerna,32.7,22.6,IS,control,2015,x\n",
    )
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "evidence" in result.stdout.splitlines()[0], result.stdout
