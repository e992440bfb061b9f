"""What gazetteer sources yield and what retrieval hands to ranking."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

MatchHow = Literal["name", "alternate", "code", "fuzzy"]


# Records and matches are made by the thousand per second on the lookup path: they are
# plain slotted dataclasses, not frozen ones, whose __init__ costs ten times more (2 us).
# Treat them as values all the same: nothing changes them after they are made.


@dataclass(slots=True)
class PlaceRecord:
    """One place as a source holds it, before any query.

    ``kind`` is a small vocabulary: city, capital, region, county, country, continent,
    airport, landform, oil field, terminal, historical region, district, locality.
    """

    id: str  # "source:identifier", e.g. "geonames:2210554"
    name: str
    lat: float
    lon: float
    country_code: str
    kind: str
    population: int | None
    source: str
    admin1: str = ""
    feature_code: str = ""
    alternate_names: tuple[str, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(slots=True)
class Match:
    """A record retrieved for a query, and how its name matched (input to ranking)."""

    record: PlaceRecord
    query: str  # the normalised query
    matched: str  # the name form that matched, as the source spells it
    how: MatchHow
    distance: int = 0  # edit distance of a fuzzy match


@dataclass(frozen=True, slots=True)
class RankContext:
    """What ranking may use besides the name itself.

    ``country`` is the user's preference (``--country``); ``points`` are the places the
    same document mentions, already resolved, as ``(lat, lon, country_code)``;
    ``divisions`` the first-level divisions among them, as ``(country_code, admin1)``
    (GeoNames admin1 codes): a place in one of them lies where the text is.
    """

    country: str | None = None
    points: tuple[tuple[float, float, str], ...] = ()
    divisions: tuple[tuple[str, str], ...] = ()
