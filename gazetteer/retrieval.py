"""Exact-key retrieval from the two stores of a built index: the packed name table and
SQLite (the user's import index, or a build whose packed table is missing)."""

from __future__ import annotations

import sqlite3

from gazetteer.index import HOW_NAMES, PLACE_COLUMNS, place_record
from gazetteer.packed import PackedNames
from gazetteer.records import Match

MAX_MATCHES = 300  # places retrieved per key, most populous first

# No ORDER BY: SQLite would sort through a temporary b-tree on every call (a third of the
# query's cost); the rare key with more than MAX_MATCHES places is cut in Python.
_EXACT = (
    f"SELECT n.form, n.how, {PLACE_COLUMNS} FROM names n JOIN places p ON p.pid = n.pid "
    "WHERE n.key = ?"
)


def packed_matches(
    packed: PackedNames, key: str, how: str | None, distance: int, query: str
) -> list[Match]:
    found = packed.matches(key, how, distance, query)
    if len(found) > MAX_MATCHES:  # a key such as "san jose" names hundreds of places
        found.sort(key=lambda m: (-(m.record.population or 0), m.record.id))
        del found[MAX_MATCHES:]
    return found


def sql_matches(
    conn: sqlite3.Connection, key: str, how: str | None, distance: int, query: str
) -> list[Match]:
    rows = conn.execute(_EXACT, (key,)).fetchall()
    if len(rows) > MAX_MATCHES:
        rows.sort(key=lambda r: (-(r[8] or 0), r[2]))
        del rows[MAX_MATCHES:]
    return [
        Match(place_record(row[2:]), query, row[0], how or HOW_NAMES[row[1]], distance)  # type: ignore[arg-type]
        for row in rows
    ]
