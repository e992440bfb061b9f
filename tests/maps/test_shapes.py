"""The payload's outline table (maps/shapes.py): each outline once, decoded exactly."""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from payload_columns import decode as decode_column

from maps.shapes import QUANTUM, ShapeTable


def decode(enc: dict[str, Any]) -> list[list[list[list[tuple[int, int]]]]]:
    """The table's outlines as integer positions: the loop of geo.shapes in Python."""
    n_p, n_r, n_v = decode_column(enc["np"]), decode_column(enc["nr"]), decode_column(enc["nv"])
    x0, y0, dx, dy = (decode_column(enc[k]) for k in ("x0", "y0", "dx", "dy"))
    out, p, r, v = [], 0, 0, 0
    for s in range(enc["n"]):
        polys = []
        for _ in range(n_p[s]):
            rings = []
            for _ in range(n_r[p]):
                x, y, ring = x0[r], y0[r], [(x0[r], y0[r])]
                for _ in range(n_v[r] - 1):
                    x, y = x + dx[v], y + dy[v]
                    ring.append((x, y))
                    v += 1
                rings.append(ring)
                r += 1
            polys.append(rings)
            p += 1
        out.append(polys)
    return out


def quantised(ring: Any) -> list[tuple[int, int]]:
    q = np.round(shapely.get_coordinates(ring)[:-1] / QUANTUM).astype(int)
    return [(int(x), int(y)) for x, y in q]


def test_outlines_round_trip_through_the_columns() -> None:
    holed = shapely.Polygon(
        [(10.0, 30.0), (12.5, 30.0), (12.5, 32.25), (10.0, 32.25)],
        [[(11.0, 31.0), (11.5, 31.0), (11.5, 31.5), (11.0, 31.5)]],
    )
    multi = shapely.MultiPolygon(
        [shapely.box(-20.12345, -5, -19, -4), shapely.box(170, 60, 179.9, 61)]
    )
    table = ShapeTable()
    assert [table.add(holed), table.add(multi), table.add(shapely.Polygon(holed))] == [0, 1, 0]
    enc = table.encode()
    got = decode(enc)
    assert got[0] == [[quantised(holed.exterior), quantised(holed.interiors[0])]]
    assert got[1] == [[quantised(g.exterior)] for g in multi.geoms]
    assert enc["x0"]["t"] == "i4" and enc["dx"]["t"] in ("i2", "i4")


def test_small_steps_take_two_bytes_and_labels_sit_inside() -> None:
    circle = shapely.Point(15.0, 27.0).buffer(0.5, 64)
    table = ShapeTable()
    table.add(circle)
    enc = table.encode()
    assert enc["dx"]["t"] == "i2" and enc["dy"]["t"] == "i2"
    (lat, lon) = table.labels([0])[0]
    assert circle.contains(shapely.Point(lon, lat))
    assert abs(lat - 27.0) < 0.05 and abs(lon - 15.0) < 0.05  # the pole of a disc: its centre
