"""The gazetteer commands through typer's CliRunner: exit codes, messages, JSON shape."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from geo.cli import app

CANDIDATE_FIELDS = {"name", "lat", "lon", "country_code", "kind", "population", "id", "source"}
CANDIDATE_FIELDS |= {"score", "matched", "reasons"}


@pytest.fixture
def cache(embedded_cache: Path) -> Path:
    """The embedded index of the session (conftest.py at the project root)."""
    return embedded_cache


@pytest.fixture
def run(cache: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    from gazetteer.lookup import Gazetteer

    monkeypatch.setenv("GEO_CACHE_DIR", str(cache))
    Gazetteer.forget_default()
    yield CliRunner()
    Gazetteer.forget_default()


def one_error_line(result: object) -> str:
    err = result.stderr  # type: ignore[attr-defined]
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_lookup_json_contract(run: CliRunner) -> None:
    result = run.invoke(app, ["lookup", "Derna", "Sirt", "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["query"] for d in data] == ["Derna", "Sirt"]
    for item in data:
        assert 1 <= len(item["candidates"]) <= 3
        assert set(item["candidates"][0]) >= CANDIDATE_FIELDS
        assert item["candidates"][0]["country_code"] == "LY"


def test_lookup_table(run: CliRunner) -> None:
    result = run.invoke(app, ["lookup", "Benghazi"])
    assert result.exit_code == 0
    assert "Benghazi" in result.stdout and "LY" in result.stdout


def test_lookup_miss_exits_1_with_suggestions(run: CliRunner) -> None:
    result = run.invoke(app, ["lookup", "Derna", "Benghazzzi", "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data[1]["candidates"] == [] and "Benghazi" in data[1]["suggestions"]
    assert "did you mean" in one_error_line(result) and "Benghazi" in result.stderr


def test_lookup_reads_stdin(run: CliRunner) -> None:
    result = run.invoke(app, ["lookup", "-", "--json"], input="Derna\n\nسرت\n")
    assert result.exit_code == 0
    assert [d["query"] for d in json.loads(result.stdout)] == ["Derna", "سرت"]


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        (["lookup", ""], None, "name: empty place name"),
        (["lookup", "x" * 10_000], None, "name: place name of 10000 characters"),
        (["lookup", "Der\x07na"], None, "control character"),
        (["lookup", "-"], "Derna\nbad\x01name\n", "<stdin>:2: name: control character"),
        (["lookup", "Derna", "--country", "Libya"], None, "country"),
        (["reverse", "91", "0"], None, "lat: latitude 91.0"),
        (["reverse", "NaN", "0"], None, "lat: not a finite number"),
        (["reverse", "x", "0"], None, "lat: not a number"),
        (["near", "32.7,22.6", "--radius-km", "0"], None, "radius"),
        (["near", "32.7,22.6"], None, "radius: give the search radius"),
        (["lookup", "Derna", "--limit", "0"], None, "limit: limit must be in 1..1000, got 0"),
        (["reverse", "32", "22", "--limit", "-3"], None, "limit"),
        (["near", "95,22.6", "--radius-km", "5"], None, "latitude 95.0"),
        (["distance", "Derna", "Qwxzt"], None, "no place named 'Qwxzt'"),
        (["lookup", "Derna", "--country", "ZZ"], None, "country: no country has the ISO"),
        (["reverse", "32", "22", "--limit", "100000"], None, "limit must be in 1..1000"),
        (["near", "Derna", "-r", "50", "--limit", "5000"], None, "limit must be in 1..1000"),
    ],
)
def test_bad_input_is_one_line_exit_2(
    run: CliRunner, args: list[str], stdin: str | None, needle: str
) -> None:
    result = run.invoke(app, args, input=stdin)
    assert result.exit_code == 2, result.output
    line = one_error_line(result)
    assert line.startswith("geo: error: ") and needle in line


def test_reverse_near_distance(run: CliRunner) -> None:
    result = run.invoke(app, ["reverse", "32.767", "22.637", "--json", "--limit", "2"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (
        data["candidates"][0]["country_code"] == "LY"
        and "km from" in data["candidates"][0]["reasons"][0]
    )
    south = run.invoke(app, ["reverse", "-33.92", "18.42", "--limit", "1", "--json"])
    assert json.loads(south.stdout)["candidates"][0]["country_code"] == "ZA"
    near = run.invoke(app, ["near", "Benghazi", "--radius-km", "40", "--kind", "airport", "--json"])
    assert near.exit_code == 0
    assert "icao:HLLB" in [c["id"] for c in json.loads(near.stdout)["candidates"]]
    dist = run.invoke(app, ["distance", "Tripoli", "Benghazi", "--json"])
    assert dist.exit_code == 0
    d = json.loads(dist.stdout)
    assert 640 < d["distance_km"] < 665 and 85 < d["initial_bearing_deg"] < 100
    text = run.invoke(app, ["distance", "32.9,13.2", "32.1,20.1"])
    assert "km, initial bearing" in text.stdout


def test_gazetteer_info_and_import(
    run: CliRunner, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = run.invoke(app, ["gazetteer", "info", "--json"])
    assert info.exit_code == 0
    embedded = json.loads(info.stdout)["indexes"][0]
    assert embedded["places"] > 200_000 and embedded["packed_path"].endswith(".hits")
    # Import into a cache folder of its own (the embedded index linked in, not rebuilt), so
    # that the other tests keep seeing the embedded index alone.
    own = tmp_path / "cache"
    own.mkdir()
    for index in [*cache.glob("gazetteer-*.sqlite"), *cache.glob("gazetteer-*.hits")]:
        (own / index.name).symlink_to(index)
    monkeypatch.setenv("GEO_CACHE_DIR", str(own))
    dump = tmp_path / "LY.txt"
    cells = ["9990001", "Qasr Testi", "Qasr Testi", "Testi", "30.1", "15.1", "P", "PPL", "LY"]
    cells += ["", "", "", "", "", "700", "", "", "Africa/Tripoli", "2024-01-01"]
    dump.write_text("\t".join(cells) + "\n", encoding="utf-8")
    result = run.invoke(app, ["gazetteer", "import", str(dump)])
    assert result.exit_code == 0, result.output
    assert "imported 1 places" in result.stdout
    found = run.invoke(app, ["lookup", "Qasr Testi", "--json"])
    assert json.loads(found.stdout)[0]["candidates"][0]["source"] == "geonames dump"
    dump.write_text("\t".join(cells[:7]) + "\n", encoding="utf-8")
    bad = run.invoke(app, ["gazetteer", "import", str(dump)])
    assert bad.exit_code == 2
    assert f"{dump}:1: columns: expected 19" in one_error_line(bad)


def test_unwritable_cache_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gazetteer.lookup import Gazetteer

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GEO_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr("tempfile.tempdir", str(blocker))
    Gazetteer.forget_default()
    result = CliRunner().invoke(app, ["lookup", "Derna"])
    Gazetteer.forget_default()
    assert result.exit_code == 2
    assert "cannot write the gazetteer index" in one_error_line(result)


def test_queries_are_printed_as_text_not_markup(run: CliRunner) -> None:
    result = run.invoke(app, ["lookup", "Derna[/]"])
    assert result.exit_code == 0, result.output
    assert "Derna[/]" in result.stdout
    missing = run.invoke(app, ["lookup", "[bold]Qwxzt"])
    assert missing.exit_code == 1 and "'[bold]Qwxzt'" in missing.stderr


def test_undecodable_stdin_is_one_line_with_its_line(run: CliRunner) -> None:
    result = run.invoke(app, ["lookup", "-"], input=b"Derna\n\xff\xfe\n")
    assert result.exit_code == 2
    assert one_error_line(result) == "geo: error: <stdin>:2: NAME: not UTF-8 text"


def test_lookup_json_says_area_and_bbox(run: CliRunner) -> None:
    result = run.invoke(app, ["lookup", "--json", "Barqa", "--limit", "1"])
    assert result.exit_code == 0, result.output
    (best,) = json.loads(result.stdout)[0]["candidates"]
    assert best["area"] is True
    west, south, east, north = best["bbox"]
    assert west < best["lon"] < east and south < best["lat"] < north
    town = json.loads(run.invoke(app, ["lookup", "--json", "Ubari", "-n", "1"]).stdout)
    assert town[0]["candidates"][0]["area"] is False
    assert town[0]["candidates"][0]["bbox"] is None


def test_lookup_geometry_prints_a_feature(run: CliRunner) -> None:
    result = run.invoke(app, ["lookup", "--geometry", "Borno"])  # a state of Nigeria
    assert result.exit_code == 0, result.output
    feat = json.loads(result.stdout)
    assert feat["type"] == "Feature" and feat["properties"]["country_code"] == "NG"
    assert feat["geometry"]["type"] == "MultiPolygon"
    several = json.loads(run.invoke(app, ["lookup", "--geometry", "Libya", "Fezzan"]).stdout)
    assert [f["properties"]["kind"] for f in several["features"]] == [
        "country",
        "historical region",
    ]


def test_lookup_geometry_of_a_town_exits_2(run: CliRunner) -> None:
    result = run.invoke(app, ["lookup", "--geometry", "Derna"])
    assert result.exit_code == 2
    line = one_error_line(result)
    assert "has no area" in line and "Darnah" in line
    assert result.stdout == ""
