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


class IdIndex:
    """Record ids of one kind, to find the repeated ones after reading.

    Each id costs a hash (8 bytes), a line (4), where its bytes end (4) and its UTF-8
    bytes; the hash only groups candidates, which are then compared by their bytes, so a
    hash collision never makes two different ids a repeat.
    """

    BLOB = 4 << 20  # bytes of ids per blob chunk (an id never spans two)

    def __init__(self) -> None:
        self.hashes = Column("q")
        self.lines = Column("I")  # 4 bytes: a file of 4 billion lines is not read here
        self.ends = Column("I")  # where each id's bytes end in its blob chunk
        self.blobs: list[bytearray] = [bytearray()]
        self.blob_starts = [0]  # index of the first id of each blob chunk
        self.files: list[str] = []
        self.starts: list[int] = []  # index of the first id of each run of one file

    def __len__(self) -> int:
        return len(self.hashes)

    def add(self, rid: str, file: str, line: int) -> None:
        n = len(self.hashes)
        if not self.files or self.files[-1] != file:
            self.files.append(file)
            self.starts.append(n)
        data = rid.encode("utf-8", "surrogatepass")
        blob = self.blobs[-1]
        if len(blob) + len(data) > self.BLOB and blob:
            blob = bytearray()
            self.blobs.append(blob)
            self.blob_starts.append(n)
        blob += data
        self.hashes.append(hash(rid))
        self.lines.append(line)
        self.ends.append(len(blob))

    def extend(self, rids: list[str], file: str, lines: Any) -> None:
        """:meth:`add` of each id of ``rids``, on its line of ``lines`` (a numpy array)."""
        import numpy as np

        if not rids:
            return
        n = len(self.hashes)
        if not self.files or self.files[-1] != file:
            self.files.append(file)
            self.starts.append(n)
        self.hashes.extend(np.fromiter(map(hash, rids), dtype=np.int64, count=len(rids)))
        self.lines.extend(lines)
        data = [r.encode("utf-8", "surrogatepass") for r in rids]
        ends = np.cumsum(np.fromiter(map(len, data), dtype=np.int64, count=len(data)))
        i = 0
        while i < len(data):
            blob = self.blobs[-1]
            base = int(ends[i - 1]) if i else 0
            # as add(): the ids that fit in this blob chunk; a new chunk when none does
            k = int(np.searchsorted(ends[i:], base + self.BLOB - len(blob), side="right"))
            if k == 0 and blob:
                self.blobs.append(bytearray())
                self.blob_starts.append(n + i)
                continue
            k = max(k, 1)
            start = len(blob)
            blob += b"".join(data[i : i + k])
            self.ends.extend(ends[i : i + k] - base + start)
            i += k

    def _id(self, i: int) -> str:
        chunk = bisect.bisect_right(self.blob_starts, i) - 1
        start = self.ends[i - 1] if i > self.blob_starts[chunk] else 0
        return self.blobs[chunk][start : self.ends[i]].decode("utf-8", "surrogatepass")

    def _where(self, i: int) -> tuple[str, int]:
        return self.files[bisect.bisect_right(self.starts, i) - 1], self.lines[i]

    def repeats(self) -> Iterator[tuple[str, tuple[str, int], tuple[str, int], int]]:
        """``(id, first, second, n)`` per repeated id, in reading order of the repeat:
        where it was first given, where again, and how many records give it in all."""
        if len(self.hashes) < 2:
            return
        import numpy as np  # only once there are ids to compare

        h = self.hashes.numpy()
        ranked = np.sort(h)
        repeated = np.unique(ranked[1:][ranked[1:] == ranked[:-1]])  # hashes given twice
        del ranked
        if not len(repeated):
            return
        candidates = np.flatnonzero(np.isin(h, repeated))
        del h
        first: dict[str, int] = {}
        again: dict[str, list[int]] = {}
        for i in candidates.tolist():  # ascending: reading order
            rid = self._id(i)
            if rid in first:
                again.setdefault(rid, []).append(i)
            else:
                first[rid] = i
        for rid, later in sorted(again.items(), key=lambda kv: kv[1][0]):
            yield rid, self._where(first[rid]), self._where(later[0]), len(later) + 1
