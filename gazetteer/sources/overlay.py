"""The project's curated overlay: places and spellings the packaged data lacks.

The file is a CSV with exactly these columns::

    id,name,alternate_names,lat,lon,country_code,kind,population,source

``alternate_names`` are separated by ``|``; ``population`` may be empty; ``source`` names
where the fact comes from and may not be empty.

A row whose ``id`` is that of a place the packaged data already holds (``geonames:2219905``)
adds its names to that place instead of making a second one: that is how report spellings
("Khoms", "Obari") are attached to GeoNames places; its other fields are then not used.
"""

from __future__ import annotations

import csv
import hashlib
import math
from collections.abc import Iterator
from pathlib import Path

from gazetteer.records import PlaceRecord
from gazetteer.sources.base import Source
from geo.errors import InputError

COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "alternate_names",
    "lat",
    "lon",
    "country_code",
    "kind",
    "population",
    "source",
)


def _float(text: str, low: float, high: float, err: InputError) -> float:
    try:
        value = float(text)
    except ValueError:
        raise err from None
    if not math.isfinite(value) or not low <= value <= high:
        raise err
    return value


class OverlaySource(Source):
    """Places from an overlay CSV file.

    Parameters
    ----------
    path : Path
        The CSV file. Errors name the file, the line and the field.
    """

    name = "overlay"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def fingerprint(self) -> str:
        try:
            digest = hashlib.sha256(self.path.read_bytes()).hexdigest()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", file=str(self.path)) from exc
        return f"overlay {digest}"

    def records(self) -> Iterator[PlaceRecord]:
        file = str(self.path)
        try:
            handle = self.path.open(encoding="utf-8", newline="")
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", file=file) from exc
        seen: set[str] = set()
        with handle:
            reader = csv.reader(handle)
            try:
                header = next(reader, None)
                if header is None or tuple(h.strip() for h in header) != COLUMNS:
                    raise InputError("expected the columns " + ",".join(COLUMNS), file=file, line=1)
                for row in reader:
                    if not row or (len(row) == 1 and not row[0].strip()):
                        continue
                    record = self._record(row, reader.line_num, file)
                    if record.id in seen:
                        raise InputError(
                            f"duplicate id {record.id!r}", file=file, line=reader.line_num
                        )
                    seen.add(record.id)
                    yield record
            except UnicodeDecodeError as exc:
                raise InputError("not UTF-8 text", file=file) from exc
            except csv.Error as exc:
                raise InputError(str(exc), file=file, line=reader.line_num) from exc

    def _record(self, row: list[str], line: int, file: str) -> PlaceRecord:
        if len(row) != len(COLUMNS):
            raise InputError(
                f"expected {len(COLUMNS)} columns, found {len(row)}", file=file, line=line
            )
        f = dict(zip(COLUMNS, (cell.strip() for cell in row), strict=True))

        def err(field: str, message: str) -> InputError:
            return InputError(message, file=file, line=line, field=field)

        for required in ("id", "name", "kind", "source"):
            if not f[required]:
                raise err(required, "must not be empty")
        if ":" not in f["id"]:
            raise err("id", f"expected 'source:identifier', got {f['id']!r}")
        lat = _float(f["lat"], -90, 90, err("lat", f"not a latitude: {f['lat']!r}"))
        lon = _float(f["lon"], -180, 180, err("lon", f"not a longitude: {f['lon']!r}"))
        cc = f["country_code"].upper()
        if cc and (len(cc) != 2 or not cc.isalpha()):
            raise err("country_code", f"not an ISO 3166-1 alpha-2 code: {cc!r}")
        population: int | None = None
        if f["population"]:
            try:
                population = int(f["population"])
            except ValueError:
                raise err("population", f"not a whole number: {f['population']!r}") from None
            if population < 0:
                raise err("population", "must not be negative")
        alternates = tuple(a.strip() for a in f["alternate_names"].split("|") if a.strip())
        return PlaceRecord(
            id=f["id"],
            name=f["name"],
            lat=lat,
            lon=lon,
            country_code=cc,
            kind=f["kind"],
            population=population,
            source=self.name,
            alternate_names=alternates,
            raw={**f, "line": line},
        )
