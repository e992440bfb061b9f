"""The packed name table: the same answers as SQLite, and a safe fallback when it is bad."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from gazetteer.index import build_index, ensure_index
from gazetteer.lookup import Gazetteer
from gazetteer.packed import PackedNames, packed_path
from gazetteer.records import Match, PlaceRecord
from gazetteer.retrieval import sql_matches
from gazetteer.sources import OverlaySource
from gazetteer.sources.base import Source
from geo.errors import CacheError


def facts(matches: list[Match]) -> list[tuple[object, ...]]:
    return sorted(
        (m.record.id, m.record.name, m.record.lat, m.record.lon, m.record.country_code,
         m.record.kind, m.record.population, m.record.source, m.record.admin1,
         m.record.feature_code, m.how, m.matched, m.query, m.distance)
        for m in matches
    )  # fmt: skip


def test_every_key_gives_what_sqlite_gives(small: Gazetteer) -> None:
    conn, packed = small._conns[0], small._packed[0]
    assert packed is not None
    keys = [k for (k,) in conn.execute("SELECT DISTINCT key FROM names")]
    assert len(keys) > 20
    for key in keys:
        assert facts(packed.matches(key, None, 0, key)) == facts(
            sql_matches(conn, key, None, 0, key)
        ), key
    assert packed.matches("nowhere at all", None, 0, "x") == []
    fuzzy = packed.matches("sirt", "fuzzy", 1, "sirtt")
    assert [(m.how, m.distance, m.query, m.matched) for m in fuzzy] == [
        ("fuzzy", 1, "sirtt", "Sirt")
    ]


class Separators(Source):
    """Names holding the packed table's own separators, which must not split a record."""

    name = "separators"

    def records(self) -> Iterator[PlaceRecord]:
        yield PlaceRecord(
            "s:1", "Ras\x1fLanuf", 30.5, 18.5, "LY", "terminal", 10, "separators",
            alternate_names=("Ras\x1eal Unuf",),
        )  # fmt: skip


def test_separators_inside_names_do_not_break_records(tmp_path: Path) -> None:
    g = Gazetteer.open(build_index([Separators()], tmp_path / "s.sqlite", show_progress=False))
    try:
        best = g.lookup("Ras al Unuf")[0]
        assert (best.id, best.name, best.lat, best.population) == ("s:1", "Ras Lanuf", 30.5, 10)
        assert best.matched == "Ras al Unuf"
    finally:
        g.close()


def test_suggestions_still_find_longer_names(small: Gazetteer) -> None:
    assert "Darnah" in small.suggest("darn")


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b"GEOHITS1" + b[8:],  # another format
        lambda b: b"",  # emptied
    ],
)
def test_bad_hits_file_falls_back_to_sqlite(
    tmp_path: Path, overlay_path: Path, damage: object, caplog: pytest.LogCaptureFixture
) -> None:
    path = build_index([OverlaySource(overlay_path)], tmp_path / "i.sqlite", show_progress=False)
    hits = packed_path(path)
    hits.write_bytes(damage(hits.read_bytes()))  # type: ignore[operator]
    with caplog.at_level(logging.WARNING, logger="gazetteer"):
        g = Gazetteer.open(path)
    try:
        assert g._packed == [None]
        assert "reading names through SQLite" in caplog.text
        assert g.lookup("Darna")[0].id == "test:derna"
    finally:
        g.close()


def test_hits_of_another_index_are_refused(tmp_path: Path, overlay_path: Path) -> None:
    path = build_index([OverlaySource(overlay_path)], tmp_path / "i.sqlite", show_progress=False)
    with pytest.raises(CacheError, match="not the packed names of this index"):
        PackedNames(packed_path(path), "another fingerprint")


def test_missing_packed_file_means_a_rebuild(
    tmp_path: Path, overlay_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path / "cache"))
    built = ensure_index([OverlaySource(overlay_path)], show_progress=False)
    packed_path(built).unlink()
    assert ensure_index([OverlaySource(overlay_path)], show_progress=False) == built
    assert packed_path(built).is_file()


def test_packed_files_are_deterministic(tmp_path: Path, overlay_path: Path) -> None:
    a = build_index([OverlaySource(overlay_path)], tmp_path / "a.sqlite", show_progress=False)
    b = build_index([OverlaySource(overlay_path)], tmp_path / "b.sqlite", show_progress=False)
    assert packed_path(a).read_bytes() == packed_path(b).read_bytes()


class Many(Source):
    """Thousands of one-name places: the hash table's slots collide and probe on."""

    name = "many"

    def records(self) -> Iterator[PlaceRecord]:
        for i in range(3000):
            name, lat, lon = f"Place {i:04d}", i / 100, -i / 100
            yield PlaceRecord(f"m:{i}", name, lat, lon, "LY", "city", i, "many")


def test_colliding_keys_are_all_found(tmp_path: Path) -> None:
    path = build_index([Many()], tmp_path / "m.sqlite", show_progress=False)
    g = Gazetteer.open(path)
    try:
        packed = g._packed[0]
        assert packed is not None and packed.keys == 3000
        for i in range(3000):
            found = packed.matches(f"place {i:04d}", None, 0, "q")
            assert [(m.record.id, m.record.population) for m in found] == [(f"m:{i}", i)]
        assert packed.matches("place 3000", None, 0, "q") == []
    finally:
        g.close()
