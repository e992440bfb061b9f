"""Presence CSV rows built column by column: each distinct value parsed once.

A presence CSV (geo's own, a mapped spreadsheet, an ACLED export) is read by
:mod:`geo.io.csv_table` into columns of text. Each column's distinct values (for a field
made of several columns, each distinct combination) go once through the parsers and
transforms that :mod:`geo.io.csv_presence` and :mod:`geo.io.mapping` apply to a row, with
the same caches; the rows holding a bad value are then reported one by one, in the order
and with the messages of the row reader. The good rows become a :class:`Batch`: per field,
a table of parsed values and each row's index into them. The
:class:`~geo.io.digest.Digest` takes a batch in whole, and a batch gives the
:class:`~geo.model.Presence` records when they are kept.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from geo.errors import InputError
from geo.io import fields as f
from geo.io.csv_presence import SOURCES, PresenceRows
from geo.io.csv_table import (
    Codes,
    Table,
    arrow_call,
    arrow_compute,
    ints,
    numpy_of,
    string_parts,
    strings,
)
from geo.io.mapping import cached_call
from geo.model import Presence

# geo.io.fields._UNWRITABLE in RE2's syntax (lone surrogates cannot be in UTF-8 text)
_UNWRITABLE = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x{fffe}\\x{ffff}]"
TEXTS = ("note", "id", "quote")  # taken as written (stripped), checked to be writable
# Bytes that may begin or end what str.strip() takes off: ASCII spaces, and any byte of
# a character beyond ASCII (some of them are spaces).
_EDGE = np.zeros(256, dtype=bool)
_EDGE[[9, 10, 11, 12, 13, 28, 29, 30, 31, 32]] = True
_EDGE[128:] = True
#: The record (:class:`~geo.model.Presence`) attribute of each field of
#: :attr:`PresenceRows.FIELDS`, by its index in a batch's ``values`` and ``codes``.
ATTRIBUTES = {
    {"date": "span", "strength": "estimates"}.get(name, name): n
    for n, name in enumerate(PresenceRows.FIELDS)
}
#: Record attributes a batch's rows never set: each record holds the default.
UNSET = ("area", "evidence")


def parse_keys(
    codes: Codes, cache: dict[Any, Any], parse: Callable[[Any, int], Any], lines: np.ndarray
) -> list[Any]:
    """The cached answer for each distinct key, parsing the missing ones in order of first
    appearance (``parse(key, line)`` with the line of that first row)."""
    out: list[Any] = []
    firsts = None
    for k, key in enumerate(codes.keys):
        hit = cache.get(key)
        if hit is None:
            if firsts is None:
                firsts = codes.first_rows()
            hit = parse(key, int(lines[firsts[k]]))
        out.append(hit)
    return out


def _bad_rows(codes: np.ndarray, bad: list[bool]) -> np.ndarray:
    """A mask of the rows whose code is one of the ``bad`` ones."""
    flags = np.array(bad, dtype=bool)
    return flags[codes] if len(flags) else np.zeros(len(codes), dtype=bool)


@dataclass
class Batch:
    """The good rows of one file: for each field of :attr:`PresenceRows.FIELDS`, the parsed
    values and each row's index into them; the columns of :data:`TEXTS`; the lines."""

    file: str
    lines: np.ndarray
    codes: list[np.ndarray]
    values: list[list[Any]]
    texts: dict[str, Any]  # name -> an Arrow array of the cells as written, or None

    def __len__(self) -> int:
        return len(self.lines)

    def column(self, n: int) -> list[Any]:
        """Field ``n``'s value on each row."""
        values = self.values[n]
        if len(values) == 1:  # a column the file leaves empty, or fills with one value
            return values * len(self)
        table = np.fromiter(values, dtype=object, count=len(values))  # 1-D: tuples stay whole
        return table[self.codes[n]].tolist()

    def text(self, name: str) -> list[str]:
        """The text of column ``name`` (one of :data:`TEXTS`) on each row, stripped."""
        col = self.texts.get(name)
        if col is None:
            return [""] * len(self)
        texts = col.to_pylist()
        off, data = string_parts(col)
        given = np.flatnonzero(off[1:] > off[:-1])
        if _EDGE[np.concatenate([data[off[given]], data[off[given + 1] - 1]])].any():
            return [t.strip() for t in texts]
        return texts  # nothing to strip

    def ids(self) -> tuple[Any, np.ndarray]:
        """The ids that are not blank, stripped, as an Arrow string array, and their rows."""
        col = self.texts.get("id")
        if col is None or not len(col):
            return strings([]), np.zeros(0, dtype=np.int64)
        off, data = string_parts(col)
        given = np.flatnonzero(off[1:] > off[:-1])
        ends = np.concatenate([data[off[given]], data[off[given + 1] - 1]])
        if _EDGE[ends].any():  # an id may start or end with a space: Python's strip, exactly
            texts = self.text("id")
            given = np.array([i for i, t in enumerate(texts) if t], dtype=np.int64)
            return strings([texts[i] for i in given.tolist()]), given
        return (col if len(given) == len(col) else arrow_call("take", col, ints(given))), given

    def field(self, name: str) -> tuple[list[Any], np.ndarray] | None:
        """Record attribute ``name`` as ``(values, each row's index into them)``, or None
        for an attribute the rows never set (:data:`UNSET`)."""
        n = ATTRIBUTES.get(name)
        if n is not None:
            return self.values[n], self.codes[n]
        rows = np.arange(len(self))
        if name in TEXTS:
            return self.text(name), rows
        if name == "file":
            return [self.file], np.zeros(len(self), dtype=np.int64)
        if name == "line":
            return self.lines.tolist(), rows
        if name in UNSET:
            return None
        raise AttributeError(f"a presence record has no field {name!r}")

    def records(self) -> Iterator[Presence]:
        """The :class:`Presence` record of each row, in order."""
        (place, actor, status, span, prec, strength, sources, conf, actor2, kind, dead,
         cred) = (self.column(n) for n in range(len(self.values)))  # fmt: skip
        note, rid, quote = (self.text(name) for name in TEXTS)
        files = itertools.repeat(self.file)
        return map(
            Presence, place, actor, status, span, prec, strength, sources, conf, note, rid,
            files, self.lines.tolist(), actor2, kind, dead, quote, cred,
        )  # fmt: skip


@dataclass
class Adapted:
    """A mapped file's rows as geo's columns: those that passed the mapping, and the
    problems of those that did not (row index -> the errors, in the plan's order)."""

    table: Table
    keep: np.ndarray  # indices of the rows that passed
    errors: dict[int, list[InputError]]


def adapt(plan: Any, source: Table, lines: np.ndarray) -> Adapted:
    """:meth:`geo.io.mapping.Plan.adapt` over whole columns."""

    out: dict[str, Any] = {}
    coded: dict[str, tuple[np.ndarray, list[str]]] = {}
    for name, at in zip(plan.columns, plan.plain_at, strict=False):
        out[name] = source.columns.get(f"c{at}")
    source.prefetch([f"c{i}" for step in plan.done for i in step.at])
    failed = np.zeros(source.rows, dtype=bool)
    step_errors: list[tuple[np.ndarray, list[Any]]] = []
    for step, call, cache, single in zip(plan.done, plan.calls, plan.caches, plan.single,
                                         strict=True):  # fmt: skip
        codes = source.key([f"c{i}" for i in step.at])

        def run(key: Any, line: int, call: Callable[..., Any] = call, single: bool = single,
                cache: dict[Any, Any] = cache) -> Any:  # fmt: skip
            return cached_call(call, single, cache, key)

        hits = parse_keys(codes, cache, run, lines)
        bad = [h.__class__ is not tuple for h in hits]
        failed |= _bad_rows(codes.codes, bad)
        step_errors.append((codes.codes, hits))
        for j, name in enumerate(step.outputs):  # numbered as the keys: first appearance
            number: dict[str, int] = {}
            cells = [number.setdefault(h[j] if h.__class__ is tuple else "", len(number))
                     for h in hits]  # fmt: skip
            coded[name] = (np.array(cells, dtype=np.int64)[codes.codes], list(number))
    errors: dict[int, list[InputError]] = {}
    for row in np.flatnonzero(failed).tolist():
        errors[row] = [h[c[row]] for c, h in step_errors if h[c[row]].__class__ is not tuple]
    keep = np.flatnonzero(~failed)
    if len(keep) != source.rows:
        taken = ints(keep)
        out = {k: arrow_call("take", v, taken) for k, v in out.items() if v is not None}
        coded = {k: (c[keep], v) for k, (c, v) in coded.items()}
    for name in set(TEXTS) & set(coded):  # texts are taken from columns (none is made now)
        out[name] = arrow_call("take", strings(coded[name][1]), ints(coded[name][0]))
    columns = {k: v for k, v in out.items() if v is not None}
    return Adapted(Table(columns, len(keep), coded, plain=source.plain), keep, errors)


def _unwritable(table: Table, name: str) -> np.ndarray:
    col = table.columns.get(name)
    if col is None:
        return np.zeros(table.rows, dtype=bool)
    options = arrow_compute().MatchSubstringOptions(_UNWRITABLE)
    return numpy_of(arrow_call("match_substring_regex", col, options=options))


def build(
    rows: PresenceRows,
    table: Table,
    lines: np.ndarray,
    adapted: dict[int, list[InputError]] | None = None,
    adapted_lines: np.ndarray | None = None,
) -> tuple[Batch, bool]:
    """The good rows of ``table`` as a :class:`Batch`, every problem reported as
    :meth:`PresenceRows.build` (and, for ``adapted`` rows, the mapping) reports it; and
    whether the file's problem limit was reached (the batch then holds the rows before
    the one that reached it, as the row reader would have read)."""
    n = table.rows
    miss = rows._miss
    table.prefetch([name for names in PresenceRows.KEYS for name in names])
    codes: list[np.ndarray] = []
    values: list[list[Any]] = []
    errors: list[list[InputError | None]] = []
    bad = np.zeros(n, dtype=bool)
    for k, names in enumerate(PresenceRows.KEYS):
        key = table.key(names)

        def parse(key: Any, line: int, k: int = k) -> Any:
            return miss(k, key, line if k == SOURCES else 0)

        hits = parse_keys(key, rows.caches[k], parse, lines)
        errs = [h[1] for h in hits]
        codes.append(key.codes)
        values.append([h[0] for h in hits])
        errors.append(errs)
        if any(e is not None for e in errs):
            bad |= _bad_rows(key.codes, [e is not None for e in errs])
    unwritable = np.zeros(n, dtype=bool)
    for name in TEXTS if not table.plain else ():
        unwritable |= _unwritable(table, name)
    texts = {name: table.columns.get(name) for name in TEXTS}
    events = [(int(lines[r]), r) for r in np.flatnonzero(bad | unwritable).tolist()]
    events += [(int(adapted_lines[r]), -1 - r) for r in adapted or {}]  # type: ignore[index]
    events.sort()
    stop: int | None = None
    failed = bad.copy()
    try:
        for line, r in events:
            stop = line
            if r < 0:  # a row the mapping refused
                for exc in (adapted or {})[-1 - r]:
                    rows.problems.add_error(exc, line=line)
            elif bad[r]:
                for field, c, errs in zip(rows.FIELDS, codes, errors, strict=True):
                    err = errs[c[r]]
                    if err is not None:
                        rows._report(err, line, field)
            elif not rows._writable(tuple((k, table.text(k, r)) for k in TEXTS), line):
                failed[r] = True
        stop = None
    except f.TooManyProblems:
        # as the row reader: nothing of the rows after the one that reached the limit
        assert stop is not None
        for sid in [s for s, (_, at) in rows.problems.outlets.items() if at > stop]:
            del rows.problems.outlets[sid]
        failed |= lines >= stop
        return _batch(rows.problems.file, lines, codes, values, texts, failed), True
    return _batch(rows.problems.file, lines, codes, values, texts, failed), False


def _batch(
    file: str,
    lines: np.ndarray,
    codes: list[np.ndarray],
    values: list[list[Any]],
    texts: dict[str, Any],
    failed: np.ndarray,
) -> Batch:
    if not failed.any():
        return Batch(file, lines, codes, values, texts)

    good = np.flatnonzero(~failed)
    taken = ints(good)
    kept = {k: None if v is None else arrow_call("take", v, taken) for k, v in texts.items()}
    return Batch(file, lines[good], [c[good] for c in codes], values, kept)
