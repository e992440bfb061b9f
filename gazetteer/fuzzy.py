"""Typo tolerance: a symmetric-deletion index (SymSpell's idea) in SQLite.

Each indexed key is filed under the CRC-32 of itself and of every string made by deleting
one of its characters. A query looks up the same variants of itself: two strings share a
variant when they differ by one insertion, deletion, substitution or swap of neighbours
(``Sabartha``/``Sabratha``, ``Benghazy``/``Benghazi``). A handful of index probes replace a
scan over a million names; rapidfuzz then measures the true distance of the few keys found,
which also discards CRC collisions.

Only keys in Latin script, 4 to 40 characters long, are indexed: shorter ones have too many
neighbours to be useful, and typos of other scripts are rare in the reports geo reads.
"""

from __future__ import annotations

import sqlite3
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from zlib import crc32

from gazetteer.normalize import is_latin_key

MIN_LENGTH = 4
MAX_LENGTH = 40
# Longest query we look at: longer ones cannot be a typo of an indexed key.
MAX_QUERY_LENGTH = MAX_LENGTH + 1
HASH_MASK = 0x7FFFFFFF
KID_MASK = 0xFFFFFFFF
BLOCK = 2048  # packed values per stored block (16 KiB)


def indexable(key: str) -> bool:
    """Whether the typo index holds this key."""
    return MIN_LENGTH <= len(key) <= MAX_LENGTH and is_latin_key(key)


def max_distance(key: str) -> int:
    """Edits allowed between a query and a key: 1, or 2 for long names."""
    return 2 if len(key) >= 9 else 1


def variants(key: str) -> set[str]:
    """The key itself and every single-character deletion of it."""
    out = {key[:i] + key[i + 1 :] for i in range(len(key))}
    out.add(key)
    return out


def variant_hashes(key: str) -> list[int]:
    """31-bit CRC-32 of each variant, sorted (31 bits keep packed rows in SQLite's int64)."""
    b = key.encode()
    hashes = {crc32(b[:i] + b[i + 1 :]) & HASH_MASK for i in range(len(b))}
    hashes.add(crc32(b) & HASH_MASK)
    return sorted(hashes)


def write_index(conn: sqlite3.Connection, keys: Iterable[str]) -> int:
    """Write the typo index of the indexable keys into ``fkeys`` and ``dblocks``.

    Every (variant hash, key id) pair is packed into one int64, ``hash << 32 | kid``; the
    sorted array is stored in blocks of :data:`BLOCK` values, so that the build writes a
    few thousand rows instead of millions and a probe reads one block and bisects it.
    Returns the number of keys indexed.
    """
    import numpy as np

    packed = array("q")
    rows = []
    for key in keys:
        if indexable(key):
            kid = len(rows)
            rows.append((kid, key))
            packed.extend(h << 32 | kid for h in variant_hashes(key))
    conn.executemany("INSERT INTO fkeys VALUES (?, ?)", rows)
    values = np.sort(np.frombuffer(packed, dtype=np.int64))
    conn.executemany(
        "INSERT INTO dblocks VALUES (?, ?, ?)",
        (
            (n, int(values[i]), values[i : i + BLOCK].tobytes())
            for n, i in enumerate(range(0, len(values), BLOCK))
        ),
    )
    return len(rows)


class FuzzyIndex:
    """Probes the typo index of one open index file.

    The first value of every block is read once (a few thousand ints); a probe then reads
    only the blocks that may hold its hash.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        firsts = conn.execute("SELECT first FROM dblocks ORDER BY block").fetchall()
        self.firsts = [f for (f,) in firsts]

    def _block(self, number: int) -> array[int]:
        row = self.conn.execute("SELECT data FROM dblocks WHERE block = ?", (number,)).fetchone()
        block = array("q")
        block.frombytes(row[0])
        return block

    def key_ids(self, hashes: Iterable[int]) -> set[int]:
        """Ids of the keys that have a variant with one of these hashes."""
        found: set[int] = set()
        for h in hashes:
            lo = h << 32
            number = max(0, bisect_right(self.firsts, lo) - 1)
            while number < len(self.firsts):
                block = self._block(number)
                i = bisect_left(block, lo)
                while i < len(block) and block[i] >> 32 == h:
                    found.add(block[i] & KID_MASK)
                    i += 1
                if i < len(block):
                    break
                number += 1  # the run may go on in the next block
        return found

    def near_keys(self, query: str, limit: int = 50) -> list[tuple[str, int]]:
        """Indexed keys within the allowed edit distance of a normalised query.

        Returns
        -------
        list of (key, distance)
            Closest first, then alphabetically (deterministic); at most ``limit``.
        """
        if not MIN_LENGTH - 1 <= len(query) <= MAX_QUERY_LENGTH or not is_latin_key(query):
            return []
        kids = sorted(self.key_ids(variant_hashes(query)))
        if not kids:
            return []
        marks = ",".join("?" * len(kids))
        rows = self.conn.execute(f"SELECT key FROM fkeys WHERE kid IN ({marks})", kids)
        from rapidfuzz.distance import OSA

        allowed = max_distance(query)
        found = []
        for (key,) in rows:
            d = OSA.distance(query, key, score_cutoff=allowed)
            if d <= allowed and key != query:
                found.append((key, d))
        found.sort(key=lambda kd: (kd[1], kd[0]))
        return found[:limit]
