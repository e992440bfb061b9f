"""``geo gazetteer import``: GeoNames dumps into the user's own index.

The user's index is a second SQLite file beside the embedded one (``user-gazetteer.sqlite``
in the cache folder); lookups read it first, so an imported place replaces the embedded
record with the same GeoNames id. An import is one transaction: a corrupt row anywhere
rolls the whole import back, and the index stays as it was.

- 19-column dumps (allCountries, cities500, XX) add or update places with all their names;
- alternateNamesV2 adds names to places already known (imported or embedded: an embedded
  place is copied into the user's index first); other ids are skipped;
- admin1CodesASCII adds the region names; a region not known yet is placed at the middle
  of its country's places with that admin1 code.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from gazetteer.index import INDEXES, IndexWriter, connect, create, user_index_path
from gazetteer.progress import Progress, progress
from gazetteer.records import PlaceRecord
from gazetteer.sources.geonames import (
    GeoNamesDump,
    detect_format,
    read_admin1_codes,
    read_alternate_names,
)
from geo.errors import CacheError, InputError

BATCH = 20000
T = TypeVar("T")


def _batches(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _ensure_file(path: Path) -> None:
    if path.is_file():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        conn = create(Path(tmp))
        conn.execute("INSERT INTO meta VALUES ('counts', '{}')")
        for statement in INDEXES.strip().split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.close()
        os.replace(tmp, path)
    except (OSError, sqlite3.Error) as exc:
        raise CacheError(f"cannot create {path}: {exc}") from exc


class _Importer:
    def __init__(self, conn: sqlite3.Connection, embedded: Sequence[Path]) -> None:
        self.conn = conn
        self.writer = IndexWriter(conn)
        self.embedded = [connect(p) for p in embedded]
        self.counts = {"places": 0, "names": 0, "regions": 0, "skipped": 0}

    def pids(self, ids: Sequence[str]) -> dict[str, int]:
        """pids of these place ids in the user's index, copying embedded places in."""
        marks = ",".join("?" * len(ids))
        sql = f"SELECT id, pid FROM places WHERE id IN ({marks})"
        found = dict(self.conn.execute(sql, ids).fetchall())
        missing = [i for i in ids if i not in found]
        for emb in self.embedded:
            if not missing:
                break
            cols = "id, name, lat, lon, cc, kind, population, source, admin1, fcode, cell, raw"
            marks = ",".join("?" * len(missing))
            for row in emb.execute(f"SELECT {cols} FROM places WHERE id IN ({marks})", missing):
                pid = self.writer.next_pid
                self.writer.next_pid += 1
                self.conn.execute(f"INSERT INTO places VALUES ({','.join('?' * 13)})", (pid, *row))
                found[row[0]] = pid
            missing = [i for i in missing if i not in found]
        return found

    def geonames(self, path: Path, bar: Progress) -> None:
        for batch in _batches(GeoNamesDump(path, bar.update).records()):
            known = self.pids([r.id for r in batch])
            for record in batch:
                pid = known.get(record.id)
                if pid is None:
                    self.writer.add(record)
                else:
                    self._update(pid, record)
                    self.writer.add(record, pid=pid)
                self.counts["places"] += 1
            self.writer.flush()

    def _update(self, pid: int, r: PlaceRecord) -> None:
        from gazetteer.index import cell_of

        self.conn.execute(
            "UPDATE places SET name=?, lat=?, lon=?, cc=?, kind=?, population=?, source=?, "
            "admin1=?, fcode=?, cell=? WHERE pid=?",
            (
                r.name,
                r.lat,
                r.lon,
                r.country_code,
                r.kind,
                r.population,
                r.source,
                r.admin1,
                r.feature_code,
                cell_of(r.lat, r.lon),
                pid,
            ),
        )

    def alternates(self, path: Path, bar: Progress) -> None:
        for batch in _batches(read_alternate_names(path, bar.update)):
            known = self.pids(sorted({f"geonames:{a.geonameid}" for a in batch}))
            for alt in batch:
                pid = known.get(f"geonames:{alt.geonameid}")
                if pid is None:
                    self.counts["skipped"] += 1
                    continue
                self.writer.add_name(pid, alt.name, 2 if alt.is_code else 1)
                self.counts["names"] += 1
            self.writer.flush()

    def admin1(self, path: Path, bar: Progress) -> None:
        from gazetteer.sources.packaged import trimmed_middle

        for batch in _batches(read_admin1_codes(path, bar.update)):
            known = self.pids([f"geonames:{a.geonameid}" for a in batch])
            for a in batch:
                pid = known.get(f"geonames:{a.geonameid}")
                if pid is None:
                    points = self._points(a.country_code, a.admin1)
                    if not points:
                        self.counts["skipped"] += 1
                        continue
                    lat, lon = trimmed_middle(points)
                    record = PlaceRecord(
                        id=f"geonames:{a.geonameid}",
                        name=a.name,
                        lat=lat,
                        lon=lon,
                        country_code=a.country_code,
                        kind="region",
                        population=None,
                        source="geonames dump",
                        admin1=a.admin1,
                        feature_code="ADM1",
                        raw={
                            "code": f"{a.country_code}.{a.admin1}",
                            "placed_at": "middle of its places",
                        },
                    )
                    pid = self.writer.add(record)
                else:
                    self.conn.execute(
                        "UPDATE places SET kind='region', admin1=? WHERE pid=?", (a.admin1, pid)
                    )
                self.writer.add_name(pid, a.name, 0)
                self.writer.add_name(pid, a.ascii_name, 1)
                self.counts["regions"] += 1
            self.writer.flush()

    def _points(self, cc: str, admin1: str) -> list[tuple[float, float]]:
        sql = "SELECT lat, lon FROM places WHERE cc = ? AND admin1 = ? AND kind = 'city'"
        points: list[tuple[float, float]] = []
        for conn in (self.conn, *self.embedded):
            points.extend(conn.execute(sql, (cc, admin1)).fetchall())
        return points


def import_files(
    files: Sequence[Path | str],
    *,
    target: Path | None = None,
    embedded: Sequence[Path] = (),
    show_progress: bool | None = None,
) -> dict[str, Any]:
    """Import GeoNames dump files into the user's index, all or nothing.

    Parameters
    ----------
    files : sequence of paths
        allCountries.txt / cities*.txt / XX.txt, alternateNamesV2.txt, admin1CodesASCII.txt
        (or their .zip), in any order; places are imported before names that refer to them.
    target : Path, optional
        The user's index file; :func:`user_index_path` by default.
    embedded : sequence of Path
        Embedded indexes whose places alternate names and regions may refer to.
    show_progress : bool, optional
        Progress bar on stderr; by default when stderr is a terminal.

    Returns
    -------
    dict
        Counts: places, names, regions, skipped (rows about places not known), and the path.
    """
    paths = [Path(f) for f in files]
    for p in paths:
        if not p.is_file():
            raise InputError("no such file", file=str(p))
    order = {"geoname": 0, "alternate": 1, "admin1": 2}
    jobs = sorted(((order[detect_format(p)], i, p) for i, p in enumerate(paths)))
    target = target or user_index_path()
    _ensure_file(target)
    conn = connect(target, write=True)
    try:
        importer = _Importer(conn, embedded)
        conn.execute("BEGIN")
        with progress(show_progress) as bar:
            for kind, _, path in jobs:
                bar.step(f"importing {path.name}", total=max(1, path.stat().st_size))
                (importer.geonames, importer.alternates, importer.admin1)[kind](path, bar)
            bar.step("typo index of main names")
            _refresh_fuzzy(conn)
        counts = dict(conn.execute("SELECT source, COUNT(*) FROM places GROUP BY source"))
        meta = {
            "counts": json.dumps(counts, sort_keys=True),
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return {**importer.counts, "path": str(target)}


def _refresh_fuzzy(conn: sqlite3.Connection) -> None:
    """Rebuild the typo index of the user's index over its places' main names."""
    from gazetteer.fuzzy import write_index

    conn.execute("DELETE FROM fkeys")
    conn.execute("DELETE FROM dblocks")
    keys = conn.execute("SELECT DISTINCT key FROM names WHERE how = 0 ORDER BY key")
    write_index(conn, (k for (k,) in keys))
