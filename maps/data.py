"""A resolved dataset as the compact, deterministic payload the map's JavaScript reads.

Plain data, no HTML: presence records become columns of typed numbers (base64 of
little-endian arrays, so 100,000 records cost a few megabytes and decode in milliseconds),
text goes into one deduplicated string table, movements become legs with great-circle arcs
for long hops. :func:`payload_json` serialises it with sorted keys and escapes it for a
``<script>`` block.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from itertools import chain
from typing import Any

import numpy as np
import orjson

from geo.errors import InputError
from geo.model import (
    Confidence,
    Dataset,
    Estimate,
    LocationPrecision,
    Mode,
    Movement,
    Place,
)
from geo.points import Point
from geo.timespan import DatePrecision, FuzzyDate, TimeSpan
from maps.areas import areas_payload
from maps.columns import (
    Strings,
    column,
    credibility_grade,
    figures,
    quantised,
    reliability_of,
)
from maps.fields import Field, Fields

#: Legs longer than this (km) are drawn as great-circle arcs rather than straight lines.
ARC_KM = 400.0
_EPOCH = date(1970, 1, 1).toordinal()
_PREC = {LocationPrecision.EXACT: 0, LocationPrecision.NEAR: 1, LocationPrecision.REGION: 2}
_CONF = {Confidence.CONFIRMED: 0, Confidence.REPORTED: 1, Confidence.CLAIMED: 2}
# the same codes by the members' ids: an Enum's hash is Python code, a million times slow
_BY_ID = {id(k): v for k, v in (*_PREC.items(), *_CONF.items())}
_DPREC = {DatePrecision.DAY: 0, DatePrecision.MONTH: 1, DatePrecision.YEAR: 2}
OPEN_END = 3  # the date-precision code of an open end
MODES = [m.value for m in Mode]

#: Colours of the statuses analysts use most, so a map reads the same from one briefing to
#: the next; other categories take the next colour of PALETTE in order.
STATUS_COLOURS = {
    "control": "#b2182b",
    "presence": "#ef8a62",
    "cells": "#7b3294",
    "attack": "#1a1a1a",
    "ousted": "#4393c3",
    "training camp": "#8c510a",
    "recruitment": "#01665e",
}
PALETTE = (
    "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
    "#1f78b4", "#b15928", "#6a3d9a", "#33a02c", "#fb9a99", "#cab2d6", "#999999",
)  # fmt: skip


def day_number(d: date) -> int:
    """Days since 1970-01-01 (what the map's JavaScript counts in)."""
    return d.toordinal() - _EPOCH


def safe_url(url: str) -> str:
    """``url`` when it is an http(s) link, else ``""``: no ``javascript:`` ever becomes a link."""
    text = url.strip()
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    return text if scheme in ("http", "https") and "//" in text[:8] else ""


def period_of(span: TimeSpan) -> str:
    """The period a record falls in for ``--by period``: the year it starts."""
    return f"{span.start.first.year:04d}" if span.start else "open start"


def _point(place: Place, what: str, file: str, line: int) -> Point:
    if place.point is None:
        raise InputError(f"{place.label!r} is not resolved to a point", file=file or None,
                         line=line or None, field=what)  # fmt: skip
    return place.point


def _span_codes(span: TimeSpan) -> tuple[int, int, int, int]:
    """First day, last day and the precision code of each end (OPEN_END when open)."""
    s, e = span.start, span.end
    if s is None or e is None:
        t0, sp = (s.first.toordinal() - _EPOCH, _DPREC[s.precision]) if s else (0, OPEN_END)
        t1, ep = (day_number(e.last), _DPREC[e.precision]) if e else (0, OPEN_END)
        return t0, t1, sp, ep
    ep = _DPREC[e.precision]
    last = e.first if ep == 0 else e.last  # .last of a day is its first; skip the property
    return s.first.toordinal() - _EPOCH, last.toordinal() - _EPOCH, _DPREC[s.precision], ep


def categories(values: Iterable[str], by: str) -> list[str]:
    """The distinct values in display order: known statuses first, periods in time order."""
    distinct = set(values)
    if by == "status":
        known = [s for s in STATUS_COLOURS if s in distinct]
        return known + sorted(distinct - set(known))
    if by == "period":
        return sorted(distinct, key=lambda p: (p == "open start", p))
    return sorted(distinct)


def colours(cats: Sequence[str], by: str) -> list[str]:
    """One colour per category; statuses keep their usual colours."""
    out: list[str] = []
    free = iter(PALETTE * (1 + len(cats) // len(PALETTE)))
    for cat in cats:
        fixed = STATUS_COLOURS.get(cat) if by == "status" else None
        out.append(fixed or next(free))
    return out


def build_payload(
    dataset: Dataset,
    by: str = "status",
    area_classes: Mapping[str, str] | None = None,
    *,
    changes: bool = False,
) -> dict[str, Any]:
    """Turn a resolved dataset into the map's data (plain dicts, lists and strings);
    ``changes``: with the pieces of "changes since" (maps/changes.py).

    Raises
    ------
    InputError
        When a record's place has no point (the dataset must be resolved first).
    """
    strings = Strings()
    source_ids = list(dataset.sources)
    source_index = {sid: i for i, sid in enumerate(source_ids)}

    def src(sid: str) -> int:
        if sid not in source_index:  # cited but not defined: keep the id so it still shows
            source_index[sid] = len(source_ids)
            source_ids.append(sid)
        return source_index[sid]

    records = dataset.presence
    # Field by field: what is made of a value is made once per distinct value, then spread
    # over the records with numpy (maps/fields.py); a walk over a million records per
    # field would cost seconds.
    fields = Fields(dataset)
    place_f, span_f = fields.field("place"), fields.field("span")
    unplaced = [pl.point is None for pl in place_f.values]
    if any(unplaced):
        bad = records[int(np.flatnonzero(place_f.spread(unplaced, bool))[0])]
        _point(bad.place, "place", bad.file, bad.line)
    spans = span_f.each(_span_codes)
    keys, cats = _categories(fields, by)
    cat_index = {c: i for i, c in enumerate(cats)}
    prec_f, conf_f = fields.field("precision"), fields.field("confidence")
    flags = (
        prec_f.spread([_BY_ID[id(v)] for v in prec_f.values])
        | conf_f.spread([_BY_ID[id(v)] for v in conf_f.values]) << 2
        | span_f.spread([sp << 4 | ep << 6 for _, _, sp, ep in spans])
    )
    sources_f = fields.field("sources")
    for sid in dict.fromkeys(chain.from_iterable(sources_f.values)):
        src(sid)
    est_f = fields.field("estimates")
    ests, est_n = est_f.items([es[:255] for es in est_f.values])
    for sid in dict.fromkeys(e.source for e in ests.items if e.source):
        src(sid)
    fat_f = fields.field("fatalities")
    fat, fat_n = fat_f.items(fat_f.each(lambda fs: figures(fs)[:255]))
    for sid in dict.fromkeys(f[2] for f in fat.items if f[2]):
        src(sid)
    tables = {k: Strings() for k in ("status", "actor", "type", "place")}
    actors = tables["actor"]
    cited = [ss[:255] for ss in sources_f.values]
    cited_at, _ = sources_f.flat(cited)
    ids = chain.from_iterable(cited)
    sx = np.fromiter(map(source_index.__getitem__, ids), dtype=np.int64)[cited_at]
    cols = {
        "c": keys.spread([cat_index[k] for k in keys.values]),
        "st": fields.field("status").numbered(tables["status"]),
        "ac": fields.field("actor").numbered(actors),
        "a2": fields.field("actor2").numbered(actors),
        "et": fields.field("event_type").numbered(tables["type"]),
        "cr": fields.field("credibility").made(credibility_grade),
        "nt": strings.many(fields.texts("note")),
        "ns": np.minimum(sources_f.spread(list(map(len, sources_f.values))), 255),
        "sx": sx,
        "ne": np.minimum(est_n, 255),
        "lo": ests.column(lambda e: e.strength.low),
        "hi": ests.column(lambda e: e.strength.high - e.strength.low),
        "es": ests.column(lambda e: source_index[e.source] + 1 if e.source else 0),
        "en": ests.numbered(strings, lambda e: e.note),
        "nf": fat_n,
        "fl": fat.column(lambda f: f[0]),
        "fh": fat.column(lambda f: f[1] - f[0]),
        "fs": fat.column(lambda f: source_index[f[2]] + 1 if f[2] else 0),
        "fn": fat.numbered(strings, lambda f: f[3]),
    }
    # the first day (the last one for an open start), and the last as days after it: 0 for
    # most events and for an open end
    t0s = span_f.spread([c[0] if c[2] != OPEN_END else c[1] for c in spans])
    dts = span_f.spread(
        [c[1] - c[0] if c[2] != OPEN_END and c[3] != OPEN_END else 0 for c in spans]
    )
    presence = {
        "n": len(records),
        # each distinct (position, place name) once, and per record the index of its
        # position: reports repeat places, and an index costs two bytes where a position
        # and its name cost ten
        **_positions(place_f, tables["place"]),
        "t0": column(t0s),
        "dt": column(dts),
        "f": column(flags),
        **{k: column(v) for k, v in cols.items()},
    }
    lat = place_f.spread([pl.point.lat for pl in place_f.values], float)
    lon = place_f.spread([pl.point.lon for pl in place_f.values], float)
    routes = [_route(m, strings, src) for m in dataset.movements]
    areas = areas_payload(records, area_classes, changes, _area_rows(fields))
    area_lat, area_lon = areas.pop("lat"), areas.pop("lon")
    days = [c[0] for c in spans if c[2] != OPEN_END] + [c[1] for c in spans if c[3] != OPEN_END]
    for r in routes:
        days += [d for d in (r["t0"], r["t1"]) if d is not None]
        days += [w[3] for w in r["wp"] if w[3] is not None]
    return {
        "by": by,
        "cats": cats,
        "colors": colours(cats, by),
        "presence": presence,
        "routes": routes,
        "sources": [_source(dataset, sid) for sid in source_ids],
        "strings": strings.table,
        "tables": {k: t.table for k, t in tables.items()},
        "range": [min(days), max(days)] if days else None,
        "bounds": _bounds([lat, area_lat], [lon, area_lon], routes),
        "focus": _with_areas(focus_bounds(lat, lon), area_lat, area_lon),
        "modes": MODES,
        **areas,
    }


def date_range(dataset: Dataset) -> tuple[date, date] | None:
    """The first and last day the map's time control spans (its ``api.range``), or
    ``None`` when no record is dated; computed as :func:`build_payload` computes it, so an
    ``--at`` date can be checked before any page is built or file written."""
    days: list[int] = []
    spans = Fields(dataset).field("span").values if dataset.presence else []
    for span in spans + [m.span for m in dataset.movements]:
        t0, t1, sp, ep = _span_codes(span)
        days += ([t0] if sp != OPEN_END else []) + ([t1] if ep != OPEN_END else [])
    days += [d for m in dataset.movements for w in m.waypoints if (d := _day(w.date)) is not None]
    if not days:
        return None
    return date.fromordinal(min(days) + _EPOCH), date.fromordinal(max(days) + _EPOCH)


def _positions(place_f: Field, names: Strings) -> dict[str, Any]:
    index: dict[Any, int] = {}
    numbers = [index.setdefault((pl.point, pl.label), len(index)) for pl in place_f.values]
    return {
        "pi": column(place_f.spread(numbers)),
        "plat": column(quantised(pt.lat for pt, _ in index)),
        "plon": column(quantised(pt.lon for pt, _ in index)),
        "pl": column(names.many([label for _, label in index])),
    }


def _categories(fields: Fields, by: str) -> tuple[Field, list[str]]:
    """Each record's category for ``by`` (status, actor, period or event type), as a field
    of category names, and the categories in display order."""
    if by in ("status", "actor"):
        keys = fields.field(by)
    elif by == "type":  # issue 12's field; "no type" on a model or record without it
        keys = fields.field("event_type").mapped(lambda t: t or "no type")
    else:
        keys = fields.field("span").mapped(period_of)
    present = set(keys.values) if len(keys.codes) else set()
    return keys, categories(present, by)


def _area_rows(fields: Fields) -> list[int]:
    """The records that may be drawn as an area (maps/areas.py decides): those with an
    area of their own, and those of a gazetteer place not known only as "near"."""
    area_f, place_f, prec_f = fields.field("area"), fields.field("place"), fields.field("precision")
    own = area_f.spread([a is not None and bool(a.geometry) for a in area_f.values], bool)
    named = place_f.spread([bool(pl.gazetteer_id) for pl in place_f.values], bool)
    near = prec_f.spread([v is LocationPrecision.NEAR for v in prec_f.values], bool)
    return np.flatnonzero(own | (named & ~near)).tolist()


def _estimates(items: Sequence[Estimate], strings: Strings, src: Any) -> list[list[int]]:
    return [
        [e.strength.low, e.strength.high, src(e.source) + 1 if e.source else 0, strings(e.note)]
        for e in items
    ]


def _route(m: Movement, strings: Strings, src: Any) -> dict[str, Any]:
    pts = [_point(w.place, "waypoints", m.file, w.line or m.line) for w in m.waypoints]
    t0, t1, sp, ep = _span_codes(m.span)
    legs = []
    for a, b, w in zip(pts, pts[1:], m.waypoints[1:], strict=False):
        legs.append({"m": MODES.index(w.mode.value), "path": leg_path(a, b)})
    return {
        "actor": strings(m.actor),
        "t0": t0 if sp != OPEN_END else None,
        "t1": t1 if ep != OPEN_END else None,
        "f": _CONF[m.confidence] << 2 | sp << 4 | ep << 6,
        "note": strings(m.note),
        "src": [src(s) for s in m.sources],
        "est": _estimates(m.estimates, strings, src),
        "wp": [
            [round(p.lat, 5), round(p.lon, 5), strings(w.place.label), _day(w.date), _prec(w.date)]
            for p, w in zip(pts, m.waypoints, strict=True)
        ],
        "legs": legs,
    }


def _day(d: FuzzyDate | None) -> int | None:
    return day_number(d.first) if d else None


def _prec(d: FuzzyDate | None) -> int:
    return _DPREC[d.precision] if d else OPEN_END


def leg_path(a: Point, b: Point) -> list[list[float]]:
    """``[[lat, lon], ...]`` from ``a`` to ``b``: a straight segment, or a great circle
    (pyproj's Geod) when the leg is longer than :data:`ARC_KM`."""
    straight = [[round(a.lat, 5), round(a.lon, 5)], [round(b.lat, 5), round(b.lon, 5)]]
    if abs(a.lat - b.lat) + abs(a.lon - b.lon) < 3.0:  # surely under ARC_KM: skip pyproj
        return straight
    from geo.geodesy import geod as _geod

    geod = _geod()
    km = geod.inv(a.lon, a.lat, b.lon, b.lat)[2] / 1000.0
    if km < ARC_KM:
        return straight
    n = int(min(64, max(8, km // 75)))
    mids = geod.npts(a.lon, a.lat, b.lon, b.lat, n)
    return [straight[0], *([round(y, 5), round(x, 5)] for x, y in mids), straight[1]]


def _source(dataset: Dataset, sid: str) -> dict[str, str]:
    s = dataset.sources.get(sid)
    if s is None:
        return {"id": sid, "outlet": sid, "title": "", "date": "", "url": "", "author": "",
                "rel": ""}  # fmt: skip
    date_text = str(s.published) if s.published else ""
    if date_text and s.published_inferred:
        date_text += ", inferred"
    return {"id": s.id, "outlet": s.outlet, "title": s.title, "date": date_text,
            "url": safe_url(s.url), "author": s.author, "rel": reliability_of(s)}  # fmt: skip


def _bounds(lat: list[Any], lon: list[Any], routes: list[dict[str, Any]]) -> Any:
    """The box of the points (arrays or lists of degrees) and of the routes' waypoints."""
    lats: list[float] = []
    lons: list[float] = []
    for la, lo in zip(lat, lon, strict=True):
        if len(la):
            lats += [float(np.min(la)), float(np.max(la))]
            lons += [float(np.min(lo)), float(np.max(lo))]
    for r in routes:
        lats += [w[0] for w in r["wp"]]
        lons += [w[1] for w in r["wp"]]
    if not lats:
        return None
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _with_areas(focus: Any, lat: Sequence[float], lon: Sequence[float]) -> Any:
    """The focus box grown to hold every drawn area whole: an area is few records, drawn
    on purpose, and a map cut through it reads as a smaller area."""
    if focus is None or not lat:
        return focus
    (s, w), (n, e) = focus
    return [[min(s, *lat), min(w, *lon)], [max(n, *lat), max(e, *lon)]]


def focus_bounds(lat: Any, lon: Any, share: float = 0.9) -> Any:
    """The box holding the central ``share`` of presence points in each axis, so that a
    report from Manchester does not shrink a map of Libya to a dot; ``None`` when fewer
    than ten points (then every point counts)."""
    if len(lat) < 10:
        return None
    # numpy sorts a million coordinates ten times faster than Python's sorted

    cut = int(len(lat) * (1 - share) / 2)
    la, lo = np.sort(np.array(lat, dtype=float)), np.sort(np.array(lon, dtype=float))
    return [[float(la[cut]), float(lo[cut])], [float(la[-1 - cut]), float(lo[-1 - cut])]]


def script_json(value: Any) -> str:
    """JSON (sorted keys) safe inside an HTML ``<script>``: ``< > &`` and U+2028/9 escaped."""
    text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")
    for raw, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                     ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):  # fmt: skip
        text = text.replace(raw, esc)
    return text
