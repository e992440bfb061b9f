"""Points on the earth, always ``(lat, lon)`` in Python.

The flip to GeoJSON's ``[lon, lat]`` happens in :func:`to_geojson_position` and back in
:func:`from_geojson_position`, and nowhere else.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from geo.errors import InputError


@dataclass(frozen=True, slots=True)
class Point:
    """A WGS84 position in decimal degrees."""

    lat: float
    lon: float

    def __post_init__(self) -> None:
        check_lat_lon(self.lat, self.lon)


def check_lat_lon(lat: float, lon: float, *, field: str = "lat/lon") -> None:
    """Raise :class:`InputError` unless ``lat``/``lon`` is a finite WGS84 position."""
    if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))):
        raise InputError(f"coordinates must be numbers, got {lat!r}, {lon!r}", field=field)
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise InputError(f"coordinates must be finite numbers, got {lat}, {lon}", field=field)
    if not -90.0 <= lat <= 90.0:
        raise InputError(f"latitude {lat} is outside -90..90", field="lat")
    if not -180.0 <= lon <= 180.0:
        raise InputError(f"longitude {lon} is outside -180..180", field="lon")


def to_geojson_position(point: Point) -> list[float]:
    """Return ``[lon, lat]``, the GeoJSON order. The one place the axes flip."""
    return [point.lon, point.lat]


def from_geojson_position(position: Sequence[float]) -> Point:
    """Read a GeoJSON ``[lon, lat]`` (extra dimensions ignored) into a :class:`Point`."""
    if len(position) < 2:
        raise InputError(
            f"a position needs two numbers, got {list(position)!r}", field="coordinates"
        )
    return Point(lat=float(position[1]), lon=float(position[0]))
