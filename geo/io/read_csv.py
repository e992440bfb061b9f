"""Read CSV event files: presence rows, movement waypoints, or sources.

The reader tells the three apart by their header: a ``route`` column makes a movements
file (one row per waypoint), an ``outlet`` column a sources file, anything else a presence
file. Files stream row by row, lines are read with a length cap, and a UTF-8 byte-order
mark is accepted, so a 1 GB file is never read whole into memory and a file that is not
CSV fails on its first lines. A presence file whose lines are each one row is read column
by column instead (:mod:`geo.io.csv_table`, :mod:`geo.io.csv_columns`), with the same
records and the same problems; the rows read one by one are for the files that need them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, BinaryIO

from geo.errors import InputError, shown
from geo.io import csv_columns, csv_table, mapping, schema
from geo.io import fields as f
from geo.io.csv_presence import PresenceRows
from geo.io.records import Fields, build_movement, build_source, build_waypoint
from geo.model import Movement, Presence, Source, Waypoint

MAX_LINE = 1 << 20  # characters; a longer line means the file is not row data

FILES = tuple(schema.CSV_FILES)  # presence, movements, sources
KNOWN = {kind: frozenset(schema.csv_accepted(kind)) for kind in FILES}
REQUIRED = {kind: schema.csv_required(kind) for kind in FILES}
# Free-text columns, where an export may have guarded a formula-like value (fields.guard_cell).
TEXT_COLUMNS = {kind: schema.text_columns(kind) for kind in FILES}
# The movement's own columns of a movements file, each with the record field it gives
# (``start`` is the movement's ``date``; ``source`` stays, an alias the builder knows).
ROUTE_COLUMNS = {
    col: col if col in schema.accepted("movement") else name
    for col, name in schema.csv_accepted("movements", "movement").items()
}
WAYPOINT_FIELDS = tuple(schema.accepted("waypoint"))


class _LineTooLong(Exception):
    pass


class _NotUtf8(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def _lines(fh: IO[str]) -> Iterator[str]:
    """The file's lines; bytes that are not UTF-8 stop it at their own line.

    The file is decoded with ``surrogateescape``: a bad byte becomes a lone surrogate in
    its line, where the decoder's buffer would have hidden which line it was on.
    """
    n = 0
    while True:
        line = fh.readline(MAX_LINE)
        if not line:
            return
        n += 1
        if len(line) >= MAX_LINE and not line.endswith("\n"):
            raise _LineTooLong
        if not line.isascii():
            try:
                line.encode("utf-8")
            except UnicodeEncodeError:
                raise _NotUtf8(n) from None
        yield line


def _open(source: Path | BinaryIO) -> IO[str]:
    binary = source.open("rb") if isinstance(source, Path) else source
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="")


def csv_kind(columns: list[str]) -> str:
    """``movements``, ``sources`` or ``presence``, from a header's column names."""
    if "route" in columns:
        return "movements"
    # A spreadsheet of events may name its outlets in an "Outlet" column: a sources file
    # has ids, or nothing but source columns.
    if "outlet" in columns and ("id" in columns or all(c in KNOWN["sources"] for c in columns)):
        return "sources"
    return "presence"


def _check_header(raw: list[str], problems: f.Problems) -> tuple[str, list[str]] | None:
    header = [c.strip().lower() for c in raw]
    if len(header) == 1 and ";" in raw[0]:
        problems.add("uses ';' as separator; geo reads ',' CSV", line=1, field="header")
        return None
    if len(header) == 1 and "\t" in raw[0]:
        problems.add("uses tabs as separator; geo reads ',' CSV", line=1, field="header")
        return None
    kind = csv_kind(header)
    for col in header:
        if col not in KNOWN[kind]:
            also = " or map it with --map FIELD=COLUMN" if kind == "presence" else ""
            problems.add(
                f"unknown column {shown(col)} in a {kind} CSV "
                f"(known: {', '.join(sorted(KNOWN[kind]))}{also})",
                line=1,
                field="header",
            )
    missing = [c for c in REQUIRED[kind] if c not in header]
    if kind == "presence" and "place" not in header and not {"lat", "lon"} <= set(header):
        missing.insert(0, "place (or lat and lon)")
    if missing:
        problems.add(
            f"missing column {', '.join(missing)} for a {kind} CSV", line=1, field="header"
        )
        return None
    if len(set(header)) != len(header):
        dup = next(c for c in header if header.count(c) > 1)
        problems.add(f"column {shown(dup)} appears twice", line=1, field="header")
        return None
    return kind, header


def native_presence(header: list[str], explicit: bool) -> bool:
    """Whether a presence header is geo's own: every column known, or (when no mapping is
    given) the required ones there, so that an unknown one is a typo to report."""
    cols = [c.strip().lower() for c in header]
    if all(c in KNOWN["presence"] for c in cols):
        return True
    has_place = "place" in cols or {"lat", "lon"} <= set(cols)
    return not explicit and has_place and all(c in cols for c in REQUIRED["presence"])


def _mapped(raw: list[str], problems: f.Problems) -> mapping.Plan | None:
    """The column mapping of a spreadsheet that is not geo's own presence CSV, or None."""
    if csv_kind([c.strip().lower() for c in raw]) != "presence" or (
        len(raw) == 1 and (";" in raw[0] or "\t" in raw[0])
    ):
        return None
    header = [c.strip() for c in raw]
    native = native_presence(header, bool(problems.options.mapping))
    return mapping.plan(header, problems, native=native)


def read_csv(
    source: Path | BinaryIO,
    problems: f.Problems,
    emit: Callable[[Presence], None] | None = None,
) -> tuple[list[Source], list[Presence], list[Movement]]:
    """Read one CSV file (a path, or a binary stream read once), recording every problem.

    Presence records go to ``emit`` as they are read, when given, and are not returned:
    a file of any length is read in flat memory.
    """
    sources: list[Source] = []
    presence: list[Presence] = []
    collect = emit or presence.append
    routes: dict[str, list[Fields]] = {}
    line = 1
    try:
        # One cap for lines and cells alike (the csv module's own is 128 KiB per cell).
        csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE))
        with _open(source) as fh:
            # strict: a file cut off inside a quoted cell is an error, not a short last row
            reader = csv.reader(_lines(fh), strict=True)
            raw = next(reader, None)
            if raw is None:
                problems.add("the file is empty; expected a header line", line=1, field="file")
                return [], [], []
            before = len(problems.items)
            plan = _mapped(raw, problems)
            if len(problems.items) > before:
                return [], [], []
            if plan is None:
                checked = _check_header(raw, problems)
                if checked is None:
                    return [], [], []
                kind, header = checked
                columns = [c if c in KNOWN[kind] else "" for c in header]
            else:
                kind, header, columns = "presence", [], plan.columns
            keep = [(i, c) for i, c in enumerate(header) if c in KNOWN[kind]]
            width = len(raw)
            guarded = [i for i, c in enumerate(header) if c in TEXT_COLUMNS[kind]]
            outlet_names = plan is not None and plan.outlet_names
            names = plan.names if plan is not None else None
            rows = PresenceRows(columns, problems, outlet_names=outlet_names, names=names)
            line = reader.line_num + 1
            if kind == "presence" and isinstance(source, Path) and reader.line_num == 1:
                try:
                    _read_columns(source, width, rows, plan, header, guarded, emit or collect)
                    return sources, presence, []
                except csv_table.RowsNeeded:
                    pass  # nothing was taken: read it row by row
            for row in reader:
                start, line = line, reader.line_num + 1
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                if len(row) != width:
                    problems.add(
                        f"has {len(row)} cells, the header has {width}", line=start, field="row"
                    )
                    continue
                for i in guarded:
                    if row[i][:1] == "'":
                        row[i] = f.unguard_cell(row[i])
                if plan is not None:
                    adapted = plan.adapt(row, start)
                    if adapted is None:
                        continue
                    row = adapted
                if kind == "presence":
                    p = rows.build(row, start)
                    if p is not None:
                        collect(p)
                    continue
                r = Fields({c: row[i] for i, c in keep}, line=start)
                if kind == "sources":
                    s = build_source(r, problems)
                    if s is not None:
                        sources.append(s)
                else:
                    routes.setdefault(r["route"].strip(), []).append(r)
    except _LineTooLong:
        problems.add(
            f"a line longer than {MAX_LINE:,} characters; not a CSV of records",
            line=line,
            field="file",
        )
    except csv.Error as exc:
        problems.add(f"not readable as CSV ({exc})", line=line, field="file")
    except _NotUtf8 as exc:
        problems.add("not UTF-8 text; save the file as UTF-8", line=exc.line, field="file")
    except f.TooManyProblems:
        pass
    movements = _movements(routes, problems) if routes else []
    return sources, presence, movements


def _read_columns(
    path: Path,
    width: int,
    rows: PresenceRows,
    plan: mapping.Plan | None,
    header: list[str],
    guarded: list[int],
    emit: Callable[[Presence], None],
) -> None:
    """The presence rows of ``path`` read column by column (:mod:`geo.io.csv_table`,
    :mod:`geo.io.csv_columns`),
    handed to ``emit`` (to its ``batch`` method when it has one, else one by one)."""
    import numpy as np

    if plan is not None:
        used = sorted({*plan.plain_at, *(i for step in plan.done for i in step.at)})
    else:
        used = [i for i, c in enumerate(header) if c in KNOWN["presence"]]
    take = getattr(emit, "batch", None)
    for cols, plain, first in csv_table.read_table(path, width, MAX_LINE, used):
        n = len(cols[used[0]]) if used else 0
        for i in guarded:  # cells an export guarded against spreadsheet formulas
            quoted = csv_table.arrow_call(
                "starts_with", cols[i], options=csv_table.arrow_compute().MatchSubstringOptions("'")
            )
            if csv_table.arrow_call("any", quoted).as_py():
                codes, values = csv_table.encode(cols[i])
                cells = csv_table.strings([f.unguard_cell(v) for v in values])
                cols[i] = csv_table.arrow_call("take", cells, csv_table.ints(codes))
        lines = np.arange(first + 2, first + n + 2, dtype=np.int64)
        if plan is not None:
            source = csv_table.Table({f"c{i}": c for i, c in cols.items()}, n, plain=plain)
            adapted = csv_columns.adapt(plan, source, lines)
            batch, stopped = csv_columns.build(
                rows, adapted.table, lines[adapted.keep], adapted.errors, lines
            )
        else:
            known = {header[i]: c for i, c in cols.items()}
            table = csv_table.Table(known, n, plain=plain)
            batch, stopped = csv_columns.build(rows, table, lines)
        if take is not None:
            take(batch)
        else:
            for p in batch.records():
                emit(p)
        del cols, batch
        if stopped:
            raise f.TooManyProblems


def _route_fields(route: str, rows: list[Fields], problems: f.Problems) -> Fields:
    """The movement-level cells of a route: the first filled one, the rest must agree."""
    out = Fields({"id": route}, line=rows[0].line)
    for col, key in ROUTE_COLUMNS.items():
        for r in rows:
            value = (r.get(col) or "").strip()
            if not value:
                continue
            if key not in out:
                out[key] = value
                out.key_lines[key] = r.line
            elif out[key] != value:
                problems.add(
                    f"differs from line {out.key_lines[key]} of route {shown(route)}",
                    line=r.line,
                    field=col,
                )
    return out


def _movements(routes: dict[str, list[Fields]], problems: f.Problems) -> list[Movement]:
    movements: list[Movement] = []
    try:
        for route, rows in routes.items():
            if not route:
                for r in rows:
                    problems.add("missing; every row names its route", line=r.line, field="route")
                continue
            ordered: list[tuple[int, Fields]] = []
            seen: dict[int, int] = {}
            for r in rows:
                seq = problems.take(_seq, r.get("seq"), line=r.line, field="seq")
                if seq is None:
                    continue
                if seq in seen:
                    problems.add(
                        f"seq {seq} of route {shown(route)} repeats line {seen[seq]}",
                        line=r.line,
                        field="seq",
                    )
                    continue
                seen[seq] = r.line
                ordered.append((seq, r))
            ordered.sort(key=lambda t: t[0])
            before = len(problems.items)
            built = [
                build_waypoint(
                    Fields({c: r.get(c) for c in WAYPOINT_FIELDS}, line=r.line), problems
                )
                for _, r in ordered
            ]
            waypoints: list[Waypoint] = [w for w in built if w is not None]
            head = _route_fields(route, rows, problems)
            if len(problems.items) > before:
                continue
            m = build_movement(head, waypoints, problems, check_keys=False)
            if m is not None:
                movements.append(m)
    except f.TooManyProblems:
        pass
    return movements


def _seq(value: object) -> int:
    if not f.INTEGER.match(str(value)):
        raise InputError(f"{shown(value)} is not a whole number", field="seq")
    return int(str(value))
