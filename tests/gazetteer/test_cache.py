"""The cache folder: the private fallback is trusted only when it is ours alone, and a
damaged index repairs itself."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from gazetteer.cache import private_fallback
from geo.errors import CacheError


@pytest.fixture
def tmpdir_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    return tmp_path


def test_the_fallback_is_made_private(tmpdir_here: Path) -> None:
    folder = private_fallback()
    assert folder == tmpdir_here / f"geo-cache-{os.getuid()}"
    assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0


def test_a_fallback_writable_by_others_is_not_trusted(tmpdir_here: Path) -> None:
    folder = tmpdir_here / f"geo-cache-{os.getuid()}"
    folder.mkdir()
    folder.chmod(0o777)
    with pytest.raises(CacheError, match="writable by other users"):
        private_fallback()


def test_a_fallback_of_another_user_is_not_trusted(
    tmpdir_here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = os.getuid() + 4242  # the folder below is named for, but not owned by, this uid
    (tmpdir_here / f"geo-cache-{other}").mkdir(mode=0o700)
    monkeypatch.setattr(os, "getuid", lambda: other)
    with pytest.raises(CacheError, match="belongs to another user"):
        private_fallback()


def test_a_file_in_the_way_is_not_trusted(tmpdir_here: Path) -> None:
    (tmpdir_here / f"geo-cache-{os.getuid()}").write_text("x")
    with pytest.raises(CacheError):
        private_fallback()


def test_a_damaged_index_is_rebuilt_once_with_a_message(
    tmp_path: Path,
    overlay_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from gazetteer.index import ensure_index
    from gazetteer.lookup import Gazetteer
    from gazetteer.sources.overlay import OverlaySource

    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path / "cache"))
    sources = [OverlaySource(overlay_path)]
    monkeypatch.setattr("gazetteer.sources.default_sources", lambda: sources)
    path = ensure_index(sources, show_progress=False)
    path.write_bytes(b"this is not SQLite" * 100)  # damaged in place
    Gazetteer.forget_default()
    try:
        g = Gazetteer.default(show_progress=False)
        assert g.lookup("Derna")
    finally:
        Gazetteer.forget_default()
    assert "damaged" in capsys.readouterr().err
