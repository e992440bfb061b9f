"""Changes since a date (issue 11, ``geo map --since DATE``): the pieces of the map where
control can change hands.

What an actor controls is the union of its areas of the ``control`` class. Which of them
count at a date is the time control's rule (``geo.time``, maps/assets/geo-map-2-time.js),
and filters apply too, so it can only be judged on the page. What can be computed here,
with shapely, once for every date, are the *pieces*: for each actor, the faces of the
overlay of its control areas, each with the areas that cover it. On the page a piece is
held at a date when one of its areas is drawn then; it is *gained* when held now and not at
the reference date, *lost* when held then and not now (geo-map-46-changes.js).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

#: The class whose areas make up what an actor holds (maps.areas.CLASS_NAMES).
HELD_CLASS = "control"
#: Coordinates of the pieces are rounded to this many degrees (about 10 m).
GRID = 1e-4


def change_pieces(areas: Sequence[Mapping[str, Any]], held: int) -> list[dict[str, Any]]:
    """The pieces of the payload's ``areas`` (see :func:`maps.areas.payload_areas`) whose
    class index is ``held``: ``{"a": actor index, "g": GeoJSON geometry, "m": [indexes into
    areas], "p": [lat, lon] of its label}``, per actor in order, each actor's pieces in
    order of their areas."""
    from maps.areas import label_point

    by_actor: dict[int, dict[str, list[int]]] = {}
    shapes: dict[str, Mapping[str, Any]] = {}
    for j, area in enumerate(areas):
        if area["k"] != held:
            continue
        key = json.dumps(area["g"], sort_keys=True)
        shapes.setdefault(key, area["g"])
        by_actor.setdefault(area["a"], {}).setdefault(key, []).append(j)
    out: list[dict[str, Any]] = []
    for actor in sorted(by_actor):
        groups = by_actor[actor]
        keys = list(groups)
        for geometry, members in _faces([shapes[k] for k in keys], [groups[k] for k in keys]):
            out.append({"a": actor, "g": geometry, "m": members, "p": label_point(geometry)})
    return out


def _faces(
    geometries: Sequence[Mapping[str, Any]], members: Sequence[list[int]]
) -> list[tuple[Any, list[int]]]:
    """The overlay of ``geometries``: each face that one of them covers, faces with the same
    covering merged, as ``(GeoJSON geometry, sorted members of the covering ones)``."""
    import shapely
    from shapely.geometry import mapping, shape

    shapes = [shapely.make_valid(shape(g)) for g in geometries]
    if len(shapes) == 1:
        return [(_geojson(mapping(shapes[0])), sorted(members[0]))]
    lines = shapely.union_all([shapely.boundary(s) for s in shapes])
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))
    tree = shapely.STRtree(shapes)
    cover: dict[tuple[int, ...], list[Any]] = {}
    for face in faces:
        inside = tree.query(shapely.point_on_surface(face), predicate="intersects")
        if len(inside):
            cover.setdefault(tuple(sorted(int(k) for k in inside)), []).append(face)
    out = []
    for key, parts in cover.items():
        snapped = shapely.set_precision(shapely.union_all(parts), GRID)
        polygons = [p for p in shapely.get_parts(snapped) if p.geom_type == "Polygon"]
        if not polygons:  # a sliver that the grid collapsed
            continue
        piece = polygons[0] if len(polygons) == 1 else shapely.multipolygons(polygons)
        out.append((_geojson(mapping(piece)), sorted(j for k in key for j in members[k])))
    out.sort(key=lambda item: item[1])
    return out


def _geojson(geometry: Mapping[str, Any]) -> Any:
    """A plain GeoJSON geometry (lists, coordinates rounded to :data:`GRID`)."""
    return json.loads(json.dumps(geometry), parse_float=lambda t: round(float(t), 4) + 0.0)
