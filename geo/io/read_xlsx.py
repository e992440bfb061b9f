"""Read presence records from an Excel workbook (XLSX): its first sheet, a row per event.

The sheet's first row is its header, read as a spreadsheet CSV's is: geo's own columns,
ACLED's, or any through a column mapping (:mod:`geo.io.mapping`); messages name the
sheet's row numbers. Cells come typed (numbers, dates) and are written as the text a CSV
cell would hold, so the one presence path of :mod:`geo.io.csv_presence` builds the records.

python-calamine reads the workbook, not openpyxl: it is a binding of the Rust ``calamine``
reader, about ten times faster than openpyxl on large sheets and with no pure-Python cell
objects, and it is maintained and shipped as wheels. (The tests write their workbooks with
openpyxl, the usual writer.) It reads the sheet whole: for millions of rows, use CSV.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from geo.io import fields as f
from geo.io import mapping
from geo.io.csv_presence import PresenceRows
from geo.model import Movement, Presence, Source


def cell_text(value: Any) -> str:
    """A typed cell as the text a CSV would hold (``3.0`` -> ``3``, a date -> ISO)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, (time, timedelta)):
        return str(value)
    return str(value)


def read_xlsx(
    path: Path, problems: f.Problems
) -> tuple[list[Source], list[Presence], list[Movement]]:
    """The presence records of the first sheet of the workbook at ``path``."""
    import python_calamine as calamine

    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
        sheet = book.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=True)
        first = (sheet.start or (0, 0))[0] + 1  # the sheet's row number of rows[0]
    except calamine.CalamineError as exc:
        why = " ".join(str(exc).split())[:200]
        problems.add(f"not an XLSX workbook ({why})", line=1, field="file")
        return [], [], []
    if not rows:
        problems.add("the first sheet is empty; expected a header row", line=1, field="file")
        return [], [], []
    header = [cell_text(c).strip() for c in rows[0]]
    width = len(header)
    presence: list[Presence] = []
    try:
        before = len(problems.items)
        plan = mapping.plan(header, problems, native=False)
        if plan is None or len(problems.items) > before:
            return [], [], []
        build = PresenceRows(
            plan.columns, problems, outlet_names=plan.outlet_names, names=plan.names
        ).build
        for n, raw in enumerate(rows[1:], start=first + 1):
            row = [cell_text(c) for c in raw[:width]]
            if not any(c.strip() for c in row):
                continue
            row += [""] * (width - len(row))
            cells = plan.adapt(row, n)
            if cells is None:
                continue
            p = build(cells, n)
            if p is not None:
                presence.append(p)
    except f.TooManyProblems:
        pass
    return [], presence, []
