"""Fixtures of the gazetteer tests: a small index built from a test overlay, and the
embedded index built once per session in a temporary cache folder.

Coordinates and populations in the test overlay are GeoNames facts (CC BY 4.0), rounded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gazetteer.index import build_index
from gazetteer.lookup import Gazetteer
from gazetteer.sources import OverlaySource

OVERLAY_HEADER = "id,name,alternate_names,lat,lon,country_code,kind,population,source\n"
OVERLAY_ROWS = """\
test:derna,Darnah,Derna|Darna|درنة,32.76704,22.63669,LY,city,102581,GeoNames 87205
test:sirte,Sirte,Sirt|Surt|سرت,31.20892,16.58866,LY,city,106705,GeoNames 2210554
test:sabratha,Şabrātah,Sabratha|صبراتة,32.79335,12.48845,LY,city,83398,GeoNames 2212771
test:benghazi,Benghazi,Bengasi|بنغازي,32.11486,20.06859,LY,city,757490,GeoNames 88319
test:tripoli-ly,Tripoli,Tarabulus|طرابلس,32.88743,13.18733,LY,city,1302947,GeoNames 2210247
test:tripoli-lb,Tripoli,Trablous,34.43352,35.84415,LB,city,229398,GeoNames 266826
test:khums,Al Khums,al-Khums|Khoms,32.64861,14.26191,LY,city,201943,GeoNames 2219905
test:derna-district,Derna District,Darnah District,32.76704,22.63669,LY,district,,GeoNames 87205
test:benina,Benina Airport,Benghazi Airport,32.0968,20.2695,LY,airport,,airportsdata HLLB
test:nome,Nome,,64.5011,-165.4064,US,city,3598,GeoNames 5870133
test:fiji,Levuka,,-17.6833,178.8333,FJ,city,1100,GeoNames 2202064
test:taveuni,Waiyevo,,-16.7833,-179.9833,FJ,city,600,GeoNames 2202236
"""


def write_overlay(folder: Path, rows: str = OVERLAY_ROWS, name: str = "overlay.csv") -> Path:
    path = folder / name
    path.write_text(OVERLAY_HEADER + rows, encoding="utf-8")
    return path


@pytest.fixture
def make_overlay(tmp_path: Path) -> Callable[[str], Path]:
    """Write an overlay CSV with the header and the given rows; returns its path."""
    return lambda rows: write_overlay(tmp_path, rows)


@pytest.fixture
def overlay_path(tmp_path: Path) -> Path:
    return write_overlay(tmp_path)


@pytest.fixture
def small(tmp_path: Path, overlay_path: Path) -> Iterator[Gazetteer]:
    """A gazetteer over an index of the test overlay only."""
    path = build_index(
        [OverlaySource(overlay_path)], tmp_path / "small.sqlite", show_progress=False
    )
    g = Gazetteer.open(path)
    yield g
    g.close()


@pytest.fixture
def embedded(embedded_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Gazetteer]:
    """Gazetteer.default() over the session's embedded index."""
    monkeypatch.setenv("GEO_CACHE_DIR", str(embedded_cache))
    Gazetteer.forget_default()
    yield Gazetteer.default(show_progress=False)
    Gazetteer.forget_default()
