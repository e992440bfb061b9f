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

from collections.abc import Mapping, Sequence
from typing import Any

from maps.shapes import ShapeTable

#: The class whose areas make up what an actor holds (maps.areas.CLASS_NAMES).
HELD_CLASS = "control"
#: Coordinates of the pieces are rounded to this many degrees (about 10 m).
GRID = 1e-4


def change_pieces(
    areas: Sequence[Mapping[str, Any]], held: int, shapes: ShapeTable
) -> list[dict[str, Any]]:
    """The pieces of the payload's ``areas`` (see :func:`maps.areas.payload_areas`, whose
    outlines are in ``shapes``) whose class index is ``held``: ``{"a": actor index, "s":
    the piece's outline, added to ``shapes``, "m": [indexes into areas], "p": [lat, lon] of
    its label}``, per actor in order, each actor's pieces in order of their areas."""
    by_actor: dict[int, dict[int, list[int]]] = {}
    for j, area in enumerate(areas):
        if area["k"] == held:
            by_actor.setdefault(area["a"], {}).setdefault(area["s"], []).append(j)
    out: list[dict[str, Any]] = []
    for actor in sorted(by_actor):
        groups = by_actor[actor]
        outlines = list(groups)
        faces = _faces([shapes.geoms[k] for k in outlines], [groups[k] for k in outlines])
        for geom, members in faces:
            out.append({"a": actor, "s": shapes.add(geom), "m": members})
    labels = shapes.labels(sorted({p["s"] for p in out}))
    for piece in out:
        piece["p"] = labels[piece["s"]]
    return out


def _faces(shapes: Sequence[Any], members: Sequence[list[int]]) -> list[tuple[Any, list[int]]]:
    """The overlay of ``shapes``: each face that one of them covers, faces with the same
    covering merged, as ``(polygon or multipolygon, sorted members of the covering ones)``."""
    import shapely

    if len(shapes) == 1:
        return [(shapes[0], sorted(members[0]))]
    valid = [shapely.make_valid(s) for s in shapes]
    lines = shapely.union_all([shapely.boundary(s) for s in valid])
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))
    tree = shapely.STRtree(valid)
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
        out.append((piece, sorted(j for k in key for j in members[k])))
    out.sort(key=lambda item: item[1])
    return out
