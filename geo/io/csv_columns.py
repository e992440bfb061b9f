"""Presence CSV files read column by column: pyarrow's C parser, each distinct value parsed once.

A presence CSV (geo's own, a mapped spreadsheet, an ACLED export) is parsed by pyarrow's
multi-threaded CSV reader into columns of text. Each column's distinct values (for a field
made of several columns, each distinct combination) go once through the parsers and
transforms that :mod:`geo.io.csv_presence` and :mod:`geo.io.mapping` apply to a row, with
the same caches; the rows holding a bad value are then reported one by one, in the order
and with the messages of the row reader. The good rows become a :class:`Batch`: per field,
a table of parsed values and each row's index into it. The
:class:`~geo.io.digest.Digest` takes a batch in whole, and a batch gives the
:class:`~geo.model.Presence` records when they are kept.

Each row's line number is its index plus two: the parser is told that no value spans lines
and that no line is blank, and a file where either happens (or a row has the wrong number
of cells, a byte is not UTF-8, a quote stands inside a cell, a line is over-long, or the
file is too large to hold as columns) is handed back with :class:`RowsNeeded` before
anything is taken from it: :mod:`geo.io.read_csv` then reads it row by row, which locates
such problems by line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from geo.errors import InputError
from geo.io import fields as f
from geo.io.csv_presence import SOURCES, PresenceRows
from geo.model import Presence

MAX_BYTES = 1 << 30  # larger files stream row by row, in flat memory
_CHUNK = 1 << 26  # bytes of the file looked at in one go
# Characters that may stand beside a quote in well-formed CSV: , " CR LF
_BESIDE_QUOTE = np.zeros(256, dtype=bool)
_BESIDE_QUOTE[[ord(","), ord('"'), ord("\r"), ord("\n")]] = True
# geo.io.fields._UNWRITABLE in RE2's syntax (lone surrogates cannot be in UTF-8 text)
_UNWRITABLE = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x{fffe}\\x{ffff}]"
TEXTS = ("note", "id", "quote")  # taken as written (stripped), checked to be writable


class RowsNeeded(Exception):
    """The file must be read row by row (see the module's docstring); nothing was taken."""


def _positions(data: np.ndarray, byte: int) -> np.ndarray:
    """Where ``byte`` is in ``data``, window by window (bounded temporary arrays)."""
    found = [np.flatnonzero(data[s : s + _CHUNK] == byte) + s for s in range(0, len(data), _CHUNK)]
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def _utf8(data: np.ndarray) -> bool:
    """Whether ``data`` is UTF-8 (the columns not read are checked too, as the row reader
    checks every line)."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for s in range(0, len(data), _CHUNK):
            window = data[s : s + _CHUNK]
            if (window >= 0x80).any() or decoder.getstate()[0]:
                decoder.decode(window.tobytes())
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _lines_are_rows(data: np.ndarray, max_line: int) -> int | None:
    """The number of lines of ``data`` when each holds one row as the row reader reads
    it, else ``None``: a quote inside a cell (``a"b``; ``"a"b``, which the row reader
    refuses and pyarrow reads as ``ab``), a line break inside quotes, a quote left open,
    a blank line, a CR alone, a line at the length cap, a byte that is not UTF-8."""
    quotes, ends = _positions(data, ord('"')), _positions(data, ord("\n"))
    size = len(data)
    if len(quotes):
        before = data[np.maximum(quotes - 1, 0)]
        after = data[np.minimum(quotes + 1, size - 1)]
        inner = ~_BESIDE_QUOTE[before] & ~_BESIDE_QUOTE[after]
        inner &= (quotes > 0) & (quotes < size - 1)
        if inner.any() or len(quotes) % 2 or (np.searchsorted(quotes, ends) % 2).any():
            return None
    crs = _positions(data, ord("\r"))
    if len(crs) and (crs[-1] == size - 1 or (data[np.minimum(crs + 1, size - 1)] != 10).any()):
        return None
    starts = np.concatenate([[0], ends + 1])
    stops = np.concatenate([ends, [size]]) if not size or data[-1] != 10 else ends
    starts = starts[: len(stops)]
    length = stops - starts
    if len(crs):
        length -= data[np.maximum(stops - 1, 0)] == 13
    if not length.all() or int(length.max(initial=0)) + 2 >= max_line or not _utf8(data):
        return None
    return len(stops)


def read_table(path: Path, width: int, max_line: int, used: Sequence[int]) -> dict[int, Any]:
    """The text columns ``used`` of the rows after the header line of ``path``, a file of
    ``width`` columns, by index.

    Raises
    ------
    RowsNeeded
        When the file must be read row by row.
    """
    import pyarrow as pa
    import pyarrow.csv as pcsv

    if width < 2 or path.stat().st_size > MAX_BYTES:
        raise RowsNeeded
    names = [f"c{i}" for i in range(width)]
    with pa.memory_map(str(path)) as source:
        buffer = source.read_buffer()
        lines = _lines_are_rows(np.frombuffer(buffer, dtype=np.uint8), max_line)
        if lines is None:
            raise RowsNeeded
        try:
            table = pcsv.read_csv(
                pa.BufferReader(buffer),
                read_options=pcsv.ReadOptions(skip_rows=1, column_names=names, block_size=4 << 20),
                parse_options=pcsv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
                convert_options=pcsv.ConvertOptions(
                    include_columns=[names[i] for i in used],
                    column_types={n: pa.string() for n in names},
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                ),
            )
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            raise RowsNeeded from None
        del buffer
    if table.num_rows != lines - 1:
        raise RowsNeeded
    return {
        i: c.combine_chunks() if c.num_chunks != 1 else c.chunk(0)
        for i, c in zip(used, table.columns, strict=True)
    }


class Codes:
    """Each row's index into the distinct values (or combinations) of some columns."""

    def __init__(self, codes: np.ndarray, keys: list[Any]) -> None:
        self.codes = codes  # int64, one per row, numbered in order of first appearance
        self.keys = keys  # the distinct value (a str, or a tuple of str) of each code

    def first_rows(self) -> np.ndarray:
        """The row where each code first appears (codes are numbered in that order)."""
        if not len(self.codes):
            return np.zeros(0, dtype=np.int64)
        running = np.maximum.accumulate(self.codes)
        new = np.empty(len(self.codes), dtype=bool)
        new[0] = True
        np.greater(running[1:], running[:-1], out=new[1:])
        return np.flatnonzero(new)


def numpy_of(array: Any) -> np.ndarray:
    """An Arrow array of numbers or booleans, with no nulls, as numpy (Arrow's own
    ``to_numpy`` imports pandas, a second or so of a small file's run)."""
    import pyarrow as pa

    assert array.null_count == 0
    n, data = len(array), array.buffers()[1]
    if pa.types.is_boolean(array.type):
        bits = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
        return np.unpackbits(bits, bitorder="little")[array.offset : array.offset + n].astype(bool)
    assert pa.types.is_signed_integer(array.type)
    dtype = np.dtype(f"<i{array.type.bit_width // 8}")
    return np.frombuffer(data, dtype=dtype, count=n, offset=array.offset * dtype.itemsize)


def ints(values: np.ndarray) -> Any:
    """A numpy array of integers as an Arrow int64 array (``pyarrow.array`` would import
    pandas to ask whether it is given a pandas object)."""
    import pyarrow as pa

    data = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(data), [None, pa.py_buffer(data)])


def strings(texts: Sequence[str]) -> Any:
    """A list of text as an Arrow string array (as :func:`ints`, without pandas)."""
    import pyarrow as pa

    data = [t.encode("utf-8") for t in texts]
    offsets = np.zeros(len(data) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, data), dtype=np.int64, count=len(data)), out=offsets[1:])
    kind = pa.string() if offsets[-1] < 1 << 31 else pa.large_string()
    width = np.int32 if kind == pa.string() else np.int64
    buffers = [None, pa.py_buffer(offsets.astype(width)), pa.py_buffer(b"".join(data))]
    return pa.Array.from_buffers(kind, len(data), buffers)


def encode(array: Any) -> tuple[np.ndarray, list[Any]]:
    """Codes of an Arrow array's values in order of first appearance, and the values."""
    encoded = array.dictionary_encode()
    codes = numpy_of(encoded.indices).astype(np.int64)
    return codes, encoded.dictionary.to_pylist()


class Table:
    """The columns of one file (or of its rows after a mapping), by name, with their codes.

    A column the file lacks reads as empty cells, as the row reader's appended ``""`` does.
    """

    def __init__(self, columns: dict[str, Any], rows: int) -> None:
        self.columns = columns
        self.rows = rows
        self._codes: dict[str, tuple[np.ndarray, list[str]]] = {}

    def codes(self, name: str) -> tuple[np.ndarray, list[str]]:
        hit = self._codes.get(name)
        if hit is None:
            col = self.columns.get(name)
            if col is None:
                hit = (np.zeros(self.rows, dtype=np.int64), [""] if self.rows else [])
            else:
                hit = encode(col)
            self._codes[name] = hit
        return hit

    def key(self, names: Sequence[str]) -> Codes:
        """The codes of ``names`` taken together (one name: its values, not 1-tuples)."""
        if len(names) == 1:
            codes, values = self.codes(names[0])
            return Codes(codes, values)
        parts = [self.codes(n) for n in names]
        varied = [(c, len(v)) for c, v in parts if len(v) > 1]  # one value adds nothing
        if len(varied) == 1:
            combined = Codes(varied[0][0], [])
        else:
            varied = varied or [(parts[0][0], len(parts[0][1]))]
            combined = combine([c for c, _ in varied], [n for _, n in varied])
        rows = combined.first_rows()
        columns = [(c[rows].tolist(), v) for c, v in parts]
        combined.keys = list(zip(*([v[i] for i in c] for c, v in columns), strict=True))
        return combined

    def text(self, name: str, row: int) -> str:
        """The cell of column ``name`` on ``row``, as written."""
        col = self.columns.get(name)
        return "" if col is None else str(col[row].as_py())


def combine(codes: Sequence[np.ndarray], sizes: Sequence[int]) -> Codes:
    """One code per distinct combination of several code columns (first-appearance order)."""
    if len(codes) == 1 and _dense(codes[0]):
        return Codes(codes[0], [])
    key = codes[0].astype(np.int64)
    n = max(sizes[0], 1)
    for c, size in zip(codes[1:], sizes[1:], strict=True):
        if n * max(size, 1) >= 1 << 62:  # renumber the combinations so far first
            key, _ = encode(ints(key))
            n = int(key.max()) + 1 if len(key) else 1
        key = key * max(size, 1) + c
        n *= max(size, 1)
    out, _ = encode(ints(key))
    return Codes(out, [])


def _dense(codes: np.ndarray) -> bool:
    """Whether codes are numbered 0, 1, 2, ... in order of first appearance."""
    firsts = Codes(codes, []).first_rows()
    return bool((codes[firsts] == np.arange(len(firsts))).all())


def parse_keys(
    codes: Codes, cache: dict[Any, Any], parse: Callable[[Any, int], Any], lines: np.ndarray
) -> list[Any]:
    """The cached answer for each distinct key, parsing the missing ones in order of first
    appearance (``parse(key, line)`` with the line of that first row)."""
    out: list[Any] = []
    firsts = None
    for k, key in enumerate(codes.keys):
        hit = cache.get(key)
        if hit is None:
            if firsts is None:
                firsts = codes.first_rows()
            hit = parse(key, int(lines[firsts[k]]))
        out.append(hit)
    return out


def _bad_rows(codes: np.ndarray, bad: list[bool]) -> np.ndarray:
    """A mask of the rows whose code is one of the ``bad`` ones."""
    flags = np.array(bad, dtype=bool)
    return flags[codes] if len(flags) else np.zeros(len(codes), dtype=bool)


@dataclass
class Batch:
    """The good rows of one file: for each field of :attr:`PresenceRows.FIELDS`, the parsed
    values and each row's index into them; the columns of :data:`TEXTS`; the lines."""

    file: str
    lines: np.ndarray
    codes: list[np.ndarray]
    values: list[list[Any]]
    texts: dict[str, Any]  # name -> an Arrow array of the cells as written, or None

    def __len__(self) -> int:
        return len(self.lines)

    def column(self, n: int) -> list[Any]:
        """Field ``n``'s value on each row."""
        table = np.empty(len(self.values[n]), dtype=object)
        table[:] = self.values[n]
        return table[self.codes[n]].tolist()

    def text(self, name: str) -> list[str]:
        """The text of column ``name`` (one of :data:`TEXTS`) on each row, stripped."""
        col = self.texts.get(name)
        if col is None:
            return [""] * len(self)
        return [t.strip() for t in col.to_pylist()]

    def records(self) -> Iterator[Presence]:
        """The :class:`Presence` record of each row, in order."""
        (place, actor, status, span, prec, strength, sources, conf, actor2, kind, dead,
         cred) = (self.column(n) for n in range(len(self.values)))  # fmt: skip
        note, rid, quote = (self.text(name) for name in TEXTS)
        files = [self.file] * len(self)
        return map(
            Presence, place, actor, status, span, prec, strength, sources, conf, note, rid,
            files, self.lines.tolist(), actor2, kind, dead, quote, cred,
        )  # fmt: skip


@dataclass
class Adapted:
    """A mapped file's rows as geo's columns: those that passed the mapping, and the
    problems of those that did not (row index -> the errors, in the plan's order)."""

    table: Table
    keep: np.ndarray  # indices of the rows that passed
    errors: dict[int, list[InputError]]


def adapt(plan: Any, source: Table, lines: np.ndarray) -> Adapted:
    """:meth:`geo.io.mapping.Plan.adapt` over whole columns."""

    out: dict[str, Any] = {}
    for name, at in zip(plan.columns, plan.plain_at, strict=False):
        out[name] = source.columns.get(f"c{at}")
    failed = np.zeros(source.rows, dtype=bool)
    step_errors: list[tuple[np.ndarray, list[Any]]] = []
    for step, call, cache, single in zip(plan.done, plan.calls, plan.caches, plan.single,
                                         strict=True):  # fmt: skip
        codes = source.key([f"c{i}" for i in step.at])

        def run(key: Any, line: int, call: Callable[..., Any] = call, single: bool = single,
                cache: dict[Any, Any] = cache) -> Any:  # fmt: skip
            try:
                hit = call(key) if single else call(*key)
            except InputError as exc:
                hit = exc
            if len(cache) >= 50_000:
                cache.clear()
            cache[key] = hit
            return hit

        hits = parse_keys(codes, cache, run, lines)
        bad = [h.__class__ is not tuple for h in hits]
        failed |= _bad_rows(codes.codes, bad)
        step_errors.append((codes.codes, hits))
        for j, name in enumerate(step.outputs):
            cells = [h[j] if h.__class__ is tuple else "" for h in hits]
            out[name] = strings(cells).take(ints(codes.codes))
    errors: dict[int, list[InputError]] = {}
    for row in np.flatnonzero(failed).tolist():
        errors[row] = [h[c[row]] for c, h in step_errors if h[c[row]].__class__ is not tuple]
    keep = np.flatnonzero(~failed)
    if len(keep) != source.rows:
        taken = ints(keep)
        out = {k: v.take(taken) for k, v in out.items() if v is not None}
    return Adapted(Table({k: v for k, v in out.items() if v is not None}, len(keep)), keep, errors)


def _unwritable(table: Table, name: str) -> np.ndarray:
    import pyarrow.compute as pc

    col = table.columns.get(name)
    if col is None:
        return np.zeros(table.rows, dtype=bool)
    return numpy_of(pc.match_substring_regex(col, _UNWRITABLE))  # type: ignore[attr-defined]


def build(
    rows: PresenceRows,
    table: Table,
    lines: np.ndarray,
    adapted: dict[int, list[InputError]] | None = None,
    adapted_lines: np.ndarray | None = None,
) -> tuple[Batch, bool]:
    """The good rows of ``table`` as a :class:`Batch`, every problem reported as
    :meth:`PresenceRows.build` (and, for ``adapted`` rows, the mapping) reports it; and
    whether the file's problem limit was reached (the batch then holds the rows before
    the one that reached it, as the row reader would have read)."""
    n = table.rows
    miss = rows._miss
    codes: list[np.ndarray] = []
    values: list[list[Any]] = []
    errors: list[list[InputError | None]] = []
    bad = np.zeros(n, dtype=bool)
    for k, names in enumerate(PresenceRows.KEYS):
        key = table.key(names)

        def parse(key: Any, line: int, k: int = k) -> Any:
            return miss(k, key, line if k == SOURCES else 0)

        hits = parse_keys(key, rows.caches[k], parse, lines)
        errs = [h[1] for h in hits]
        codes.append(key.codes)
        values.append([h[0] for h in hits])
        errors.append(errs)
        if any(e is not None for e in errs):
            bad |= _bad_rows(key.codes, [e is not None for e in errs])
    unwritable = np.zeros(n, dtype=bool)
    for name in TEXTS:
        unwritable |= _unwritable(table, name)
    texts = {name: table.columns.get(name) for name in TEXTS}
    events = [(int(lines[r]), r) for r in np.flatnonzero(bad | unwritable).tolist()]
    events += [(int(adapted_lines[r]), -1 - r) for r in adapted or {}]  # type: ignore[index]
    events.sort()
    stop: int | None = None
    failed = bad.copy()
    try:
        for line, r in events:
            stop = line
            if r < 0:  # a row the mapping refused
                for exc in (adapted or {})[-1 - r]:
                    rows.problems.add_error(exc, line=line)
            elif bad[r]:
                for field, c, errs in zip(rows.FIELDS, codes, errors, strict=True):
                    err = errs[c[r]]
                    if err is not None:
                        rows._report(err, line, field)
            elif not rows._writable(tuple((k, table.text(k, r)) for k in TEXTS), line):
                failed[r] = True
        stop = None
    except f.TooManyProblems:
        # as the row reader: nothing of the rows after the one that reached the limit
        assert stop is not None
        for sid in [s for s, (_, at) in rows.problems.outlets.items() if at > stop]:
            del rows.problems.outlets[sid]
        failed |= lines >= stop
        return _batch(rows.problems.file, lines, codes, values, texts, failed), True
    return _batch(rows.problems.file, lines, codes, values, texts, failed), False


def _batch(
    file: str,
    lines: np.ndarray,
    codes: list[np.ndarray],
    values: list[list[Any]],
    texts: dict[str, Any],
    failed: np.ndarray,
) -> Batch:
    if not failed.any():
        return Batch(file, lines, codes, values, texts)

    good = np.flatnonzero(~failed)
    taken = ints(good)
    return Batch(file, lines[good], [c[good] for c in codes], values,
                 {k: None if v is None else v.take(taken) for k, v in texts.items()})  # fmt: skip
