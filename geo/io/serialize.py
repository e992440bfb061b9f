"""Records as plain field values, the inverse of :mod:`geo.io.records`, for every export.

Each function gives the fields a reader accepts back, so that export then read gives the
same records: dates keep their precision (``2015-06``), an open end is ``..``, a blank
end means the period of the start date, and per-source strength figures become a list
(JSON text in flat formats).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

from geo.model import Estimate, Movement, Place, Presence, Source
from geo.timespan import OPEN, TimeSpan


def span_fields(span: TimeSpan) -> tuple[str, str]:
    """``(date, end)`` as written in files."""
    start = str(span.start) if span.start else OPEN
    if span.end is None:
        end = OPEN if span.start else ""
    elif span.end == span.start:
        end = ""
    else:
        end = str(span.end)
    if span.start is None and span.end is None:
        return OPEN, OPEN
    return start, end


def _figure(e: Estimate) -> dict[str, Any]:
    s = e.strength
    out: dict[str, Any] = {"value": s.low} if s.low == s.high else {"min": s.low, "max": s.high}
    if e.source:
        out["source"] = e.source
    if e.note:
        out["note"] = e.note
    return out


def strength_value(estimates: tuple[Estimate, ...]) -> str | list[dict[str, Any]] | None:
    """``"800"``, ``"4000-6000"``, a list of figures, or ``None`` without any."""
    if not estimates:
        return None
    if len(estimates) == 1 and not estimates[0].source and not estimates[0].note:
        s = estimates[0].strength
        return str(s.low) if s.low == s.high else f"{s.low}-{s.high}"
    return [_figure(e) for e in estimates]


def strength_text(estimates: tuple[Estimate, ...]) -> str:
    """The strength as one cell of text: a figure, a range, or a JSON list of figures."""
    value = strength_value(estimates)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return orjson.dumps(value).decode()


def place_fields(place: Place) -> dict[str, Any]:
    """``place``, ``lat``, ``lon``, ``country``, ``gazetteer_id`` of a place."""
    return {
        "place": place.name,
        "lat": place.point.lat if place.point else None,
        "lon": place.point.lon if place.point else None,
        "country": place.country or "",
        "gazetteer_id": place.gazetteer_id or "",
    }


def presence_fields(p: Presence) -> dict[str, Any]:
    """Every field of a presence record, strength as a value (see :func:`strength_value`)."""
    date, end = span_fields(p.span)
    return {
        "id": p.id,
        **place_fields(p.place),
        "actor": p.actor,
        "status": p.status,
        "date": date,
        "end": end,
        "precision": p.precision.value,
        "strength": strength_value(p.estimates),
        "sources": list(p.sources),
        "confidence": p.confidence.value,
        "note": p.note,
        **presence_extras(p, strength_value),
    }


def presence_extras(p: Presence, figures: Callable[[Any], Any]) -> dict[str, Any]:
    """The fields after ``note``: second actor, event type, fatalities (written by
    ``figures``, as the format writes strength), quote, credibility, area."""
    return {
        "actor2": p.actor2,
        "event_type": p.event_type,
        "fatalities": figures(p.fatalities),
        "quote": p.quote,
        "credibility": "" if p.credibility is None else str(p.credibility),
        "area": p.area.place if p.area else None,
        "buffer_km": (p.area.buffer_km or None) if p.area else None,
    }


def waypoint_fields(m: Movement) -> list[dict[str, Any]]:
    """The waypoints of a movement, each with place fields, date and mode."""
    out = []
    for w in m.waypoints:
        fields = place_fields(w.place)
        fields["date"] = str(w.date) if w.date else ""
        fields["mode"] = w.mode.value
        out.append(fields)
    return out


def movement_fields(m: Movement) -> dict[str, Any]:
    """Every field of a movement except its waypoints."""
    date, end = span_fields(m.span)
    return {
        "id": m.id,
        "actor": m.actor,
        "date": date,
        "end": end,
        "strength": strength_value(m.estimates),
        "sources": list(m.sources),
        "confidence": m.confidence.value,
        "note": m.note,
    }


def source_fields(s: Source) -> dict[str, Any]:
    """Every field of a source."""
    return {
        "id": s.id,
        "outlet": s.outlet,
        "title": s.title,
        "published": str(s.published) if s.published else "",
        "published_inferred": s.published_inferred,
        "author": s.author,
        "url": s.url,
        "reliability": s.reliability,
    }


def movement_id(m: Movement, index: int) -> str:
    """The id a movement is exported under (its own, else ``movement-N``)."""
    return m.id or f"movement-{index + 1}"
