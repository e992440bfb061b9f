"""The packed name table: exact-name retrieval without SQL, for built indexes.

An exact or alternate name is the most frequent query. Through SQLite it costs a join of
``names`` and ``places`` and a dozen column conversions, about 12 microseconds a call;
here it is a hash probe and one slice of a memory-mapped file, two or three.

A built index ``gazetteer-<fp>.sqlite`` gets a file ``gazetteer-<fp>.hits`` beside it,
written by the build from its finished tables and put in place before it:

- a header: magic, number of keys, number of slots (a power of two, at least twice the
  keys), size of the text, size of the meta text;
- the meta text: the index's fingerprint, RS, the source names joined by US;
- the slots: little-endian uint32 pairs (offset into the text, length; length 0 for an
  empty slot), a key at slot ``crc32(key) mod slots`` or, taken, the next free one;
- the text, UTF-8, one entry per key in key order: the key, GS, then the key's hits
  joined by RS. A hit is the ``how`` of the name (0 name, 1 alternate, 2 code), the name
  form (empty when it is the place's own name) and the place's :data:`PLACE_FIELDS` (the
  source as its number in the meta text), joined by US. A place named by several keys is
  written under each: one read per lookup, not two.

A probe costs a CRC and, nine times in ten, one slot: a random key in a trie (marisa)
costs five times more, in cache misses. The file is mapped with its pages populated at
open (see :func:`_map`). SQLite remains the complete store (prefix search, typo index,
grid, source records); the user's import index, written in place, has no packed table
and is read through SQLite.
"""

from __future__ import annotations

import mmap
import sqlite3
import struct
import sys
from array import array
from collections.abc import Iterable
from pathlib import Path
from zlib import crc32

from gazetteer.records import Match, PlaceRecord
from geo.errors import CacheError

MAGIC = b"GEOHITS2"
US, RS, GS = "\x1f", "\x1e", "\x1d"  # ASCII separators: never part of a place name
PLACE_FIELDS = (
    "id",
    "name",
    "lat",
    "lon",
    "cc",
    "kind",
    "population",
    "source",
    "admin1",
    "fcode",
)
HOW_NAMES = ("name", "alternate", "code")  # the ``how`` column of the names table
_HEADER = struct.Struct("<8sQQQQ")  # magic, keys, slots, text bytes, meta bytes
_SLOT = struct.Struct("<II")
_CLEAN = str.maketrans({US: " ", RS: " "})


def _map(fileno: int) -> mmap.mmap:
    """A read-only map of the whole file, its pages mapped now where the OS allows it.

    Mapping every page up front (MAP_POPULATE) costs a few milliseconds at open when the
    file is in the OS cache. Left to page faults, most first lookups of a process pay for
    one, and on the benchmark machine (a virtual machine) the first touch of a page cost
    19 microseconds on average, twice the whole budget of a lookup (BENCHMARKS.md).
    """
    populate = getattr(mmap, "MAP_POPULATE", 0)
    if populate and hasattr(mmap, "MAP_SHARED"):
        return mmap.mmap(fileno, 0, flags=mmap.MAP_SHARED | populate, prot=mmap.PROT_READ)
    return mmap.mmap(fileno, 0, access=mmap.ACCESS_READ)


def packed_path(index: Path) -> Path:
    """The packed name table that belongs to an index file."""
    return index.with_suffix(".hits")


def _clean(column: str) -> str:
    """SQL for a text column with the separators made spaces (no place name holds them)."""
    return f"replace(replace({column}, char(31), ' '), char(30), ' ')"


def write_packed(
    conn: sqlite3.Connection,
    path: Path,
    fp: str,
    names: Iterable[tuple[str, int, int, str]] | None = None,
) -> None:
    """Write the packed table of a finished index (``fp``: its fingerprint).

    ``names``: the rows of its ``names`` table, ``(key, pid, how, form)`` in table order,
    when the caller holds them (a build does); else they are read from the table.

    Raises
    ------
    CacheError
        The index's place numbers are not 1..n (only a fresh build's are), or its text
        passes 4 GiB.
    """
    sources = [s for (s,) in conn.execute("SELECT DISTINCT source FROM places ORDER BY source")]
    number = {s: str(i) for i, s in enumerate(sources)}  # a number: a tenth of the bytes
    own = [""]  # names by pid, like places; pids of a fresh build run 1..n
    places = [""]
    rows = conn.execute(
        f"SELECT pid, {_clean('id')}, {_clean('name')}, lat, lon, {_clean('cc')}, "
        f"{_clean('kind')}, population, source, {_clean('admin1')}, {_clean('fcode')} "
        "FROM places ORDER BY pid"
    )
    for pid, ident, name, lat, lon, cc, kind, pop, src, admin1, fcode in rows:
        if pid != len(places):
            raise CacheError(f"place number {pid} out of sequence: cannot pack the names")
        own.append(name)
        places.append(
            f"{ident}{US}{name}{US}{lat!r}{US}{lon!r}{US}{cc}{US}{kind}{US}"
            f"{'' if pop is None else pop}{US}{number[src]}{US}{admin1}{US}{fcode}"
        )
    entries: list[bytes] = []
    # The table is clustered on (key, pid): rows come grouped by key, pids in order. A form
    # that is the place's own name is left empty: most are.
    held = ""
    hits: list[str] = []
    if names is None:
        names = conn.execute("SELECT key, pid, how, form FROM names")
    for key, pid, how, form in names:
        if US in form or RS in form:
            form = form.translate(_CLEAN)
        if key != held:
            if hits:
                entries.append(f"{held}{GS}{RS.join(hits)}".encode())
            held, hits = key, []
        hits.append(f"{how}{US}{'' if form == own[pid] else form}{US}{places[pid]}")
    if hits:
        entries.append(f"{held}{GS}{RS.join(hits)}".encode())
    del own, places
    slots = 1 << max(4, (2 * len(entries) - 1).bit_length())
    mask = slots - 1
    table = array("I", bytes(8 * slots))  # 4-byte items on every platform CPython runs on
    offset = 0
    for entry in entries:
        i = crc32(entry[: entry.index(b"\x1d")]) & mask
        while table[2 * i + 1]:
            i = (i + 1) & mask
        table[2 * i] = offset
        table[2 * i + 1] = len(entry)
        offset += len(entry)
    if offset >= 1 << 32:
        raise CacheError(f"packed names of {offset} bytes: more than 4 GiB")
    if sys.byteorder == "big":
        table.byteswap()  # the file is little-endian everywhere
    meta = RS.join([fp, US.join(sources)]).encode()
    with path.open("wb") as f:
        f.write(_HEADER.pack(MAGIC, len(entries), slots, offset, len(meta)))
        f.write(meta)
        f.write(table.tobytes())
        f.writelines(entries)


class PackedNames:
    """Read access to the packed table of one built index.

    Raises
    ------
    CacheError
        The file is missing, truncated or belongs to another index.
    """

    def __init__(self, path: Path, fp: str) -> None:
        try:
            with path.open("rb") as f:
                self._mm = _map(f.fileno())
        except (OSError, ValueError) as exc:
            raise CacheError(f"{path}: cannot open the packed names ({exc})") from exc
        magic, keys, slots, size, meta_len = b"", 0, 0, 0, 0
        if len(self._mm) >= _HEADER.size:
            magic, keys, slots, size, meta_len = _HEADER.unpack_from(self._mm, 0)
        self._slots = _HEADER.size + meta_len
        self._text = self._slots + _SLOT.size * slots
        stored, _, sources = bytes(self._mm[_HEADER.size : self._slots]).partition(b"\x1e")
        if magic != MAGIC or stored != fp.encode() or slots & (slots - 1) or keys >= slots:
            self.close()
            raise CacheError(f"{path}: not the packed names of this index")
        if len(self._mm) != self._text + size:
            self.close()
            raise CacheError(f"{path}: truncated packed names")
        self._mask = slots - 1
        self._sources = tuple(sources.decode().split(US))
        self.keys = keys

    def _entry(self, key: str) -> str | None:
        """The hits text of a key, or None."""
        head = f"{key}{GS}".encode()
        mm, at = self._mm, self._text
        i = crc32(head[:-1]) & self._mask
        while True:
            offset, length = _SLOT.unpack_from(mm, self._slots + 8 * i)
            if not length:
                return None
            start = at + offset
            if mm[start : start + len(head)] == head:
                return mm[start + len(head) : start + length].decode()
            i = (i + 1) & self._mask

    def matches(self, key: str, how: str | None, distance: int, query: str) -> list[Match]:
        """Every place the key names, as matches of ``query`` (empty when none).

        ``how`` overrides how each place's name matched ("fuzzy" for a near key).
        """
        text = self._entry(key)
        if text is None:
            return []
        sources = self._sources
        out = []
        for hit in text.split(RS):
            h, form, ident, name, lat, lon, cc, kind, pop, src, admin1, fcode = hit.split(US)
            record = PlaceRecord(
                ident, name, float(lat), float(lon), cc, kind, int(pop) if pop else None,
                sources[int(src)], admin1, fcode,
            )  # fmt: skip
            m = Match(record, query, form or name, how or HOW_NAMES[int(h)], distance)  # type: ignore[arg-type]
            out.append(m)
        return out

    def close(self) -> None:
        """Release the memory map."""
        mm = getattr(self, "_mm", None)
        if mm is not None and not mm.closed:
            mm.close()
