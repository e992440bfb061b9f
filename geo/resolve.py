"""Give every named place of a dataset its coordinates, through the one resolution policy.

geo does not import the gazetteer (DESIGN.md: imports point one way); it states what it
needs as :class:`~geo.resolution.PlaceResolver` and the command line passes the gazetteer
in. The dataset is one document: every distinct place name is a mention, resolved in the
light of the others, of the places the dataset gives by coordinates and of the records'
country hints (:func:`gazetteer.resolve.resolve` holds the policy). A record's location
precision says whether a town or an area of its name is meant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from geo.errors import InputError, PlaceError, ValidationErrors, place_error
from geo.model import Dataset, LocationPrecision, Movement, Place, Presence
from geo.points import Point
from geo.resolution import (
    DocumentContext,
    Mention,
    NotFound,
    PlaceResolver,
    Prefer,
    Resolution,
    Resolved,
)

MAX_CONTEXT_POINTS = 500  # places given by coordinates that lend context (a fixed sample)
_PREFER: dict[LocationPrecision, Prefer] = {
    LocationPrecision.EXACT: "point",
    LocationPrecision.NEAR: "point",
    LocationPrecision.REGION: "area",
}


@dataclass(frozen=True, slots=True)
class PlaceResolution:
    """What :func:`resolve_places` found: the dataset, its problems and its warnings."""

    dataset: Dataset
    problems: list[InputError]
    warnings: list[PlaceError]


Key = tuple[Place, "Prefer | None"]


def _mentions(data: Dataset) -> dict[Key, None]:
    # Readers share one Place per spelling: an identity check skips hashing most records.
    wanted: dict[Key, None] = {}
    seen: set[tuple[int, Prefer | None]] = set()
    for p in data.presence:
        if p.place.point is None:
            prefer = _PREFER.get(p.precision)
            if (id(p.place), prefer) not in seen:
                seen.add((id(p.place), prefer))
                wanted.setdefault((p.place, prefer))
    for m in data.movements:
        for w in m.waypoints:
            if w.place.point is None:
                wanted.setdefault((w.place, None))
    return wanted


def _given(data: Dataset) -> Iterator[Place]:
    """The places a dataset gives by coordinates, in record order."""
    for p in data.presence:
        if p.place.point is not None:
            yield p.place
    for m in data.movements:
        for w in m.waypoints:
            if w.place.point is not None:
                yield w.place


def document_context(data: Dataset) -> DocumentContext:
    """The places a dataset gives by coordinates, as context for the names it gives
    (sorted and capped: the same input gives the same answer)."""
    given = {(pl.point.lat, pl.point.lon, pl.country or "") for pl in _given(data) if pl.point}
    return DocumentContext(points=tuple(sorted(given)[:MAX_CONTEXT_POINTS]))


def resolve_places(data: Dataset, resolver: PlaceResolver) -> PlaceResolution:
    """Resolve what can be resolved and list the problems and warnings of the rest.

    Records whose place cannot be resolved are kept unresolved (``place.point`` is None).
    Each unknown or ambiguous place gives one problem, and each choice by spelling or by
    a small margin one warning, at its first record, counting the other records.
    """
    from geo.resolve_areas import resolve_areas

    wanted = _mentions(data)
    if not wanted:  # every place has coordinates: the gazetteer only for named areas
        data, area_problems = resolve_areas(data, resolver)
        return PlaceResolution(data, area_problems, [])
    keys = list(wanted)
    mentions = [Mention(place.name, place.country, prefer) for place, prefer in keys]
    outcome = dict(
        zip(keys, resolver.resolve(mentions, context=document_context(data)), strict=True)
    )
    # Only places with a problem or a warning need their records counted.
    flagged = {
        k for k, r in outcome.items() if not isinstance(r, Resolved) or r.warning() is not None
    }
    uses: dict[Key, list[tuple[str, int]]] = {k: [] for k in outcome if k in flagged}
    swapped: dict[Key, Place] = {}

    def swap(place: Place, prefer: Prefer | None) -> Place:
        key = (place, prefer)
        held = swapped.get(key)
        if held is None:
            found = outcome.get(key)
            held = place
            if isinstance(found, Resolved):
                c = found.place
                held = Place(place.name, Point(c.lat, c.lon), c.id, place.country)
            swapped[key] = held
        return held

    done: dict[tuple[int, Prefer | None], tuple[Place, list[tuple[str, int]] | None]] = {}
    out: list[Presence] = []
    for p in data.presence:
        if p.place.point is not None:
            out.append(p)
            continue
        prefer = _PREFER.get(p.precision)
        hit = done.get((id(p.place), prefer))
        if hit is None:
            hit = (swap(p.place, prefer), uses.get((p.place, prefer)))
            done[(id(p.place), prefer)] = hit
        place, where = hit
        if where is not None:
            where.append((p.file, p.line))
        out.append(p if place is p.place else _with_place(p, place))

    def swap_waypoint(place: Place, file: str, line: int) -> Place:
        where = uses.get((place, None))
        if where is not None:
            where.append((file, line))
        return swap(place, None)

    movements = tuple(_movement(m, swap_waypoint) for m in data.movements)
    problems: list[InputError] = []
    warnings: list[PlaceError] = []
    for key, where in uses.items():
        if not where:
            continue
        found = outcome[key]
        file, line = where[0]
        more = f" (also on {len(where) - 1} more records)" if len(where) > 1 else ""
        if isinstance(found, Resolved):
            note = found.warning()
            if note:
                warnings.append(place_error(note + more, found, file=file, line=line))
        else:
            problems.append(place_error(_message(found) + more, found, file=file, line=line))
    resolved = Dataset(sources=data.sources, presence=tuple(out), movements=movements)
    resolved, area_problems = resolve_areas(resolved, resolver)
    return PlaceResolution(resolved, problems + area_problems, warnings)


def _message(found: Resolution) -> str:
    return found.message() if not isinstance(found, Resolved) else ""


def resolve_names(
    names: Sequence[str], data: Dataset, resolver: PlaceResolver | None, *, field: str
) -> list[Point]:
    """Points for names given with a dataset (``--fit``): the dataset's own places first,
    then the gazetteer, with the dataset's places as context.

    Raises
    ------
    PlaceError
        For a name that matches no place, or several equally (``field`` names the option).
    """
    known: dict[str, Point] = {}
    for place in _given(data):
        if place.point is not None:
            known.setdefault(place.name.casefold(), place.point)
    missing = [n for n in names if n.strip().casefold() not in known]
    looked: dict[str, Resolution] = {}
    if missing and resolver is not None:
        found = resolver.resolve([n.strip() for n in missing], context=document_context(data))
        looked = dict(zip(missing, found, strict=True))
    points = []
    for name in names:
        point = known.get(name.strip().casefold())
        if point is None:
            r = looked.get(name) or NotFound(Mention(name), why=f"no place named {name!r}")
            if not isinstance(r, Resolved):
                raise place_error(r.message(), r, field=field)
            point = Point(r.place.lat, r.place.lon)
        points.append(point)
    return points


def _with_place(p: Presence, place: Place) -> Presence:
    # dataclasses.replace costs five times a direct call; this runs once per record.
    return Presence(
        place,
        p.actor,
        p.status,
        p.span,
        p.precision,
        p.estimates,
        p.sources,
        p.confidence,
        p.note,
        p.id,
        p.file,
        p.line,
        p.area,
    )


def _movement(m: Movement, swap: Callable[[Place, str, int], Place]) -> Movement:
    if all(w.place.point is not None for w in m.waypoints):
        return m
    waypoints = tuple(
        w if w.place.point is not None else replace(w, place=swap(w.place, m.file, w.line))
        for w in m.waypoints
    )
    return replace(m, waypoints=waypoints)


def resolve_dataset(data: Dataset, resolver: PlaceResolver) -> Dataset:
    """``data`` with every named place given coordinates and a gazetteer id.

    Places given with ``lat``/``lon`` are kept as they are.

    Raises
    ------
    ValidationErrors
        Listing each unknown place (with "did you mean ...?") and each ambiguous one
        (with its candidates), at the records that name them.
    """
    found = resolve_places(data, resolver)
    if found.problems:
        raise ValidationErrors(found.problems)
    return found.dataset
