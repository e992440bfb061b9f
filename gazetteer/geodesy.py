"""Distances and bearings on the WGS84 ellipsoid (pyproj's Geod, imported on first use)."""

from __future__ import annotations

import functools
from typing import Any

from geo.points import check_lat_lon


@functools.cache
def _geod() -> Any:
    from pyproj import Geod

    return Geod(ellps="WGS84")


def inverse(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """Geodesic distance in km and initial bearing in degrees (0..360, 0 = north).

    Parameters
    ----------
    lat1, lon1 : float
        The start, WGS84 decimal degrees.
    lat2, lon2 : float
        The end.

    Returns
    -------
    (float, float)
        Kilometres along the ellipsoid, and the bearing at the start. For two equal points
        the bearing is 0.

    Raises
    ------
    InputError
        A coordinate is not a finite WGS84 position.
    """
    check_lat_lon(lat1, lon1)
    check_lat_lon(lat2, lon2)
    azimuth, _, metres = _geod().inv(lon1, lat1, lon2, lat2)
    if metres == 0:
        return 0.0, 0.0  # no direction between a point and itself
    return metres / 1000.0, azimuth % 360.0
