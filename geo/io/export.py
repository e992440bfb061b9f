"""Write a dataset to GeoJSON, KML, GeoPackage or CSV, chosen by the output's suffix.

The formats and their suffixes are those of :mod:`geo.io.formats`; each writer below is
named there. Every file is written to a temporary file in the output's folder and moved
into place only when complete (:mod:`geo.io.atomic`), so a failed export leaves nothing
half-written.
"""

from __future__ import annotations

from pathlib import Path

from geo.errors import InputError, shown
from geo.io.atomic import atomic_paths, check_output_path, write_all_atomic, write_atomic
from geo.io.formats import output_format
from geo.model import Dataset


def export_dataset(data: Dataset, out: Path) -> list[Path]:
    """Write ``data`` to ``out`` in the format its suffix names; return the files written.

    ``.csv`` writes three files: ``OUT.csv`` (presence), ``OUT-movements.csv`` and
    ``OUT-sources.csv``; reading the three together gives the dataset back.

    Raises
    ------
    InputError
        For an unknown suffix, a missing folder, a folder given as the file, or a record
        whose place has no coordinates (resolve first).
    """
    fmt = output_format(out)
    check_output_path(out, "-o")
    _require_points(data)
    return fmt.writer()(data, out)


def write_geojson(data: Dataset, out: Path) -> list[Path]:
    """The GeoJSON writer of the format registry."""
    from geo.io.export_geojson import geojson_bytes

    return [write_atomic(out, geojson_bytes(data))]


def write_kml(data: Dataset, out: Path) -> list[Path]:
    """The KML writer of the format registry."""
    from geo.io.export_kml import kml_bytes

    return [write_atomic(out, kml_bytes(data))]


def write_gpkg(data: Dataset, out: Path) -> list[Path]:
    """The GeoPackage writer of the format registry."""
    from geo.io.export_gpkg import write_gpkg as write

    with atomic_paths([out]) as (temp,):
        write(data, temp)
    return [out]


def write_csv(data: Dataset, out: Path) -> list[Path]:
    """The CSV writer of the format registry: three files, written together or not at all."""
    from geo.io.export_csv import csv_files

    return write_all_atomic(csv_files(data, out))


def _require_points(data: Dataset) -> None:
    for p in data.presence:
        if p.place.point is None:
            raise InputError(
                f"place {shown(p.place.name)} has no coordinates; resolve the dataset first",
                file=p.file,
                line=p.line,
                field="place",
            )
    for m in data.movements:
        for w in m.waypoints:
            if w.place.point is None:
                raise InputError(
                    f"place {shown(w.place.name)} has no coordinates; resolve the dataset first",
                    file=m.file,
                    line=w.line,
                    field="place",
                )
