"""Build sources, presence and movements from field mappings, whatever the file format.

A reader hands each record over as a :class:`Fields` mapping (a dict that knows the line
of the record and of each key); these builders check every field, record each problem
with its line, and return the record or ``None`` when any field was wrong.
"""

from __future__ import annotations

import functools
import itertools
from typing import Any

from geo.errors import InputError, shown
from geo.io import fields as f
from geo.io import schema
from geo.io.evidence import evidence_field
from geo.io.record_areas import area_of, area_place
from geo.model import Movement, Place, Presence, Source, Waypoint
from geo.timespan import TimeSpan

PRESENCE_FIELDS = schema.accepted("presence")
MOVEMENT_FIELDS = schema.accepted("movement")
WAYPOINT_FIELDS = schema.accepted("waypoint")
SOURCE_FIELDS = schema.accepted("source")


class Fields(dict[str, Any]):
    """A record's fields, with the line of the record and of each key (1-based)."""

    def __init__(self, data: Any = (), *, line: int = 0, key_lines: dict[str, int] | None = None):
        super().__init__(data)
        self.line = line
        self.key_lines = key_lines or {}

    def line_of(self, key: str) -> int:
        """The line where ``key`` is given, else the record's line."""
        return self.key_lines.get(key, self.line)


def as_fields(value: Any, line: int) -> Fields:
    """``value`` as :class:`Fields` (plain dicts get ``line``)."""
    if isinstance(value, Fields):
        return value
    return Fields(value, line=line)


@functools.lru_cache(maxsize=8192)
def _cached_place(name: Any, lat: Any, lon: Any, cc: Any, gid: Any) -> Place:
    return f.place(name, lat, lon, cc, gid)


def _place(r: Fields) -> Place:
    args = tuple(r.get(name) for name in schema.PLACE)
    try:
        # Names repeat across rows: share one Place per distinct spelling (cheap, and the
        # resolver then meets each place once).
        return _cached_place(*args)
    except TypeError:  # an unhashable value (a list where text belongs): report it
        return f.place(*args)


def _place_field(r: Fields, problems: f.Problems, *, areal: bool = False) -> Place | None:
    """The record's place; an area's record may leave it out (it is then taken from the
    area: its gazetteer place, or a point inside it)."""
    if areal and all(f.blank(r.get(k)) for k in ("place", "lat", "lon")):
        return Place("")
    try:
        return _place(r)
    except InputError as exc:
        problems.add_error(exc, line=r.line_of(exc.field or "place"))
        return None


def _sources(r: Fields, problems: f.Problems) -> tuple[str, ...] | None:
    key = "sources" if "sources" in r else "source"
    try:
        return f.source_ids(r.get("sources"), r.get("source"))
    except InputError as exc:
        problems.add_error(exc, line=r.line_of(key))
        return None


def _span(r: Fields, problems: f.Problems, *, required: bool) -> TimeSpan | None:
    try:
        return f.span(r.get("date"), r.get("end"), required=required)
    except InputError as exc:
        problems.add_error(exc, line=r.line_of(exc.field or "date"))
        return None


def _common(r: Fields, problems: f.Problems) -> tuple[Any, ...]:
    """Strength, sources, confidence, note and id: the fields every record kind shares.

    Each is ``None`` where it had a problem (recorded in ``problems``).
    """
    estimates = problems.take(
        f.estimates, r.get("strength"), line=r.line_of("strength"), field="strength"
    )
    sources = _sources(r, problems)
    confidence = problems.take(
        f.confidence, r.get("confidence"), line=r.line_of("confidence"), field="confidence"
    )
    note = problems.take(
        functools.partial(f.text, field="note"), r.get("note"), line=r.line_of("note"), field="note"
    )
    rid = problems.take(
        functools.partial(f.text, field="id"), r.get("id"), line=r.line_of("id"), field="id"
    )
    return estimates, sources, confidence, note, rid


def build_presence(
    r: Fields, problems: f.Problems, geometry: Any = None, geometry_line: int = 0
) -> Presence | None:
    """A :class:`Presence` from its fields, or ``None`` with every problem recorded.

    ``geometry`` is the GeoJSON Polygon or MultiPolygon of a feature or row whose geometry
    is the record's area (found at ``geometry_line``). (CSV rows take a faster road with
    the same parsers: :mod:`geo.io.csv_presence`.)
    """
    before = len(problems.items)
    f.check_keys(r, PRESENCE_FIELDS, "a presence record", problems, r.line_of)
    place = _place_field(r, problems, areal=geometry is not None or not f.blank(r.get("area")))
    actor = problems.take(
        f.actor,
        r.get("actor"),
        line=r.line_of("actor"),
        field="actor",
    )
    status = problems.take(
        f.status,
        r.get("status"),
        line=r.line_of("status"),
        field="status",
    )
    span = _span(r, problems, required=True)
    precision = problems.take(
        f.precision, r.get("precision"), line=r.line_of("precision"), field="precision"
    )
    estimates, sources, confidence, note, rid = _common(r, problems)
    extra = {**_presence_extra(r, problems), "evidence": evidence_field(r, problems)}
    area = None
    if geometry is not None or not (f.blank(r.get("area")) and f.blank(r.get("buffer_km"))):
        area = area_of(r, problems, geometry, geometry_line or r.line, place)
    if area is not None and place is not None and not place.name and place.point is None:
        place = area_place(area, r.get("country"))
    if len(problems.items) > before:
        return None
    assert place is not None and actor is not None and status is not None and span is not None
    assert precision is not None and estimates is not None and sources is not None
    assert confidence is not None and note is not None and rid is not None
    return Presence(
        place=place,
        actor=actor,
        status=status,
        span=span,
        precision=precision,
        estimates=estimates,
        sources=sources,
        confidence=confidence,
        note=note,
        id=rid,
        file=problems.file,
        line=r.line,
        **extra,
        area=area,
    )


_PRESENCE_EXTRA: dict[str, Any] = {
    "actor2": functools.partial(f.text, field="actor2"),
    "event_type": functools.partial(f.text, field="event_type"),
    "fatalities": f.fatalities,
    "quote": functools.partial(f.text, field="quote"),
    "credibility": f.credibility,
}


def _presence_extra(r: Fields, problems: f.Problems) -> dict[str, Any]:
    """The fields a presence record has beyond the shared ones (second actor, event type,
    fatalities, the dataset's quoted text, credibility), each parsed or its problem kept."""
    return {
        k: problems.take(parse, r.get(k), line=r.line_of(k), field=k)
        for k, parse in _PRESENCE_EXTRA.items()
    }


def build_waypoint(r: Fields, problems: f.Problems) -> Waypoint | None:
    """One stop of a movement."""
    before = len(problems.items)
    f.check_keys(r, WAYPOINT_FIELDS, "a waypoint", problems, r.line_of)
    place = _place_field(r, problems)
    date = problems.take(f.fuzzy_date, r.get("date"), line=r.line_of("date"), field="date")
    mode = problems.take(f.mode, r.get("mode"), line=r.line_of("mode"), field="mode")
    if len(problems.items) > before or place is None or mode is None:
        return None
    return Waypoint(place=place, date=date, mode=mode, line=r.line)


def _waypoint(value: Any, line: int, problems: f.Problems) -> Waypoint | None:
    """A waypoint from ``{place, date, mode, ...}``, or from a bare place name."""
    if isinstance(value, str):
        value = Fields({"place": value}, line=line)
    if not isinstance(value, dict):
        problems.add(
            f"{shown(value)} is not a waypoint; give a place name or {{place, date, mode}}",
            line=getattr(value, "line", line),
            field="waypoints",
        )
        return None
    return build_waypoint(as_fields(value, line), problems)


def _check_order(waypoints: list[Waypoint], problems: f.Problems) -> None:
    dated = [w for w in waypoints if w.date is not None]
    for prev, cur in itertools.pairwise(dated):
        assert prev.date is not None and cur.date is not None
        if cur.date.last < prev.date.first:
            problems.add(
                f"{cur.date} is before the previous waypoint's {prev.date}",
                line=cur.line,
                field="date",
            )


def build_movement(
    r: Fields, waypoints: list[Waypoint] | None, problems: f.Problems, *, check_keys: bool = True
) -> Movement | None:
    """A :class:`Movement`; ``waypoints`` already built (else read from ``r['waypoints']``)."""
    before = len(problems.items)
    if check_keys:
        f.check_keys(r, MOVEMENT_FIELDS, "a movement", problems, r.line_of)
    if waypoints is None:
        raw = r.get("waypoints")
        if not isinstance(raw, list):
            problems.add(
                "missing; give a list of two or more places",
                line=r.line_of("waypoints"),
                field="waypoints",
            )
            return None
        built = [_waypoint(w, r.line_of("waypoints"), problems) for w in raw]
        waypoints = [w for w in built if w is not None]
        if len(built) != len(waypoints):
            return None
    if len(waypoints) < 2:
        problems.add(
            "a movement needs two or more waypoints",
            line=r.line_of("waypoints"),
            field="waypoints",
        )
    _check_order(waypoints, problems)
    actor = problems.take(
        f.actor,
        r.get("actor"),
        line=r.line_of("actor"),
        field="actor",
    )
    span = _span(r, problems, required=False)
    if span is not None and f.blank(r.get("date")) and f.blank(r.get("end")):
        dates = [w.date for w in waypoints if w.date is not None]
        try:
            span = TimeSpan(dates[0], dates[-1]) if dates else TimeSpan()
        except InputError:  # waypoints out of order: reported by _check_order
            span = None
    estimates, sources, confidence, note, rid = _common(r, problems)
    evidence = evidence_field(r, problems)
    if len(problems.items) > before:
        return None
    assert actor is not None and span is not None and estimates is not None
    assert sources is not None and confidence is not None and note is not None and rid is not None
    return Movement(
        waypoints=tuple(waypoints),
        actor=actor,
        span=span,
        estimates=estimates,
        sources=sources,
        confidence=confidence,
        note=note,
        id=rid,
        file=problems.file,
        line=r.line,
        evidence=evidence,
    )


def _flag(value: object) -> bool:
    if f.blank(value):
        return False
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in {"true", "yes", "1"}:
        return True
    if word in {"false", "no", "0"}:
        return False
    raise InputError(f"{shown(value)} is not true or false", field="published_inferred")


def build_source(r: Fields, problems: f.Problems) -> Source | None:
    """A :class:`Source` from its fields."""
    before = len(problems.items)
    f.check_keys(r, SOURCE_FIELDS, "a source", problems, r.line_of)
    ids = problems.take(f.source_ids, r.get("id"), line=r.line_of("id"), field="id")
    if ids is not None and len(ids) != 1:
        problems.add("missing; every source needs one id", line=r.line_of("id"), field="id")
    outlet = problems.take(
        functools.partial(f.required_text, field="outlet"),
        r.get("outlet"),
        line=r.line_of("outlet"),
        field="outlet",
    )
    published = problems.take(
        functools.partial(f.fuzzy_date, field="published"),
        r.get("published"),
        line=r.line_of("published"),
        field="published",
    )
    inferred = problems.take(
        _flag,
        r.get("published_inferred"),
        line=r.line_of("published_inferred"),
        field="published_inferred",
    )
    texts = {
        k: problems.take(functools.partial(f.text, field=k), r.get(k), line=r.line_of(k), field=k)
        for k in ("title", "author", "url")
    }
    grade = problems.take(
        f.reliability, r.get("reliability"), line=r.line_of("reliability"), field="reliability"
    )
    if len(problems.items) > before:
        problems.broken_sources.update(ids or ())
        return None
    assert ids and outlet is not None and inferred is not None
    return Source(
        id=ids[0],
        outlet=outlet,
        title=texts["title"] or "",
        published=published,
        published_inferred=inferred,
        author=texts["author"] or "",
        url=texts["url"] or "",
        file=problems.file,
        line=r.line,
        reliability=grade or "",
    )
