"""The SQLite name index: its schema, its build, and where it is cached.

Tables:

- ``places``: one row per place; ``cell`` is a 1-degree grid cell for reverse/near;
- ``names``: ``(key, pid)`` -> the name form and how it names the place (0 name,
  1 alternate, 2 code); ``key`` is :func:`gazetteer.normalize.normalize` of the form;
- ``fkeys`` and ``dblocks``: the typo index of :mod:`gazetteer.fuzzy`;
- ``meta``: fingerprint, schema version, counts, build time.

The embedded index is built once from :func:`gazetteer.sources.default_sources` into the
user's cache folder (``GEO_CACHE_DIR`` overrides it), under a name that holds the
fingerprint of its inputs: new package data, a changed overlay or new normalisation code
give a new file. Builds write a temporary file in the same folder and ``os.replace`` it, so
no reader ever sees half an index.
"""

from __future__ import annotations

import hashlib
import math
import os
import sqlite3
import time
from collections.abc import Iterable, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any

from gazetteer.cache import cache_dir, private_fallback, prune, writable
from gazetteer.fuzzy import write_index
from gazetteer.normalize import normalize
from gazetteer.packed import packed_path, write_packed
from gazetteer.progress import Progress, build_done, build_started, progress, say
from gazetteer.records import PlaceRecord
from gazetteer.sources.base import Source
from geo.errors import CacheError

SCHEMA_VERSION = 1
USER_INDEX = "user-gazetteer.sqlite"
HOW_CODES = {"name": 0, "alternate": 1, "code": 2}
HOW_NAMES = ("name", "alternate", "code")
# Forms longer than this are descriptions, not names; they would only bloat the index.
MAX_FORM_LENGTH = 200
# Modules whose code decides the index content: a change to them means a rebuild.
CODE_FILES = (
    "normalize.py",
    "candidate.py",
    "records.py",
    "fuzzy.py",
    "index.py",
    "packed.py",
    "sources/packaged.py",
    "sources/counties.py",
    "sources/regions.py",
    "sources/aliases.py",
    "sources/macroregions.py",
    "sources/tables.py",
)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    pid INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, cc TEXT NOT NULL, kind TEXT NOT NULL,
    population INTEGER, source TEXT NOT NULL, admin1 TEXT NOT NULL, fcode TEXT NOT NULL,
    cell INTEGER NOT NULL, raw TEXT NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL, pid INTEGER NOT NULL, form TEXT NOT NULL, how INTEGER NOT NULL,
    PRIMARY KEY (key, pid)
) WITHOUT ROWID;
CREATE TABLE fkeys (kid INTEGER PRIMARY KEY, key TEXT NOT NULL);
CREATE TABLE dblocks (block INTEGER PRIMARY KEY, first INTEGER NOT NULL, data BLOB NOT NULL);
"""
INDEXES = """
CREATE UNIQUE INDEX places_id ON places (id);
CREATE INDEX places_cell ON places (cell);
CREATE INDEX dblocks_first ON dblocks (block, first);
"""

# The columns of a place that lookups read, in the order place_record() takes them.
PLACE_COLUMNS = (
    "p.id, p.name, p.lat, p.lon, p.cc, p.kind, p.population, p.source, p.admin1, p.fcode"
)


def place_record(row: Sequence[Any]) -> PlaceRecord:
    """The record of a row that selected :data:`PLACE_COLUMNS`."""
    return PlaceRecord(
        id=row[0],
        name=row[1],
        lat=row[2],
        lon=row[3],
        country_code=row[4],
        kind=row[5],
        population=row[6],
        source=row[7],
        admin1=row[8],
        feature_code=row[9],
    )  # no source record: a candidate reads it when asked (Candidate.raw)


def cell_of(lat: float, lon: float) -> int:
    """The 1-degree grid cell of a point: row (latitude) * 360 + column (longitude)."""
    row = min(179, max(0, math.floor(lat) + 90))
    col = (math.floor(lon) + 180) % 360
    return row * 360 + col


def code_fingerprint(root: Path | None = None) -> str:
    """A hash of the code that decides what the index holds (``root``: the package folder).

    The marshal format version is part of it: stored answers are marshal blobs.
    """
    import marshal

    here = root or Path(__file__).parent
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION} marshal {marshal.version}".encode())
    for name in CODE_FILES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def fingerprint(sources: Sequence[Source]) -> str:
    """The fingerprint of an index built from these sources with this code."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for source in sources:
        digest.update(b"\0" + source.fingerprint().encode())
    return digest.hexdigest()


def user_index_path() -> Path:
    """Where the user's imported places live (``geo gazetteer import``)."""
    return cache_dir() / USER_INDEX


def connect(path: Path, *, write: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """Open an index; read-only unless ``write``. Raises CacheError when it cannot.

    ``immutable`` is for files that are only ever replaced whole (built indexes): SQLite
    then skips the file lock and change check that otherwise cost two thirds of a
    one-row SELECT. The user's import index is written in place and must not use it.
    """
    try:
        if write:
            conn = sqlite3.connect(path, isolation_level=None)
        else:
            flags = "mode=ro&immutable=1" if immutable else "mode=ro"
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)
        conn.execute("PRAGMA query_only = 0" if write else "PRAGMA query_only = 1")
        # Memory-mapped reads skip a system call per page: lookups touch a few pages each.
        conn.execute("PRAGMA mmap_size = 268435456")
        conn.execute("PRAGMA cache_size = -16000")
        version = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.Error as exc:
        raise CacheError(
            f"{path}: not a usable gazetteer index ({exc}); `geo gazetteer build` rebuilds it"
        ) from exc
    if version is None or int(version[0]) != SCHEMA_VERSION:
        conn.close()
        raise CacheError(f"{path}: index schema {version and version[0]} is not {SCHEMA_VERSION}")
    return conn


class IndexWriter:
    """Adds records to an open index; used by the build and by GeoNames imports."""

    def __init__(self, conn: sqlite3.Connection, *, hold_names: bool = False) -> None:
        # ``hold_names``: a build keeps every name in memory and writes them once, sorted,
        # into the empty table (three times faster than merging them source by source);
        # an import merges them into the names already written.
        self.hold_names = hold_names
        self.conn = conn
        row = conn.execute("SELECT COALESCE(MAX(pid), 0) FROM places").fetchone()
        self.next_pid = int(row[0]) + 1
        self.counts: dict[str, int] = {}
        self._places: list[tuple[object, ...]] = []
        self._names: dict[tuple[str, int], tuple[int, str]] = {}

    def add(self, record: PlaceRecord, codes: Iterable[str] = (), *, pid: int | None = None) -> int:
        """Queue a record and its names; returns its pid. :meth:`flush` writes them.

        With ``pid`` of a place already written, only the names are added: an overlay row
        with the id of a packaged place (``geonames:2219905``) gives it the name reports
        use, matched as the place's own name.
        """
        import orjson

        if pid is None:
            pid = self.next_pid
            self.next_pid += 1
            self._places.append(
                (
                    pid,
                    record.id,
                    record.name,
                    record.lat,
                    record.lon,
                    record.country_code,
                    record.kind,
                    record.population,
                    record.source,
                    record.admin1,
                    record.feature_code,
                    cell_of(record.lat, record.lon),
                    orjson.dumps(record.raw, option=orjson.OPT_SORT_KEYS).decode(),
                )
            )
            self.counts[record.source] = self.counts.get(record.source, 0) + 1
        self.add_name(pid, record.name, 0)
        for form in record.alternate_names:
            self.add_name(pid, form, 1)
        for code in codes:
            self.add_name(pid, code, 2)
        return pid

    def add_name(self, pid: int, form: str, how: int) -> None:
        """Queue one name form of a place."""
        if not form or len(form) > MAX_FORM_LENGTH:
            return
        key = normalize(form)
        if not key:
            return
        held = self._names.get((key, pid))
        if held is None or how < held[0]:
            self._names[(key, pid)] = (how, form)

    def flush(self) -> None:
        """Write the queued places and names (names sorted by key: faster B-tree inserts)."""
        self.conn.executemany(f"INSERT INTO places VALUES ({','.join('?' * 13)})", self._places)
        self._places.clear()
        if self.hold_names:
            return
        # Sorting on the key alone is stable, so pids stay in order within a key.
        rows = sorted(
            ((k, p, form, how) for (k, p), (how, form) in self._names.items()),
            key=itemgetter(0),
        )
        # A name already written (a later source naming a known place) keeps its best how.
        self.conn.executemany(
            "INSERT INTO names VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "form = excluded.form, how = excluded.how WHERE excluded.how < names.how",
            rows,
        )
        self._names.clear()

    def write_held_names(self) -> list[tuple[str, int, int, str]]:
        """Write the names a build held, in table order; returns ``(key, pid, how, form)``."""
        rows = sorted((k, p, how, form) for (k, p), (how, form) in self._names.items())
        self._names.clear()
        self.conn.executemany("INSERT INTO names (key, pid, how, form) VALUES (?, ?, ?, ?)", rows)
        return rows


def create(path: Path) -> sqlite3.Connection:
    """A new, empty index file with the schema (the caller fills it)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB while building
    conn.executescript(SCHEMA)
    conn.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
    return conn


def _fill(
    conn: sqlite3.Connection, sources: Sequence[Source], bar: Progress
) -> tuple[dict[str, int], list[tuple[str, int, int, str]]]:
    writer = IndexWriter(conn, hold_names=True)
    pids: dict[str, int] = {}
    records: dict[int, PlaceRecord] = {}
    conn.execute("BEGIN")
    for number, source in enumerate(sources, 1):
        bar.step(f"[{number}/{len(sources)}] {source.label()}")
        for record in source.records():
            # The first source that holds a place keeps it; a later record with the same
            # id (an overlay row "geonames:2219235") only adds its names to it.
            held = pids.get(record.id)
            if held is None and source.names_only:
                continue
            pid = writer.add(record, source.codes(record), pid=held)
            if held is None:
                pids[record.id] = pid
                records[pid] = record
        writer.flush()
    names = writer.write_held_names()

    def typo_and_grid_indexes() -> None:
        bar.step("typo index")
        keys = conn.execute(
            "SELECT DISTINCT key FROM names WHERE how = 0 OR form <> lower(form)"
        ).fetchall()
        write_index(conn, (k for (k,) in keys))
        bar.step("grid and id indexes")
        for statement in INDEXES.strip().split(";"):
            if statement.strip():
                conn.execute(statement)

    typo_and_grid_indexes()
    records.clear()
    conn.execute("COMMIT")
    return writer.counts, names


def build_index(
    sources: Sequence[Source], path: Path, *, show_progress: bool | None = None
) -> Path:
    """Build an index from sources into ``path``, atomically.

    Parameters
    ----------
    sources : sequence of Source
        Indexed in order; a place id already seen is skipped.
    path : Path
        The index file to (re)place. Its folder must exist and be writable.
    show_progress : bool, optional
        False: silent. Else a start and an end line on stderr, terminal or not, and a
        progress bar between them with True or (by default) on a terminal.

    Raises
    ------
    InputError
        A source's data is malformed (nothing is written).
    CacheError
        The folder cannot be written.
    """
    import orjson

    started = time.time()
    say(build_started([source.label() for source in sources], path), show_progress)
    try:
        import tempfile  # builds only: lookups never pay for it

        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise CacheError(f"{path.parent}: cannot write the index ({exc.strerror})") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    # The packed name table: a temporary name the prune of stale builds recognises.
    tmp_hits = tmp.with_suffix(".hits.tmp")
    try:
        conn = create(tmp)
        try:
            with progress(show_progress) as bar:
                counts, names = _fill(conn, sources, bar)
                bar.step("packed names")
                fp = fingerprint(sources)
                write_packed(conn, tmp_hits, fp, names)
                del names
            meta = {
                "fingerprint": fp,
                "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "build_seconds": f"{time.time() - started:.1f}",
                "counts": orjson.dumps(counts, option=orjson.OPT_SORT_KEYS).decode(),
            }
            conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        finally:
            conn.close()
        # The SQLite file comes last: an index counts as built once it exists.
        os.replace(tmp_hits, packed_path(path))
        os.replace(tmp, path)
        say(build_done(time.time() - started, sum(counts.values()), path), show_progress)
    except sqlite3.Error as exc:
        raise CacheError(f"{path}: cannot write the index ({exc})") from exc
    except OSError as exc:
        raise CacheError(f"{path}: cannot write the index ({exc.strerror or exc})") from exc
    finally:
        for leftover in (tmp, tmp_hits):
            leftover.unlink(missing_ok=True)
    return path


def _complete(index: Path) -> bool:
    """Whether a built index and its packed name table are both there."""
    return index.is_file() and packed_path(index).is_file()


def ensure_index(
    sources: Sequence[Source], *, rebuild: bool = False, show_progress: bool | None = None
) -> Path:
    """The cached index for these sources, built first if it does not exist yet.

    A cache folder that cannot be created or written (read-only) makes the build go to a
    private temporary folder instead, with a warning; a folder deleted during the build
    is made again and the build retried once. Only when that fails too is a
    :class:`CacheError` raised. ``rebuild`` builds even when the index exists.
    """
    name = f"gazetteer-{fingerprint(sources)[:20]}.sqlite"
    folder = cache_dir()
    if _complete(folder / name) and not rebuild:
        return folder / name
    if not writable(folder):
        import logging

        try:
            fallback = private_fallback()
        except CacheError as exc:
            raise CacheError(f"cannot write the gazetteer index in {folder}: {exc}") from exc
        logging.getLogger("gazetteer").warning(
            "geo: cache folder %s is not writable; using %s", folder, fallback
        )
        if _complete(fallback / name) and not rebuild:
            return fallback / name
        if fallback == folder or not writable(fallback):
            raise CacheError(f"cannot write the gazetteer index in {folder} nor in {fallback}")
        folder = fallback
    try:
        built = build_index(sources, folder / name, show_progress=show_progress)
        prune(folder, keep=name, keep_also=packed_path(Path(name)).name)
        return built
    except CacheError:
        if folder.is_dir():
            raise
        # The folder vanished mid-build (a cache cleaner): make it again, once.
        if not writable(folder):
            raise
        return build_index(sources, folder / name, show_progress=show_progress)
