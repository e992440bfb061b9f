"""What checking a dataset needs from its records, kept in memory that stays small.

``geo validate`` of a 12-million-row CSV must not hold 12 million records. Every record,
as it is read, passes through one :class:`Digest`, which keeps only:

- counts of records;
- each distinct place that needs the gazetteer, with its first file and line and how many
  records name it (:class:`Use`), for resolution and for "also on N more records";
- a 64-bit hash of each distinct place given by coordinates (to count distinct places)
  and the first :data:`MAX_CONTEXT_POINTS` of them in sorted order (context for names);
- each distinct tuple of cited source ids, with its first record and count;
- record ids compactly (:class:`IdIndex`: a hash, a line and the id's bytes, about 30 bytes
  each), to find repeated ids once reading is done.

Whether the records themselves are kept is up to the caller (``geo map`` needs them,
``geo validate`` does not); the checks are the same code either way.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from geo.errors import InputError, shown
from geo.io import outlets
from geo.io.compact import Column, IdIndex
from geo.model import Dataset, LocationPrecision, Movement, Place, Presence, Source

MAX_CONTEXT_POINTS = 500  # places given by coordinates that lend context (a fixed sample)
MAX_REPORTED = 1000  # problems of one kind (repeated ids, undefined sources) listed in full
_SEEN_CAP = 100_000  # place objects remembered by identity before the memo starts over

ContextPoint = tuple[float, float, str]  # lat, lon, country hint ("" when none)
# A place as resolution sees it: waypoints carry no precision (None).
MentionKey = tuple[Place, LocationPrecision | None]


@dataclass(slots=True)
class Use:
    """Where a place (or a tuple of sources) is first named, and by how many records."""

    file: str
    line: int
    count: int = 1


class ContextPoints:
    """The places given by coordinates that lend context to the names: the first
    :data:`MAX_CONTEXT_POINTS` distinct ones in sorted order (the same input gives the
    same answer), kept in bounded space however many there are."""

    def __init__(self) -> None:
        self.kept: set[ContextPoint] = set()
        self.bound: ContextPoint | None = None  # nothing at or past it can make the cut

    def add(self, place: Place) -> None:
        if place.point is None:
            return
        point = (place.point.lat, place.point.lon, place.country or "")
        if self.bound is not None and point >= self.bound:
            return
        self.kept.add(point)
        if len(self.kept) > 8 * MAX_CONTEXT_POINTS:
            first = sorted(self.kept)[:MAX_CONTEXT_POINTS]
            self.kept, self.bound = set(first), first[-1]

    def points(self) -> tuple[ContextPoint, ...]:
        return tuple(sorted(self.kept)[:MAX_CONTEXT_POINTS])


@dataclass(slots=True)
class Digest:
    """Everything the checks of a dataset need, fed one record at a time."""

    presence: int = 0
    movements: int = 0
    mentions: dict[MentionKey, Use] = field(default_factory=dict)
    cited: dict[tuple[str, ...], Use] = field(default_factory=dict)
    given: Column = field(default_factory=lambda: Column("q"))  # hash of each distinct place
    context: ContextPoints = field(default_factory=lambda: ContextPoints())
    ids: dict[str, IdIndex] = field(default_factory=dict)
    named_areas: list[Presence] = field(default_factory=list)  # areas the gazetteer gives
    _seen: dict[tuple[int, LocationPrecision | None], tuple[Place, Use | None]] = field(
        default_factory=dict
    )

    @classmethod
    def of(cls, data: Dataset) -> Digest:
        """The digest of a dataset already read."""
        digest = cls()
        for p in data.presence:
            digest.add_presence(p)
        for m in data.movements:
            digest.add_movement(m)
        return digest

    def add_presence(self, p: Presence) -> None:
        """Take in one presence record."""
        self.presence += 1
        self._place(p.place, p.precision, p.file, p.line)
        figures = p.estimates + p.fatalities if p.fatalities else p.estimates
        self._cites(p.sources, figures, p.file, p.line)
        if p.id:
            self._id("presence", p.id, p.file, p.line)
        if p.area is not None and not p.area.geometry:
            self.named_areas.append(p)

    def add_batch(self, batch: Any) -> None:
        """Take in the records of a :class:`geo.io.csv_columns.Batch` at once: the same
        entries as :meth:`add_presence` of each of its records, one per distinct value."""
        import numpy as np

        from geo.io.csv_table import combine

        n = len(batch)
        if not n:
            return
        self.presence += n
        file, lines, codes, values = batch.file, batch.lines, batch.codes, batch.values
        places, precs = values[0], values[4]
        named = np.array([p is not None and p.point is None for p in places], dtype=bool)[codes[0]]
        if named.any():
            at, prec = codes[0][named], codes[4][named]
            pairs = combine([at, prec], [len(places), len(precs)])
            firsts = pairs.first_rows()
            counts = np.bincount(pairs.codes).tolist()
            keys = zip(at[firsts].tolist(), prec[firsts].tolist(), strict=True)
            for (a, b), line, count in zip(keys, lines[named][firsts].tolist(), counts,
                                           strict=True):  # fmt: skip
                key = (places[a], precs[b])
                use = self.mentions.get(key)
                if use is None:
                    self.mentions[key] = Use(file, line, count)
                else:
                    use.count += count
        # the distinct codes, in order (np.unique would import numpy.ma: 15 ms a command)
        given = codes[0][~named]
        for c in np.flatnonzero(np.bincount(given, minlength=len(places))).tolist():
            self.given.append(hash(places[c]))
            self.context.add(places[c])
        # what a record cites: its sources, then the sources of its figures (if any)
        figured = [i for i in (5, 10) if any(e.source for v in values[i] if v for e in v)]
        cites = combine([codes[6], *(codes[i] for i in figured)],
                        [len(values[i]) for i in (6, *figured)])  # fmt: skip
        firsts = cites.first_rows()
        picks = [codes[i][firsts].tolist() for i in (6, 5, 10)]
        counts = np.bincount(cites.codes).tolist()
        srcs, ests, deads = values[6], values[5], values[10]
        for s, e, d, line, count in zip(*picks, lines[firsts].tolist(), counts, strict=True):
            cited = srcs[s]
            if figured:
                figures = ests[e] + deads[d] if deads[d] else ests[e]
                cited = (*cited, *(x.source for x in figures if x.source))
            if not cited:
                continue
            use = self.cited.get(cited)
            if use is None:
                self.cited[cited] = Use(file, line, count)
            else:
                use.count += count
        ids, rows = batch.ids()
        if len(rows):
            index = self.ids.get("presence")
            if index is None:
                index = self.ids["presence"] = IdIndex()
            index.extend(ids, file, lines[rows])

    def add_movement(self, m: Movement) -> None:
        """Take in one movement."""
        self.movements += 1
        for w in m.waypoints:
            self._place(w.place, None, m.file, w.line)
        self._cites(m.sources, m.estimates, m.file, m.line)
        if m.id:
            self._id("movement", m.id, m.file, m.line)

    def _place(self, place: Place, prec: LocationPrecision | None, file: str, line: int) -> None:
        # Readers share one Place object per spelling: most records are one lookup. The memo
        # holds the object, so its id cannot be reused by another place while remembered.
        key = (id(place), prec if place.point is None else None)
        hit = self._seen.get(key)
        if hit is not None:
            if hit[1] is not None:
                hit[1].count += 1
            return
        if len(self._seen) >= _SEEN_CAP:
            self._seen.clear()
        use: Use | None = None
        if place.point is None:
            use = self.mentions.get((place, prec))
            if use is None:
                use = self.mentions[(place, prec)] = Use(file, line)
            else:
                use.count += 1
        else:
            self.given.append(hash(place))
            self.context.add(place)
        self._seen[key] = (place, use)

    def _cites(self, sources: tuple[str, ...], estimates: Iterable, file: str, line: int) -> None:
        cited = (*sources, *(e.source for e in estimates if e.source))
        if not cited:
            return
        use = self.cited.get(cited)
        if use is None:
            self.cited[cited] = Use(file, line)
        else:
            use.count += 1

    def _id(self, kind: str, rid: str, file: str, line: int) -> None:
        index = self.ids.get(kind)
        if index is None:
            index = self.ids[kind] = IdIndex()
        index.add(rid, file, line)

    def problems(
        self,
        defined: dict[str, Source],
        broken: set[str],
        named: dict[str, tuple[str, str, int]] | None = None,
    ) -> list[InputError]:
        """Undefined sources and repeated ids, each once, at its first record.

        Sources in ``broken`` were defined with a bad field, already reported; ``named``
        gives the outlet name of ids derived from one (:mod:`geo.io.outlets`).
        """
        out = self._undefined(defined, broken, named or {})
        for index in self.ids.values():
            for n, (rid, first, (file, line), count) in enumerate(index.repeats()):
                if n == MAX_REPORTED:
                    out.append(InputError(f"more repeated ids not listed (first {n} shown)"))
                    break
                more = f" ({count - 2} more records repeat it)" if count > 2 else ""
                out.append(
                    InputError(
                        f"{shown(rid)} is already the id of {first[0]}:{first[1]}{more}",
                        file=file,
                        line=line,
                        field="id",
                    )
                )
        return out

    def _undefined(
        self,
        defined: dict[str, Source],
        broken: set[str],
        named: dict[str, tuple[str, str, int]],
    ) -> list[InputError]:
        first: dict[str, Use] = {}
        for cited, use in self.cited.items():
            for sid in dict.fromkeys(cited):
                if sid in defined or sid in broken:
                    continue
                seen = first.get(sid)
                if seen is None:
                    first[sid] = Use(use.file, use.line, use.count)
                else:
                    seen.count += use.count
        out: list[InputError] = []
        for n, (sid, use) in enumerate(first.items()):
            if n == MAX_REPORTED:
                out.append(InputError(f"more undefined sources not listed (first {n} shown)"))
                break
            more = f" (also on {use.count - 1} more records)" if use.count > 1 else ""
            name = named[sid][0] if sid in named else None
            out.append(
                InputError(
                    f"{outlets.undefined(sid, name)} is not defined{more}"
                    + _hint(sid, defined, name),
                    file=use.file,
                    line=use.line,
                    field="sources",
                )
            )
        return out


def _hint(sid: str, defined: dict[str, Source], name: str | None = None) -> str:
    """``; did you mean ...?`` for a close source id (or, for an outlet ``name``, the ids
    of outlets named alike), else what is defined (when few); and how to define sources."""
    close = difflib.get_close_matches(sid, list(defined), n=3, cutoff=0.6)
    if name is not None:
        by_outlet = {s.outlet.casefold(): s.id for s in defined.values()}
        alike = difflib.get_close_matches(name.casefold(), list(by_outlet), n=3, cutoff=0.6)
        close = list(dict.fromkeys([*(by_outlet[o] for o in alike), *close]))[:3]
    how = f"; {outlets.DEFINE_HINT}"
    if close:
        return f"; did you mean {', '.join(close)}?{how}"
    if not defined:
        return f" (no sources are defined){how}"
    if len(defined) <= 8:
        return f" (defined: {', '.join(sorted(defined))}){how}"
    return f" ({len(defined)} sources are defined){how}"


def count_places(given: Column, resolved: Iterable[Place]) -> int:
    """How many distinct places have coordinates: those given (as hashes) and those the
    gazetteer gave."""
    import numpy as np

    hashes = given.numpy()
    more = np.fromiter((hash(p) for p in resolved), dtype=np.int64)
    if len(more):
        hashes = np.concatenate([hashes, more])
    if not len(hashes):
        return 0
    hashes.sort()  # in place: the column's copy is the only one
    return 1 + int(np.count_nonzero(hashes[1:] != hashes[:-1]))
