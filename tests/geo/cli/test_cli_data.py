"""``geo validate`` and ``geo export``: messages, exit status, JSON, the default dataset."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from geo.cli import app, load

runner = CliRunner()

GOOD = """\
sources:
  - {id: news-1, outlet: News, published: 2015}
presence:
  - {place: Derna, actor: IS, status: control, date: 2015-06, source: news-1}
  - {place: Sirte, actor: IS, status: control, date: 2016, source: news-1}
"""


@pytest.fixture(autouse=True)
def fake_gazetteer(monkeypatch: pytest.MonkeyPatch, resolver: Any) -> None:
    monkeypatch.setattr(load, "gazetteer_factory", lambda: resolver)


def test_validate_ok(write: Callable[..., Path]) -> None:
    result = runner.invoke(app, ["validate", str(write("a.yaml", GOOD))])
    assert result.exit_code == 0, result.output
    assert result.stdout == "OK: 1 sources, 2 presence records, 0 movements, 2 places resolved\n"


def test_validate_lists_every_problem_and_exits_2(write: Callable[..., Path]) -> None:
    bad = GOOD.replace("2015-06", "2016-13").replace("Sirte", "Sirtee")
    path = write("a.yaml", bad)
    rows = "X,95,10,2015,IS,control,news-1\nY,10,10,2015,IS,control,nope\n"
    csv = write("b.csv", "place,lat,lon,date,actor,status,source\n" + rows)
    result = runner.invoke(app, ["validate", str(path), str(csv)])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert lines[0].endswith(
        "a.yaml:4: date: '2016-13' is not a valid date (month must be in 1..12)"
    )
    assert lines[1].endswith(
        "a.yaml:5: place: no place named 'Sirtee'; did you mean Sirte, Springfield?"
    )
    assert lines[2].endswith("b.csv:2: lat: latitude 95.0 is outside -90..90")
    assert lines[3].endswith(
        "b.csv:3: sources: source 'nope' is not defined (defined: news-1); define sources in a"
        " CSV with an `outlet` column (id, outlet, ...) or in a `sources:` section"
    )
    assert "Traceback" not in result.output


def test_validate_json(write: Callable[..., Path]) -> None:
    result = runner.invoke(app, ["validate", "--json", str(write("a.yaml", GOOD + "  - {}\n"))])
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert doc["ok"] is False and doc["presence"] == 2
    assert {p["field"] for p in doc["problems"]} == {"place", "actor", "status", "date"}
    assert all(p["line"] == 6 for p in doc["problems"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02binary", "a binary file"),
        (b"place;lat;lon;date\nDerna;;;2015\n", "uses ';' as separator; geo reads ',' CSV"),
    ],
)
def test_validate_bad_files(write: Callable[..., Path], content: bytes, message: str) -> None:
    result = runner.invoke(app, ["validate", str(write("bad.csv", content))])
    assert result.exit_code == 2
    assert message in result.stdout and "bad.csv:1: " in result.stdout


def test_validate_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "nope.yaml: no such file" in result.stdout


def test_default_dataset_from_geo_seeds(
    write: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "events.yaml").write_text(GOOD, encoding="utf-8")
    (seeds / "README.md").write_text("# not data\n", encoding="utf-8")
    monkeypatch.setenv("GEO_SEEDS", str(seeds))
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0 and result.stdout.startswith("OK: 1 sources, 2 presence")
    monkeypatch.setenv("GEO_SEEDS", str(tmp_path / "missing"))
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    assert "geo: error: no default dataset: $GEO_SEEDS" in result.stderr


@pytest.mark.parametrize("suffix", [".geojson", ".kml", ".gpkg", ".csv"])
def test_export(write: Callable[..., Path], tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    result = runner.invoke(app, ["export", str(write("a.yaml", GOOD)), "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["written"][0] == str(out) and doc["presence"] == 2
    assert out.stat().st_size > 100


def test_export_refuses_bad_input_and_writes_nothing(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.geojson"
    path = write("a.yaml", GOOD.replace("Derna", "Atlantis").replace("2016", "2016-13"))
    result = runner.invoke(app, ["export", str(path), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1  # one line
    assert "a.yaml:4: place: no place named 'Atlantis'" in result.stderr
    assert "(and 1 more problems)" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "out.shp"], "cannot tell the format from '.shp'"),
        ([], "give the output file with -o OUT"),
    ],
)
def test_export_bad_output(write: Callable[..., Path], args: list[str], message: str) -> None:
    result = runner.invoke(app, ["export", str(write("a.yaml", GOOD)), *args])
    assert result.exit_code == 2 and message in result.stderr


def test_validate_with_the_real_gazetteer(
    write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, embedded_cache: Path
) -> None:
    from gazetteer.lookup import Gazetteer

    monkeypatch.setenv("GEO_CACHE_DIR", str(embedded_cache))  # the session's index, not a new one
    Gazetteer.forget_default()
    monkeypatch.setattr(load, "gazetteer_factory", Gazetteer.default)
    text = GOOD + (
        "  - {place: Tripoli, country: LY, actor: IS, status: cells, date: 2015, source: news-1}\n"
        "  - {place: Xqzvbnm, actor: IS, status: cells, date: 2015, source: news-1}\n"
    )
    result = runner.invoke(app, ["validate", "--json", str(write("a.yaml", text))])
    assert result.exit_code == 2, result.output
    doc = json.loads(result.stdout)
    assert [(p["line"], p["field"]) for p in doc["problems"]] == [(7, "place")]
    assert doc["problems"][0]["message"].startswith("no place named 'Xqzvbnm'")
    assert doc["places_resolved"] == 3
    out = write("ok.yaml", text.replace("Xqzvbnm", "Derna"))
    result = runner.invoke(app, ["export", str(out), "-o", str(out.with_suffix(".geojson"))])
    assert result.exit_code == 0, result.output
    features = json.loads(out.with_suffix(".geojson").read_text(encoding="utf-8"))["features"]
    tripoli = features[2]
    assert tripoli["properties"]["gazetteer_id"] == "geonames:2210247"  # Libya's, not Lebanon's
    assert tripoli["geometry"]["coordinates"][0] == pytest.approx(13.19, abs=0.05)
