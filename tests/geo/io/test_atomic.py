"""Outputs written whole or not at all, and the one rule for output paths."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo.errors import InputError, OutputError
from geo.io.atomic import (
    atomic_paths,
    check_distinct,
    check_output_path,
    clean_stale_temps,
    write_all_atomic,
    write_atomic,
)


def test_several_files_are_written_together_or_not_at_all(tmp_path: Path) -> None:
    (tmp_path / "r-sources.csv").mkdir()  # the third target cannot be replaced
    files = {tmp_path / n: b"x" for n in ("r.csv", "r-movements.csv", "r-sources.csv")}
    with pytest.raises(InputError, match="is a folder"):
        write_all_atomic(files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r-sources.csv"]


def test_a_full_disk_is_one_error_naming_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: Path, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(OutputError) as info:
        write_atomic(tmp_path / "map.html", b"<html>")
    assert str(info.value).startswith(f"{tmp_path / 'map.html'}: cannot be written (No space")
    assert list(tmp_path.iterdir()) == []


def test_stale_temps_of_dead_processes_are_cleaned(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale = tmp_path / f".out.geojson.{dead.stdout.strip()}.abc123.tmp.geojson"
    live = tmp_path / f".out.geojson.{os.getppid()}.abc123.tmp.geojson"
    other = tmp_path / ".notes.txt"
    for p in (stale, live, other):
        p.write_text("partial")
    write_atomic(tmp_path / "out.geojson", b"{}")
    assert not stale.exists() and live.exists() and other.exists()
    assert clean_stale_temps(tmp_path) == []
    assert (tmp_path / "out.geojson").read_bytes() == b"{}"


def test_files_get_the_mode_open_would_give(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.bin", b"1")
    finally:
        os.umask(mask)
    assert (tmp_path / "a.bin").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing/out.geojson", "does not exist"), ("folder", "is a folder"),
     ("out.geojson/", "names a folder")],
)  # fmt: skip
def test_one_rule_for_output_paths(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "folder").mkdir()
    target = str(tmp_path) + "/" + name  # as typed: a Path drops a final slash
    with pytest.raises(InputError, match=message) as info:
        check_output_path(target, "-o")
    assert info.value.field == "-o"


def test_two_options_may_not_name_one_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--png") as info:
        check_distinct([(tmp_path / "a.html", "--png"), (tmp_path / "./a.html", "-o")])
    assert info.value.field == "-o"


def test_the_temporary_path_is_free_for_writers_that_create_it(tmp_path: Path) -> None:
    with atomic_paths([tmp_path / "a.gpkg"]) as (temp,):
        assert not temp.exists() and temp.parent == tmp_path
        temp.write_bytes(b"db")
    assert (tmp_path / "a.gpkg").read_bytes() == b"db"
