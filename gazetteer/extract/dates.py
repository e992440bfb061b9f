"""Dates in report text, with the precision the text gives.

"in June 2015" is ``2015-06``; "on 12 June 2015" ``2015-06-12``; "in 2015" ``2015``;
"last winter" (relative to the report's date) ``2014-12`` to ``2015-02``; "last year"
the year before; "on July 23" and "in the summer" in the report's year. Relative words
need a reference date: the report's, else (a report without a date, read as a narrative)
the last year the text gave before them ("in 2014 ... in early November" is November
2014). Without either they give nothing.
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
    ("dm", re.compile(rf"\b(\d{{1,2}})\s+{_M}(?!\s*,?\s*(?:of\s+)?(?:19|20)\d\d)", re.I)),
    ("md", re.compile(rf"\b{_M}\s+(\d{{1,2}})\b(?!,?\s*(?:19|20)\d\d|:)", re.I)),
    ("season", re.compile(r"\b(last|this|past)\s+(winter|spring|summer|autumn|fall)\b", re.I)),
    (
        "season_y",
        re.compile(rf"\b(?:the\s+)?(winter|spring|summer|autumn|fall)\s+(?:of\s+)?{_Y}\b", re.I),
    ),
    (
        "season_in",
        re.compile(
            r"\b(?:in|during|over|by|since)\s+the\s+(winter|spring|summer|autumn|fall)\b", re.I
        ),
    ),
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
    anchored: bool = False  # no report date: the year is the one the text gave before


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


ABSOLUTE = frozenset({"dmy", "mdy", "my", "y", "season_y"})
# Given without a year: the report's year, else the last year the text gave before them.
ANCHORED = frozenset({"m", "md", "dm", "season_in"})


def find_dates(text: str, published: str = "") -> list[FoundDate]:
    """The date expressions of a text, left to right, not overlapping."""
    pub = parse_date(published) if published else None
    matches: list[tuple[str, re.Match[str]]] = []
    for how, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if not any(m.start() < o.end() and o.start() < m.end() for _, o in matches):
                matches.append((how, m))
    found: list[FoundDate] = []
    anchor: tuple[int, int | None, int | None] | None = None
    for how, m in sorted(matches, key=lambda hm: hm[1].start()):
        ref, anchored = pub, False
        if pub is None and how in ANCHORED and anchor is not None:
            ref, anchored = anchor, True
        got = _value(how, m, ref)
        if got is None:
            continue
        if how in ABSOLUTE:
            anchor = (int(got[0][:4]), None, None)
        found.append(FoundDate(m.start(), m.end(), got[0], got[1], how not in ABSOLUTE, anchored))
    return found


def _season(name: str, year: int, month: int | None, this: bool = False) -> tuple[str, str]:
    first, last = SEASONS[name.casefold()]
    now = month or 12
    # The latest such season that ended before the report's month ("this": the current).
    end_year = year if last < now or (this and first <= now) else year - 1
    if month is None:
        end_year = year + (first > last)
    if first > last:  # winter runs over the new year
        return f"{end_year - 1}-{first:02d}", f"{end_year}-{last:02d}"
    return f"{end_year}-{first:02d}", f"{end_year}-{last:02d}"


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
    if how == "season_y":
        first, last = SEASONS[m[1].casefold()]
        year = int(m[2])
        return f"{year}-{first:02d}", f"{year + (first > last)}-{last:02d}"
    if how in ("md", "dm") and not m[1 if how == "md" else 2][0].isupper():
        return None  # "they may 2", "5 march": a month is written with a capital
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
    if how in ("m", "md", "dm"):
        mo = _month(m[1] if how != "dm" else m[2])
        y = year if month is None or mo <= month else year - 1
        day = "" if how == "m" else f"-{int(m[2] if how == 'md' else m[1]):02d}"
        return f"{y}-{mo:02d}{day}", ""
    if how == "season_in":
        return _season(m[1], year, month)
    return _season(m[2], year, month, this=m[1].casefold() == "this")
