"""The presence records' fields as whole columns: each field's distinct values, and each
record's index into them.

The map's payload (maps/data.py) makes what it needs of a value once per distinct value and
spreads it over the records with numpy, instead of walking a million records once per
field. Where a reader read a run of records column by column (a CSV through
geo/io/csv_columns.py, kept as such by geo/record_runs.py), its columns are taken as they
are; every other run is grouped here, by object identity (records share the values their
reader parsed once).

Values come in the order of their first record, so what is numbered from them (string
tables, source lists) is numbered exactly as a walk over the records would number it.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np

from geo.io.csv_table import Codes
from geo.model import Dataset, Presence
from geo.record_runs import Run, runs


@dataclass
class Field:
    """One field of every record: ``values`` (distinct, in order of first record) and
    ``codes`` (each record's index into them)."""

    values: list[Any]
    codes: np.ndarray

    def each(self, make: Callable[[Any], Any]) -> list[Any]:
        """``make`` of each distinct value."""
        return [make(v) for v in self.values]

    def spread(self, made: Sequence[Any] | np.ndarray, dtype: Any = np.int64) -> np.ndarray:
        """Per record, the ``made`` of its value (``made`` given per distinct value)."""
        table = np.asarray(made, dtype=dtype)
        return table[self.codes] if len(self.codes) else np.zeros(0, dtype=table.dtype)

    def made(self, make: Callable[[Any], Any]) -> np.ndarray:
        """Per record, ``make`` of its value (a number), made once per distinct value."""
        return self.spread(self.each(make))

    def mapped(self, make: Callable[[Any], Any]) -> Field:
        """The field of ``make`` of each record's value."""
        return Field(self.each(make), self.codes)

    def numbered(self, table: Any) -> np.ndarray:
        """Per record, the index of its text in ``table`` (a maps.columns.Strings), the
        texts added in record order."""
        return self.spread(table.many(self.values))

    def items(self, made: Sequence[Sequence[Any]]) -> tuple[Items, np.ndarray]:
        """Per record, the list ``made`` gives its value, all laid end to end in record
        order (:class:`Items`), and each record's count."""
        index, counts = self.flat(made)
        return Items(list(chain.from_iterable(made)), index), counts

    def flat(self, made: Sequence[Sequence[Any]]) -> tuple[np.ndarray, np.ndarray]:
        """Per record, the list ``made`` gives its value, all concatenated in record order:
        ``(the index of each item in the concatenation of made, each record's count)``."""
        lens = np.fromiter(map(len, made), dtype=np.int64, count=len(made))
        counts = lens[self.codes] if len(self.codes) else np.zeros(0, dtype=np.int64)
        total = int(counts.sum())
        if not total:
            return np.zeros(0, dtype=np.int64), counts
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
        out_starts = np.cumsum(counts) - counts
        index = np.repeat(starts[self.codes] - out_starts, counts) + np.arange(total)
        return index, counts


@dataclass
class Items:
    """Lists of the records laid end to end: ``items``, those of each distinct value, and
    ``at``, for each place of the record-order list, its item (values first met first, so
    what is numbered from ``items`` is numbered as from the record-order list)."""

    items: list[Any]
    at: np.ndarray

    def column(self, make: Callable[[Any], Any]) -> np.ndarray:
        """``make`` (a number) of each item of the record-order list."""
        table = np.asarray([make(x) for x in self.items], dtype=np.int64)
        return table[self.at] if len(self.at) else np.zeros(0, dtype=np.int64)

    def numbered(self, table: Any, text: Callable[[Any], str]) -> np.ndarray:
        """The index in ``table`` (a maps.columns.Strings) of each item's ``text``, the
        texts added as the record-order list meets them."""
        numbers = np.asarray(table.many([text(x) for x in self.items]), dtype=np.int64)
        return numbers[self.at] if len(self.at) else np.zeros(0, dtype=np.int64)


class Fields:
    """The fields of ``dataset.presence``, field by field (:meth:`field`, :meth:`texts`)."""

    def __init__(self, dataset: Dataset) -> None:
        self.runs = runs(dataset.presence)
        self._cache: dict[str, Field] = {}

    def field(self, name: str) -> Field:
        """Record field ``name`` (an attribute of :class:`~geo.model.Presence`)."""
        hit = self._cache.get(name)
        if hit is None:
            parts = [_batch_field(b, name) if b is not None else _grouped(r or (), name)
                     for r, b in self.runs]  # fmt: skip
            hit = self._cache[name] = _joined(parts)
        return hit

    def texts(self, name: str) -> list[str]:
        """Record field ``name``, a text of each record's own (a note), per record."""
        out: list[str] = []
        for records, batch in self.runs:
            if batch is not None:
                values, codes = batch.field(name) or ([None], np.zeros(len(batch), np.int64))
                out += values if len(values) == len(batch) else [values[c] for c in codes]
            else:
                assert records is not None
                out += map(operator.attrgetter(name), records)
        return out


def _batch_field(batch: Run, name: str) -> Field:
    field = batch.field(name)
    if field is None:  # a field the batch's rows never set (area, evidence): None on each
        return Field([None], np.zeros(len(batch), dtype=np.int64))
    return _in_order(field[0], np.asarray(field[1]))


def _in_order(values: list[Any], codes: np.ndarray) -> Field:
    """``values`` and ``codes`` renumbered, when needed, to the order of first record and
    to the values some record has (a batch drops the rows with problems, not their
    values)."""
    if not len(codes):
        return Field([], codes)
    firsts = codes[Codes(codes, []).first_rows()]  # the codes as they first appear
    if len(firsts) == len(values) and firsts[0] == 0 and (np.diff(firsts) == 1).all():
        return Field(values, codes)
    present, first_row, inverse = np.unique(codes, return_index=True, return_inverse=True)
    order = np.argsort(first_row, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return Field([values[i] for i in present[order].tolist()], rank[inverse.reshape(-1)])


def _grouped(records: Sequence[Presence], name: str) -> Field:
    """Field ``name`` of ``records``, grouped by object identity."""
    values = list(map(operator.attrgetter(name), records))
    ids = list(map(id, values))
    number = {k: i for i, k in enumerate(dict.fromkeys(ids))}
    objects = dict(zip(ids, values, strict=True))
    codes = np.fromiter(map(number.__getitem__, ids), dtype=np.int64, count=len(ids))
    return Field([objects[k] for k in number], codes)


def _joined(parts: list[Field]) -> Field:
    if len(parts) == 1:
        return parts[0]
    values: list[Any] = []
    codes = []
    for part in parts:
        codes.append(part.codes + len(values))
        values += part.values
    return Field(values, np.concatenate(codes) if codes else np.zeros(0, dtype=np.int64))
