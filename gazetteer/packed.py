"""The packed name table: exact-name retrieval without SQL, for built indexes.

An exact or alternate name is the most frequent query. Through SQLite it costs a join of
``names`` and ``places`` and a dozen column conversions, about 12 microseconds a call;
here it is a trie lookup and one slice of a memory-mapped file, about 3.

A built index ``gazetteer-<fp>.sqlite`` gets two files beside it, written by the build
from its finished tables and put in place before it:

- ``gazetteer-<fp>.keys``: a marisa trie of every name key; it numbers the keys 0..n-1;
- ``gazetteer-<fp>.hits``: a header (magic, number of keys, size of the text, size of
  the meta text), the meta text (the index's fingerprint, RS, the source names joined by
  US), n+1 little-endian uint64 offsets into the text by key number, then the text: for
  each key, in UTF-8, its hits joined by RS; a hit is the ``how`` of the name (0 name,
  1 alternate, 2 code), the name form (empty when it is the place's own name) and the
  place's :data:`PLACE_FIELDS` (the source as its number in the meta text), joined by US.
  A place named by several keys is written under each: one read per lookup, not two.

The trie is memory-mapped; the hits file is mapped with its pages populated at open (see
:func:`_map`). SQLite remains the complete store (typo index, grid, source records); the
user's import index, written in place, has no packed table and is read through SQLite.
"""

from __future__ import annotations

import mmap
import sqlite3
import struct
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from gazetteer.records import Match, PlaceRecord
from geo.errors import CacheError

MAGIC = b"GEOHITS1"
US, RS = "\x1f", "\x1e"  # ASCII unit and record separators: never part of a place name
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
_HEADER = struct.Struct("<8sQQQ")  # magic, keys, text bytes, fingerprint bytes
HOW_NAMES = ("name", "alternate", "code")  # the ``how`` column of the names table
_PAIR = struct.Struct("<QQ")
_CLEAN = str.maketrans({US: " ", RS: " "})
_SOURCE = PLACE_FIELDS.index("source")


def _map(fileno: int) -> mmap.mmap:
    """A read-only map of the whole file, its pages mapped now where the OS allows it.

    Mapping every page up front (MAP_POPULATE) costs a few milliseconds at open when the
    file is in the OS cache. Left to page faults, most first lookups of a process pay one,
    and on the benchmark machine (a virtual machine) a fault cost 19 microseconds on
    average, twice the whole budget of a lookup (BENCHMARKS.md).
    """
    populate = getattr(mmap, "MAP_POPULATE", 0)
    if populate and hasattr(mmap, "MAP_SHARED"):
        return mmap.mmap(fileno, 0, flags=mmap.MAP_SHARED | populate, prot=mmap.PROT_READ)
    return mmap.mmap(fileno, 0, access=mmap.ACCESS_READ)


def sidecars(index: Path) -> tuple[Path, Path]:
    """The trie and hits files that belong to an index file."""
    return index.with_suffix(".keys"), index.with_suffix(".hits")


def _clean(column: str) -> str:
    """SQL for a text column with the separators made spaces (no place name holds them)."""
    return f"replace(replace({column}, char(31), ' '), char(30), ' ')"


def write_packed(
    conn: sqlite3.Connection,
    keys_path: Path,
    hits_path: Path,
    fp: str,
    names: Iterable[tuple[str, int, int, str]] | None = None,
) -> None:
    """Write the packed table of a finished index (``fp``: its fingerprint).

    ``names``: the rows of its ``names`` table, ``(key, pid, how, form)`` in table order,
    when the caller holds them (a build does); else they are read from the table.

    Raises
    ------
    CacheError
        The index's place numbers are not 1..n (only a fresh build's are).
    """
    import marisa_trie

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
    keys: list[str] = []
    texts: list[bytes] = []
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
                texts.append(RS.join(hits).encode())
            keys.append(key)
            held, hits = key, []
        hits.append(f"{how}{US}{'' if form == own[pid] else form}{US}{places[pid]}")
    if hits:
        texts.append(RS.join(hits).encode())
    del own, places
    trie = marisa_trie.Trie(keys)
    by_number: list[bytes] = [b""] * len(keys)
    for key, text in zip(keys, texts, strict=True):
        by_number[trie[key]] = text
    del keys, texts
    offsets = [0] * (len(by_number) + 1)
    total = 0
    for i, text in enumerate(by_number):
        total += len(text)
        offsets[i + 1] = total
    meta = RS.join([fp, US.join(sources)]).encode()
    with hits_path.open("wb") as f:
        f.write(_HEADER.pack(MAGIC, len(by_number), total, len(meta)))
        f.write(meta)
        f.write(struct.pack(f"<{len(offsets)}Q", *offsets))
        f.writelines(by_number)
    trie.save(str(keys_path))


class PackedNames:
    """Read access to the packed table of one built index.

    Raises
    ------
    CacheError
        The files are missing, truncated or belong to another index.
    """

    def __init__(self, keys_path: Path, hits_path: Path, fp: str) -> None:
        import marisa_trie

        try:
            self._trie = marisa_trie.Trie()
            self._trie.mmap(str(keys_path))
            with hits_path.open("rb") as f:
                self._mm = _map(f.fileno())
        except (OSError, ValueError, RuntimeError) as exc:  # marisa: RuntimeError
            raise CacheError(f"{hits_path}: cannot open the packed names ({exc})") from exc
        magic, n_keys, size, meta_len = b"", 0, 0, 0
        if len(self._mm) >= _HEADER.size:
            magic, n_keys, size, meta_len = _HEADER.unpack_from(self._mm, 0)
        self._offsets = _HEADER.size + meta_len
        self._text = self._offsets + 8 * (n_keys + 1)
        stored, _, sources = bytes(self._mm[_HEADER.size : self._offsets]).partition(b"\x1e")
        if magic != MAGIC or stored != fp.encode() or n_keys != len(self._trie):
            self.close()
            raise CacheError(f"{hits_path}: not the packed names of this index")
        self._sources = tuple(sources.decode().split(US))
        if len(self._mm) != self._text + size:
            self.close()
            raise CacheError(f"{hits_path}: truncated packed names")

    def matches(self, key: str, how: str | None, distance: int, query: str) -> list[Match]:
        """Every place the key names, as matches of ``query`` (empty when none).

        ``how`` overrides how each place's name matched ("fuzzy" for a near key).
        """
        number = self._trie.get(key)
        if number is None:
            return []
        start, end = _PAIR.unpack_from(self._mm, self._offsets + 8 * number)
        at, sources = self._text, self._sources
        out = []
        for hit in self._mm[at + start : at + end].decode().split(RS):
            h, form, ident, name, lat, lon, cc, kind, pop, src, admin1, fcode = hit.split(US)
            record = PlaceRecord(
                ident, name, float(lat), float(lon), cc, kind, int(pop) if pop else None,
                sources[int(src)], admin1, fcode,
            )  # fmt: skip
            m = Match(record, query, form or name, how or HOW_NAMES[int(h)], distance)  # type: ignore[arg-type]
            out.append(m)
        return out

    def keys(self, prefix: str, limit: int) -> list[str]:
        """At most ``limit`` keys that start with ``prefix``, in the trie's order."""
        found: Iterator[str] = self._trie.iterkeys(prefix)
        return sorted(islice(found, limit))

    def close(self) -> None:
        """Release the memory maps."""
        mm = getattr(self, "_mm", None)
        if mm is not None and not mm.closed:
            mm.close()
