"""The area of a presence record (issue 11): a feature's or row's polygon, an inline or
file GeoJSON geometry, a gazetteer place named by ``area:`` (resolved later, by
:mod:`geo.resolve_areas`), or the record's own place grown by ``buffer_km``."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from geo.errors import InputError, shown
from geo.io import fields as f
from geo.model import Area, Place
from geo.points import Point

if TYPE_CHECKING:
    from geo.io.records import Fields


def area_of(
    r: Fields, problems: f.Problems, geometry: Any, line: int, place: Place | None = None
) -> Area | None:
    """The record's :class:`Area`, or None with its problem recorded. ``buffer_km``
    without ``area`` grows the record's own place: the disc around its coordinates, or,
    for a place given by name, its outline (or disc) once resolved."""
    from geo import areas

    km = 0.0
    if not f.blank(r.get("buffer_km")):
        parsed = problems.take(
            functools.partial(f.number, field="buffer_km"),
            r.get("buffer_km"),
            line=r.line_of("buffer_km"),
            field="buffer_km",
        )
        if parsed is None:
            return None
        km = float(parsed)
    value = r.get("area")
    at = r.line_of("area") if geometry is None else line
    try:
        if km and not 0 < km <= areas.MAX_BUFFER_KM:
            raise InputError(
                f"{shown(km)} is not a distance in (0, {areas.MAX_BUFFER_KM:g}] km",
                field="buffer_km",
            )
        name = f.text(value, field="area") if not isinstance(value, dict) else ""
        wound: list[int] = []
        if geometry is not None:  # the polygon is the area as it is; the fields describe it
            area = Area(areas.area_text(geometry, r.get("id") or name, wound=wound), name, km)
        elif isinstance(value, dict):  # an inline GeoJSON geometry
            area = Area(areas.area_text(value, r.get("id") or "", km, wound), "", km)
        elif not name and place is not None and place.point is not None:
            return Area(areas.point_area(place.point.lat, place.point.lon, km), "", km)
        elif not name and place is not None and place.name:
            return Area(place=place.name, buffer_km=km)
        elif not name:
            raise InputError("buffer_km needs an area or a place to grow", field="buffer_km")
        elif name.casefold().endswith((".geojson", ".json")):
            doc = area_file(name, problems.file)
            area = Area(areas.area_text(doc, name, km, wound), "", km)
        else:
            return Area(place=name, buffer_km=km)  # the gazetteer's, once resolved
        if sum(wound):
            problems.note_rewound(at)
        return area
    except InputError as exc:
        problems.add_error(
            exc, line=r.line_of(exc.field or "area") if exc.field == "buffer_km" else at
        )
        return None


def area_place(area: Area, country: Any) -> Place:
    """The place of a record given only as an area: its gazetteer place, else its label."""
    from geo import areas

    if area.place and not area.geometry:
        return Place(area.place, country=f.country(country))
    return Place("", point=Point(*areas.label_point(area.geometry)))


def area_file(name: str, beside: str) -> Any:
    """The area of a GeoJSON file named by ``area:``, the path taken from the YAML file."""
    import json
    from pathlib import Path

    from geo import areas

    path = Path(beside).parent / name if beside else Path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else exc.strerror or exc
        raise InputError(f"cannot read {shown(name)}: {why}", field="area") from None
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise InputError(
            f"{shown(name)} is not JSON ({shown(str(exc), 60)})", field="area"
        ) from None
    return areas.file_geometry(doc)
