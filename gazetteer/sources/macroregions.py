"""World regions larger than a country: "West Africa", "the Middle East", "the Sahel".

They come from ``data/macroregions.csv`` (see scripts/make_macroregions.py): the UN M49
geographic regions with the countries CLDR places in them, and a few regions with a
published membership (the Middle East, the Maghreb, the Sahel, the Horn of Africa). Each
lies at the area-weighted centroid of its members (Natural Earth) and carries the sum of
their populations (GeoNames), so that ranking weighs it as the large place it is. A region
belongs to no country: its ``country_code`` is empty and its members are in ``raw``.

The file is a CSV, ``#`` comment lines first, with exactly these columns::

    id,name,alternate_names,lat,lon,kind,population,members,source
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from gazetteer.records import PlaceRecord
from gazetteer.sources.base import Source
from gazetteer.sources.tables import bounded_float, file_fingerprint, table_rows
from geo.errors import InputError

MACROREGIONS_CSV = Path(__file__).resolve().parents[1] / "data" / "macroregions.csv"
COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "alternate_names",
    "lat",
    "lon",
    "kind",
    "population",
    "members",
    "source",
)
# GeoNames' feature code for a region: it tells these apart from first-level divisions,
# whose kind is also "region".
FEATURE_CODE = "RGN"


def parse_row(row: dict[str, str], line: int, file: str) -> PlaceRecord:
    """One table row as a place record.

    Raises
    ------
    InputError
        Naming the file, the line and the field that is wrong.
    """

    def err(field: str, message: str) -> InputError:
        return InputError(message, file=file, line=line, field=field)

    for required in ("id", "name", "kind", "members", "source"):
        if not row[required]:
            raise err(required, "must not be empty")
    if ":" not in row["id"]:
        raise err("id", f"expected 'source:identifier', got {row['id']!r}")
    lat = bounded_float(row["lat"], -90, 90, err("lat", f"not a latitude: {row['lat']!r}"))
    lon = bounded_float(row["lon"], -180, 180, err("lon", f"not a longitude: {row['lon']!r}"))
    if not row["population"].isdigit():
        raise err("population", f"not a whole number: {row['population']!r}")
    members = tuple(row["members"].split("|"))
    for code in members:
        if len(code) != 2 or not code.isascii() or not code.isupper():
            raise err("members", f"not an ISO 3166-1 alpha-2 code: {code!r}")
    return PlaceRecord(
        id=row["id"],
        name=row["name"],
        lat=lat,
        lon=lon,
        country_code="",
        kind=row["kind"],
        population=int(row["population"]) or None,
        source=MacroRegionSource.name,
        feature_code=FEATURE_CODE,
        alternate_names=tuple(a for a in row["alternate_names"].split("|") if a),
        raw={"members": list(members), "source": row["source"]},
    )


class MacroRegionSource(Source):
    """World regions (UN M49 and a few curated ones) from the macro-region table.

    Parameters
    ----------
    path : Path
        The table; errors name the file, the line and the field.
    """

    name = "macroregions"
    title = "world regions"

    def __init__(self, path: Path | str = MACROREGIONS_CSV) -> None:
        self.path = Path(path)

    def fingerprint(self) -> str:
        return file_fingerprint(self.path, "macroregions")

    def records(self) -> Iterator[PlaceRecord]:
        for line, cells in table_rows(self.path, COLUMNS):
            yield parse_row(cells, line, str(self.path))
