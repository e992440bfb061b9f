"""Write a dataset to GeoJSON, KML, GeoPackage or CSV, chosen by the output's suffix.

Every file is written to a temporary file in the output's folder and moved into place
only when complete, so a failed export leaves nothing half-written.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from geo.errors import InputError
from geo.model import Dataset

FORMATS = {".geojson": "geojson", ".json": "geojson", ".kml": "kml", ".gpkg": "gpkg", ".csv": "csv"}


@contextlib.contextmanager
def atomic_paths(targets: list[Path]) -> Iterator[list[Path]]:
    """Temporary paths next to ``targets``, moved onto them when the block succeeds."""
    temps: list[Path] = []
    try:
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=f".tmp{target.suffix}", dir=target.parent
            )
            os.close(fd)
            os.unlink(name)  # writers such as GDAL want to create the file themselves
            temps.append(Path(name))
        yield temps
        for temp in temps:
            _sync(temp)
        for temp, target in zip(temps, targets, strict=True):
            os.replace(temp, target)
    finally:
        for temp in temps:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


def _sync(path: Path) -> None:
    """Flush a finished file to disk, so that the rename never exposes a partial file."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once or not at all."""
    with atomic_paths([path]) as (temp,):
        temp.write_bytes(data)


def output_format(out: Path) -> str:
    """The export format for ``out``'s suffix."""
    kind = FORMATS.get(out.suffix.lower())
    if kind is None:
        raise InputError(
            f"cannot tell the format from {out.suffix or 'no suffix'!r}; use one of "
            + ", ".join(sorted(FORMATS)),
            field="-o",
        )
    return kind


def export_dataset(data: Dataset, out: Path) -> list[Path]:
    """Write ``data`` to ``out`` in the format its suffix names; return the files written.

    ``.csv`` writes three files: ``OUT.csv`` (presence), ``OUT-movements.csv`` and
    ``OUT-sources.csv``; reading the three together gives the dataset back.

    Raises
    ------
    InputError
        For an unknown suffix, or a record whose place has no coordinates (resolve first).
    """
    kind = output_format(out)
    _require_points(data)
    if kind == "geojson":
        from geo.export_geojson import geojson_bytes

        write_atomic(out, geojson_bytes(data))
        return [out]
    if kind == "kml":
        from geo.export_kml import kml_bytes

        write_atomic(out, kml_bytes(data))
        return [out]
    if kind == "gpkg":
        from geo.export_gpkg import write_gpkg

        with atomic_paths([out]) as (temp,):
            write_gpkg(data, temp)
        return [out]
    from geo.export_csv import csv_files

    files = csv_files(data, out)
    with atomic_paths(list(files)) as temps:
        for temp, content in zip(temps, files.values(), strict=False):
            temp.write_bytes(content)
    return list(files)


def _require_points(data: Dataset) -> None:
    for p in data.presence:
        if p.place.point is None:
            raise InputError(
                f"place {p.place.name!r} has no coordinates; resolve the dataset first",
                file=p.file,
                line=p.line,
                field="place",
            )
    for m in data.movements:
        for w in m.waypoints:
            if w.place.point is None:
                raise InputError(
                    f"place {w.place.name!r} has no coordinates; resolve the dataset first",
                    file=m.file,
                    line=w.line,
                    field="place",
                )
