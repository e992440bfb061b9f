"""The map payload's outlines: each distinct outline once, as typed-array columns.

Areas repeat outlines (six records say "Libya"), and an outline of 200 positions written as
GeoJSON costs 4 KB. Here each distinct outline gets an index; the table travels as columns
(maps/columns.py): per outline its number of polygons, per polygon its number of rings, per
ring its number of positions (the closing one left out: Leaflet closes rings), each ring's
first position, and then the steps from one position to the next, all as integers of
:data:`QUANTUM` degrees (about 11 m). Steps are small, so they fit two bytes each where
positions would take eight. The page decodes them in maps/assets/geo-map-45-areas.js
(``geo.shapes``).
"""

from __future__ import annotations

from typing import Any

from maps.columns import column

QUANTUM = 1e-4


class ShapeTable:
    """Outlines (shapely polygons or multipolygons), each distinct one once."""

    def __init__(self) -> None:
        self.geoms: list[Any] = []
        self._index: dict[bytes, int] = {}

    def add(self, geom: Any) -> int:
        """The index of ``geom``, added when new (equal outlines share one index)."""
        import shapely

        key = shapely.to_wkb(geom)
        i = self._index.get(key)
        if i is None:
            i = self._index[key] = len(self.geoms)
            self.geoms.append(geom)
        return i

    def labels(self, indexes: list[int]) -> dict[int, list[float]]:
        """For these outlines, ``[lat, lon]`` of a point well inside the largest polygon
        (the pole of inaccessibility, as shapely's polylabel), where a name goes."""
        if not indexes:
            return {}
        import numpy as np
        import shapely  # only when there are areas: a map of points does not load it

        big = [max(shapely.get_parts(self.geoms[i]), key=lambda q: q.area) for i in indexes]
        tolerance = np.maximum(1e-4, np.sqrt(shapely.area(big)) / 50)
        centres = shapely.get_point(shapely.maximum_inscribed_circle(big, tolerance), 0)
        xy = np.round(shapely.get_coordinates(centres), 4) + 0.0
        return {i: [float(y), float(x)] for i, (x, y) in zip(indexes, xy.tolist(), strict=True)}

    def bounds(self, indexes: list[int]) -> tuple[list[float], list[float]]:
        """``(lats, lons)`` of the south-west and north-east corners of these outlines."""
        lats: list[float] = []
        lons: list[float] = []
        if not indexes:
            return lats, lons
        import shapely

        for w, s, e, n in shapely.bounds([self.geoms[i] for i in indexes]).tolist():
            lats += [s, n]
            lons += [w, e]
        return lats, lons

    def encode(self) -> dict[str, Any]:
        """The table as the page reads it (see the module docstring)."""
        import numpy as np

        if self.geoms:
            import shapely
        polygons: list[int] = []
        rings: list[int] = []
        sizes: list[int] = []
        firsts: list[Any] = []
        steps: list[Any] = []
        for g in self.geoms:
            parts = shapely.get_parts(g)
            polygons.append(len(parts))
            for poly in parts:
                rs = [poly.exterior, *poly.interiors]
                rings.append(len(rs))
                for ring in rs:
                    q = np.round(shapely.get_coordinates(ring)[:-1] / QUANTUM).astype(np.int64)
                    sizes.append(len(q))
                    firsts.append(q[0])
                    steps.append(np.diff(q, axis=0))
        first = np.array(firsts, dtype=np.int64).reshape(-1, 2)
        step = np.concatenate(steps) if steps else np.zeros((0, 2), dtype=np.int64)
        return {
            "n": len(self.geoms), "q": QUANTUM,
            "np": column(polygons), "nr": column(rings), "nv": column(sizes),
            "x0": column(first[:, 0].tolist()), "y0": column(first[:, 1].tolist()),
            "dx": column(step[:, 0].tolist()), "dy": column(step[:, 1].tolist()),
        }  # fmt: skip
