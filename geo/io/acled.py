"""ACLED exports as a built-in column mapping: which column gives which field, and how.

ACLED (the Armed Conflict Location & Event Data project) publishes one row per event with
the 31 columns of :data:`COLUMNS` (older exports write them in upper case and add a few,
:data:`OLDER`). This module is only data for :mod:`geo.io.mapping`: the mapping of its
columns to geo's fields and the value transforms ACLED's codes need. The codes are those
of ACLED's codebook: ``time_precision`` 1 = the day is known, 2 = the week (the date given
is within it; we take the 7 days centred on it), 3 = the month (coded at its middle: the
record covers the whole month); ``geo_precision`` 1/2/3 = the place / near it / the region.
"""

from __future__ import annotations

from collections.abc import Callable

from geo.errors import InputError, shown
from geo.io import cells

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
OLDER = ("event_id_no_cnty", "iso3", "gwno", "ally_actor_1", "ally_actor_2")
# What makes a header ACLED's: these columns, in either case.
SIGNATURE = frozenset({"event_id_cnty", "event_date", "sub_event_type", "actor1"})

# geo field -> the ACLED column(s) it is made from; the columns every ACLED file must have.
MAPPING: dict[str, tuple[str, ...]] = {
    "id": ("event_id_cnty",),
    "date": ("event_date", "time_precision"),
    "actor": ("actor1",),
    "actor2": ("actor2",),
    "status": ("sub_event_type",),
    "event_type": ("event_type",),
    "precision": ("geo_precision",),
    "country": ("iso",),
    "place": ("location",),
    "lat": ("latitude",),
    "lon": ("longitude",),
    "fatalities": ("fatalities",),
    "sources": ("source",),
    "quote": ("notes",),
}

# Columns taken as written: ACLED's coordinates are decimal degrees (checked as geo's own).
AS_WRITTEN = frozenset({"lat", "lon"})
_WEEK = 3  # days either side of a week-precise date
_GEO = {"1": "exact", "2": "near", "3": "region"}


def span(event_date: str, time_precision: str, *, fields: tuple[str, str]) -> tuple[str, str]:
    """``(date, end)`` cells for an event's date and its ``time_precision`` code."""
    day = cells.iso_date(event_date, field=fields[0])
    if len(day) != 10:
        raise InputError(f"{shown(event_date)} is not a day", field=fields[0])
    code = time_precision.strip()
    if code == "1":
        return day, ""
    if code == "2":
        return cells.shift_days(day, -_WEEK), cells.shift_days(day, _WEEK)
    if code == "3":
        return day[:7], ""
    raise InputError(
        f"{shown(time_precision)} is not a time precision (1, 2 or 3)", field=fields[1]
    )


def precision(geo_precision: str, *, fields: tuple[str]) -> tuple[str]:
    """The ``precision`` cell for a ``geo_precision`` code."""
    word = _GEO.get(geo_precision.strip())
    if word is None:
        raise InputError(
            f"{shown(geo_precision)} is not a geo precision (1, 2 or 3)", field=fields[0]
        )
    return (word,)


def country(iso: str, *, fields: tuple[str]) -> tuple[str]:
    """The ``country`` cell (alpha-2) for ACLED's numeric ``iso``."""
    return (cells.alpha2(iso, field=fields[0]),)


# geo field -> the transform of its columns (the rest are taken as written, or as any
# spreadsheet's are: see geo.io.mapping.default_transforms).
TRANSFORMS: dict[str, Callable[..., tuple[str, ...]]] = {
    "date": span,
    "precision": precision,
    "country": country,
}
