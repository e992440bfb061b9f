"""Reading the project's own CSV tables of places (overlay, world regions).

Every problem is an :class:`~geo.errors.InputError` that names the file, the line and,
where there is one, the field: a table is edited by hand, and its editor must be able to go
straight to the bad cell.
"""

from __future__ import annotations

import csv
import hashlib
import math
from collections.abc import Iterator
from pathlib import Path

from geo.errors import InputError


def file_fingerprint(path: Path, label: str) -> str:
    """``label`` and the SHA-256 of the file's bytes (a changed table means a new index)."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=str(path)) from exc
    return f"{label} {digest}"


def bounded_float(text: str, low: float, high: float, err: InputError) -> float:
    """``text`` as a finite number in ``low..high``; ``err`` is raised otherwise."""
    try:
        value = float(text)
    except ValueError:
        raise err from None
    if not math.isfinite(value) or not low <= value <= high:
        raise err
    return value


def table_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, cells)`` of every row of a table with exactly ``columns``, cells stripped.

    ``#`` comment lines may precede the header; line numbers are the file's own. Blank rows
    are skipped. An ``id`` column must hold unique values.
    """
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=file) from exc
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", file=file) from exc
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    reader = csv.reader(lines[first:])
    seen: set[str] = set()
    try:
        header = next(reader, None)
        if header is None or tuple(h.strip() for h in header) != columns:
            raise InputError("expected the columns " + ",".join(columns), file=file, line=first + 1)
        for row in reader:
            line = first + reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                raise InputError(
                    f"expected {len(columns)} columns, found {len(row)}", file=file, line=line
                )
            cells = dict(zip(columns, (cell.strip() for cell in row), strict=True))
            ident = cells.get("id")
            if ident is not None and ident in seen:
                raise InputError(f"duplicate id {ident!r}", file=file, line=line, field="id")
            if ident is not None:
                seen.add(ident)
            yield line, cells
    except csv.Error as exc:
        raise InputError(str(exc), file=file, line=first + reader.line_num) from exc
