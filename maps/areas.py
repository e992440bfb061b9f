"""The map's areas (issue 11): which records are drawn as an area, the outline each gets,
and the style class of each status word.

A record is drawn as an area when it carries one (``Presence.area``), or when it is not
``near`` and its resolved place has an outline in the gazetteer (a country, a first-level
division, a region): a record that says only "Libya" is the country, never a dot at its
centroid. Gazetteer outlines come simplified and snapped to 0.001 degree from
scripts/make_areas.py and are drawn as they are; each is read once per place, and each
distinct outline travels once (maps/shapes.py).

The style of an area is its class, looked up from its status word in ``CLASSES`` (which
``--styles FILE`` overrides, see docs/map-styles.md), and its actor's hue (``HUES``,
Okabe-Ito: colour-blind safe). A record whose confidence is ``claimed`` is hatched as a
claim whatever its class, except an attack zone, which stays an outline.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from geo.errors import InputError, shown
from geo.model import Confidence, LocationPrecision, Presence
from maps.shapes import ShapeTable

#: The classes, in legend order: how each is drawn is in maps/assets/geo-map-45-areas.js.
CLASS_NAMES = ("control", "contested", "support", "attack")
#: Status word -> class. A status not listed is a support zone (a light fill).
CLASSES: Mapping[str, str] = {
    "control": "control",
    "held": "control",
    "stronghold": "control",
    "contested": "contested",
    "claimed": "contested",
    "province": "contested",
    "presence": "support",
    "support": "support",
    "cells": "support",
    "base": "support",
    "training camp": "support",
    "recruitment": "support",
    "attack": "attack",
    "attacks": "attack",
    "ousted": "attack",
}
DEFAULT_CLASS = "support"
#: Actor hues (Okabe & Ito 2008, "Color Universal Design"), in the order actors are met.
HUES = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


def load_classes(path: Path) -> dict[str, str]:
    """The class table of a ``status,class`` CSV (header optional, ``#`` comments), over
    :data:`CLASSES`. Raises :class:`InputError` ``file:line: class: ...`` on a bad row."""
    table = dict(CLASSES)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the styles table: {exc}", file=str(path)) from None
    for n, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if [c.strip().lower() for c in row] == ["status", "class"]:
            continue
        if len(row) != 2:
            got = shown(",".join(row))
            raise InputError(
                f"expected 'status,class', got {got}", file=str(path), line=n, field="row"
            )
        status, cls = row[0].strip(), row[1].strip().lower()
        if cls not in CLASS_NAMES:
            raise InputError(
                f"{shown(cls)} is not one of {', '.join(CLASS_NAMES)}",
                file=str(path), line=n, field="class",
            )  # fmt: skip
        table[status] = cls
    return table


def class_of(p: Presence, table: Mapping[str, str]) -> str:
    cls = table.get(p.status, table.get(p.status.lower(), DEFAULT_CLASS))
    if p.confidence is Confidence.CLAIMED and cls != "attack":
        return "contested"
    return cls


def _gazetteer_geometry(gid: str) -> Any:
    from gazetteer import areas as gaz

    # The gazetteer's outlines are already simplified for zooms 4-9 and snapped to a 0.001
    # degree grid (scripts/make_areas.py): drawn as they are.
    geom = gaz.area(gid) if gid and gaz.has_area(gid) else None
    return None if geom is None or geom.is_empty else geom


def payload_areas(
    records: Sequence[Presence],
    table: Mapping[str, str] | None = None,
    shapes: ShapeTable | None = None,
    rows: Sequence[int] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """``(areas, style)``: per area ``{"i": record index, "s": its outline's index in
    ``shapes`` (a :class:`~maps.shapes.ShapeTable`), "k": class index, "a": actor index,
    "p": [lat, lon] of its label}``; ``style`` names the classes, the actors of the areas
    and their hues. ``rows``: the indices of the only records that may be areas, when the
    caller knows them (maps/data.py), so that a million points are not walked again."""
    from geo.areas import geometry_of

    table = CLASSES if table is None else table
    shapes = ShapeTable() if shapes is None else shapes
    known: dict[str, int | None] = {}  # an area's text, or a gazetteer id -> outline index
    actors: dict[str, int] = {}
    out: list[dict[str, Any]] = []
    for i in range(len(records)) if rows is None else rows:
        p = records[i]
        if p.area is not None and p.area.geometry:
            key = p.area.geometry
            if key not in known:
                known[key] = shapes.add(geometry_of(key))
        elif p.precision is not LocationPrecision.NEAR and p.place.gazetteer_id:
            key = p.place.gazetteer_id
            if key not in known:
                geom = _gazetteer_geometry(key)
                known[key] = None if geom is None else shapes.add(geom)
        else:
            continue
        s = known[key]
        if s is None:
            continue
        a = actors.setdefault(p.actor, len(actors))
        k = CLASS_NAMES.index(class_of(p, table))
        out.append({"i": i, "s": s, "k": k, "a": a, "p": [0.0, 0.0]})
    labels = shapes.labels(sorted({a["s"] for a in out}))
    for area in out:
        area["p"] = labels[area["s"]]
    style = {
        "classes": list(CLASS_NAMES),
        "actors": list(actors),
        "hues": [HUES[k % len(HUES)] for k in range(len(actors))],
    }
    return out, style


def areas_payload(
    records: Sequence[Presence],
    table: Mapping[str, str] | None,
    changes: bool,
    rows: Sequence[int] | None = None,
) -> dict[str, Any]:
    """The areas of the records, their styles and outlines (see maps/areas.py and
    maps/shapes.py), with ``changes``, the pieces of "changes since" (maps/changes.py), and
    the corners of their boxes as ``lat``/``lon`` (for the map's bounds: an area is in
    view, not only its place's point)."""
    from maps.changes import HELD_CLASS, change_pieces

    shapes = ShapeTable()
    areas, style = payload_areas(records, table, shapes, rows)
    lat, lon = shapes.bounds([a["s"] for a in areas])
    out = {"areas": areas, "areaStyle": style, "lat": lat, "lon": lon}
    if changes:
        out["changes"] = change_pieces(areas, CLASS_NAMES.index(HELD_CLASS), shapes)
    return {**out, "shapes": shapes.encode()}
