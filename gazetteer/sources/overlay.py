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

from collections.abc import Iterator
from pathlib import Path

from gazetteer.records import PlaceRecord
from gazetteer.sources.base import Source
from gazetteer.sources.tables import bounded_float, file_fingerprint, table_rows
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


class OverlaySource(Source):
    """Places from an overlay CSV file.

    Parameters
    ----------
    path : Path
        The CSV file. Errors name the file, the line and the field.
    """

    name = "overlay"
    title = "curated overlay"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def fingerprint(self) -> str:
        return file_fingerprint(self.path, "overlay")

    def records(self) -> Iterator[PlaceRecord]:
        file = str(self.path)
        for line, cells in table_rows(self.path, COLUMNS):
            yield self._record(cells, line, file)

    def _record(self, f: dict[str, str], line: int, file: str) -> PlaceRecord:
        def err(field: str, message: str) -> InputError:
            return InputError(message, file=file, line=line, field=field)

        for required in ("id", "name", "kind", "source"):
            if not f[required]:
                raise err(required, "must not be empty")
        if ":" not in f["id"]:
            raise err("id", f"expected 'source:identifier', got {f['id']!r}")
        lat = bounded_float(f["lat"], -90, 90, err("lat", f"not a latitude: {f['lat']!r}"))
        lon = bounded_float(f["lon"], -180, 180, err("lon", f"not a longitude: {f['lon']!r}"))
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
