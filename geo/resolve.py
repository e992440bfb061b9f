"""Give every named place of a dataset its coordinates, through a gazetteer.

geo does not import the gazetteer (DESIGN.md: imports point one way); it states what it
needs as :class:`PlaceResolver` and the command line passes
``gazetteer.lookup.Gazetteer.default()`` in. Each distinct ``(name, country)`` is looked up
once, however many records repeat it.

A name is *ambiguous* when, without a country hint, its two best candidates lie in
different countries with scores closer than :data:`AMBIGUITY_MARGIN`, unless the first is
a far larger place (:data:`DOMINANCE` times the people of the second: "Derna" is the Libyan
city of 100,000, not the Romanian village of 3,000). The dataset itself
then decides when it can: if one of those candidates lies in the country most of the
dataset's clearly resolved places lie in, it is taken (a Libyan dataset's "Tripoli" is the
Libyan one). Otherwise the record gets a problem listing the candidates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from geo.errors import AmbiguousError, InputError, NotFoundError, ValidationErrors
from geo.model import Dataset, Movement, Place, Presence
from geo.points import Point

AMBIGUITY_MARGIN = 0.05
DOMINANCE = 10
CANDIDATES = 5
SHOWN = 4  # candidates named in an ambiguity message


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
    def id(self) -> str: ...
    @property
    def score(self) -> float: ...


class PlaceResolver(Protocol):
    """What geo needs of a gazetteer."""

    def lookup(
        self, name: str, *, country: str | None = None, limit: int = 10
    ) -> Sequence[PlaceCandidate]:
        """Candidates for ``name``, best first (empty when none)."""
        ...

    def suggest(self, name: str) -> list[str]:
        """Names close to an unknown ``name``, best first."""
        ...


@dataclass(frozen=True, slots=True)
class _Outcome:
    place: Place | None
    error: str = ""  # why the place could not be resolved


def _describe(c: PlaceCandidate) -> str:
    return f"{c.name} ({c.country_code or '-'}, {c.lat:.2f}, {c.lon:.2f}, {c.id})"


def _is_ambiguous(found: Sequence[PlaceCandidate], country: str | None) -> bool:
    if country or len(found) < 2:
        return False
    first, second = found[0], found[1]
    if first.country_code == second.country_code or first.score - second.score >= AMBIGUITY_MARGIN:
        return False
    # Population is optional in the protocol: fakes and some sources have none.
    big, small = getattr(first, "population", None), getattr(second, "population", None)
    return not (big and small is not None and big >= DOMINANCE * max(small, 1))


def _resolved(place: Place, c: PlaceCandidate) -> Place:
    return Place(place.name, Point(c.lat, c.lon), c.id, place.country)


class _Resolution:
    """Looks up each distinct place once and remembers the outcome."""

    def __init__(self, resolver: PlaceResolver) -> None:
        self.resolver = resolver
        self.found: dict[tuple[str, str | None], Sequence[PlaceCandidate]] = {}

    def key(self, place: Place) -> tuple[str, str | None]:
        return (" ".join(place.name.split()).casefold(), place.country)

    def candidates(self, place: Place) -> Sequence[PlaceCandidate]:
        key = self.key(place)
        if key not in self.found:
            self.found[key] = self.resolver.lookup(
                place.name, country=place.country, limit=CANDIDATES
            )
        return self.found[key]

    def decide(self, places: list[Place]) -> dict[Place, _Outcome]:
        outcome: dict[Place, _Outcome] = {}
        clear_countries: Counter[str] = Counter()
        pending: list[Place] = []
        for place in places:
            try:
                found = self.candidates(place)
            except InputError as exc:  # a name the gazetteer refuses (control characters, ...)
                outcome[place] = _Outcome(None, exc.message)
                continue
            if place.country and found:
                # The country is a hint to the gazetteer, a condition to the analyst.
                inside = [c for c in found if c.country_code == place.country]
                if not inside:
                    elsewhere = "; ".join(_describe(c) for c in found[:2])
                    message = (
                        f"no place named {place.name!r} in {place.country} (elsewhere: {elsewhere})"
                    )
                    outcome[place] = _Outcome(None, message)
                    continue
                found = inside
            if not found:
                error = NotFoundError(place.name, self.resolver.suggest(place.name)[:3])
                outcome[place] = _Outcome(None, str(error))
            elif _is_ambiguous(found, place.country):
                pending.append(place)
            else:
                outcome[place] = _Outcome(_resolved(place, found[0]))
                clear_countries[found[0].country_code] += 1
        # The dataset's main country settles names that are ambiguous on their own.
        main = max(sorted(clear_countries), key=lambda cc: clear_countries[cc], default=None)
        for place in pending:
            found = self.candidates(place)
            rivals = [c for c in found if found[0].score - c.score < AMBIGUITY_MARGIN]
            local = [c for c in rivals if c.country_code == main]
            if local:
                outcome[place] = _Outcome(_resolved(place, local[0]))
            else:
                shown = [_describe(c) for c in rivals[:SHOWN]]
                hint = "; give country: to choose"
                ambiguous = AmbiguousError(place.name, [*shown[:-1], shown[-1] + hint])
                outcome[place] = _Outcome(None, str(ambiguous))
        return outcome


def resolve_places(data: Dataset, resolver: PlaceResolver) -> tuple[Dataset, list[InputError]]:
    """Resolve what can be resolved and list the problems of the rest.

    Records whose place cannot be resolved are kept unresolved (``place.point`` is None).
    Each unknown or ambiguous place gives one problem, at its first record, counting the
    other records that name it.
    """
    places: dict[Place, None] = {}
    for p in data.presence:
        if p.place.point is None:
            places.setdefault(p.place)
    for m in data.movements:
        for w in m.waypoints:
            if w.place.point is None:
                places.setdefault(w.place)
    outcome = _Resolution(resolver).decide(list(places))
    uses: dict[Place, list[tuple[str, int]]] = {}

    def swap(place: Place, file: str, line: int) -> Place:
        out = outcome.get(place)
        if out is None:
            return place
        if out.place is None:
            uses.setdefault(place, []).append((file, line))
            return place
        return out.place

    done: dict[int, Place] = {}  # by identity: readers share one Place per spelling
    out: list[Presence] = []
    for p in data.presence:
        if p.place.point is not None:
            out.append(p)
            continue
        place = done.get(id(p.place))
        if place is None:
            place = swap(p.place, p.file, p.line)
            if place.point is not None:
                done[id(p.place)] = place
        out.append(_with_place(p, place))
    presence = tuple(out)
    movements = tuple(_movement(m, swap) for m in data.movements)
    problems = []
    for place, where in uses.items():
        error = outcome[place].error
        more = f" (also on {len(where) - 1} more records)" if len(where) > 1 else ""
        file, line = where[0]
        problems.append(InputError(f"{error}{more}", file=file, line=line, field="place"))
    resolved = Dataset(sources=data.sources, presence=presence, movements=movements)
    return resolved, problems


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
    resolved, problems = resolve_places(data, resolver)
    if problems:
        raise ValidationErrors(problems)
    return resolved
