"""Places near a point: the 1-degree grid of the index, and distances to a point.

The grid (``places.cell``) narrows a search to a box of cells; the sphere (haversine) sorts
and filters cheaply; the ellipsoid (:func:`geo.geodesy.inverse`) gives the distances
and bearings that are shown.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from gazetteer.candidate import Candidate
from gazetteer.index import PLACE_COLUMNS, place_record


def box_rows(
    conns: Sequence[sqlite3.Connection],
    lat: float,
    lon: float,
    rows: int,
    cols: int,
    kind: str | None,
) -> list[tuple[Any, ...]]:
    """Rows (:data:`PLACE_COLUMNS`) of the places in a box of grid cells around a point.

    ``rows`` and ``cols`` are how many cells to take on each side of the point's cell, in
    latitude and longitude; columns wrap around the antimeridian. A place held by an
    earlier index is not repeated from a later one.
    """
    row = min(179, max(0, math.floor(lat) + 90))
    col = (math.floor(lon) + 180) % 360
    lo, hi = max(0, row - rows), min(179, row + rows)
    ranges: list[tuple[int, int]] = []
    if 2 * cols + 1 >= 360:
        ranges.append((lo * 360, hi * 360 + 359))
    else:
        spans = [(col - cols, col + cols)]
        if col - cols < 0:
            spans = [(0, col + cols), (360 + col - cols, 359)]
        elif col + cols > 359:
            spans = [(col - cols, 359), (0, col + cols - 360)]
        ranges = [(r * 360 + a, r * 360 + b) for r in range(lo, hi + 1) for a, b in spans]
    where = " OR ".join("p.cell BETWEEN ? AND ?" for _ in ranges)
    params: list[Any] = [v for pair in ranges for v in pair]
    sql = f"SELECT {PLACE_COLUMNS} FROM places p WHERE ({where})"
    if kind:
        sql += " AND p.kind = ?"
        params.append(kind)
    out: list[tuple[Any, ...]] = []
    seen: set[str] = set()
    for conn in conns:
        for r in conn.execute(sql, params):
            if r[0] not in seen:
                seen.add(r[0])
                out.append(r)
    return out


def by_distance(
    lat: float, lon: float, rows: Iterable[Sequence[Any]], radius_km: float | None
) -> list[Candidate]:
    """Candidates for rows, nearest first, with the geodesic distance and bearing as reason.

    Rows farther than ``radius_km`` (when given) are dropped.
    """
    from geo.geodesy import inverse

    out: list[tuple[float, str, Candidate]] = []
    for r in rows:
        km, bearing = inverse(lat, lon, r[2], r[3])
        if radius_km is not None and km > radius_km:
            continue
        rec = place_record(r)
        reason = f"{km:,.1f} km from {lat:.5f}, {lon:.5f} (bearing {bearing:03.0f}°)"
        out.append(
            (
                km,
                rec.id,
                # Nearness as a score: 1 at the point, 0.5 at 10 km.
                Candidate.of(rec, score=1.0 / (1.0 + km / 10.0), reasons=(reason,)),
            )
        )
    out.sort(key=lambda t: (t[0], t[1]))
    return [c for *_, c in out]
