"""Field parsers shared by the event-file readers, and the collector of their problems.

Every reader (YAML, CSV, GeoJSON, GeoPackage) turns a record into values through these
functions, so a field means the same thing in every format. Parsers raise
:class:`~geo.errors.InputError` naming the field; :class:`Problems` adds the file and line
and keeps going, so one run reports every problem.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

from geo.errors import InputError, ValidationErrors, shown
from geo.io.options import ReadOptions
from geo.model import Confidence, Estimate, LocationPrecision, Mode, Place, Strength
from geo.points import Point
from geo.timespan import FuzzyDate, TimeSpan

T = TypeVar("T")
E = TypeVar("E", bound=Enum)

SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
MAX_PROBLEMS = 1000  # per file: past this a file is hopeless and the list unreadable
MAX_MESSAGE = 400  # characters; a backstop, as every quoted value is cut by errors.shown
# Numbers as written in a file: ASCII digits only. Python's int() and float() also take
# "3_0" (30) and full-width digits, which no analyst means.
INTEGER = re.compile(r"^\s*[0-9]+\s*$")
DECIMAL = re.compile(r"^\s*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?\s*$")
# What XML 1.0 cannot hold (every writer must write what validates: KML is XML), and lone
# surrogates, which no encoding can write.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# Spreadsheets run a cell that starts with = + - @ (or a tab or CR) as a formula; CSV
# exports put a ' before such report text, and the CSV reader takes it off again.
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def guard_cell(value: str) -> str:
    """``value`` made safe to open in a spreadsheet (``=cmd`` -> ``'=cmd``)."""
    return "'" + value if _FORMULA.match(value) else value


def unguard_cell(value: str) -> str:
    """The inverse of :func:`guard_cell`."""
    return value[1:] if value[:1] == "'" and _FORMULA.match(value[1:]) else value


class TooManyProblems(Exception):
    """Raised inside a reader to stop reading a file once :data:`MAX_PROBLEMS` is reached."""


class Problems:
    """The problems found in one file, each an :class:`InputError` with file and line."""

    def __init__(
        self, file: str, *, limit: int | None = None, options: ReadOptions | None = None
    ) -> None:
        self.file = file
        self.limit = limit or MAX_PROBLEMS
        self.items: list[InputError] = []
        # Ids of sources that were defined but had a bad field: citing them is no new problem.
        self.broken_sources: set[str] = set()
        # How to read the file (column mapping, day-first dates) and where notices go.
        self.options = options if options is not None else ReadOptions()
        # Sources cited by outlet name ("Reuters"): derived id -> (name, first line).
        self.outlets: dict[str, tuple[str, int]] = {}

    def add(self, message: str, *, line: int | None, field: str | None) -> None:
        """Record a problem; raise :class:`TooManyProblems` once the limit is reached."""
        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 1] + "…"
        self.items.append(InputError(message, file=self.file, line=line, field=field))
        if len(self.items) >= self.limit:
            self.items.append(
                InputError(
                    f"stopped reading after {self.limit} problems", file=self.file, line=line
                )
            )
            raise TooManyProblems

    def add_error(self, exc: InputError, *, line: int | None, field: str | None = None) -> None:
        """Record an error raised by a parser, filling in where it happened."""
        problems = exc.problems if isinstance(exc, ValidationErrors) else [exc]
        for p in problems:
            self.add(p.message, line=p.line or line, field=p.field or field)

    def take(self, parse: Callable[[Any], T], value: Any, *, line: int, field: str) -> T | None:
        """``parse(value)``, or ``None`` with the problem recorded."""
        try:
            return parse(value)
        except InputError as exc:
            self.add_error(exc, line=line, field=field)
            return None


def blank(value: object) -> bool:
    """True for a missing value: ``None`` or a string of spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: object, *, field: str = "") -> str:
    """A free-text field; numbers are accepted as their text, lists and maps are not."""
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise InputError(f"expected text, got {type(value).__name__}", field=field)
    out = value if isinstance(value, str) else str(value)
    check_writable(out, field=field)
    return out.strip()


def check_writable(value: str, *, field: str) -> None:
    """Refuse text that some writer cannot write: control characters other than tab and
    line breaks (XML 1.0 forbids them), and lone surrogates (no encoding holds them)."""
    bad = _UNWRITABLE.search(value)
    if bad:
        what = "a lone surrogate" if "\ud800" <= bad[0] <= "\udfff" else "a control character"
        raise InputError(
            f"holds {what} (U+{ord(bad[0]):04X}) at character {bad.start() + 1}; remove it",
            field=field,
        )


def required_text(value: object, *, field: str) -> str:
    """A text field that must not be blank."""
    out = text(value, field=field)
    if not out:
        raise InputError("missing; this field is required", field=field)
    return out


def actor(value: object) -> str:
    """The required ``actor`` field."""
    return required_text(value, field="actor")


def status(value: object) -> str:
    """The required ``status`` field: a free word, kept in lower case."""
    return required_text(value, field="status").lower()


def choice(enum: type[E], value: object, default: E, *, field: str) -> E:
    """An enumerated word (case-insensitive), or ``default`` when blank."""
    if blank(value):
        return default
    word = str(value).strip().lower()
    try:
        return enum(word)
    except ValueError:
        allowed = " | ".join(str(m.value) for m in enum)
        raise InputError(f"{shown(value)} is not one of {allowed}", field=field) from None


def precision(value: object) -> LocationPrecision:
    """``exact`` (default), ``near`` or ``region``."""
    return choice(LocationPrecision, value, LocationPrecision.EXACT, field="precision")


def confidence(value: object) -> Confidence:
    """``confirmed``, ``reported`` (default) or ``claimed``."""
    return choice(Confidence, value, Confidence.REPORTED, field="confidence")


def mode(value: object) -> Mode:
    """``overland``, ``air``, ``sea`` or ``unknown`` (default)."""
    return choice(Mode, value, Mode.UNKNOWN, field="mode")


def _date_text(value: object) -> str | None:
    # YAML reads 2015 as an int; treat it as the text the analyst wrote.
    if blank(value):
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(
            f"{shown(value)} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", field="date"
        )
    return str(value).strip()


@functools.lru_cache(maxsize=4096)
def _span(start: str | None, end: str | None) -> TimeSpan:
    return TimeSpan.parse(start, end)


def span(start: object, end: object, *, required: bool = False) -> TimeSpan:
    """The span of a record's ``date`` and ``end`` fields (cached: dates repeat).

    With ``required``, a blank ``date`` is a problem (``..`` says "unknown" on purpose).
    """
    if required and blank(start):
        raise InputError(
            "missing; give YYYY, YYYY-MM or YYYY-MM-DD ('..' when unknown)", field="date"
        )
    return _span(_date_text(start), _date_text(end))


@functools.lru_cache(maxsize=4096)
def _fuzzy(value: str) -> FuzzyDate:
    return FuzzyDate.parse(value)


def fuzzy_date(value: object, *, field: str = "date") -> FuzzyDate | None:
    """An optional single date (a waypoint's, a source's publication)."""
    raw = _date_text(value)
    if raw is None:
        return None
    try:
        return _fuzzy(raw)
    except InputError as exc:
        raise InputError(exc.message, field=field) from None


def number(value: object, *, field: str) -> float:
    """A coordinate: a number or its text (ASCII digits: ``3_0`` is not 30)."""
    if isinstance(value, str) and DECIMAL.match(value):
        return float(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:  # an int of 400 digits
            raise InputError(f"{shown(value)} is not a coordinate", field=field) from None
    raise InputError(f"{shown(value)} is not a number", field=field)


def country(value: object) -> str | None:
    """An ISO 3166-1 alpha-2 code such as ``LY``, or ``None``."""
    if blank(value):
        return None
    if isinstance(value, bool):
        # YAML 1.1 reads NO (Norway) as false; our loader does not, but other tools might.
        raise InputError(f"{shown(value)} is not a country code; quote it", field="country")
    code = str(value).strip().upper()
    if not COUNTRY.match(code):
        raise InputError(f"{shown(value)} is not a two-letter country code", field="country")
    return code


def place(
    name: object,
    lat: object,
    lon: object,
    country_code: object = None,
    gazetteer_id: object = None,
) -> Place:
    """A place: a name for the gazetteer, or an explicit ``lat``/``lon`` (the name a label)."""
    label = text(name, field="place")
    cc = country(country_code)
    gid = text(gazetteer_id, field="gazetteer_id") or None
    if blank(lat) and blank(lon):
        if not label:
            raise InputError("missing; give a place name or lat and lon", field="place")
        return Place(label, country=cc, gazetteer_id=gid)
    if blank(lat) or blank(lon):
        missing = "lat" if blank(lat) else "lon"
        raise InputError("missing; lat and lon go together", field=missing)
    point = Point(number(lat, field="lat"), number(lon, field="lon"))
    return Place(label, point=point, country=cc, gazetteer_id=gid)


def source_ids(*values: object) -> tuple[str, ...]:
    """Source ids from a list, or from text with ids separated by ``;`` or ``,``."""
    out: list[str] = []
    for value in values:
        if blank(value):
            continue
        items = value if isinstance(value, list) else re.split(r"[;,]", str(value))
        for item in items:
            sid = text(item, field="sources")
            if not sid:
                continue
            if not SOURCE_ID.match(sid):
                raise InputError(
                    f"{shown(sid)} is not a source id (lower-case letters, digits and -)",
                    field="sources",
                )
            if sid not in out:
                out.append(sid)
    return tuple(out)


_ESTIMATE_KEYS = {"value", "min", "max", "source", "note"}


def _estimate(item: dict[str, Any]) -> Estimate:
    unknown = sorted(set(map(str, item)) - _ESTIMATE_KEYS)
    if unknown:
        raise InputError(
            f"unknown key {shown(unknown[0])} in a figure (use value or min/max, source, note)",
            field="strength",
        )
    if "value" in item and ("min" in item or "max" in item):
        raise InputError("a figure has either value or min/max, not both", field="strength")
    if "value" in item:
        figure = Strength.parse(item["value"])
    elif "min" in item and "max" in item:
        figure = Strength.parse([_int(item["min"]), _int(item["max"])])
    else:
        raise InputError("a figure needs value, or min and max", field="strength")
    sources = source_ids(item.get("source"))
    if len(sources) > 1:
        raise InputError("a figure has one source; give one figure per source", field="strength")
    return Estimate(figure, sources[0] if sources else None, text(item.get("note"), field="note"))


def _int(value: object) -> int:
    if isinstance(value, bool):
        raise InputError(f"{shown(value)} is not a number", field="strength")
    if isinstance(value, int):
        return value
    digits = str(value).replace(",", "")
    if not INTEGER.match(digits):
        raise InputError(f"{shown(value)} is not a whole number", field="strength")
    return int(digits)


def _lined_estimate(item: dict[str, Any]) -> Estimate:
    try:
        return _estimate(item)
    except InputError as exc:
        if exc.line is None:  # a YAML figure knows its own line; name it, not the list's
            exc.line = getattr(item, "line", None)
        raise


@functools.lru_cache(maxsize=1024)
def _simple_strength(value: str) -> tuple[Estimate, ...]:
    return (Estimate(Strength.parse(value)),)


def estimates(value: object) -> tuple[Estimate, ...]:
    """Strength figures: ``800``, ``"4000-6000"``, or a list of per-source figures.

    In CSV and GeoPackage cells the list is written as JSON text, e.g.
    ``[{"value": 3000, "source": "wsj-2017"}, {"min": 4000, "max": 6000}]``.
    """
    if blank(value):
        return ()
    if isinstance(value, str) and value.lstrip().startswith("["):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"a list of figures is not valid JSON ({exc})", field="strength"
            ) from None
        except RecursionError:
            raise InputError("a list of figures nested too deeply", field="strength") from None
        except ValueError as exc:  # a number of over 4,300 digits
            raise InputError(
                f"a list of figures cannot be read ({exc})", field="strength"
            ) from None
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return tuple(_lined_estimate(v) for v in value)
    if isinstance(value, dict):
        return (_estimate(value),)
    if isinstance(value, str):
        return _simple_strength(value.strip())
    return (Estimate(Strength.parse(value)),)


def fatalities(value: object) -> tuple[Estimate, ...]:
    """Deaths: as :func:`estimates` (``3``, ``2-5``, per-source figures), named ``fatalities``."""
    try:
        return estimates(value)
    except InputError as exc:
        raise InputError(exc.message, field="fatalities", line=exc.line) from None


RELIABILITY = "ABCDEF"  # Admiralty/NATO: A completely reliable ... E unreliable, F cannot judge
CREDIBILITY = range(1, 7)  # 1 confirmed ... 5 improbable, 6 cannot judge


def reliability(value: object) -> str:
    """A source's grade, ``A`` to ``F`` (case-insensitive), or ``""``."""
    if blank(value):
        return ""
    grade = str(value).strip().upper()
    if len(grade) != 1 or grade not in RELIABILITY:
        raise InputError(f"{shown(value)} is not a reliability grade (A to F)", field="reliability")
    return grade


def credibility(value: object) -> int | None:
    """A record's grade, ``1`` to ``6``, or ``None``."""
    if blank(value):
        return None
    text_ = str(value).strip()
    if isinstance(value, bool) or not INTEGER.match(text_) or int(text_) not in CREDIBILITY:
        raise InputError(f"{shown(value)} is not a credibility grade (1 to 6)", field="credibility")
    return int(text_)


def check_keys(
    mapping: dict[str, Any], known: frozenset[str], what: str, problems: Problems, lines: Any
) -> None:
    """Report every key of ``mapping`` that is not a field of ``what``."""
    for key in mapping:
        if key not in known:
            problems.add(
                f"unknown field in {what} (known: {', '.join(sorted(known))})",
                line=lines(key),
                field=str(key),
            )
