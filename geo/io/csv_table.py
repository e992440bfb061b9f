"""Presence CSV files as columns of text: pyarrow's multi-threaded C parser, and codes.

:func:`read_table` parses the rows after the header line into Arrow columns of text, once
it has made sure that each line of the file is one row (see :func:`_lines_are_rows`): a
file where that does not hold raises :class:`RowsNeeded` before anything is taken from it,
and :mod:`geo.io.read_csv` reads it row by row, which locates such problems by line. Each
row's line number is then its index plus two. :class:`Table` gives a column's (or several
columns') distinct values and each row's code into them, numbered in order of first
appearance, for :mod:`geo.io.csv_columns` to parse each distinct value once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

#: Larger files stream row by row, in flat memory. Below it the column reader holds the
#: mapped file, its line starts and one part's columns: about three times the file at the
#: most (1.2 GB for 1,000,000 ACLED rows, 384 MB), where the row reader holds about 170 MB.
MAX_BYTES = 512 << 20
#: Rows parsed and handed on at a time: the text columns and the values made of them of
#: this many rows are what the column reader holds, however long the file.
ROWS_PER_PART = 200_000
_CHUNK = 1 << 23  # bytes of the file looked at in one go: several passes over 8 MB stay in cache
# Characters that may stand beside a quote in well-formed CSV: , " CR LF
_BESIDE_QUOTE = np.zeros(256, dtype=bool)
_BESIDE_QUOTE[[ord(","), ord('"'), ord("\r"), ord("\n")]] = True


class RowsNeeded(Exception):
    """The file must be read row by row (see the module's docstring); nothing was taken."""


def _windows(data: np.ndarray, work: Any) -> list[Any]:
    """``work(window)`` of each window of ``data`` (bounded temporary arrays), on two
    threads: numpy lets go of the interpreter while it compares."""
    from concurrent.futures import ThreadPoolExecutor

    step = min(_CHUNK, max(1 << 20, -(-len(data) // 2)))  # a small file: two halves
    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(lambda s: work(s, data[s : s + step]), range(0, len(data), step)))


def _positions(data: np.ndarray, marks: bytes) -> list[np.ndarray]:
    """Where each byte of ``marks`` is in ``data``."""
    found = _windows(data, lambda s, part: [np.flatnonzero(part == b) + s for b in marks])
    empty = np.zeros(0, dtype=np.int64)
    return [np.concatenate([w[k] for w in found]) if found else empty for k in range(len(marks))]


def _plain(data: np.ndarray) -> bool:
    """Whether ``data`` holds nothing that :func:`geo.io.fields.check_writable` refuses:
    no control character but tab and line breaks, no U+FFFE or U+FFFF (the lone
    surrogates it also refuses cannot be in UTF-8)."""

    def window(_: int, part: np.ndarray) -> bool:
        controls = np.count_nonzero(part < 32)
        if controls != sum(np.count_nonzero(part == b) for b in (9, 10, 13)):
            return False
        lead = np.flatnonzero(part == 0xEF)  # U+FFFE, U+FFFF: EF BF BE, EF BF BF
        if not len(lead):
            return True
        if lead[-1] >= len(part) - 2:
            return False  # cut at the window's edge: not looked at, so not plain
        return not ((part[lead + 1] == 0xBF) & (part[lead + 2] >= 0xBE)).any()

    return all(_windows(data, window))


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


def _lines_are_rows(data: np.ndarray, max_line: int) -> np.ndarray | None:
    """Where each line of ``data`` starts, when each holds one row as the row reader
    reads it, else ``None``: a quote inside a cell (``a"b``; ``"a"b``, which the row reader
    refuses and pyarrow reads as ``ab``), a line break inside quotes, a quote left open,
    a blank line, a CR alone, a line at the length cap, a byte that is not UTF-8."""
    quotes, ends, crs = _positions(data, b'"\n\r')
    size = len(data)
    if len(quotes):
        before = data[np.maximum(quotes - 1, 0)]
        after = data[np.minimum(quotes + 1, size - 1)]
        inner = ~_BESIDE_QUOTE[before] & ~_BESIDE_QUOTE[after]
        inner &= (quotes > 0) & (quotes < size - 1)
        if inner.any() or len(quotes) % 2 or (np.searchsorted(quotes, ends) % 2).any():
            return None
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
    return starts


def read_table(
    path: Path, width: int, max_line: int, used: Sequence[int]
) -> Iterator[tuple[dict[int, Any], bool, int]]:
    """The text columns ``used`` of the rows after the header line of ``path``, a file of
    ``width`` columns, by index, in parts of at most :data:`ROWS_PER_PART` rows: per part
    the columns, whether the file's text is plain (:func:`_plain`) and the part's first
    row (0 for the row after the header). Parts keep memory flat whatever the file's length.

    Raises
    ------
    RowsNeeded
        When the file must be read row by row: raised before the first part is given, so
        that nothing has been taken.
    """
    import pyarrow as pa
    import pyarrow.csv as pcsv

    if width < 2 or path.stat().st_size > MAX_BYTES:
        raise RowsNeeded
    names = [f"c{i}" for i in range(width)]
    parse = pcsv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False)

    def convert(columns: list[str]) -> Any:
        return pcsv.ConvertOptions(
            include_columns=columns,
            column_types={n: pa.string() for n in names},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        )

    def parsed(buffer: Any, columns: list[str]) -> Any:
        read = pcsv.ReadOptions(column_names=names, block_size=4 << 20)
        return pcsv.read_csv(
            pa.BufferReader(buffer), read_options=read, parse_options=parse,
            convert_options=convert(columns),
        )  # fmt: skip

    with pa.memory_map(str(path)) as source:
        buffer = source.read_buffer()
        data = np.frombuffer(buffer, dtype=np.uint8)
        starts = _lines_are_rows(data, max_line)
        plain = starts is not None and _plain(data)
        del data
        if starts is None or len(starts) < 2:
            raise RowsNeeded
        rows = len(starts) - 1
        if rows > ROWS_PER_PART:
            # every row of the file read once, one column kept: a row of another width, a
            # byte that is not UTF-8, ... is found before anything is taken (a file of one
            # part is checked by reading that part)
            body = buffer.slice(int(starts[1]))
            try:
                checked = parsed(body, [names[used[0] if used else 0]]).num_rows
            except pa.ArrowException:
                raise RowsNeeded from None
            if checked != rows:
                raise RowsNeeded
        for first in range(0, rows, ROWS_PER_PART):
            last = min(rows, first + ROWS_PER_PART)
            a = int(starts[first + 1])
            b = int(starts[last + 1]) if last + 1 < len(starts) else buffer.size
            try:
                table = parsed(buffer.slice(a, b - a), [names[i] for i in used])
            except pa.ArrowException:
                if rows > ROWS_PER_PART:  # pragma: no cover - the check above read them
                    raise
                raise RowsNeeded from None
            if rows <= ROWS_PER_PART and table.num_rows != rows:
                raise RowsNeeded
            columns = {
                i: c.combine_chunks() if c.num_chunks != 1 else c.chunk(0)
                for i, c in zip(used, table.columns, strict=True)
            }
            del table
            yield columns, plain, first


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


def arrow_compute() -> Any:
    """Arrow's compute functions and their options, as ``pyarrow._compute`` holds them:
    ``import pyarrow.compute`` writes a wrapper and a docstring for each of its hundreds of
    functions, 25 ms of a small file's run (the public module is the fallback)."""
    try:
        import pyarrow._compute as compute
    except ImportError:  # pragma: no cover - a pyarrow that moved it
        import pyarrow.compute as compute
    return compute


def arrow_call(name: str, *args: Any, options: Any = None) -> Any:
    """Arrow's compute function ``name`` (as ``pyarrow.compute.call_function``)."""
    return arrow_compute().call_function(name, list(args), options)


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


def string_parts(array: Any) -> tuple[np.ndarray, np.ndarray]:
    """The offsets (one more than the cells) and the bytes of an Arrow string array."""
    import pyarrow as pa

    width = np.int64 if pa.types.is_large_string(array.type) else np.int32
    _, offsets, data = array.buffers()
    off = np.frombuffer(
        offsets, dtype=width, count=len(array) + 1, offset=array.offset * width().itemsize
    )
    raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
    return off, raw


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
    encoded = arrow_call("dictionary_encode", array)
    codes = numpy_of(encoded.indices).astype(np.int64)
    return codes, encoded.dictionary.to_pylist()


class Table:
    """The columns of one file (or of its rows after a mapping), by name, with their codes.

    A column the file lacks reads as empty cells, as the row reader's appended ``""`` does.
    """

    def __init__(
        self,
        columns: dict[str, Any],
        rows: int,
        codes: dict[str, tuple[np.ndarray, list[str]]] | None = None,
        *,
        plain: bool = False,
    ) -> None:
        self.columns = columns
        self.rows = rows
        self.plain = plain  # no cell can hold a character a writer refuses
        # columns given as codes and values (a mapping's outputs), renumbered when needed
        self._coded = codes or {}
        self._codes: dict[str, tuple[np.ndarray, list[str]]] = {}

    def codes(self, name: str) -> tuple[np.ndarray, list[str]]:
        hit = self._codes.get(name)
        if hit is None and name in self._coded:
            codes, values = self._coded[name]
            if not _dense(codes) or (int(codes.max()) + 1 if len(codes) else 0) != len(values):
                codes, old = encode(ints(codes))
                values = [values[i] for i in old]
            hit = self._codes[name] = (codes, values)
        if hit is None:
            col = self.columns.get(name)
            if col is None:
                hit = (np.zeros(self.rows, dtype=np.int64), [""] if self.rows else [])
            else:
                hit = encode(col)
            self._codes[name] = hit
        return hit

    def prefetch(self, names: Sequence[str]) -> None:
        """Encode the columns ``names`` on two threads (Arrow lets go of the interpreter
        while it hashes), before :meth:`codes` asks for them one by one."""
        from concurrent.futures import ThreadPoolExecutor

        todo = [n for n in dict.fromkeys(names) if n not in self._codes and n not in self._coded]
        todo = [n for n in todo if self.columns.get(n) is not None]
        if len(todo) > 1:
            with ThreadPoolExecutor(2) as pool:
                done = list(pool.map(lambda n: encode(self.columns[n]), todo))
            self._codes.update(zip(todo, done, strict=True))

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
