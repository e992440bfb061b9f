"""Spreadsheets with their own column names: a mapping to geo's fields, and its transforms.

A presence CSV or XLSX whose header is not geo's own is read through a column mapping:
field -> column. It comes from ``--map``/``--map-file`` (:class:`~geo.io.options.ReadOptions`),
from a built-in preset recognised by its header (ACLED, :mod:`geo.io.acled`), or it is
guessed from the header through :data:`SYNONYMS` and announced, so that it can be
confirmed or corrected. A :class:`Plan` turns each row into the cells of geo's own presence
columns, with each distinct value transformed once (dates in the usual forms, DMS and MGRS
coordinates, ACLED's codes), and hands them to :class:`~geo.io.csv_presence.PresenceRows`.
"""

from __future__ import annotations

import difflib
import functools
import operator
import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from geo.errors import InputError, shown
from geo.io import acled, cells, schema
from geo.io import fields as f

Transform = Callable[..., tuple[str, ...]]
COORDS = "coords"  # one cell holding both coordinates: MGRS or a lat, lon pair
FIELDS = (*(c for c in schema.csv_columns("presence")), COORDS)
# Each field's other names in spreadsheets, as normalised by :func:`_norm`; a field's own
# name is always one. Written once; the guess and the docs come from here.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("event id", "record id", "uid", "ref", "reference"),
    "place": ("location", "place name", "locality", "town", "city", "village", "site", "where"),
    "lat": ("latitude", "lat dd", "y"),
    "lon": ("longitude", "long", "lng", "lon dd", "x"),
    COORDS: ("coordinates", "position", "mgrs", "grid", "grid reference", "grid ref", "latlon"),
    "country": ("country code", "iso2", "cc"),
    "actor": ("actor1", "actor 1", "group", "armed group", "perpetrator", "organisation",
              "organization", "faction", "party", "who", "unit"),
    "actor2": ("actor 2", "second actor", "target", "opponent"),
    "status": ("sub event type", "activity", "incident type", "what"),
    "event_type": ("event type", "type", "category", "event category"),
    "date": ("event date", "start date", "date start", "start", "day", "when", "reported"),
    "end": ("end date", "date end", "until"),
    "precision": ("geo precision", "location precision"),
    "strength": ("size", "fighters", "troops", "personnel", "number"),
    "fatalities": ("deaths", "killed", "dead", "casualties", "death toll"),
    "source": ("sources", "outlet", "outlets", "reported by"),
    "note": ("notes", "comment", "comments", "remarks"),
    "quote": ("description", "summary", "narrative", "details", "excerpt", "text"),
    "credibility": ("information credibility", "grade"),
}  # fmt: skip
_ALIASES = {"sources": "source"}  # a field's other names on --map
REQUIRED = ("actor", "status", "date")


def _norm(name: str) -> str:
    return " ".join(re.sub(r"[_\-./]+", " ", name).lower().split())


def field_name(name: str, *, where: str) -> str:
    """A field named on ``--map``/in a mapping file, as the reader knows it."""
    key = _ALIASES.get(name.strip().lower(), name.strip().lower())
    if key not in FIELDS:
        close = difflib.get_close_matches(key, FIELDS, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        raise InputError(
            f"{shown(name)} is not a field ({hint}fields: {', '.join(FIELDS)})", field=where
        )
    return key


def parse_map(text: str) -> dict[str, str]:
    """``place=Location,date="Event date"`` as ``{field: column}`` (``--map``)."""
    import csv

    out: dict[str, str] = {}
    for row in csv.reader([text], skipinitialspace=True):
        for item in row:
            if not item.strip():
                continue
            name, sep, column = item.partition("=")
            if not sep or not column.strip():
                raise InputError(f"{shown(item)} is not FIELD=COLUMN", field="--map")
            out[field_name(name, where="--map")] = column.strip().strip('"')
    return out


def parse_map_file(text: str, file: str) -> dict[str, str]:
    """A mapping file: one ``field = column`` (or ``field: column``) a line, ``#`` comments."""
    out: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not line:
            continue
        m = re.match(r"^([A-Za-z_0-9]+)\s*[=:]\s*(.+)$", line)
        if not m:
            raise InputError(f"{shown(line)} is not `field = column`", file=file, line=n)
        try:
            key = field_name(m[1], where=m[1])
        except InputError as exc:
            raise InputError(exc.message, file=file, line=n, field=m[1]) from None
        out[key] = m[2].strip().strip("\"'")
    return out


def default_transforms(dayfirst: bool) -> dict[str, Transform]:
    """How any spreadsheet's cells of each field become geo's (the rest as written)."""

    def day(cell: str, *, fields: tuple[str]) -> tuple[str]:
        return (cells.iso_date(cell, dayfirst, field=fields[0]),)

    def lat(cell: str, *, fields: tuple[str]) -> tuple[str]:
        return (cells.coordinate(cell, "lat", field=fields[0]),)

    def lon(cell: str, *, fields: tuple[str]) -> tuple[str]:
        return (cells.coordinate(cell, "lon", field=fields[0]),)

    def both(cell: str, *, fields: tuple[str]) -> tuple[str, str]:
        return cells.position(cell, field=fields[0])

    return {"date": day, "end": day, "lat": lat, "lon": lon, COORDS: both}


_OUTPUTS = {"date": ("date", "end"), COORDS: ("lat", "lon")}  # a transform giving two cells


@dataclass(frozen=True, slots=True)
class Step:
    """One field of the plan: the file's columns it reads, the transform, the cells made."""

    field: str
    at: tuple[int, ...]
    names: tuple[str, ...]
    outputs: tuple[str, ...]
    transform: Transform | None  # None: the one cell as written


class Plan:
    """Turns the rows of one spreadsheet into the cells of geo's presence columns.

    Parameters
    ----------
    steps
        One per mapped field.
    problems
        Where the rows' problems go.
    outlet_names
        Read every source cell as outlet names (ACLED).
    """

    def __init__(self, steps: Sequence[Step], problems: f.Problems, *, outlet_names: bool):
        self.problems = problems
        self.outlet_names = outlet_names
        plain = [s for s in steps if s.transform is None]
        self.done = [s for s in steps if s.transform is not None]
        self.columns = [*(s.outputs[0] for s in plain), *(o for s in self.done for o in s.outputs)]
        at = [s.at[0] for s in plain]
        self.plain_at = at  # the file's column of each plain cell (geo.io.csv_columns)
        # itemgetter of one index gives a cell, not a tuple: pad to two, cut after.
        self.take = operator.itemgetter(*at) if len(at) >= 2 else operator.itemgetter(*at, 0, 0)
        self.plain = len(plain)
        # geo's field -> the file's column, so that messages name the column as written.
        self.names = {o: s.names[0] for s in steps for o in s.outputs}
        if "source" in self.names:
            self.names["sources"] = self.names["source"]
        elif "sources" in self.names:
            self.names["source"] = self.names["sources"]
        self.getters = [operator.itemgetter(*s.at) for s in self.done]
        self.calls = [
            functools.partial(s.transform, fields=s.names)
            for s in self.done
            if s.transform is not None
        ]
        self.caches: list[dict[Hashable, Any]] = [{} for _ in self.done]
        self.single = [len(s.at) == 1 for s in self.done]
        self.run = list(zip(self.getters, self.calls, self.caches, self.single, strict=True))

    def adapt(self, row: list[str], line: int) -> list[str] | None:
        """The row as geo's cells (in the order of :attr:`columns`), or ``None``."""
        out = list(self.take(row))
        if len(out) != self.plain:
            del out[self.plain :]
        bad = False
        for getter, call, cache, single in self.run:
            key = getter(row)
            hit: Any = cache.get(key)  # the cells made, or the InputError of the value
            if hit is None:
                hit = cached_call(call, single, cache, key)
            if hit.__class__ is tuple:
                out += hit
            else:
                self.problems.add_error(hit, line=line)
                bad = True
        return None if bad else out


def _find(header: Sequence[str], column: str) -> int | None:
    if column in header:
        return header.index(column)
    want = _norm(column)
    normed = [_norm(h) for h in header]
    return normed.index(want) if want in normed else None


def guess(header: Sequence[str]) -> dict[str, str]:
    """A mapping from a header: each field to the first column named as it or a synonym."""
    normed = [_norm(h) for h in header]
    out: dict[str, str] = {}
    used: set[int] = set()
    for name in FIELDS:  # own names first: a "date" column is the date, not a synonym's
        if _norm(name) in normed and normed.index(_norm(name)) not in used:
            out[name] = header[normed.index(_norm(name))]
            used.add(normed.index(_norm(name)))
    for name, words in SYNONYMS.items():
        if name in out or (name == "source" and "sources" in out):
            continue
        for word in words:
            if word in normed and normed.index(word) not in used:
                out[name] = header[normed.index(word)]
                used.add(normed.index(word))
                break
    if "lat" in out and "lon" in out:
        out.pop(COORDS, None)
    return out


def map_text(mapping: dict[str, str]) -> str:
    """The mapping as a ``--map`` value, which the shell takes back as written."""
    items = (f"{k}={v}" if re.match(r"^[\w ]*$", v) and " " not in v else f'{k}="{v}"'
             for k, v in mapping.items())  # fmt: skip
    return "'" + ",".join(items).replace("'", "'\\''") + "'"


def is_acled(header: Sequence[str]) -> bool:
    """Whether a header is an ACLED export's (either case)."""
    return {h.strip().lower() for h in header} >= acled.SIGNATURE


def acled_plan(header: list[str], problems: f.Problems) -> Plan | None:
    """The plan of an ACLED file, or ``None`` with a problem for each missing column."""
    lower = [h.strip().lower() for h in header]
    missing = [c for cols in acled.MAPPING.values() for c in cols if c not in lower]
    if missing:
        more = f" (also missing: {', '.join(missing[1:])})" if missing[1:] else ""
        problems.add(f"missing; an ACLED export has this column{more}", line=1, field=missing[0])
        return None
    explicit = problems.options.mapping
    mapping = {k: v for k, v in acled.MAPPING.items() if k not in explicit}
    preset = frozenset(mapping)
    return _plan(header, {**mapping, **{k: (v,) for k, v in explicit.items()}}, problems, preset)


def _plan(
    header: list[str],
    mapping: dict[str, tuple[str, ...]],
    problems: f.Problems,
    preset: frozenset[str] = frozenset(),
) -> Plan | None:
    """The plan of ``mapping``; the fields in ``preset`` are ACLED's, with its transforms."""
    transforms = default_transforms(problems.options.dayfirst)
    steps = []
    for name, columns in mapping.items():
        at = tuple(_find(header, c) for c in columns)
        if None in at:
            column = columns[at.index(None)]
            close = difflib.get_close_matches(column, header, n=1, cutoff=0.5)
            hint = f"; did you mean {shown(close[0])}?" if close else ""
            problems.add(
                f"no such column in the header ({problems.options.origin} {name}={column}){hint}",
                line=1,
                field=column,
            )
            continue
        ats = tuple(i for i in at if i is not None)
        names = tuple(header[i] for i in ats)
        own = name in preset
        transform: Transform | None = acled.TRANSFORMS.get(name) if own else None
        if not (own and name in acled.AS_WRITTEN):
            transform = transform or transforms.get(name)
        two = name == COORDS or (own and name == "date")
        outputs = _OUTPUTS[name] if two else (name,)
        steps.append(Step(name, ats, names, outputs, transform))
    return Plan(steps, problems, outlet_names="sources" in preset)


def plan(header: list[str], problems: f.Problems, *, native: bool) -> Plan | None:
    """The plan for a presence spreadsheet's ``header``, or ``None`` to read it as geo's
    own (``native``: the header is geo's, or close to it) or after a problem."""
    if is_acled(header):
        return acled_plan(header, problems)
    explicit = problems.options.mapping
    if native:
        return None
    guessed = guess(header)
    given = {**guessed, **explicit}
    mapping = {k: given[k] for k in FIELDS if k in given}  # in the order of geo's columns
    if "lat" in mapping and "lon" in mapping:
        mapping.pop(COORDS, None)
    own = schema.csv_accepted("presence")
    by_synonym = [
        k
        for k, v in mapping.items()
        if k not in explicit and (_norm(v) not in own or own[_norm(v)] != own.get(k))
    ]
    if by_synonym:
        used = set(mapping.values())
        ignored = [h for h in header if h not in used]
        problems.options.notices.append(
            f"{problems.file}: guessed the columns: --map {map_text(mapping)}"
            + (f" (ignored: {', '.join(ignored)})" if ignored else "")
            + "; confirm or correct it with --map or --map-file"
        )
    missing = [k for k in REQUIRED if k not in mapping]
    if "place" not in mapping and COORDS not in mapping and not {"lat", "lon"} <= set(mapping):
        missing.insert(0, "place (or lat and lon)")
    if missing:
        problems.add(
            f"no column for {', '.join(missing)}; name it with --map FIELD=COLUMN "
            f"(columns: {', '.join(header)})",
            line=1,
            field="header",
        )
        return None
    return _plan(header, {k: (v,) for k, v in mapping.items()}, problems)


#: Values kept per transform; past it the cache starts again (a file of distinct values).
CACHED = 50_000


def cached_call(call: Callable[..., Any], single: bool, cache: dict[Any, Any], key: Any) -> Any:
    """The cells a transform makes of ``key`` (one cell's value, or a tuple of several when
    not ``single``), or the :class:`InputError` it raised, kept in ``cache``."""
    try:
        hit = call(key) if single else call(*key)
    except InputError as exc:
        hit = exc
    if len(cache) >= CACHED:
        cache.clear()
    cache[key] = hit
    return hit
