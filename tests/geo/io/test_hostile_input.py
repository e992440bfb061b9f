"""Hostile and broken input (issue 10): no hang, no traceback, one line naming file, line
and field, exit 2; and what validates, every writer can write (test_edge_values.py)."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from geo.cli import app, load

runner = CliRunner()
Write = Callable[..., Path]

HEAD = "sources:\n  - {id: s, outlet: O}\n"
PRESENCE = (
    HEAD + "presence:\n  - {place: Derna, actor: IS, status: control, date: 2015, source: s%s}\n"
)
MOVEMENT = HEAD + "movements:\n  - actor: IS\n    source: s\n    waypoints: %s\n"


@pytest.fixture(autouse=True)
def fake_gazetteer(monkeypatch: pytest.MonkeyPatch, resolver: Any) -> None:
    monkeypatch.setattr(load, "gazetteer_factory", lambda: resolver)


def validate(*paths: Path, bound: float = 5.0) -> tuple[int, list[str]]:
    """``geo validate``'s exit status and output lines; fails on a traceback or a hang."""
    start = time.monotonic()
    result = runner.invoke(app, ["validate", *map(str, paths)])
    assert time.monotonic() - start < bound, "too slow"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback: {result.exception!r}") from result.exception
    lines = result.output.splitlines()
    assert all(len(line) <= 300 for line in lines), max(lines, key=len)[:300]
    return result.exit_code, lines


def problem(*paths: Path) -> str:
    """The one problem ``geo validate`` finds, without the folder of the file."""
    code, lines = validate(*paths)
    assert code == 2, lines
    assert lines[-1] == "geo: 1 problem found", lines
    return lines[0].split(os.sep)[-1]


# 1. YAML aliases and echoed values


def _bomb(levels: int) -> str:
    rows = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    rows += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    return "\n".join(rows) + "\n"


def test_an_alias_bomb_is_refused_at_once(write: Write) -> None:
    # Read section by section: refused at the first level past the budget, not at the last.
    line = problem(write("bomb.yaml", _bomb(9)))
    assert line.startswith("bomb.yaml:4: file: aliases expand the file to 74732 values;")


def test_aliases_spread_over_many_records_share_one_budget(write: Write) -> None:
    # Each record adds only 99 values through the alias, under any per-record budget;
    # together they add more than the file writes out, and the file is refused.
    items = ", ".join(["x"] * 99)
    head = HEAD.replace("presence:\n", "") + f"notes: &n [{items}]\npresence:\n"
    body = "".join(
        "  - {place: Derna, actor: IS, status: cells, date: 2015, source: s, note: x, extra: *n}\n"
        for _ in range(200)
    )
    line = problem(write("spread.yaml", head + body))
    assert "aliases expand the file to" in line, line


def test_an_alias_inside_its_own_anchor_is_refused(write: Write) -> None:
    assert problem(write("loop.yaml", "a: &a [1, *a]\n")) == (
        "loop.yaml:1: file: an alias inside its own anchor"
    )


def test_a_few_aliases_still_work(write: Write) -> None:
    text = HEAD + (
        "presence:\n"
        "  - &d {place: Derna, actor: IS, status: control, date: 2015, source: s}\n"
        "  - {<<: *d, date: 2016}\n"
    )
    assert validate(write("ok.yaml", text))[0] == 0


@pytest.mark.parametrize(
    "record",
    [
        ", strength: " + "x" * 100_000,
        ", country: [" + ", ".join(["long"] * 50_000) + "]",
        ", confidence: " + "y" * 100_000,
    ],
)
def test_an_echoed_value_is_cut_to_80_characters(write: Write, record: str) -> None:
    line = problem(write("long.yaml", PRESENCE % record))
    assert len(line) < 200 and ("…" in line or "..." in line), line


# 2. Waypoints


@pytest.mark.parametrize("waypoints", ["[]", "[{place: Sirte}]", "[Sirte]"])
def test_a_movement_needs_two_or_more_waypoints(write: Write, waypoints: str) -> None:
    assert problem(write("m.yaml", MOVEMENT % waypoints)) == (
        "m.yaml:6: waypoints: a movement needs two or more waypoints"
    )


def test_a_bare_place_name_is_a_waypoint(write: Write) -> None:
    text = HEAD + "movements:\n  - actor: IS\n    source: s\n    waypoints:\n      - Sirte\n"
    assert validate(write("m.yaml", text + "      - {place: Derna}\n"))[0] == 0


def test_a_waypoint_that_is_a_number_is_refused(write: Write) -> None:
    assert problem(write("m.yaml", MOVEMENT % "[12, Derna]")) == (
        "m.yaml:6: waypoints: 12 is not a waypoint; give a place name or {place, date, mode}"
    )


# 3. No traceback


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (", strength: !!int x", "yaml: not valid YAML: 'x' cannot be read as '!!int'"),
        (", note: !!bool x", "yaml: not valid YAML: 'x' cannot be read as '!!bool'"),
        (", note: !!timestamp x", "yaml: not valid YAML: 'x' cannot be read as '!!timestamp'"),
        (", note: !!float x", "yaml: not valid YAML: 'x' cannot be read as '!!float'"),
        (", note: !!map x", "yaml: not valid YAML: 'x' cannot be read as '!!map'"),
        (", note: !unknown x", "yaml: not valid YAML: could not determine a constructor"),
        (", strength: " + "9" * 5000, "yaml: not valid YAML: '99999"),
    ],
)
def test_yaml_tags_and_long_numbers(write: Write, record: str, expected: str) -> None:
    assert problem(write("t.yaml", PRESENCE % record)).startswith("t.yaml:4: " + expected)


def test_a_whole_document_tagged_as_a_map(write: Write) -> None:
    assert problem(write("t.yaml", "!!map x\n")) == (
        "t.yaml:1: yaml: not valid YAML: 'x' cannot be read as '!!map'"
    )


def test_a_latitude_of_401_digits(write: Write) -> None:
    text = HEAD + "presence:\n  - {place: X, lat: %s, lon: 1, actor: IS, status: c, date: 2015}\n"
    assert problem(write("t.yaml", text % ("9" * 401))) == (
        "t.yaml:4: lat: <a number of about 402 digits> is not a coordinate"
    )


def test_csv_strength_json_nested_100000_deep(write: Write) -> None:
    cell = '"' + "[" * 100_000 + "]" * 100_000 + '"'
    csv = write("p.csv", f"place,date,actor,status,strength\nDerna,2015,IS,control,{cell}\n")
    assert problem(csv) == "p.csv:2: strength: a list of figures nested too deeply"


def _feature(
    coords: str, props: str = '{"place": "X", "actor": "I", "status": "c", "date": "2015"}'
) -> str:
    return (
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        + props
        + ', "geometry": {"type": "Point", "coordinates": '
        + coords
        + "}}]}"
    )


@pytest.mark.parametrize(
    ("coords", "expected"),
    [
        (f"[{'9' * 5000}, 1]", "g.geojson:1: json: a number of over 4,300 digits"),
        (f"[{'9' * 400}, 1]", ":1: coordinates: a coordinate is too large to be a number"),
        ("[true, false]", ":1: coordinates: True is not a number"),
        ('["10", "20"]', ":1: coordinates: '10' is not a number"),
        (
            '{"a": 1}',
            ":1: geometry: missing; a feature needs a Point, LineString or (Multi)Polygon",
        ),
    ],
)
def test_geojson_coordinates(write: Write, coords: str, expected: str) -> None:
    assert expected in problem(write("g.geojson", _feature(coords)))


def _gpkg(tmp_path: Path, dataset: Any, layer: str, change: Callable[[Any], None]) -> Path:
    """An export of ``dataset`` whose ``layer`` was changed by ``change(frame)``."""
    import geopandas
    import pyogrio

    from geo.io.export import export_dataset

    path = tmp_path / "x.gpkg"
    export_dataset(dataset, path)
    frames = {name: geopandas.read_file(path, layer=name) for name, _ in pyogrio.list_layers(path)}
    change(frames[layer])
    path.unlink()
    for name, frame in frames.items():
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", append=path.exists())
    return path


def _polygons(df: Any) -> None:
    import warnings

    with warnings.catch_warnings():  # degrees as the buffer's unit: any polygon will do
        warnings.simplefilter("ignore", UserWarning)
        df["geometry"] = df.geometry.buffer(0.1)


def _multilines(df: Any) -> None:
    from shapely.geometry import MultiLineString

    df["geometry"] = [MultiLineString([g]) for g in df.geometry]


def _number_stops(df: Any) -> None:
    df["waypoints"] = ["[1, 2]" if len(g.coords) == 2 else "[1, 2, 3]" for g in df.geometry]


@pytest.mark.parametrize(
    ("layer", "change", "expected"),
    [
        ("presence", _polygons, "x.gpkg:presence:1: geometry: a Polygon; the presence layer"),
        ("movements", _multilines, "x.gpkg:movements:1: geometry: a MultiLineString; the"),
        ("movements", _number_stops, "x.gpkg:movements:1: waypoints: expected a JSON list of"),
    ],
)
def test_gpkg_geometries_and_waypoints(
    tmp_path: Path, dataset: Any, layer: str, change: Callable[[Any], None], expected: str
) -> None:
    code, lines = validate(_gpkg(tmp_path, dataset, layer, change), bound=30)
    assert code == 2
    assert lines[0].split(os.sep)[-1].startswith(expected), lines


# 4. What validates, every writer can write (the writers: test_edge_values.py)


@pytest.mark.parametrize("strength", ["2147483648", str(2**64), "1-18446744073709551616"])
def test_a_strength_past_the_maximum_is_refused(write: Write, strength: str) -> None:
    assert problem(write("s.yaml", PRESENCE % f", strength: '{strength}'")).endswith(
        "is over the maximum strength, 10,000,000"
    )


def test_a_lone_surrogate_in_geojson_is_refused(write: Write) -> None:
    props = '{"actor": "IS", "status": "c", "date": "2015", "note": "a\\ud800b"}'
    line = problem(write("g.geojson", _feature("[10, 20]", props)))
    assert line.startswith("g.geojson:1: json: not valid JSON: a \\u escape that is half")


def test_a_surrogate_pair_in_geojson_is_a_character(write: Write) -> None:
    props = '{"actor": "IS \\ud83d\\ude00", "status": "c", "date": "2015"}'
    assert validate(write("g.geojson", _feature("[10, 20]", props)))[0] == 0


def test_a_lone_surrogate_in_yaml_is_refused(write: Write) -> None:
    assert "not valid YAML" in problem(write("s.yaml", PRESENCE % ', note: "a\\ud800"'))


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("n.yaml", PRESENCE % ', note: "a\\x00b\\x07c"', "n.yaml:4: note: holds a control"),
        ("n.csv", "place,date,actor,status,note\nDerna,2015,IS,c,a\x07b\n", "n.csv:2: note: holds"),
        ("a.csv", "place,date,actor,status\nDerna,2015,I\x1bS,c\n", "a.csv:2: actor: holds"),
    ],
)
def test_control_characters_xml_forbids_are_refused(
    write: Write, name: str, content: str, expected: str
) -> None:
    assert problem(write(name, content)).startswith(expected)


# 5. Line numbers and misread input

CSV_HEAD = "place,date,actor,status\n"


def test_a_bad_byte_on_csv_line_402_is_reported_at_line_402(write: Write) -> None:
    rows = [f"Derna,2015,IS,control {i}\n".encode() for i in range(2, 402)]
    data = CSV_HEAD.encode() + b"".join(rows) + b"Derna,2015,IS,\xff\n" + rows[0] * 3
    assert (
        problem(write("p.csv", data)) == "p.csv:402: file: not UTF-8 text; save the file as UTF-8"
    )


@pytest.mark.parametrize(("name", "rows"), [("p.csv", 5), ("p.yaml", 5), ("p.csv", 1000)])
def test_a_bad_byte_is_reported_at_its_line(write: Write, name: str, rows: int) -> None:
    data = (CSV_HEAD + "Derna,2015,IS,control\n" * rows).encode() + b"Derna,2015,IS,\xff\n"
    assert problem(write(name, data)).startswith(f"{name}:{rows + 2}: file: not UTF-8 text")


def test_a_bad_byte_past_8_kb_of_yaml_has_its_line(write: Write) -> None:
    rows = "".join(
        f"  - {{place: Derna, actor: IS, status: c{i}, date: 2015}}\n" for i in range(400)
    )
    data = ("presence:\n" + rows).encode() + b"  - {place: \xff}\n"
    assert len(data) > 8192
    assert problem(write("p.yaml", data)).startswith("p.yaml:402: file: not UTF-8 text")


@pytest.mark.parametrize("name", ["f.yaml", "f.csv"])
def test_a_fifo_is_read_once(tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    text = PRESENCE % "" if name.endswith(".yaml") else CSV_HEAD + "Derna,2015,IS,control\n"

    def feed() -> None:
        with open(fifo, "w", encoding="utf-8") as fh:
            fh.write(text)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    code, lines = validate(fifo)
    writer.join(5)
    assert code == 0, lines
    assert ", 1 presence records, 0 movements, 1 places resolved" in lines[-1]


def test_geojson_duplicate_keys_are_reported(write: Write) -> None:
    props = '{"actor": "IS", "status": "c",\n "status": "d", "date": "2015"}'
    assert problem(write("g.geojson", _feature("[10, 20]", props))) == (
        "g.geojson:2: status: given twice in the same object"
    )


@pytest.mark.parametrize(
    ("cells", "field", "value"),
    [
        ("Derna,3_0,20,2015", "lat", "'3_0'"),
        ("Derna,３０,20,2015", "lat", "'３０'"),
        ("Derna,30,20,２０１５", "date", "'２０１５'"),
    ],
)
def test_csv_numbers_are_ascii_digits(write: Write, cells: str, field: str, value: str) -> None:
    csv = write("p.csv", f"place,lat,lon,date,actor,status\n{cells},IS,control\n")
    assert problem(csv).startswith(f"p.csv:2: {field}: {value} is not a")


@pytest.mark.parametrize("strength", ["3_0", "３", "1_0-2_0"])
def test_csv_strength_is_ascii_digits(write: Write, strength: str) -> None:
    csv = write("p.csv", f"place,date,actor,status,strength\nDerna,2015,IS,control,{strength}\n")
    assert problem(csv).startswith(f"p.csv:2: strength: '{strength}' is not a number")


def test_a_csv_cut_off_inside_a_quote_is_a_problem(write: Write) -> None:
    csv = write("p.csv", CSV_HEAD + 'Derna,2015,IS,control\nDerna,2016,IS,"cont')
    assert problem(csv).startswith("p.csv:3: file: not readable as CSV")


def test_json_figures_in_a_cell_are_checked_as_numbers(write: Write) -> None:
    cell = json.dumps(json.dumps([{"min": "3_0", "max": 40}]))[1:-1].replace('\\"', '""')
    csv = write("p.csv", f'place,date,actor,status,strength\nDerna,2015,IS,control,"{cell}"\n')
    assert problem(csv) == "p.csv:2: strength: '3_0' is not a whole number"


# YAML read record by record: the shapes a streamed read must still tell apart


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("? [a, b]\n: 1\n", "y.yaml:1: file: a section name must be text"),
        (
            HEAD + "---\npresence: []\n",
            "y.yaml:3: yaml: not valid YAML: but found another document",
        ),
        (HEAD + "  - *nope\n", "y.yaml:3: yaml: not valid YAML: found undefined alias 'nope'"),
        ("- a\n- b\n", "y.yaml:1: file: expected a mapping with sources, presence, movements"),
        (
            "presence: !!str x\n",
            "y.yaml:1: presence: expected a list of records (each starting with '- ')",
        ),
    ],
)
def test_odd_yaml_shapes_give_one_problem(write: Write, text: str, expected: str) -> None:
    assert problem(write("y.yaml", text)) == expected


def test_an_anchored_document_is_read_whole_and_still_checked(write: Write) -> None:
    text = "&top\n" + PRESENCE % ""
    code, lines = validate(write("a.yaml", text))
    assert code == 0, lines
    assert lines[-1].startswith("OK: 1 sources, 1 presence records"), lines
