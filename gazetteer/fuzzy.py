"""Typo tolerance: a symmetric-deletion index (SymSpell's idea) in SQLite.

Each indexed key is filed under the hash of itself and of every string made by deleting
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
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Any

from gazetteer.normalize import is_latin_key

MIN_LENGTH = 4
MAX_LENGTH = 40
# Longest query we look at: longer ones cannot be a typo of an indexed key.
MAX_QUERY_LENGTH = MAX_LENGTH + 1
# Shorter queries are not guessed at: their one-deletion variants (3 letters) are shared by
# thousands of keys, so a probe costs milliseconds and finds noise.
MIN_QUERY_LENGTH = 5
# A variant shared by more keys than this says little; reading its whole run would cost
# more blocks than the rest of the probe.
MAX_RUN = 256
MASK64 = (1 << 64) - 1
P = 1_000_003  # odd multiplier of the polynomial hash
_POW = [pow(P, e, 1 << 64) for e in range(MAX_QUERY_LENGTH + 2)]
KID_MASK = 0xFFFFFFFF
BLOCK = 256  # packed values per stored block (2 KiB: one small read per probe)


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
    """The hash of the key and of each single deletion of it, sorted and deduplicated.

    A polynomial hash modulo 2**64 (top 31 bits kept, so that ``hash << 32 | kid`` fits
    SQLite's int64): unlike CRC-32 it can be computed for a million keys at once with
    numpy at build time (:func:`_packed_rows`), which gives the same values.
    """
    b = key.encode()
    n = len(b)
    # prefix[i] = sum of b[j] * P**(n-2-j) for j < i; suffix[i] = sum of b[j] * P**(n-1-j), j > i
    prefix = [0] * (n + 1)
    for i in range(1, n):
        prefix[i] = (prefix[i - 1] + b[i - 1] * _POW[n - 1 - i]) & MASK64
    suffix = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        suffix[i] = (suffix[i + 1] + b[i] * _POW[n - 1 - i]) & MASK64
    out = {((prefix[i] + suffix[i + 1]) & MASK64) >> 33 for i in range(n)}
    out.add(suffix[0] >> 33)
    return sorted(out)


def _packed_rows(keys: list[str]) -> Any:
    """numpy int64 array of ``hash << 32 | kid`` for every variant of every key (unsorted)."""
    import numpy as np

    by_length: dict[int, list[int]] = {}
    for kid, key in enumerate(keys):
        by_length.setdefault(len(key), []).append(kid)
    parts = []
    powers = np.array(_POW, dtype=np.uint64)
    for n, kids in sorted(by_length.items()):
        data = b"".join(keys[k].encode() for k in kids)
        chars = np.frombuffer(data, dtype=np.uint8).reshape(len(kids), n).astype(np.uint64)
        ids = np.array(kids, dtype=np.uint64)
        # Same sums as variant_hashes, one column at a time; uint64 wraps modulo 2**64.
        weighted = chars * powers[n - 1 :: -1][:n]  # b[j] * P**(n-1-j)
        total = weighted.sum(axis=1, dtype=np.uint64)
        suffix_after = total[:, None] - np.cumsum(weighted, axis=1, dtype=np.uint64)
        shifted = chars[:, : n - 1] * powers[n - 2 :: -1][: n - 1] if n > 1 else None
        prefix = np.zeros((len(kids), n), dtype=np.uint64)
        if shifted is not None:
            prefix[:, 1:] = np.cumsum(shifted, axis=1, dtype=np.uint64)
        deleted = (prefix + suffix_after) >> np.uint64(33)
        hashes = np.concatenate([deleted, (total >> np.uint64(33))[:, None]], axis=1)
        packed = (hashes << np.uint64(32)) | ids[:, None]
        parts.append(packed.ravel())
    if not parts:
        return np.zeros(0, dtype=np.int64)
    values = np.sort(np.concatenate(parts))
    # Sort and drop repeats by hand: np.unique hashes first, which is ten times slower here.
    keep = np.ones(len(values), dtype=bool)
    keep[1:] = values[1:] != values[:-1]
    return values[keep].astype(np.int64)


def write_index(conn: sqlite3.Connection, keys: Iterable[str]) -> int:
    """Write the typo index of the indexable keys into ``fkeys`` and ``dblocks``.

    Every (variant hash, key id) pair is packed into one int64, ``hash << 32 | kid``; the
    sorted array is stored in blocks of :data:`BLOCK` values, so that the build writes a
    few thousand rows instead of millions and a probe reads one small block and bisects it.
    Returns the number of keys indexed.
    """
    indexed = [key for key in keys if indexable(key)]
    conn.executemany("INSERT INTO fkeys VALUES (?, ?)", enumerate(indexed))
    values = _packed_rows(indexed)
    conn.executemany(
        "INSERT INTO dblocks VALUES (?, ?, ?)",
        (
            (n, int(values[i]), values[i : i + BLOCK].tobytes())
            for n, i in enumerate(range(0, len(values), BLOCK))
        ),
    )
    return len(indexed)


class FuzzyIndex:
    """Probes the typo index of one open index file.

    The first value of every block is read once (a few thousand ints, from the covering
    index ``dblocks_first``: a scan of the table would read every block); a probe then
    reads only the blocks that may hold its hash.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        firsts = conn.execute("SELECT first FROM dblocks ORDER BY block").fetchall()
        self.firsts = [f for (f,) in firsts]

    def _blocks(self, numbers: Iterable[int]) -> dict[int, memoryview]:
        wanted = sorted(set(numbers))
        marks = ",".join("?" * len(wanted))
        rows = self.conn.execute(
            f"SELECT block, data FROM dblocks WHERE block IN ({marks})", wanted
        ).fetchall()
        return {n: memoryview(data).cast("q") for n, data in rows}

    def key_ids(self, hashes: Iterable[int]) -> set[int]:
        """Ids of the keys that have a variant with one of these hashes."""
        found: set[int] = set()
        starts = [(h, max(0, bisect_right(self.firsts, h << 32) - 1)) for h in hashes]
        if not starts:
            return found
        # One query for the first block of every probe; a run that spills over into the
        # next block (rare) fetches that one on its own.
        blocks = self._blocks(n for _, n in starts)
        for h, number in starts:
            lo = h << 32
            run = 0
            while number < len(self.firsts) and run < MAX_RUN:
                if number not in blocks:
                    blocks.update(self._blocks([number]))
                block = blocks[number]
                i = bisect_left(block, lo)
                while i < len(block) and block[i] >> 32 == h:
                    found.add(block[i] & KID_MASK)
                    i += 1
                    run += 1
                if i < len(block):
                    break
                number += 1  # the run may go on in the next block
        return found

    def near_keys(
        self, query: str, limit: int = 50, *, deep: bool = False
    ) -> list[tuple[str, int]]:
        """Indexed keys within the allowed edit distance of a normalised query.

        ``deep`` also probes the variants of every single deletion of the query (two
        deletions in all) and allows one more edit: slower, for "did you mean".

        Returns
        -------
        list of (key, distance)
            Closest first, then alphabetically (deterministic); at most ``limit``.
        """
        if not MIN_QUERY_LENGTH <= len(query) <= MAX_QUERY_LENGTH or not is_latin_key(query):
            return []
        hashes = set(variant_hashes(query))
        if deep:
            for shorter in {query[:i] + query[i + 1 :] for i in range(len(query))}:
                hashes.update(variant_hashes(shorter))
        kids = sorted(self.key_ids(sorted(hashes)))
        if not kids:
            return []
        marks = ",".join("?" * len(kids))
        rows = self.conn.execute(f"SELECT key FROM fkeys WHERE kid IN ({marks})", kids)
        from rapidfuzz.distance import OSA

        allowed = max_distance(query) + (1 if deep else 0)
        found = []
        for (key,) in rows:
            d = OSA.distance(query, key, score_cutoff=allowed)
            if d <= allowed and key != query:
                found.append((key, d))
        found.sort(key=lambda kd: (kd[1], kd[0]))
        return found[:limit]
