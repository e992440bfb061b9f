"""Dates as reports give them: a day, a month or a year, and spans between them.

A report that says "June 2015" means some day in June 2015, not June 1st. A
:class:`FuzzyDate` keeps that precision; its :attr:`~FuzzyDate.first` and
:attr:`~FuzzyDate.last` days bound it. A :class:`TimeSpan` runs from the first day of its
start to the last day of its end; either end may be open (``None``). In files, a record
with a ``date`` and no ``end`` covers the period of its date (a month for ``2015-06``);
``..`` (ISO 8601's open-interval mark) as ``end`` or ``date`` leaves that end open.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from geo.errors import InputError, shown

OPEN = ".."
_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")  # ASCII digits


class DatePrecision(str, Enum):
    """How much of a date a report gives."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True, order=True)
class FuzzyDate:
    """A date known to a day, a month or a year; ``first`` is the period's first day."""

    first: date
    precision: DatePrecision

    @classmethod
    def parse(cls, text: str, *, field: str = "date") -> FuzzyDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Raises
        ------
        InputError
            For any other form or an impossible date such as ``2016-13`` or ``2015-02-30``.
        """
        raw = str(text).strip()
        m = _DATE.match(raw)
        if not m:
            raise InputError(
                f"{shown(raw)} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", field=field
            )
        year, month, day = int(m[1]), m[2], m[3]
        try:
            if day is not None:
                return cls(date(year, int(month), int(day)), DatePrecision.DAY)
            if month is not None:
                return cls(date(year, int(month), 1), DatePrecision.MONTH)
            return cls(date(year, 1, 1), DatePrecision.YEAR)
        except ValueError as exc:
            raise InputError(f"{shown(raw)} is not a valid date ({exc})", field=field) from exc

    @property
    def last(self) -> date:
        """The last day the date may stand for."""
        d = self.first
        if self.precision is DatePrecision.DAY:
            return d
        if self.precision is DatePrecision.MONTH:
            return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
        return date(d.year, 12, 31)

    def __str__(self) -> str:
        d = self.first
        if self.precision is DatePrecision.DAY:
            return d.isoformat()
        if self.precision is DatePrecision.MONTH:
            return f"{d.year:04d}-{d.month:02d}"
        return f"{d.year:04d}"


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """From ``start`` to ``end`` inclusive, each a :class:`FuzzyDate` or open (``None``)."""

    start: FuzzyDate | None = None
    end: FuzzyDate | None = None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end.last < self.start.first:
            raise InputError(f"end {self.end} is before start {self.start}", field="end")

    @classmethod
    def parse(cls, start: str | None, end: str | None = None) -> TimeSpan:
        """Build a span from the ``date`` and ``end`` fields of a record.

        A blank ``end`` means the period of ``date``; ``..`` leaves an end open.
        """
        s = None if _blank(start) or start == OPEN else FuzzyDate.parse(str(start), field="date")
        if _blank(end):
            e = s
        elif end == OPEN:
            e = None
        else:
            e = FuzzyDate.parse(str(end), field="end")
        return cls(s, e)

    @property
    def first_day(self) -> date | None:
        """The earliest day the span covers, or ``None`` when open."""
        return self.start.first if self.start else None

    @property
    def last_day(self) -> date | None:
        """The latest day the span covers, or ``None`` when open."""
        return self.end.last if self.end else None

    def __str__(self) -> str:
        if self.start and self.end and self.start == self.end:
            return str(self.start)
        if self.start and self.end:
            return f"{self.start} to {self.end}"
        if self.start:
            return f"from {self.start}"
        if self.end:
            return f"until {self.end}"
        return "undated"


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
