"""Fuzzing ``geo validate``: mutated valid files and random bytes, seeded and bounded.

Each reader (YAML, CSV, GeoJSON, GeoPackage) gets a few hundred cases made from valid
files (the shipped seeds and an export of the test dataset) by flipping, inserting and
deleting bytes, repeating and dropping lines, and putting hostile values in place of
values; then random bytes. Every case must end with exit 0, 1 or 2, no traceback, within
its time bound, and print no line over 1,000 characters (issue 10, "Done means").
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from geo.cli import app, load
from geo.io.export import export_dataset

SEED = 20240610
CASES = 200  # per reader, mutated; and RANDOM of random bytes
RANDOM = 40
BOUND = 5.0  # seconds per case; a case is a few milliseconds
MAX_LINE = 1000
ROOT = Path(__file__).resolve().parents[3]

SMALL = b"""\
sources:
  - {id: s, outlet: O, published: 2015-06}
presence:
  - &d {place: Derna, actor: IS, status: control, date: 2015-06, strength: 800, source: s}
  - {<<: *d, place: Camp, lat: 32.5, lon: 22.1, strength: "4000-6000"}
movements:
  - actor: IS
    source: s
    waypoints: [{place: Sirte, date: 2016}, {place: Ghat, mode: overland, date: 2017}]
"""

HOSTILE = [
    b"9" * 5000,
    b"-1",
    b"1e999",
    b"3_0",
    "\uff13".encode(),
    b"!!int x",
    b"!!map x",
    b"*a",
    b"&a [*a, *a]",
    b"[" * 300,
    b"{",
    b'"',
    b"\x00",
    b"\xff\xfe",
    b"\\ud800",
    b"true",
    b"null",
    b"[]",
    b"..",
    b"2147483648",
    b"x" * 20_000,
    b"'=HYPERLINK(1)'",
    b"</script>",
    b"\r",
]


def _mutate(data: bytes, rnd: random.Random) -> bytes:
    """``data`` with one to three random changes."""
    for _ in range(rnd.randint(1, 3)):
        op = rnd.randrange(7)
        at = rnd.randrange(len(data) + 1)
        if op == 0 and data:  # flip a byte
            i = min(at, len(data) - 1)
            data = data[:i] + bytes([rnd.randrange(256)]) + data[i + 1 :]
        elif op == 1:  # insert random bytes
            data = data[:at] + rnd.randbytes(rnd.randint(1, 8)) + data[at:]
        elif op == 2:  # delete a run
            data = data[:at] + data[at + rnd.randint(1, 64) :]
        elif op == 3:  # cut the file off
            data = data[:at]
        elif op in (4, 5):  # a hostile value in place of a token
            lines = data.split(b"\n")
            n = rnd.randrange(len(lines))
            parts = lines[n].split(b",")
            k = rnd.randrange(len(parts))
            value = rnd.choice(HOSTILE)
            head, sep, _ = parts[k].partition(b": ")
            parts[k] = head + sep + value if sep else value
            lines[n] = b",".join(parts)
            data = b"\n".join(lines)
        else:  # repeat or drop a line
            lines = data.split(b"\n")
            n = rnd.randrange(len(lines))
            lines[n:n] = [lines[n]] * rnd.choice((0, 1, 50)) if rnd.random() < 0.7 else []
            if rnd.random() < 0.3:
                del lines[n]
            data = b"\n".join(lines)
    return data


@pytest.fixture
def seeds(dataset: Any, tmp_path: Path) -> dict[str, list[tuple[str, bytes]]]:
    """Valid files of each format: ``{reader: [(file name, bytes), ...]}``."""
    out = tmp_path / "seed"
    out.mkdir()
    csvs = export_dataset(dataset, out / "e.csv")
    export_dataset(dataset, out / "e.geojson")
    export_dataset(dataset, out / "e.gpkg")
    yaml = [("small.yaml", SMALL), ("libya.yaml", (ROOT / "seeds" / "libya.yaml").read_bytes())]
    return {
        "yaml": yaml,
        "csv": [(p.name, p.read_bytes()) for p in csvs],
        "geojson": [("e.geojson", (out / "e.geojson").read_bytes())],
        "gpkg": [("e.gpkg", (out / "e.gpkg").read_bytes())],
    }


@pytest.fixture
def check(
    monkeypatch: pytest.MonkeyPatch, resolver: Any, tmp_path: Path
) -> Callable[[str, bytes], None]:
    monkeypatch.setattr(load, "gazetteer_factory", lambda: resolver)
    runner = CliRunner()
    folder = tmp_path / "cases"
    folder.mkdir()

    def run(name: str, data: bytes) -> None:
        path = folder / name
        path.write_bytes(data)
        start = time.monotonic()
        result = runner.invoke(app, ["validate", str(path)])
        took = time.monotonic() - start
        where = f"{name} ({len(data)} bytes, kept at {path}): "
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(where + f"traceback {result.exception!r}") from result.exception
        assert result.exit_code in (0, 1, 2), where + f"exit {result.exit_code}"
        assert took < BOUND, where + f"took {took:.1f} s"
        longest = max(result.output.splitlines() or [""], key=len)
        assert len(longest) <= MAX_LINE, where + f"a line of {len(longest)} characters"
        path.unlink()

    return run


@pytest.mark.parametrize(
    ("reader", "cases"), [("yaml", CASES), ("csv", CASES), ("geojson", CASES), ("gpkg", CASES // 2)]
)
def test_mutated_files(
    reader: str, cases: int, seeds: dict[str, list[tuple[str, bytes]]], check: Any
) -> None:
    rnd = random.Random(f"{SEED}-{reader}")
    for n in range(cases):
        name, data = rnd.choice(seeds[reader])
        check(f"{n}-{name}", _mutate(data, rnd))


@pytest.mark.parametrize("suffix", [".yaml", ".csv", ".geojson", ".gpkg", ""])
def test_random_bytes(suffix: str, check: Any) -> None:
    rnd = random.Random(f"{SEED}{suffix}")
    for n in range(RANDOM):
        size = rnd.choice((1, 16, 300, 9000))
        text = rnd.random() < 0.5  # printable ASCII, which gets past the binary sniff
        data = bytes(rnd.choice(b" \n,:-[]{}\"'#&*!0123456789abcxyz") for _ in range(size))
        check(f"r{n}{suffix}", data if text else rnd.randbytes(size))
