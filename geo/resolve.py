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
from geo.io.digest import ContextPoints, Digest, Use
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


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the gazetteer said of each distinct place of a dataset, and the problems and
    warnings that follow, each once at the first record naming the place."""

    found: dict[Key, Resolution]
    problems: list[InputError]
    warnings: list[PlaceError]
    context: DocumentContext  # the dataset's places given by coordinates: named areas too

    def places(self) -> list[Place]:
        """The places the gazetteer gave, as the records now hold them."""
        found = self.found.items()
        return [resolved_place(place, r) for (place, _), r in found if isinstance(r, Resolved)]


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
    """The places a dataset gives by coordinates, as context for the names it gives."""
    points = ContextPoints()
    for place in _given(data):
        points.add(place)
    return DocumentContext(points=points.points())


def resolve_digest(digest: Digest, resolver: PlaceResolver) -> Outcome:
    """Resolve the distinct places of a dataset's :class:`~geo.io.digest.Digest`.

    Each unknown or ambiguous place gives one problem, and each choice by spelling or by
    a small margin one warning, at its first record, counting the other records.
    """
    wanted: dict[Key, Use] = {}
    for (place, prec), use in digest.mentions.items():  # in reading order
        key = (place, _PREFER.get(prec) if prec is not None else None)
        held = wanted.get(key)
        if held is None:
            wanted[key] = Use(use.file, use.line, use.count)
        else:
            held.count += use.count
    context = DocumentContext(points=digest.context.points())
    if not wanted:
        return Outcome({}, [], [], context)  # every place has coordinates: no gazetteer
    keys = list(wanted)
    mentions = [Mention(place.name, place.country, prefer) for place, prefer in keys]
    found = dict(zip(keys, resolver.resolve(mentions, context=context), strict=True))
    problems: list[InputError] = []
    warnings: list[PlaceError] = []
    for key, r in found.items():
        use = wanted[key]
        more = f" (also on {use.count - 1} more records)" if use.count > 1 else ""
        if isinstance(r, Resolved):
            note = r.warning()
            if note:
                warnings.append(place_error(note + more, r, file=use.file, line=use.line))
        else:
            problems.append(place_error(r.message() + more, r, file=use.file, line=use.line))
    return Outcome(found, problems, warnings, context)


def resolved_place(place: Place, r: Resolved) -> Place:
    """``place`` with the coordinates and id the gazetteer gave it."""
    c = r.place
    return Place(place.name, Point(c.lat, c.lon), c.id, place.country)


def resolve_places(
    data: Dataset, resolver: PlaceResolver, outcome: Outcome | None = None
) -> PlaceResolution:
    """Resolve what can be resolved and list the problems and warnings of the rest.

    Records whose place cannot be resolved are kept unresolved (``place.point`` is None).
    ``outcome`` is :func:`resolve_digest` of the dataset when the caller has it already.
    """
    from geo.resolve_areas import resolve_areas

    if outcome is None:
        outcome = resolve_digest(Digest.of(data), resolver)
    if not outcome.found:  # every place has coordinates: the gazetteer only for named areas
        data, area_problems = resolve_areas(data, resolver, outcome.context)
        return PlaceResolution(data, [*outcome.problems, *area_problems], outcome.warnings)
    swapped: dict[Key, Place] = {}

    def swap(place: Place, prefer: Prefer | None) -> Place:
        key = (place, prefer)
        held = swapped.get(key)
        if held is None:
            r = outcome.found.get(key)
            held = resolved_place(place, r) if isinstance(r, Resolved) else place
            swapped[key] = held
        return held

    done: dict[tuple[int, Prefer | None], Place] = {}
    out: list[Presence] = []
    for p in data.presence:
        if p.place.point is not None:
            out.append(p)
            continue
        prefer = _PREFER.get(p.precision)
        place = done.get((id(p.place), prefer))
        if place is None:
            place = done[(id(p.place), prefer)] = swap(p.place, prefer)
        out.append(p if place is p.place else _with_place(p, place))
    movements = tuple(_movement(m, swap) for m in data.movements)
    resolved = Dataset(sources=data.sources, presence=tuple(out), movements=movements)
    resolved, area_problems = resolve_areas(resolved, resolver, outcome.context)
    return PlaceResolution(resolved, [*outcome.problems, *area_problems], outcome.warnings)


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
        p.actor2,
        p.event_type,
        p.fatalities,
        p.quote,
        p.credibility,
        p.area,
        p.evidence,
    )


def _movement(m: Movement, swap: Callable[[Place, Prefer | None], Place]) -> Movement:
    if all(w.place.point is not None for w in m.waypoints):
        return m
    waypoints = tuple(
        w if w.place.point is not None else replace(w, place=swap(w.place, None))
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
