"""Fixtures of the command tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.cli import load


@pytest.fixture
def real(embedded_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The commands on the session's embedded index (the real gazetteer)."""
    from gazetteer.lookup import Gazetteer

    monkeypatch.setenv("GEO_CACHE_DIR", str(embedded_cache))
    Gazetteer.forget_default()
    monkeypatch.setattr(load, "gazetteer_factory", load.default_gazetteer)
    yield
    Gazetteer.forget_default()
