"""A dataset's presence records as runs: records, and columns that make theirs when asked.

A CSV read column by column (geo/io/csv_columns.py) gives a batch: each field's distinct
values and each row's index into them. A :class:`~geo.model.Presence` object per row costs
about a microsecond, more than a second for a million rows, and a map needs none: it reads
the fields whole (maps/fields.py). So :class:`RecordRuns` holds the batch, makes its records
the first time one of them is asked for, and keeps them. Either way it is the same
immutable sequence of records, equal to the tuple of them.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol, overload

from geo.model import Presence


class Run(Protocol):
    """Rows read as columns (geo.io.csv_columns.Batch)."""

    def __len__(self) -> int: ...

    def records(self) -> Iterator[Presence]:
        """The record of each row, in order."""
        ...

    def field(self, name: str) -> tuple[list[Any], Any] | None:
        """Record field ``name`` as ``(distinct values, each row's index)``; None for a
        field the rows never have (each record holds the field's default)."""
        ...


class RecordRuns(Sequence[Presence]):
    """Presence records in runs: tuples of records, and :class:`Run` s of columns."""

    __slots__ = ("_ends", "_made", "_runs")

    def __init__(self, runs: Iterable[Sequence[Presence] | Run] = ()) -> None:
        kept = [r for r in runs if len(r)]
        self._runs: list[Any] = kept
        self._made: list[tuple[Presence, ...] | None] = [
            tuple(r) if isinstance(r, (tuple, list)) else None for r in kept
        ]
        self._ends = list(itertools.accumulate(map(len, kept)))

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    def _run(self, k: int) -> tuple[Presence, ...]:
        made = self._made[k]
        if made is None:
            made = self._made[k] = tuple(self._runs[k].records())
        return made

    def __iter__(self) -> Iterator[Presence]:
        for k in range(len(self._runs)):
            yield from self._run(k)

    @overload
    def __getitem__(self, i: int) -> Presence: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[Presence, ...]: ...

    def __getitem__(self, i: int | slice) -> Presence | tuple[Presence, ...]:
        if isinstance(i, slice):
            return tuple(self)[i]
        n = len(self)
        j = operator.index(i)
        if j < 0:
            j += n
        if not 0 <= j < n:
            raise IndexError("record index out of range")
        k = bisect.bisect_right(self._ends, j)
        return self._run(k)[j - (self._ends[k - 1] if k else 0)]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (RecordRuns, tuple)):
            return len(self) == len(other) and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"RecordRuns({tuple(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (RecordRuns, ([tuple(self)],))

    def runs(self) -> list[tuple[tuple[Presence, ...] | None, Run | None]]:
        """Each run as ``(its records or None, its columns or None)``: a run of records
        has no columns, and a run of columns has its records once they were asked for."""
        return [
            (made, None if isinstance(run, (tuple, list)) else run)
            for run, made in zip(self._runs, self._made, strict=True)
        ]


def runs(records: Sequence[Presence]) -> list[tuple[Sequence[Presence] | None, Run | None]]:
    """:meth:`RecordRuns.runs` of any sequence of records (a tuple is one run of records)."""
    if isinstance(records, RecordRuns):
        return list(records.runs())
    return [(records, None)] if len(records) else []


def any_field(records: Sequence[Presence], name: str) -> bool:
    """Whether some record's field ``name`` is set (not None, empty or zero), without
    making the records of a run of columns."""
    import numpy as np

    for made, run in runs(records):
        if run is None:
            assert made is not None
            if any(map(operator.attrgetter(name), made)):
                return True
            continue
        field = run.field(name)
        if field is None:
            continue
        values, codes = field
        held = np.flatnonzero(np.bincount(codes, minlength=len(values)))
        if any(values[c] for c in held.tolist()):
            return True
    return False
