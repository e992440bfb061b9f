"""The typed outcome of resolving place names: :class:`Resolved`, :class:`Ambiguous`,
:class:`NotFound`.

The policy that decides lives in the gazetteer (:mod:`gazetteer.resolve`); these are the
domain types it returns and everything else reads (``geo validate``, the maps, the place
commands), so geo states here what it needs of a gazetteer (:class:`PlaceResolver`)
without importing it (DESIGN.md: imports point one way).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

# What a mention is expected to be: a point (a town, a base: ``exact`` or ``near``
# precision) or an area (a district, a region, a country: ``region`` precision).
Prefer = Literal["point", "area"]
AREA_KINDS = frozenset(
    {"country", "continent", "region", "historical region", "district", "county", "world region"}
)
SHOWN = 4  # candidates named in a message


class PlaceCandidate(Protocol):
    """What geo reads of a gazetteer candidate (``gazetteer.candidate.Candidate`` has it)."""

    @property
    def name(self) -> str: ...
    @property
    def lat(self) -> float: ...
    @property
    def lon(self) -> float: ...
    @property
    def country_code(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def population(self) -> int | None: ...
    @property
    def id(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def reasons(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name as a document gives it.

    ``country`` is a condition (the record says which country); ``prefer`` comes from the
    record's location precision.
    """

    name: str
    country: str | None = None
    prefer: Prefer | None = None


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What a document says besides its names: places it gives by coordinates, as
    ``(lat, lon, country_code)`` (``""`` when unknown)."""

    points: tuple[tuple[float, float, str], ...] = ()


def describe(c: PlaceCandidate) -> str:
    """``Tripoli (LY, 32.89, 13.19, geonames:2210247)``."""
    return f"{c.name} ({c.country_code or '-'}, {c.lat:.2f}, {c.lon:.2f}, {c.id})"


def short(c: PlaceCandidate) -> str:
    """``Tripoli, LY``."""
    return f"{c.name}, {c.country_code}" if c.country_code else c.name


@dataclass(frozen=True, slots=True)
class Resolved:
    """The place a mention means, with the ranked candidates it was chosen from.

    ``fuzzy``: the name matched through a spelling difference; ``close``: the choice won
    by a small margin over ``rival``; ``kind_note``: the kind was chosen by precision.
    """

    mention: Mention
    place: PlaceCandidate
    candidates: tuple[PlaceCandidate, ...] = ()
    fuzzy: bool = False
    close: bool = False
    rival: PlaceCandidate | None = None
    kind_note: str = ""

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why this place: the ranking's reasons and the decision's."""
        extra = (self.kind_note,) if self.kind_note else ()
        return (*self.place.reasons, *extra)

    def warning(self) -> str | None:
        """One line for a choice the analyst should see, or None for a clear one."""
        notes = []
        if self.fuzzy:
            notes.append("spelling")
        if self.close and self.rival is not None:
            notes.append(f"small margin over {short(self.rival)}")
        if not notes:
            return None
        return f"{self.mention.name!r} taken as {short(self.place)} ({'; '.join(notes)})"


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """A mention with several plausible places and nothing to choose between them."""

    mention: Mention
    candidates: tuple[PlaceCandidate, ...]

    def message(self) -> str:
        shown = "; ".join(describe(c) for c in self.candidates[:SHOWN])
        return f"{self.mention.name!r} is ambiguous: {shown}; give country: to choose"


@dataclass(frozen=True, slots=True)
class NotFound:
    """A mention no acceptable place matches.

    ``suggestions``: close names ("did you mean"); ``elsewhere``: places of that name that
    were refused (outside the record's country, or far from the document's other places);
    ``why``: what refused them, or why the name itself was refused.
    """

    mention: Mention
    suggestions: tuple[str, ...] = ()
    elsewhere: tuple[PlaceCandidate, ...] = ()
    why: str = ""
    candidates: tuple[PlaceCandidate, ...] = field(default=())

    def message(self) -> str:
        name = self.mention.name
        if self.why and not self.elsewhere and not self.suggestions:
            return self.why  # the name itself was refused
        out = f"no place named {name!r}" + (f" {self.why}" if self.why else "")
        if self.suggestions:
            return out + f"; did you mean {', '.join(self.suggestions)}?"
        if self.elsewhere:
            out += f" (elsewhere: {'; '.join(describe(c) for c in self.elsewhere[:2])})"
        return out


Resolution = Resolved | Ambiguous | NotFound


class PlaceResolver(Protocol):
    """What geo needs of a gazetteer: the one resolution policy over a document."""

    def resolve(
        self,
        mentions: Sequence[Mention | str],
        *,
        country: str | None = None,
        context: DocumentContext | None = None,
    ) -> list[Resolution]:
        """One resolution per mention, in order, each in the light of the others."""
        ...


class AreaResolver(PlaceResolver, Protocol):
    """A resolver that also knows places' outlines (issue 11): ``area: Barqa`` in a file."""

    def area_geojson(self, place_id: str) -> dict[str, Any] | None:
        """The outline of a place as a GeoJSON (Multi)Polygon object, or None."""
        ...
