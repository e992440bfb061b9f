"""The map payload's encodings: string tables, typed-array columns, the issue-12 record fields.

A column is the base64 of the smallest little-endian typed array that holds it, or, when
every value is the same, just that value (``{"t": "k", "v": value, "n": count}``): a
dataset without fatalities or grades pays nothing for them. The page decodes both in
maps/assets/geo-map-1-data.js.

The graded and counted fields of records (``fatalities``, ``credibility``;
``Source.reliability``) are read here once, for the page and the brief alike. A field of
a million records is taken whole, and what is made of a value is
made once per value the records share (maps/fields.py).
"""

from __future__ import annotations

import base64
import sys
from array import array
from collections.abc import Iterable
from typing import Any

from geo.model import Estimate, Presence, Source

#: Coordinates travel as integers of this many degrees (about a metre).
QUANTUM = 1e-5
#: Grades of the Admiralty (NATO) system: source reliability A (best) to F, information
#: credibility 1 (confirmed) to 6 (cannot be judged).
RELIABILITY = ("A", "B", "C", "D", "E", "F")


class Strings:
    """A deduplicated string table; index 0 is the empty string."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {"": 0}
        self.table: list[str] = [""]

    def many(self, texts: list[str]) -> list[int]:
        """The index of each text, adding new ones in order of first appearance."""
        index = self.index
        for text in dict.fromkeys(texts):
            if text not in index:
                index[text] = len(self.table)
                self.table.append(text)
        return list(map(index.__getitem__, texts))

    def __call__(self, text: str) -> int:
        i = self.index.get(text)
        if i is None:
            i = self.index[text] = len(self.table)
            self.table.append(text)
        return i


def column(values: Any, kind: str = "int") -> dict[str, Any]:
    """Pack numbers as base64 of the smallest little-endian typed array that holds them,
    or as one value when there are at least two and all are equal.

    ``values``: a sequence or iterable of numbers, or a numpy array of whole numbers.
    ``kind="float"`` gives float32 (about a metre at these latitudes, enough for a map).
    """
    if kind != "float" and hasattr(values, "dtype"):  # a numpy array of whole numbers
        if len(values) > _LONG:
            return _long_column(values)
        values = values.tolist()
    if kind == "float":
        arr = array("f", values)
        code = "f4"
    else:
        ints = values if isinstance(values, list) else list(values)
        if len(ints) > _LONG:
            return _long_column(ints)
        lo, hi = (min(ints), max(ints)) if ints else (0, 0)
        if len(ints) > 1 and lo == hi:
            return {"t": "k", "v": lo, "n": len(ints)}
        code = _smallest(lo, hi)
        arr = array(_TYPES[code][0], ints)  # past 32 bits: OverflowError
    if sys.byteorder == "big":  # pragma: no cover - the JS side reads little-endian
        arr.byteswap()
    return {"t": code, "b": base64.b64encode(arr.tobytes()).decode("ascii")}


_LONG = 4096  # values past which numpy packs a column (the same bytes, several times faster)
#: The typed arrays a column may be, smallest first: code -> (array typecode, low, high).
_TYPES = {
    "u1": ("B", 0, 1 << 8),
    "u2": ("H", 0, 1 << 16),
    "i2": ("h", -(1 << 15), 1 << 15),
    "i4": ("i", -(1 << 31), 1 << 31),
}


def _smallest(lo: float, hi: float) -> str:
    """The code of the smallest typed array that holds ``lo`` to ``hi`` (``i4`` past it:
    packing then raises OverflowError, as it should)."""
    return next((c for c, (_, a, b) in _TYPES.items() if a <= lo and hi < b), "i4")


def _long_column(ints: Any) -> dict[str, Any]:
    """:func:`column` of many whole numbers (a list or a numpy array), through numpy."""
    import numpy as np

    values = np.asarray(ints, dtype=np.int64)  # OverflowError past 64 bits, as array() gives
    lo, hi = int(values.min()), int(values.max())
    if lo == hi:
        return {"t": "k", "v": lo, "n": len(ints)}
    code = _smallest(lo, hi)
    if not _TYPES[code][1] <= lo <= hi < _TYPES[code][2]:
        array("i", ints)  # raises OverflowError, as the short road does
    dtype = {"u1": "<u1", "u2": "<u2", "i2": "<i2", "i4": "<i4"}[code]
    return {"t": code, "b": base64.b64encode(values.astype(dtype).tobytes()).decode("ascii")}


def quantised(degrees: Iterable[float]) -> list[int]:
    """Degrees as integers of :data:`QUANTUM` (exact, so the same input gives the same bytes)."""
    return [round(d * 100_000) for d in degrees]


def figures(items: Iterable[Estimate]) -> list[tuple[int, int, str | None, str]]:
    """``(low, high, source id or None, note)`` of each figure in a per-source list."""
    return [(e.strength.low, e.strength.high, e.source, e.note) for e in items]


def fatalities_of(record: Presence) -> list[tuple[int, int, str | None, str]]:
    """The fatality figures of a presence record."""
    return figures(record.fatalities)


def credibility_of(record: Presence) -> int:
    """The record's credibility 1-6, or 0 when not graded."""
    return credibility_grade(record.credibility)


def credibility_grade(value: int | None) -> int:
    """A credibility 1-6 as it is, anything else (not graded) as 0."""
    return value if value is not None and 1 <= value <= 6 else 0


def reliability_of(source: Source) -> str:
    """The source's reliability ``A``..``F``, or ``""`` when not graded."""
    value = source.reliability.strip().upper()
    return value if value in RELIABILITY else ""
