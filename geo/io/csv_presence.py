"""Presence records from CSV rows, fast: each distinct cell value is parsed once.

Large CSV files repeat the same actors, statuses, dates, places and sources on row after
row. :class:`PresenceRows` keeps, per column, what each distinct value parsed to (or the
problem it has), so a row costs a few dictionary lookups. The parsers are those of
:mod:`geo.io.fields`, as for every other format; only the caching differs. Spreadsheets
with other columns (ACLED, a mapping) reach it through :mod:`geo.io.mapping`, which turns
their rows into these columns, caching in the same way.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Hashable
from typing import Any

from geo.errors import InputError
from geo.io import fields as f
from geo.io import outlets, schema
from geo.model import Presence

MAX_CACHED = 50_000  # distinct values kept per column; past this the cache starts over
SOURCES = 6  # the index of the sources parser, whose outlet names the file keeps


class PresenceRows:
    """Builds :class:`Presence` records from the rows of one presence CSV file.

    Parameters
    ----------
    columns
        The header's column names (lower case), in order; unknown ones as "".
    problems
        Where each row's problems go; its ``outlets`` get the sources cited by name.
    outlet_names
        Read every ``source`` cell as outlet names (ACLED), not only cells that are not ids.
    names
        The file's own column of each field (a mapped spreadsheet), for messages.
    """

    FIELDS = (
        "place", "actor", "status", "date", "precision", "strength", "sources", "confidence",
        "actor2", "event_type", "fatalities", "credibility",
    )  # fmt: skip
    # The columns each field is read from, in the order of FIELDS (several: one cache key).
    KEYS: tuple[tuple[str, ...], ...] = (
        schema.PLACE, ("actor",), ("status",), ("date", "end"), ("precision",), ("strength",),
        ("sources", "source"), ("confidence",), ("actor2",), ("event_type",), ("fatalities",),
        ("credibility",),
    )  # fmt: skip

    def __init__(
        self,
        columns: list[str],
        problems: f.Problems,
        *,
        outlet_names: bool = False,
        names: dict[str, str] | None = None,
    ) -> None:
        self.problems = problems
        self.names = names or {}
        self.parsers: tuple[Callable[[Any], Any], ...] = (
            lambda k: f.place(*k),
            f.actor,
            f.status,
            lambda k: f.span(*k, required=True),
            f.precision,
            f.estimates,
            lambda k: outlets.source_refs(*k, names=outlet_names),
            f.confidence,
            functools.partial(f.text, field="actor2"),
            functools.partial(f.text, field="event_type"),
            f.fatalities,
            f.credibility,
        )
        # A missing column reads the empty cell appended to every row (index -1).
        at = {c: i for i, c in enumerate(columns) if c}
        self.ix = {c: at.get(c, -1) for c in schema.csv_accepted("presence")}
        # The cells that make a place, taken in one call: together they key the place cache.
        self.place_cells = operator.itemgetter(*(self.ix[c] for c in schema.PLACE))
        self.caches: list[dict[Hashable, tuple[Any, InputError | None]]] = [{} for _ in self.FIELDS]
        # The cells of each field, taken in one call per field (plain ints, not name lookups).
        ix = self.ix
        self.cells = (
            ix["actor"], ix["status"], ix["date"], ix["end"], ix["precision"], ix["strength"],
            ix["sources"], ix["source"], ix["confidence"], ix["note"], ix["id"],
            ix["actor2"], ix["event_type"], ix["fatalities"], ix["quote"], ix["credibility"],
        )  # fmt: skip

    def _miss(self, n: int, key: Hashable, line: int = 0) -> tuple[Any, InputError | None]:
        try:
            hit: tuple[Any, InputError | None] = (self.parsers[n](key), None)
        except InputError as exc:
            hit = (None, exc)
        if n == SOURCES and hit[1] is None:
            ids, named = hit[0]
            for sid, name in named:
                self.problems.outlets.setdefault(sid, (name, line))
            hit = (ids, None)
        cache = self.caches[n]
        if len(cache) >= MAX_CACHED:
            cache.clear()
        cache[key] = hit
        return hit

    def _report(self, exc: InputError, line: int, field: str) -> None:
        name = exc.field or field
        if name in self.names and not getattr(exc, "problems", None):
            self.problems.add(exc.message, line=line, field=self.names[name])
        else:
            self.problems.add_error(exc, line=line, field=field)

    def _writable(self, texts: tuple[tuple[str, str], ...], line: int) -> bool:
        """Whether the free texts hold only what every writer can write (the other
        columns are checked by their parsers)."""
        ok = True
        for field, value in texts:
            try:
                f.check_writable(value, field=field)
            except InputError as exc:
                self._report(exc, line, field)
                ok = False
        return ok

    def build(self, row: list[str], line: int) -> Presence | None:
        """The record of one row (as many cells as the header), or ``None`` with problems."""
        row.append("")
        (
            i_actor, i_status, i_date, i_end, i_prec, i_strength, i_srcs, i_src, i_conf,
            i_note, i_id, i_actor2, i_type, i_dead, i_quote, i_cred,
        ) = self.cells  # fmt: skip
        c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11 = self.caches
        miss = self._miss
        # Unrolled on purpose: this runs once per row of files of 1,000,000 rows.
        k: Hashable = self.place_cells(row)
        place = c0.get(k) or miss(0, k)
        k = row[i_actor]
        who = c1.get(k) or miss(1, k)
        k = row[i_status]
        what = c2.get(k) or miss(2, k)
        k = (row[i_date], row[i_end])
        span = c3.get(k) or miss(3, k)
        k = row[i_prec]
        prec = c4.get(k) or miss(4, k)
        k = row[i_strength]
        strength = c5.get(k) or miss(5, k)
        k = (row[i_srcs], row[i_src])
        sources = c6.get(k) or miss(6, k, line)
        k = row[i_conf]
        conf = c7.get(k) or miss(7, k)
        k = row[i_actor2]
        other = c8.get(k) or miss(8, k)
        k = row[i_type]
        kind = c9.get(k) or miss(9, k)
        k = row[i_dead]
        dead = c10.get(k) or miss(10, k)
        k = row[i_cred]
        cred = c11.get(k) or miss(11, k)
        if (
            place[1]
            or who[1]
            or what[1]
            or span[1]
            or prec[1]
            or strength[1]
            or sources[1]
            or conf[1]
            or other[1]
            or kind[1]
            or dead[1]
            or cred[1]
        ):
            hits = (place, who, what, span, prec, strength, sources, conf, other, kind, dead, cred)
            for field, hit in zip(self.FIELDS, hits, strict=True):
                if hit[1] is not None:
                    self._report(hit[1], line, field)
            return None
        note, rid, quote = row[i_note], row[i_id], row[i_quote]
        if not (note.isprintable() and rid.isprintable() and quote.isprintable()):
            texts = (("note", note), ("id", rid), ("quote", quote))
            if not self._writable(texts, line):
                return None
        return Presence(
            place[0],
            who[0],
            what[0],
            span[0],
            prec[0],
            strength[0],
            sources[0],
            conf[0],
            note.strip(),
            rid.strip(),
            self.problems.file,
            line,
            other[0],
            kind[0],
            dead[0],
            quote.strip(),
            cred[0],
        )
