"""Export a dataset as KML 2.2 for Google Earth: Folders of presence and movements.

Each placemark has a ``TimeSpan`` so Google Earth's time slider works: ``begin`` is the
start as precise as the report gives it (``2015-06``) and ``end`` the last day the end
date can stand for (``2015-06-30``), because Google Earth reads ``2015-06`` as the first
instant of June. The fields as written in event files (``date``, ``end`` keep their
precision) go into ``ExtendedData``.

Google Earth shows a ``description`` as HTML, so report text is HTML-escaped before the
XML writer escapes it again: a note holding ``<script>`` shows as text, never runs. The
balloon shows only that description, not the raw ``ExtendedData`` values.
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from typing import Any

from geo.io.serialize import (
    movement_fields,
    movement_id,
    presence_fields,
    strength_text,
    waypoint_fields,
)
from geo.model import Dataset, Estimate, Movement, Presence
from geo.points import Point
from geo.timespan import TimeSpan

KML_NS = "http://www.opengis.net/kml/2.2"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrib)
    if text is not None:
        el.text = text
    return el


def _coords(point: Point) -> str:
    return f"{point.lon!r},{point.lat!r}"


def _time_span(parent: ET.Element, span: TimeSpan) -> None:
    if span.start is None and span.end is None:
        return
    ts = _sub(parent, "TimeSpan")
    if span.start is not None:
        _sub(ts, "begin", str(span.start))
    if span.end is not None:
        _sub(ts, "end", span.end.last.isoformat())


def _strength(estimates: tuple[Estimate, ...]) -> str:
    parts = []
    for e in estimates:
        part = str(e.strength)
        if e.source:
            part += f" ({e.source})"
        if e.note:
            part += f": {e.note}"
        parts.append(part)
    return "; ".join(parts)


def _description(title: str, rows: list[tuple[str, str]]) -> str:
    """Escaped HTML for the balloon: the title, then one line per non-empty row."""
    lines = [f"<b>{html.escape(title)}</b>"]
    lines += [f"{html.escape(k)}: {html.escape(v)}" for k, v in rows if v]
    return "<br>".join(lines)


def _extended(parent: ET.Element, fields: dict[str, Any]) -> None:
    ext = _sub(parent, "ExtendedData")
    for key, value in fields.items():
        if isinstance(value, list):
            value = ";".join(map(str, value))
        data = _sub(ext, "Data", name=key)
        _sub(data, "value", "" if value is None else str(value))


def _presence(folder: ET.Element, p: Presence) -> None:
    assert p.place.point is not None
    pm = _sub(folder, "Placemark")
    _sub(pm, "name", f"{p.place.label}: {p.status}")
    rows = [
        ("actor", p.actor),
        ("status", p.status),
        ("when", str(p.span)),
        ("where", p.precision.value),
        ("strength", _strength(p.estimates)),
        ("sources", ", ".join(p.sources)),
        ("confidence", p.confidence.value),
        ("note", p.note),
        ("second actor", p.actor2),
        ("event type", p.event_type),
        ("fatalities", _strength(p.fatalities)),
        ("credibility", "" if p.credibility is None else str(p.credibility)),
        # The dataset's words, not ours: shown in quotation marks and said to be quoted.
        ("quoted from the dataset", f"“{p.quote}”" if p.quote else ""),
    ]
    _sub(pm, "description", _description(f"{p.place.label}: {p.status}", rows))
    _time_span(pm, p.span)
    _sub(pm, "styleUrl", "#area" if p.area and p.area.geometry else "#presence")
    fields = presence_fields(p)
    fields["strength"] = strength_text(p.estimates)
    fields["fatalities"] = strength_text(p.fatalities)
    _extended(pm, fields)
    if p.area is None or not p.area.geometry:
        _sub(_sub(pm, "Point"), "coordinates", _coords(p.place.point))
        return
    # An area: its polygons, and the place's point for the label (KML 2.2 MultiGeometry).
    multi = _sub(pm, "MultiGeometry")
    _sub(_sub(multi, "Point"), "coordinates", _coords(p.place.point))
    doc = json.loads(p.area.geometry)
    polygons = [doc["coordinates"]] if doc["type"] == "Polygon" else doc["coordinates"]
    for rings in polygons:
        polygon = _sub(multi, "Polygon")
        for i, ring in enumerate(rings):
            boundary = _sub(polygon, "outerBoundaryIs" if i == 0 else "innerBoundaryIs")
            text = " ".join(f"{x!r},{y!r}" for x, y in ring)
            _sub(_sub(boundary, "LinearRing"), "coordinates", text)


def _movement(folder: ET.Element, m: Movement, index: int) -> None:
    pm = _sub(folder, "Placemark")
    stops = waypoint_fields(m)
    route = " → ".join(
        s["place"]
        + (f" ({s['date']})" if s["date"] else "")
        + (f" [{s['mode']}]" if i and s["mode"] != "unknown" else "")
        for i, s in enumerate(stops)
    )
    title = f"{m.waypoints[0].place.label} → {m.waypoints[-1].place.label}"
    _sub(pm, "name", title)
    rows = [
        ("actor", m.actor),
        ("when", str(m.span)),
        ("route", route),
        ("strength", _strength(m.estimates)),
        ("sources", ", ".join(m.sources)),
        ("confidence", m.confidence.value),
        ("note", m.note),
    ]
    _sub(pm, "description", _description(title, rows))
    _time_span(pm, m.span)
    _sub(pm, "styleUrl", "#movement")
    fields = movement_fields(m)
    fields["id"] = movement_id(m, index)
    fields["strength"] = strength_text(m.estimates)
    fields["waypoints"] = route
    _extended(pm, fields)
    line = _sub(pm, "LineString")
    _sub(line, "tessellate", "1")
    coords = []
    for w in m.waypoints:
        assert w.place.point is not None
        coords.append(_coords(w.place.point))
    _sub(line, "coordinates", " ".join(coords))


def _styles(doc: ET.Element) -> None:
    for sid, color in (("presence", "ff1e3ccc"), ("movement", "ff2f7fef")):
        style = _sub(doc, "Style", id=sid)
        if sid == "presence":
            _sub(_sub(style, "IconStyle"), "color", color)
        else:
            ls = _sub(style, "LineStyle")
            _sub(ls, "color", color)
            _sub(ls, "width", "3")
        _sub(_sub(style, "BalloonStyle"), "text", "$[description]")
    area = _sub(doc, "Style", id="area")  # a light fill with a firm outline
    _sub(_sub(area, "LineStyle"), "color", "ff1e3ccc")
    _sub(_sub(area, "PolyStyle"), "color", "401e3ccc")
    _sub(_sub(area, "BalloonStyle"), "text", "$[description]")


def kml_element(data: Dataset, *, name: str = "geo export") -> ET.Element:
    """The dataset as a KML ``<kml>`` element tree."""
    root = ET.Element("kml", xmlns=KML_NS)
    doc = _sub(root, "Document")
    _sub(doc, "name", name)
    sources = [
        (
            s.id,
            " · ".join(
                x
                for x in (
                    s.outlet,
                    s.title,
                    str(s.published or ""),
                    s.url,
                    f"reliability {s.reliability}" if s.reliability else "",
                )
                if x
            ),
        )
        for s in data.sources.values()
    ]
    _sub(doc, "description", _description("Sources", sources))
    _styles(doc)
    presence = _sub(doc, "Folder")
    _sub(presence, "name", "Presence")
    for p in data.presence:
        _presence(presence, p)
    movements = _sub(doc, "Folder")
    _sub(movements, "name", "Movements")
    for i, m in enumerate(data.movements):
        _movement(movements, m, i)
    return root


def kml_bytes(data: Dataset) -> bytes:
    """The dataset as KML text (UTF-8, the same bytes for the same data)."""
    root = kml_element(data)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
