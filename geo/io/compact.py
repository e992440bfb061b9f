"""Numbers and record ids of millions of records, kept compactly for the digest.

:class:`Column` grows in chunks allocated whole (several arrays growing side by side
would fragment the heap); :class:`IdIndex` keeps each record id as a hash, a line and its
UTF-8 bytes (about 30 bytes an id), to find the repeated ones once reading is done.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterator
from typing import Any


class Column:
    """A growing column of numbers, in chunks allocated whole.

    One array grown by appending is reallocated again and again; several of them growing
    side by side fragment the heap to about twice their size. Chunks of a fixed size
    never move.
    """

    SIZE = 1 << 20  # values per chunk

    def __init__(self, code: str) -> None:
        self.code = code
        self.full: list[array] = []
        self.last = self._chunk()
        self.n = 0  # values in ``last``

    def _chunk(self) -> array:
        return array(self.code, bytes(array(self.code).itemsize * self.SIZE))

    def __len__(self) -> int:
        return len(self.full) * self.SIZE + self.n

    def append(self, value: int) -> None:
        self.last[self.n] = value
        self.n += 1
        if self.n == self.SIZE:
            self.full.append(self.last)
            self.last, self.n = self._chunk(), 0

    def __getitem__(self, i: int) -> int:
        chunk, at = divmod(i, self.SIZE)
        return self.full[chunk][at] if chunk < len(self.full) else self.last[at]

    def extend(self, values: Any) -> None:
        """Append a numpy array of values."""
        import numpy as np

        values = np.asarray(values, dtype=self.code)
        at = 0
        while at < len(values):
            part = values[at : at + self.SIZE - self.n]
            np.frombuffer(self.last, dtype=self.code)[self.n : self.n + len(part)] = part
            self.n += len(part)
            at += len(part)
            if self.n == self.SIZE:
                self.full.append(self.last)
                self.last, self.n = self._chunk(), 0

    def numpy(self) -> Any:
        """The whole column as one numpy array (a copy)."""
        import numpy as np

        parts = [np.frombuffer(c, dtype=self.code) for c in self.full]
        parts.append(np.frombuffer(self.last, dtype=self.code)[: self.n])
        return np.concatenate(parts)


class _Blob:
    """Ids added one by one: their UTF-8 bytes, and where each ends."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.ends = array("I")

    def __len__(self) -> int:
        return len(self.ends)

    def id(self, j: int) -> str:
        start = self.ends[j - 1] if j else 0
        return self.data[start : self.ends[j]].decode("utf-8", "surrogatepass")

    def arrow(self) -> Any:
        import numpy as np
        import pyarrow as pa

        offsets = np.zeros(len(self.ends) + 1, dtype=np.int32)
        offsets[1:] = np.frombuffer(self.ends, dtype=np.uint32)
        buffers = [None, pa.py_buffer(offsets), pa.py_buffer(bytes(self.data))]
        return pa.Array.from_buffers(pa.binary(), len(self.ends), buffers)


class IdIndex:
    """Record ids of one kind, to find the repeated ones after reading.

    Each id costs a line (4 bytes), where its bytes end (4) and its UTF-8 bytes. Ids come
    one by one (:meth:`add`) or as an Arrow array of a column (:meth:`extend`); once
    reading is done, Arrow's hash table groups them all (:meth:`repeats`).
    """

    BLOB = 4 << 20  # bytes of ids per blob chunk (an id never spans two)
    SMALL = 20_000  # ids compared in a dict, without loading Arrow

    def __init__(self) -> None:
        self.lines = Column("I")  # 4 bytes: a file of 4 billion lines is not read here
        self.parts: list[Any] = []  # _Blob chunks and Arrow arrays, in reading order
        self.part_starts: list[int] = []  # index of the first id of each part
        self.n = 0
        self.files: list[str] = []
        self.starts: list[int] = []  # index of the first id of each run of one file

    def __len__(self) -> int:
        return self.n

    def _file(self, file: str) -> None:
        if not self.files or self.files[-1] != file:
            self.files.append(file)
            self.starts.append(self.n)

    def add(self, rid: str, file: str, line: int) -> None:
        self._file(file)
        data = rid.encode("utf-8", "surrogatepass")
        blob = self.parts[-1] if self.parts else None
        if blob.__class__ is not _Blob or (len(blob.data) + len(data) > self.BLOB and blob.data):
            blob = _Blob()
            self.parts.append(blob)
            self.part_starts.append(self.n)
        blob.data += data
        blob.ends.append(len(blob.data))
        self.lines.append(line)
        self.n += 1

    def extend(self, ids: Any, file: str, lines: Any) -> None:
        """:meth:`add` of each id of an Arrow string array (none blank, each stripped),
        on its line of ``lines`` (a numpy array)."""
        if not len(ids):
            return
        self._file(file)
        self.parts.append(ids)
        self.part_starts.append(self.n)
        self.lines.extend(lines)
        self.n += len(ids)

    def _id(self, i: int) -> str:
        k = bisect.bisect_right(self.part_starts, i) - 1
        part, j = self.parts[k], i - self.part_starts[k]
        return part.id(j) if part.__class__ is _Blob else str(part[j].as_py())

    def _where(self, i: int) -> tuple[str, int]:
        return self.files[bisect.bisect_right(self.starts, i) - 1], self.lines[i]

    def repeats(self) -> Iterator[tuple[str, tuple[str, int], tuple[str, int], int]]:
        """``(id, first, second, n)`` per repeated id, in reading order of the repeat:
        where it was first given, where again, and how many records give it in all."""
        if self.n < 2:
            return
        if self.n <= self.SMALL:
            seen: dict[str, list[int]] = {}
            for i in range(self.n):
                seen.setdefault(self._id(i), []).append(i)
            found = [(at[1], at[0], len(at)) for at in seen.values() if len(at) > 1]
        else:
            found = self._arrow_repeats()
        for second, first, count in sorted(found):
            yield self._id(first), self._where(first), self._where(second), count

    def _arrow_repeats(self) -> list[tuple[int, int, int]]:
        """``(second, first, n)`` of each repeated id, by Arrow's hash table."""
        import numpy as np
        import pyarrow as pa

        from geo.io.csv_table import arrow_call, arrow_compute, numpy_of

        binary = arrow_compute().CastOptions.safe(pa.binary())
        arrays = [
            p.arrow() if p.__class__ is _Blob else arrow_call("cast", p, options=binary)
            for p in self.parts
        ]
        whole = pa.concat_arrays(arrays)
        codes = numpy_of(arrow_call("dictionary_encode", whole).indices)
        del arrays, whole
        counts = np.bincount(codes)
        repeated = np.flatnonzero(counts > 1)
        if not len(repeated):
            return []
        order = np.argsort(codes, kind="stable")  # each id's places, in reading order
        at = (np.cumsum(counts) - counts)[repeated]
        return list(zip(order[at + 1].tolist(), order[at].tolist(),
                        counts[repeated].tolist(), strict=True))  # fmt: skip
