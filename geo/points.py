"""Points on the earth, always ``(lat, lon)`` in Python.

The flip to GeoJSON's ``[lon, lat]`` happens in :func:`to_geojson_position` and back in
:func:`from_geojson_position`, and nowhere else.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from geo.errors import InputError, shown


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
        raise InputError(
            f"coordinates must be numbers, got {shown(lat)}, {shown(lon)}", field=field
        )
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
    if not isinstance(position, (list, tuple)):
        raise InputError(f"{shown(position)} is not a [lon, lat] position", field="coordinates")
    if len(position) < 2:
        raise InputError(
            f"a position needs two numbers, got {shown(list(position))}", field="coordinates"
        )
    lon, lat = position[0], position[1]
    for value in (lon, lat):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(f"{shown(value)} is not a number", field="coordinates")
    try:
        return Point(lat=float(lat), lon=float(lon))
    except OverflowError:  # an int of hundreds of digits
        raise InputError("a coordinate is too large to be a number", field="coordinates") from None
