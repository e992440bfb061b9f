"""Calendar periods for small multiples: one frame per year, quarter or month."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Literal

Period = Literal["year", "quarter", "month"]


def period_ends(low: date, high: date, period: Period) -> list[tuple[str, date]]:
    """Label and "as of" day of each period that overlaps ``low..high``.

    The day is the period's last, clipped to ``high`` so that no frame asks for a date past
    the data. Labels sort in time order: ``2015``, ``2015-Q3``, ``2015-07``.
    """
    if high < low:
        return []
    out: list[tuple[str, date]] = []
    year, month = low.year, low.month
    step = {"year": 12, "quarter": 3, "month": 1}[period]
    if period == "year":
        month = 1
    elif period == "quarter":
        month = 3 * ((month - 1) // 3) + 1
    while (year, month) <= (high.year, high.month):
        last_month = month + step - 1
        end = date(year, last_month, calendar.monthrange(year, last_month)[1])
        if period == "year":
            label = f"{year:04d}"
        elif period == "quarter":
            label = f"{year:04d}-Q{(month - 1) // 3 + 1}"
        else:
            label = f"{year:04d}-{month:02d}"
        out.append((label, min(end, high)))
        month += step
        if month > 12:
            year, month = year + 1, month - 12
    return out
