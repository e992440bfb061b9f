"""The event model: sources, reported presence and movements, and a dataset of them.

Records keep what reports say and no more: a place as named (and, once resolved, where it
is), a time span with its precision, how precisely the place is known, strength figures
each with the source that gives it, and a confidence. Disagreeing figures are all kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from geo.errors import InputError, shown
from geo.points import Point
from geo.timespan import FuzzyDate, TimeSpan


class LocationPrecision(str, Enum):
    """How precisely a record's place is known (after ACLED's geo_precision)."""

    EXACT = "exact"  # at the named place
    NEAR = "near"  # around it: outskirts, nearby valleys, "near the border"
    REGION = "region"  # somewhere in a district or region


class Confidence(str, Enum):
    """How firmly the source asserts the record."""

    CONFIRMED = "confirmed"  # observed or confirmed by several independent sources
    REPORTED = "reported"  # a source reports it
    CLAIMED = "claimed"  # a party (often the group itself) claims it


class Mode(str, Enum):
    """How a leg of a movement was travelled."""

    OVERLAND = "overland"
    AIR = "air"
    SEA = "sea"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Source:
    """A report that records cite by ``id``."""

    id: str
    outlet: str
    title: str = ""
    published: FuzzyDate | None = None
    published_inferred: bool = False  # True when the date was inferred from the content
    author: str = ""
    url: str = ""
    # Where the source was defined, for messages; not part of the source's identity.
    file: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)
    reliability: str = ""  # Admiralty/NATO grade of the source: A (reliable) to F, or ""


@dataclass(frozen=True, slots=True)
class Place:
    """A place as a record names it; ``point`` is set once resolved or given explicitly."""

    name: str
    point: Point | None = None
    gazetteer_id: str | None = None  # e.g. "geonames:87205" or "overlay:..."
    country: str | None = None  # ISO 3166-1 alpha-2 hint for resolution

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        if self.point:
            return f"{self.point.lat:.4f}, {self.point.lon:.4f}"
        return "?"


MAX_STRENGTH = 10_000_000  # people; more than any figure a report gives, and within what
# every writer holds (GeoPackage and JavaScript integers, 32-bit readers of the exports)
_DIGITS = re.compile(r"^[0-9]+$")  # ASCII only: int() also reads "3_0" and full-width digits


@dataclass(frozen=True, slots=True)
class Strength:
    """A figure for how many people: ``low == high`` for a single number."""

    low: int
    high: int

    def __post_init__(self) -> None:
        if max(self.low, self.high) > MAX_STRENGTH:
            big = shown(max(self.low, self.high))
            raise InputError(
                f"{big} is over the maximum strength, {MAX_STRENGTH:,}", field="strength"
            )
        if self.low < 0 or self.high < 0:
            raise InputError(f"strength cannot be negative ({self})", field="strength")
        if self.high < self.low:
            raise InputError(f"strength range {self.low}-{self.high} is reversed", field="strength")

    @classmethod
    def parse(cls, value: object) -> Strength:
        """Read ``800``, ``"800"``, ``"4000-6000"`` or ``[4000, 6000]``."""
        try:
            if isinstance(value, bool):
                raise ValueError
            if isinstance(value, int):
                return cls(value, value)
            if isinstance(value, (list, tuple)) and len(value) == 2:
                return cls(_whole(value[0]), _whole(value[1]))
            if not isinstance(value, str):
                raise ValueError
            text = value.replace(",", "").replace(" ", "")
            if text.startswith("-"):
                raise InputError(f"strength cannot be negative ({shown(value)})", field="strength")
            low, sep, high = text.partition("-")
            return cls(_whole(low), _whole(high) if sep else _whole(low))
        except (TypeError, ValueError) as exc:
            if isinstance(exc, InputError):
                raise
            raise InputError(
                f"{shown(value)} is not a number or a range such as 4000-6000", field="strength"
            ) from exc

    def __str__(self) -> str:
        return f"{self.low:,}" if self.low == self.high else f"{self.low:,}-{self.high:,}"


def _whole(value: object) -> int:
    """A whole number written in ASCII digits (or an int that is not a bool)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _DIGITS.match(value):
        return int(value)
    raise ValueError


@dataclass(frozen=True, slots=True)
class Estimate:
    """One source's figure for a record's strength."""

    strength: Strength
    source: str | None = None  # a Source id; None means "the record's sources"
    note: str = ""


@dataclass(frozen=True, slots=True)
class Area:
    """Where a presence record is, as an area rather than a point (issue 11).

    ``geometry`` is the canonical GeoJSON text of a Polygon or MultiPolygon (lon, lat;
    exterior rings counter-clockwise; see :func:`geo.areas.canonical`); it is empty while a
    named area waits for the gazetteer. ``place`` is the gazetteer place whose outline (or,
    for a town, the disc of ``buffer_km`` around it) the area is, ``gazetteer_id`` that
    place once resolved; ``buffer_km`` is how far the area was grown.
    """

    geometry: str = ""
    place: str = ""
    buffer_km: float = 0.0
    # Which gazetteer place gave the outline; a fact about this run, not the record's.
    gazetteer_id: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a drafted record's evidence is: characters ``[start, end)`` of a report file.

    ``geo extract`` writes it on every record it drafts, for the analyst's review; the
    exports leave it out (:data:`geo.io.schema.PRESENCE`: a review field).
    """

    file: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Presence:
    """An actor reported at a place during a time span."""

    place: Place
    actor: str
    status: str  # control, presence, cells, attack, ousted, training camp, ...
    span: TimeSpan
    precision: LocationPrecision = LocationPrecision.EXACT
    estimates: tuple[Estimate, ...] = ()
    sources: tuple[str, ...] = ()
    confidence: Confidence = Confidence.REPORTED
    note: str = ""
    id: str = ""
    file: str = ""
    line: int = 0  # where the record was read, for messages
    actor2: str = ""  # the second actor (ACLED's actor2): the other side, the target
    event_type: str = ""  # the dataset's own class of event (ACLED: Battles, ...)
    fatalities: tuple[Estimate, ...] = ()  # per-source figures, as for strength
    quote: str = ""  # the dataset's own text about the event, quoted as given (not ours)
    credibility: int | None = None  # Admiralty/NATO grade of the information: 1 to 6
    area: Area | None = None  # issue 11: the record's area, when it is one
    evidence: Evidence | None = None  # issue 13: where a drafted record was read


@dataclass(frozen=True, slots=True)
class Waypoint:
    """A stop on a movement; ``mode`` is how the leg that arrives here was travelled."""

    place: Place
    date: FuzzyDate | None = None
    mode: Mode = Mode.UNKNOWN
    line: int = 0


@dataclass(frozen=True, slots=True)
class Movement:
    """An actor moving through ordered waypoints."""

    waypoints: tuple[Waypoint, ...]
    actor: str
    span: TimeSpan = field(default_factory=TimeSpan)
    estimates: tuple[Estimate, ...] = ()
    sources: tuple[str, ...] = ()
    confidence: Confidence = Confidence.REPORTED
    note: str = ""
    id: str = ""
    file: str = ""
    line: int = 0
    evidence: Evidence | None = None  # issue 13: where a drafted record was read

    @property
    def modes(self) -> tuple[Mode, ...]:
        """The mode of each leg, one fewer than the waypoints."""
        return tuple(w.mode for w in self.waypoints[1:])


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything read from one or more event files."""

    sources: dict[str, Source] = field(default_factory=dict)
    #: A tuple, or as read from columns a geo.record_runs.RecordRuns (equal to the tuple)
    presence: Sequence[Presence] = ()
    movements: tuple[Movement, ...] = ()
