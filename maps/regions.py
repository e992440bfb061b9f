"""Rough region outlines for the optional regions layer.

Libya's three historical provinces, which the Islamic State named as its "wilayat" in
Libya in November 2014 (Barqa = Cyrenaica, Tarabulus = Tripolitania, Fezzan). The outlines
are deliberately rough: drawn by hand from Libya's international borders and the
boundaries of the 1951-1963 provinces of the Kingdom of Libya, to show roughly where a
region lies, never where a boundary runs. Coordinates are ``(lat, lon)``; the GeoJSON flip
goes through :func:`geo.points.to_geojson_position`.
"""

from __future__ import annotations

from typing import Any

from geo.points import Point, to_geojson_position

SOURCE = "rough outline after the 1951-1963 provinces of Libya; not a boundary"

_OUTLINES: dict[str, tuple[tuple[float, float], ...]] = {
    "Tripolitania (Tarabulus)": (
        (33.2, 11.5), (32.9, 13.2), (32.4, 15.1), (31.2, 16.6), (30.4, 18.5), (28.5, 18.5),
        (28.5, 16.0), (29.0, 14.0), (29.5, 11.5), (30.2, 9.6), (31.5, 10.2), (33.2, 11.5),
    ),
    "Barqa (Cyrenaica)": (
        (30.4, 18.5), (30.75, 20.2), (32.1, 20.07), (32.77, 22.6), (32.08, 23.96),
        (31.6, 25.15), (22.0, 25.0), (19.5, 24.0), (22.2, 18.5), (28.5, 18.5), (30.4, 18.5),
    ),
    "Fezzan": (
        (30.2, 9.6), (29.5, 11.5), (29.0, 14.0), (28.5, 16.0), (28.5, 18.5), (22.2, 18.5),
        (23.45, 15.98), (23.0, 13.5), (23.52, 11.99), (24.8, 10.0), (26.5, 9.5), (28.0, 9.8),
        (30.2, 9.6),
    ),
}  # fmt: skip


def regions_geojson() -> dict[str, Any]:
    """The regions as a GeoJSON FeatureCollection (properties ``name`` and ``note``)."""
    features = [
        {
            "type": "Feature",
            "properties": {"name": name, "note": SOURCE},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[to_geojson_position(Point(lat, lon)) for lat, lon in ring]],
            },
        }
        for name, ring in _OUTLINES.items()
    ]
    return {"type": "FeatureCollection", "features": features}
