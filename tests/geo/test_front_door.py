"""The library's front door: ``geo.__all__`` names what users import, and each works."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import geo

EXPECTED = {
    "__version__", "read_dataset", "validate", "ValidationReport", "export_dataset",
    "resolve_dataset", "Dataset", "Presence", "Movement", "Source", "Place", "Mention",
    "Resolved", "Ambiguous", "NotFound", "GeoError", "InputError", "ValidationErrors",
    "PlaceError", "NotFoundError", "AmbiguousError", "CacheError", "OutputError",
}  # fmt: skip


def test_all_is_the_public_api() -> None:
    assert set(geo.__all__) == EXPECTED == {"__version__", *geo._EXPORTS}
    for name in geo.__all__:
        assert getattr(geo, name) is not None, name
    with pytest.raises(AttributeError):
        _ = geo.no_such_name  # type: ignore[attr-defined]


def test_errors_share_one_root_and_their_builtins() -> None:
    assert issubclass(geo.InputError, (geo.GeoError, ValueError))
    assert issubclass(geo.PlaceError, geo.InputError)
    assert issubclass(geo.NotFoundError, LookupError)


def test_the_front_door_reads_validates_and_exports(tmp_path: Path) -> None:
    src = tmp_path / "e.csv"
    src.write_text("place,lat,lon,actor,status,date\nKonna,14.95,-3.89,X,attack,2013-01\n")
    data = geo.read_dataset([src])
    assert isinstance(data, geo.Dataset) and len(data.presence) == 1
    out = geo.export_dataset(data, tmp_path / "e.geojson")
    assert out == [tmp_path / "e.geojson"] and out[0].stat().st_size > 0
    bad = tmp_path / "bad.csv"
    bad.write_text("place,lat,lon,actor,status,date\nX,95,0,X,attack,2013\n")
    with pytest.raises(geo.ValidationErrors) as info:
        geo.read_dataset([bad])
    assert info.value.problems[0].field == "lat"


def test_import_geo_is_light() -> None:
    code = "import sys, geo; print(sorted(m for m in sys.modules if m.startswith('geo.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_package_is_typed() -> None:
    assert (Path(geo.__file__).parent / "py.typed").is_file()


def test_place_errors_carry_their_resolution() -> None:
    from geo.errors import place_error
    from geo.resolution import Ambiguous, Mention, NotFound

    missing = NotFound(Mention("Qwxzt"), suggestions=("Qwxz",))
    err = place_error(missing.message(), missing, file="a.csv", line=3)
    assert isinstance(err, geo.NotFoundError) and err.resolution is missing
    assert str(err) == "a.csv:3: place: no place named 'Qwxzt'; did you mean Qwxz?"
    both = Ambiguous(Mention("Tripoli"), ())
    assert isinstance(place_error("x", both), geo.AmbiguousError)
