"""Export a dataset as CSV: presence rows, movement waypoints and sources, three files.

``OUT.csv`` holds presence, ``OUT-movements.csv`` one row per waypoint (the movement's own
fields repeated on each row) and ``OUT-sources.csv`` the sources; :mod:`geo.io.read_csv`
tells the three apart by their columns. Several sources in one cell are separated by
``;``; per-source strength figures are a JSON list in the ``strength`` cell. Report text
that a spreadsheet would run as a formula (``=...``, ``+...``, ``-...``, ``@...``) gets a
leading ``'``, which the reader takes off.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from geo.io import schema
from geo.io.fields import guard_cell
from geo.io.serialize import (
    movement_fields,
    movement_id,
    presence_fields,
    source_fields,
    strength_text,
    waypoint_fields,
)
from geo.model import Dataset


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same float
    if isinstance(value, list):
        return ";".join(map(str, value))
    return str(value)


def _cells(file: str, kind: str, values: dict[str, object]) -> dict[str, object]:
    """The fields of a ``kind`` record under their column names in the CSV ``file``."""
    return {f.column: values.get(f.name) for k, f in schema.csv_fields(file) if k == kind}


def _table(file: str, rows: list[dict[str, object]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    columns = schema.csv_columns(file)
    writer.writerow(columns)
    guarded = schema.text_columns(file)
    text = [c in guarded for c in columns]
    writer.writerows(
        [
            guard_cell(_cell(row.get(c))) if t else _cell(row.get(c))
            for c, t in zip(columns, text, strict=True)
        ]
        for row in rows
    )
    return buf.getvalue().encode("utf-8")


def presence_csv(data: Dataset) -> bytes:
    """The presence records as CSV bytes."""
    rows = []
    for p in data.presence:
        row = presence_fields(p)
        row["strength"] = strength_text(p.estimates)
        row["fatalities"] = strength_text(p.fatalities)
        rows.append(_cells("presence", "presence", row))
    return _table("presence", rows)


def movements_csv(data: Dataset) -> bytes:
    """The movements as CSV bytes, one row per waypoint."""
    rows: list[dict[str, object]] = []
    for index, m in enumerate(data.movements):
        head = movement_fields(m)
        head["strength"] = strength_text(m.estimates)
        own = _cells("movements", "movement", head)
        route = movement_id(m, index)
        for seq, stop in enumerate(waypoint_fields(m), start=1):
            stop.update(route=route, seq=seq)
            rows.append({**_cells("movements", "waypoint", stop), **own})
    return _table("movements", rows)


def sources_csv(data: Dataset) -> bytes:
    """The sources as CSV bytes."""
    return _table(
        "sources", [_cells("sources", "source", source_fields(s)) for s in data.sources.values()]
    )


def csv_paths(out: Path) -> tuple[Path, Path, Path]:
    """The presence, movements and sources files an export to ``out`` writes."""
    return out, out.with_name(f"{out.stem}-movements.csv"), out.with_name(f"{out.stem}-sources.csv")


def csv_files(data: Dataset, out: Path) -> dict[Path, bytes]:
    """The content of each CSV file an export to ``out`` writes."""
    presence, movements, sources = csv_paths(out)
    return {
        presence: presence_csv(data),
        movements: movements_csv(data),
        sources: sources_csv(data),
    }
