"""The index: atomic builds, the cache folder, fingerprints and the typo index."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gazetteer import fuzzy
from gazetteer.index import build_index, cell_of, connect, ensure_index, fingerprint
from gazetteer.records import PlaceRecord
from gazetteer.sources import OverlaySource
from gazetteer.sources.base import Source
from geo.errors import CacheError, InputError


class Broken(Source):
    """A source that fails half-way, as a corrupt file does."""

    name = "broken"

    def records(self) -> Iterator[PlaceRecord]:
        yield PlaceRecord("b:1", "One", 1.0, 1.0, "LY", "city", None, "broken")
        raise InputError("corrupt", file="broken.txt", line=2, field="lat")


def test_build_writes_tables_and_no_temp_files(tmp_path: Path, overlay_path: Path) -> None:
    path = build_index([OverlaySource(overlay_path)], tmp_path / "i.sqlite", show_progress=False)
    conn = connect(path)
    assert conn.execute("SELECT COUNT(*) FROM places").fetchone()[0] == 12
    keys = {k for (k,) in conn.execute("SELECT key FROM names WHERE pid = 1")}
    assert keys == {"darnah", "derna", "darna", "درنه"}
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_failed_build_leaves_old_index_untouched(tmp_path: Path, overlay_path: Path) -> None:
    path = build_index([OverlaySource(overlay_path)], tmp_path / "i.sqlite", show_progress=False)
    files = ["i.hits", "i.sqlite"]
    before = [(tmp_path / f).read_bytes() for f in files]
    with pytest.raises(InputError, match="corrupt"):
        build_index([Broken()], path, show_progress=False)
    assert [(tmp_path / f).read_bytes() for f in files] == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [*files, "overlay.csv"]


def test_fingerprint_changes_with_overlay(make_overlay: Callable[[str], Path]) -> None:
    path = make_overlay("x:a,A,,1,1,LY,city,,s\n")
    first = fingerprint([OverlaySource(path)])
    assert fingerprint([OverlaySource(path)]) == first
    make_overlay("x:a,A,,1,1.5,LY,city,,s\n")
    assert fingerprint([OverlaySource(path)]) != first


def test_ensure_index_caches_and_rebuilds_on_change(
    tmp_path: Path, make_overlay: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path / "cache"))
    overlay = make_overlay("x:a,A,,1,1,LY,city,,s\n")
    first = ensure_index([OverlaySource(overlay)], show_progress=False)
    stamp = first.stat().st_mtime_ns
    assert ensure_index([OverlaySource(overlay)], show_progress=False) == first
    assert first.stat().st_mtime_ns == stamp
    make_overlay("x:a,A,,1,1,LY,city,,s\nx:b,B,,2,2,LY,city,,s\n")
    second = ensure_index([OverlaySource(overlay)], show_progress=False)
    assert second != first and second.parent == tmp_path / "cache"


def test_read_only_cache_builds_elsewhere(
    tmp_path: Path, overlay_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    real_access = os.access
    # root ignores permission bits, so ask os.access the way a normal user's call answers.
    monkeypatch.setattr(
        "os.access", lambda p, mode: False if Path(p) == folder else real_access(p, mode)
    )
    monkeypatch.setenv("GEO_CACHE_DIR", str(folder))
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    path = ensure_index([OverlaySource(overlay_path)], show_progress=False)
    assert path.parent == tmp_path / f"geo-cache-{os.getuid()}" and path.is_file()
    assert list(folder.iterdir()) == []


def test_unwritable_cache_builds_elsewhere(
    tmp_path: Path, overlay_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A regular file where the cache folder should be: no user, root included, can write.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("GEO_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    path = ensure_index([OverlaySource(overlay_path)], show_progress=False)
    assert path.parent == tmp_path / "tmp" / f"geo-cache-{os.getuid()}"
    assert connect(path).execute("SELECT COUNT(*) FROM places").fetchone()[0] == 12


def test_no_writable_place_is_a_cache_error(
    tmp_path: Path, overlay_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("GEO_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr("tempfile.tempdir", str(blocker))
    with pytest.raises(CacheError, match="cannot write"):
        ensure_index([OverlaySource(overlay_path)], show_progress=False)


def test_cache_folder_deleted_mid_build_is_rebuilt(
    tmp_path: Path, overlay_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("GEO_CACHE_DIR", str(folder))

    class Vanishing(OverlaySource):
        calls = 0

        def records(self) -> Iterator[PlaceRecord]:
            Vanishing.calls += 1
            if Vanishing.calls == 1:  # a cache cleaner strikes during the first build
                for p in folder.iterdir():
                    p.unlink()
                folder.rmdir()
            yield from super().records()

    path = ensure_index([Vanishing(overlay_path)], show_progress=False)
    assert Vanishing.calls == 2 and path.parent == folder and path.is_file()


def test_connect_rejects_a_non_index(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(CacheError, match="not a usable gazetteer index"):
        connect(junk)
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).execute("CREATE TABLE t (x)")
    with pytest.raises(CacheError):
        connect(empty)


@pytest.mark.parametrize(
    ("lat", "lon", "cell"),
    [
        (0.5, 0.5, 90 * 360 + 180),
        (-90, -180, 0),
        (90, 180, 179 * 360),
        (32.7, 22.6, 122 * 360 + 202),
    ],
)
def test_grid_cells(lat: float, lon: float, cell: int) -> None:
    assert cell_of(lat, lon) == cell


@pytest.mark.parametrize(
    "keys",
    [
        ["sabratha", "benghazi", "abcd", "a b c d e", "x" * 40, "aaaa"],
        ["tripoli", "tripolis", "misrata"],
    ],
)
def test_numpy_and_python_variant_hashes_agree(keys: list[str]) -> None:
    packed = fuzzy._packed_rows(keys)
    for kid, key in enumerate(keys):
        from_numpy = sorted(int(v) >> 32 for v in packed if int(v) & 0xFFFFFFFF == kid)
        assert from_numpy == fuzzy.variant_hashes(key)


def test_typo_index_finds_one_edit(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "f.sqlite")
    conn.execute("CREATE TABLE fkeys (kid INTEGER PRIMARY KEY, key TEXT)")
    conn.execute("CREATE TABLE dblocks (block INTEGER PRIMARY KEY, first INTEGER, data BLOB)")
    words = ["sabratha", "benghazi", "bengazi", "misrata", "tripoli"] + [
        f"filler{i:04d}" for i in range(3000)
    ]
    fuzzy.write_index(conn, words)
    index = fuzzy.FuzzyIndex(conn)
    assert len(index.firsts) > 1  # the probes cross block boundaries
    assert index.near_keys("sabartha") == [("sabratha", 1)]  # swapped neighbours
    assert index.near_keys("benghazy") == [("benghazi", 1)]  # substitution
    assert index.near_keys("misratta") == [("misrata", 1)]  # insertion
    near = index.near_keys("filler0042", limit=1000)  # 10 letters: 2 edits allowed
    assert ("filler0041", 1) in near and ("filler0013", 2) in near
    assert all(1 <= d <= 2 for _, d in near) and ("filler0042", 0) not in near
    assert index.near_keys("zzzzzzzz") == []
    assert index.near_keys("xy") == []  # too short to guess


def test_overlay_row_with_a_known_id_adds_names(
    tmp_path: Path, overlay_path: Path, make_overlay: Callable[[str], Path]
) -> None:
    from gazetteer.lookup import Gazetteer

    base = OverlaySource(overlay_path)
    homs = tmp_path / "homs.csv"
    homs.write_text(
        "id,name,alternate_names,lat,lon,country_code,kind,population,source\n"
        "test:homs,Homs,Kh'oms,34.72682,36.72339,SY,city,775404,GeoNames 169577\n"
        "test:khums,Khoms,Al-Khoms,0,0,LY,city,,report spelling\n",
        encoding="utf-8",
    )
    path = build_index([base, OverlaySource(homs)], tmp_path / "m.sqlite", show_progress=False)
    g = Gazetteer.open(path)
    assert g.info()["indexes"][0]["places"] == 13  # the second test:khums row made no place
    khums = g.lookup("Al-Khoms")[0]
    assert (khums.id, khums.lat, khums.name) == ("test:khums", 32.64861, "Al Khums")
    # The report spelling is matched as the place's own name, ahead of Syria's bigger Homs,
    # which GeoNames also spells "Kh'oms".
    assert [c.country_code for c in g.lookup("Khoms")] == ["LY", "SY"]


def test_progress_bar_on_request(
    tmp_path: Path, overlay_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build_index([OverlaySource(overlay_path)], tmp_path / "p.sqlite", show_progress=True)
    err = capsys.readouterr().err
    assert "[1/1] curated overlay" in err and "typo index" in err
    build_index([OverlaySource(overlay_path)], tmp_path / "q.sqlite", show_progress=False)
    assert capsys.readouterr().err == ""


def test_code_fingerprint_covers_the_index_code(tmp_path: Path) -> None:
    # A change to the code that decides the index content must give a new index.
    from gazetteer.index import CODE_FILES, code_fingerprint

    package = Path(__file__).resolve().parents[2] / "gazetteer"
    assert {"normalize.py", "candidate.py", "records.py", "fuzzy.py"} <= set(CODE_FILES)
    for name in CODE_FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((package / name).read_bytes())
    assert code_fingerprint(tmp_path) == code_fingerprint()
    normalize_py = tmp_path / "normalize.py"
    normalize_py.write_text(normalize_py.read_text() + "\nEXTRA = 1\n")
    assert code_fingerprint(tmp_path) != code_fingerprint()


def test_names_only_source_adds_no_places(tmp_path: Path, overlay_path: Path) -> None:
    class Names(Source):
        name = "names"
        names_only = True

        def records(self) -> Iterator[PlaceRecord]:
            yield PlaceRecord(
                "test:derna", "Darnah", 0, 0, "LY", "city", None, "n", "", "", ("Dernah",)
            )
            yield PlaceRecord("test:nowhere", "Nowhere", 0, 0, "LY", "city", None, "n")

    path = build_index(
        [OverlaySource(overlay_path), Names()], tmp_path / "i.sqlite", show_progress=False
    )
    conn = connect(path)
    assert conn.execute("SELECT COUNT(*) FROM places").fetchone()[0] == 12
    assert conn.execute("SELECT how FROM names WHERE key = 'dernah'").fetchall() == [(1,)]
    assert conn.execute("SELECT COUNT(*) FROM names WHERE key = 'nowhere'").fetchone()[0] == 0


def test_build_removes_stale_indexes_only(
    tmp_path: Path, overlay_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("GEO_CACHE_DIR", str(cache))
    stale = ["gazetteer-old.sqlite", "gazetteer-old.hits"]
    stale += [".gazetteer-x.sqlite.1.tmp", ".gazetteer-x.sqlite.1.hits.tmp"]
    recent = cache / "gazetteer-recent.sqlite"
    for name in [*stale, recent.name]:
        (cache / name).write_bytes(b"x")
    for name in stale:
        os.utime(cache / name, (1, 1))
    built = ensure_index([OverlaySource(overlay_path)], show_progress=False)
    own = [built.name, built.with_suffix(".hits").name]
    assert sorted(p.name for p in cache.iterdir()) == sorted([*own, recent.name])
