"""Dates in report text, with the precision the text gives.

"in June 2015" is ``2015-06``; "on 12 June 2015" ``2015-06-12``; "in 2015" ``2015``;
"last winter" (relative to the report's date) ``2014-12`` to ``2015-02``; "last year"
the year before. Relative words need the report's date; without one they give nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
SEASONS = {
    "winter": (12, 2), "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
}  # fmt: skip
_M = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
_Y = r"((?:19|20)\d\d)"
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dmy", re.compile(rf"\b(\d{{1,2}})\s+{_M}\s+{_Y}\b", re.I)),
    ("mdy", re.compile(rf"\b{_M}\s+(\d{{1,2}}),?\s+{_Y}\b", re.I)),
    ("my", re.compile(rf"\b{_M}\s+(?:of\s+)?{_Y}\b", re.I)),
    ("season", re.compile(r"\b(last|this|past)\s+(winter|spring|summer|autumn|fall)\b", re.I)),
    ("rel", re.compile(r"\b(last|this|past)\s+(year|month)\b", re.I)),
    (
        "y",
        re.compile(
            rf"\b(?:in|since|during|by|until|of|early|late|mid-?|throughout)\s+{_Y}\b", re.I
        ),
    ),
    (
        "m",
        re.compile(rf"\b(?:in|since|during|by|until|on|early|late|mid-?)\s+{_M}\b(?!\s+\d)", re.I),
    ),
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date expression: ``[start, end)`` of the text, and the span it gives."""

    start: int
    end: int
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    until: str = ""  # the end of a span ("last winter"), same precision
    relative: bool = False


def parse_date(text: str) -> tuple[int, int | None, int | None] | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as numbers, or None."""
    m = re.fullmatch(r"((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", text.strip())
    if m is None:
        return None
    y, mo, d = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
    if (mo is not None and not 1 <= mo <= 12) or (d is not None and not 1 <= d <= 31):
        return None
    return y, mo, d


def _month(word: str) -> int:
    return MONTHS[word.casefold().rstrip(".")[:3]]


def find_dates(text: str, published: str = "") -> list[FoundDate]:
    """The date expressions of a text, left to right, not overlapping."""
    pub = parse_date(published) if published else None
    found: list[FoundDate] = []
    for how, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            got = _value(how, m, pub)
            if got is not None:
                relative = how in ("season", "rel", "m")
                found.append(FoundDate(m.start(), m.end(), got[0], got[1], relative))
    return sorted(found, key=lambda f: f.start)


def _value(
    how: str, m: re.Match[str], pub: tuple[int, int | None, int | None] | None
) -> tuple[str, str] | None:
    if how == "dmy":
        return f"{m[3]}-{_month(m[2]):02d}-{int(m[1]):02d}", ""
    if how == "mdy":
        return f"{m[3]}-{_month(m[1]):02d}-{int(m[2]):02d}", ""
    if how == "my":
        return f"{m[2]}-{_month(m[1]):02d}", ""
    if how == "y":
        return m[1], ""
    if pub is None:
        return None
    year, month = pub[0], pub[1]
    if how == "rel":
        if m[2].casefold() == "year":
            return str(year - (m[1].casefold() != "this")), ""
        if month is None:
            return None
        if m[1].casefold() == "this":
            return f"{year}-{month:02d}", ""
        y, mo = (year, month - 1) if month > 1 else (year - 1, 12)
        return f"{y}-{mo:02d}", ""
    if how == "m":
        mo = _month(m[1])
        y = year if month is None or mo <= month else year - 1
        return f"{y}-{mo:02d}", ""
    first, last = SEASONS[m[2].casefold()]
    now = month or 12
    # The latest such season that ended before the report's month ("this": the current).
    end_year = year if last < now or (m[1].casefold() == "this" and first <= now) else year - 1
    if first > last:  # winter runs over the new year
        return f"{end_year - 1}-{first:02d}", f"{end_year}-{last:02d}"
    return f"{end_year}-{first:02d}", f"{end_year}-{last:02d}"
