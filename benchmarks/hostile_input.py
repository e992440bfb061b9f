"""Regenerate the table of docs/hostile-input.md: each hostile input through ``geo validate``
and ``geo export``, with the message, the exit status and the files written.

    PYTHONPATH=. python benchmarks/hostile_input.py > docs/hostile-input-table.md

The gazetteer is a small fake (the test suite's), so no index needs building.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from typer.testing import CliRunner  # noqa: E402

from geo.cli import app, load  # noqa: E402

HEAD = "sources:\n  - {id: s, outlet: O}\n"
P = HEAD + "presence:\n  - {place: Derna, actor: IS, status: control, date: 2015, source: s%s}\n"
M = HEAD + "movements:\n  - actor: IS\n    source: s\n    waypoints: %s\n"
CSV = "place,date,actor,status,strength,note\n"
BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)
)


def _geojson(coords: str, note: str = "n") -> str:
    return (
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        f'{{"place": "X", "actor": "A", "status": "s", "date": "2015", "note": "{note}"}}, '
        f'"geometry": {{"type": "Point", "coordinates": {coords}}}}}]}}'
    )


CASES: list[tuple[str, str, str | bytes]] = [
    ("YAML alias bomb (9 levels, 700 bytes)", "bomb.yaml", BOMB),
    ("YAML alias inside its own anchor", "loop.yaml", "a: &a [1, *a]\n"),
    ("YAML `!!int x`", "t.yaml", P % ", strength: !!int x"),
    ("YAML `!!bool x`", "t.yaml", P % ", note: !!bool x"),
    ("YAML `!!timestamp x`", "t.yaml", P % ", note: !!timestamp x"),
    ("YAML `!!map x`", "t.yaml", P % ", note: !!map x"),
    ("YAML unknown tag `!foo x`", "t.yaml", P % ", note: !foo x"),
    ("YAML integer of 5,000 digits", "t.yaml", P % (", strength: " + "9" * 5000)),
    (
        "YAML lat of 401 digits",
        "t.yaml",
        HEAD + "presence:\n  - {place: X, lat: " + "9" * 401 + ", lon: 1, actor: A, status: s,"
        " date: 2015}\n",
    ),
    ("YAML strength of 100,000 characters", "t.yaml", P % (", strength: " + "x" * 100_000)),
    ("YAML `waypoints: []`", "m.yaml", M % "[]"),
    ("YAML one waypoint", "m.yaml", M % "[{place: Sirte}]"),
    ("YAML bare waypoints `- Sirte`", "m.yaml", M % "[Sirte, Derna]"),
    ("YAML waypoint `12`", "m.yaml", M % "[12, Derna]"),
    ("YAML strength 2147483648", "s.yaml", P % ", strength: 2147483648"),
    ("YAML strength 2^64", "s.yaml", P % f", strength: {2**64}"),
    ("YAML note `a\\x00b\\x07c`", "n.yaml", P % ', note: "a\\x00b\\x07c"'),
    ("YAML note `\\ud800`", "n.yaml", P % ', note: "\\ud800"'),
    (
        "YAML bad UTF-8 byte past 8 KB (line 402)",
        "u.yaml",
        ("presence:\n" + "  - {place: Derna, actor: A, status: s, date: 2015}\n" * 400).encode()
        + b"  - {place: \xff}\n",
    ),
    (
        "CSV strength JSON nested 100,000 deep",
        "p.csv",
        CSV + 'Derna,2015,IS,c,"' + "[" * 100_000 + "]" * 100_000 + '",\n',
    ),
    (
        "CSV bad UTF-8 byte on line 402",
        "p.csv",
        (CSV + "Derna,2015,IS,c,1,\n" * 400).encode() + b"Derna,2015,IS,\xff,1,\n",
    ),
    ("CSV strength `3_0`", "p.csv", CSV + "Derna,2015,IS,c,3_0,\n"),
    ("CSV strength full-width `３`", "p.csv", CSV + "Derna,2015,IS,c,３,\n"),
    ("CSV date full-width `２０１５`", "p.csv", CSV + "Derna,２０１５,IS,c,1,\n"),
    ("CSV cut off inside a quote", "p.csv", CSV + 'Derna,2015,IS,c,1,"no end'),
    ("CSV note with `\\x07`", "p.csv", CSV + "Derna,2015,IS,c,1,a\x07b\n"),
    ("GeoJSON coordinate of 5,000 digits", "g.geojson", _geojson(f"[{'9' * 5000}, 1]")),
    ("GeoJSON coordinates `[true, false]`", "g.geojson", _geojson("[true, false]")),
    ('GeoJSON coordinates `["10", "20"]`', "g.geojson", _geojson('["10", "20"]')),
    ("GeoJSON note `\\ud800`", "g.geojson", _geojson("[10, 20]", "\\ud800")),
    (
        "GeoJSON duplicate key",
        "g.geojson",
        _geojson("[10, 20]").replace('"status": "s"', '"status": "s", "status": "t"'),
    ),
    ("random bytes", "r.yaml", bytes(range(256)) * 4),
]


def main() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("geo_conftest", ROOT / "tests/geo/conftest.py")
    assert spec is not None and spec.loader is not None
    fixtures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fixtures)
    load.gazetteer_factory = fixtures.FakeResolver
    runner = CliRunner()
    print("| input | `geo validate` says | exit | `geo export -o out.geojson` writes | time |")
    print("|---|---|---|---|---|")
    for title, name, content in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / name
            data = content if isinstance(content, bytes) else content.encode()
            path.write_bytes(data)
            start = time.monotonic()
            result = runner.invoke(app, ["validate", str(path)])
            took = time.monotonic() - start
            crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
            lines = [ln for ln in result.output.splitlines() if not ln.startswith("geo: ")]
            said = "TRACEBACK" if crashed else (lines[0] if lines else "").replace(tmp + "/", "")
            out = Path(tmp) / "out.geojson"
            exported = runner.invoke(app, ["export", str(path), "-o", str(out)])
            written = sorted(p.name for p in Path(tmp).iterdir() if p.name != name)
            files = ", ".join(written) if written else "none"
            said = said.replace("|", "\\|")
            print(
                f"| {title} | `{said}` | {result.exit_code} | {files} "
                f"(exit {exported.exit_code}) | {took:.2f} s |"
            )


if __name__ == "__main__":
    main()
