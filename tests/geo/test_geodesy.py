"""Geodesy: the one sphere distance and the one ellipsoid (geo.geodesy)."""

from __future__ import annotations

import pytest

from geo.geodesy import geod, haversine_km, inverse


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((32.887, 13.187), (34.437, 35.850), 2110),  # Tripoli LY - Tripoli LB
        ((53.481, -2.237), (42.996, -71.455), 5100),  # Manchester GB - Manchester NH
        ((0.0, 0.0), (0.0, 0.0), 0),
    ],
)
def test_haversine_km(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert haversine_km(*a, *b) == pytest.approx(km, rel=0.02, abs=1)


def test_the_sphere_and_the_ellipsoid_agree_within_half_a_percent() -> None:
    km, bearing = inverse(32.887, 13.187, 34.437, 35.850)
    assert haversine_km(32.887, 13.187, 34.437, 35.850) == pytest.approx(km, rel=0.005)
    assert 75 < bearing < 85  # east-north-east
    assert geod() is geod()  # one cached Geod
