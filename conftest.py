"""Fixtures shared by the test packages: the embedded gazetteer index, built once.

At the project root rather than in tests/ so that pytest puts the root, not tests/, on
sys.path (tests/gazetteer would otherwise shadow the gazetteer package).
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def embedded_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding the embedded index (built once per test session)."""
    from gazetteer.index import ensure_index
    from gazetteer.sources import default_sources

    folder = tmp_path_factory.getbasetemp() / "geo-cache"
    folder.mkdir(exist_ok=True)
    mp = pytest.MonkeyPatch()
    mp.setenv("GEO_CACHE_DIR", str(folder))
    try:
        ensure_index(default_sources(), show_progress=False)
    finally:
        mp.undo()
    return folder
