"""The gazetteer's public face: names -> ranked candidates, points -> nearby places.

Retrieval lives here (exact keys, then type words dropped, then typos); ranking is
:func:`gazetteer.rank.rank`, a pure function; resolving names mentioned together, with the
decision, is :func:`gazetteer.resolve.resolve` (:meth:`Gazetteer.resolve`).
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from gazetteer.candidate import Candidate
from gazetteer.checks import check_country, check_limit, check_name
from gazetteer.fuzzy import FuzzyIndex
from gazetteer.index import connect
from gazetteer.normalize import fallback_key, normalize
from gazetteer.packed import PackedNames, packed_path
from gazetteer.rank import rank
from gazetteer.records import Match, PlaceRecord, RankContext
from gazetteer.retrieval import MAX_MATCHES, packed_matches, sql_matches
from gazetteer.spatial import box_rows, by_distance
from geo.errors import CacheError, InputError
from geo.geodesy import KM_PER_DEGREE, haversine_km
from geo.points import check_lat_lon
from geo.resolution import DocumentContext, Mention, Resolution

# Matches of the last names looked up: resolving a document ranks each of its names a few
# times. Small on purpose: a cache that keeps growing makes every lookup that fills it pay
# for fresh memory pages.
CACHE_SIZE = 256
# Shorter names are not guessed at: most six-letter names lie one edit from another real
# name (Darfur / Dafur, Abkhaz / Abkha), so a match there is more often a different place
# than a typo. ``suggest`` still offers such names ("did you mean").
FUZZY_MIN_LENGTH = 7
# ... except one edit from a well-known place: "Ubary", "Ghatt", "Derrna" and "Sirtte" are
# misspellings of towns every report on Libya names. A shorter name that misses is guessed
# only when the one-edit neighbour is a place of this many people, or a country.
SHORT_FUZZY_MIN_LENGTH = 4
WELL_KNOWN_POPULATION = 10_000
_NO_CONTEXT = RankContext()


def _open(path: Path) -> tuple[sqlite3.Connection, PackedNames | None]:
    """A read connection, and the packed name table of a built index.

    Built indexes are replaced, never edited: they are opened immutable. The user's import
    index is written in place and has no packed table.
    """
    conn = connect(path)
    built = conn.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
    if built is None:
        return conn, None
    conn.close()
    conn = connect(path, immutable=True)
    try:
        return conn, PackedNames(packed_path(path), built[0])
    except CacheError as exc:
        # Still a complete index, only slower: exact names go through SQLite.
        import logging

        logging.getLogger("gazetteer").warning("geo: %s; reading names through SQLite", exc)
        return conn, None


class Gazetteer:
    """Name lookup over one or more index files (a user's imports first, then embedded).

    Use :meth:`default` for the embedded index (built on first use) or :meth:`open` for a
    given file. Instances hold open read-only SQLite connections and are cheap to query.
    """

    _default: ClassVar[Gazetteer | None] = None

    def __init__(
        self,
        paths: Sequence[Path],
        *,
        opened: Sequence[tuple[sqlite3.Connection, PackedNames | None]] | None = None,
    ) -> None:
        if not paths:
            raise InputError("a gazetteer needs at least one index file")
        self.paths = [Path(p) for p in paths]
        if opened is None:
            opened = [_open(p) for p in self.paths]
        self._conns = [conn for conn, _ in opened]
        self._packed = [packed for _, packed in opened]
        self._fuzzy: list[FuzzyIndex] | None = None
        self._cache: dict[str, tuple[Match, ...]] = {}

    @classmethod
    def open(cls, path: Path | str) -> Gazetteer:
        """A gazetteer over one index file."""
        return cls([Path(path)])

    @classmethod
    def default(cls, *, show_progress: bool | None = None) -> Gazetteer:
        """The embedded gazetteer (plus the user's imports), built once and then cached.

        A built index that cannot be opened (a truncated or overwritten file) is rebuilt
        once, with a message, instead of failing every command until someone runs
        ``geo gazetteer build``.
        """
        if cls._default is None:
            from gazetteer.index import ensure_index, user_index_path
            from gazetteer.progress import say
            from gazetteer.sources import default_sources

            built = ensure_index(default_sources(), show_progress=show_progress)
            try:
                opened = [_open(built)]
            except CacheError as exc:
                say(f"geo: the gazetteer index is damaged ({exc.args[0]}); rebuilding it")
                built = ensure_index(default_sources(), rebuild=True, show_progress=show_progress)
                opened = [_open(built)]
            paths = [built]
            user = user_index_path()
            if user.is_file():
                paths.insert(0, user)
                opened.insert(0, _open(user))
            cls._default = cls(paths, opened=opened)
        return cls._default

    @classmethod
    def forget_default(cls) -> None:
        """Close and drop the cached default instance (after a build or an import)."""
        if cls._default is not None:
            cls._default.close()
            cls._default = None

    def close(self) -> None:
        """Close the index files."""
        for conn in self._conns:
            conn.close()
        for packed in self._packed:
            if packed is not None:
                packed.close()
        self._cache.clear()

    # Retrieval -------------------------------------------------------------------------

    def _exact(
        self, key: str, how: str | None = None, distance: int = 0, query: str | None = None
    ) -> list[Match]:
        """The places a key names (``how``, ``distance``, ``query``: for fuzzy matches)."""
        if len(self._conns) == 1 and self._packed[0] is not None:
            return packed_matches(self._packed[0], key, how, distance, query or key)
        matches: list[Match] = []
        seen: set[str] = set()
        for conn, packed in zip(self._conns, self._packed, strict=True):
            if packed is not None:
                found = packed_matches(packed, key, how, distance, query or key)
            else:
                found = sql_matches(conn, key, how, distance, query or key)
            for m in found:
                if m.record.id not in seen:  # an earlier index (the user's import) holds it
                    seen.add(m.record.id)
                    matches.append(m)
        return matches

    def _fuzzy_matches(self, query: str, keys: dict[str, int]) -> list[Match]:
        """The places of several near keys, as fuzzy matches; one match per place."""
        matches: list[Match] = []
        seen: set[str] = set()
        for key in sorted(keys):
            for m in self._exact(key, "fuzzy", keys[key], query):
                if m.record.id not in seen:
                    seen.add(m.record.id)
                    matches.append(m)
            if len(matches) >= MAX_MATCHES * 4:
                break
        return matches

    def _near_keys(self, key: str, limit: int = 20, deep: bool = False) -> list[tuple[str, int]]:
        if self._fuzzy is None:
            self._fuzzy = [FuzzyIndex(conn) for conn in self._conns]
        found: dict[str, int] = {}
        for index in self._fuzzy:
            for k, d in index.near_keys(key, limit, deep=deep):
                found[k] = min(d, found.get(k, d))
        return sorted(found.items(), key=lambda kd: (kd[1], kd[0]))[:limit]

    def matches(self, name: str) -> tuple[Match, ...]:
        """Every place a name may mean, unranked: exact keys first, then typos.

        The full key is tried first; when it finds nothing, the key without trailing type
        words ("province"); when that finds nothing either, keys within a small edit
        distance (:mod:`gazetteer.fuzzy`).
        """
        key = normalize(check_name(name))
        held = self._cache.get(key)
        if held is not None:
            return held
        found = self._exact(key) if key else []
        if not found:
            shorter = fallback_key(name)
            if shorter:
                found = self._exact(shorter)
        if not found and len(key) >= FUZZY_MIN_LENGTH:
            # A typo keeps the first letter: a name that differs there is another name
            # (Fort Hood / Port Hood), not a misspelling of it.
            near = [(k, d) for k, d in self._near_keys(key) if k[0] == key[0]]
            # Only the closest keys: a one-edit neighbour beats every two-edit one.
            closest = {k: d for k, d in near if d == near[0][1]} if near else {}
            found = self._fuzzy_matches(key, closest)
        elif not found and len(key) >= SHORT_FUZZY_MIN_LENGTH:
            one_edit = {k: d for k, d in self._near_keys(key) if k[0] == key[0] and d == 1}
            found = [m for m in self._fuzzy_matches(key, one_edit) if _well_known(m.record)]
        result = tuple(found)
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        self._cache[key] = result
        return result

    # Public queries --------------------------------------------------------------------

    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        limit: int = 10,
        context: RankContext | None = None,
    ) -> list[Candidate]:
        """The places a name may mean, best first.

        Parameters
        ----------
        name : str
            A place name as a report writes it (any case, script, article or typo).
        country : str, optional
            ISO 3166-1 alpha-2 code of the country to prefer.
        limit : int
            At most this many candidates.
        context : RankContext, optional
            Points of the other places of the same document (see
            :func:`gazetteer.context.resolve_in_context`).

        Returns
        -------
        list of Candidate
            Empty when nothing matches; see :meth:`suggest` then.

        Raises
        ------
        InputError
            An empty, over-long or control-character name, or a bad country code.
        """
        preferred = check_country(country) if country else None
        check_limit(limit)
        ctx = context or _NO_CONTEXT
        if preferred is not None:
            ctx = RankContext(country=preferred, points=ctx.points, divisions=ctx.divisions)
        return self._own(rank(self.matches(name), ctx, limit=limit))

    def _own(self, found: list[Candidate]) -> list[Candidate]:
        for candidate in found:
            candidate.store = self  # candidate.raw reads the source record from here
        return found

    def resolve(
        self,
        mentions: Sequence[Mention | str],
        *,
        country: str | None = None,
        context: DocumentContext | None = None,
    ) -> list[Resolution]:
        """Resolve the names one document mentions together: the one resolution policy.

        See :func:`gazetteer.resolve.resolve`: each name ranked with the others as context
        ("Tripoli" next to "Misrata" is Libyan), then a decision per name: Resolved,
        Ambiguous or NotFound.
        """
        from gazetteer.resolve import resolve

        return resolve(self, mentions, country=country, context=context)

    def reverse(self, lat: float, lon: float, *, limit: int = 5) -> list[Candidate]:
        """The named places nearest to a point, nearest first, distance in the reasons."""
        check_lat_lon(lat, lon)
        check_limit(limit)
        radius = 1
        while True:
            rows = box_rows(self._conns, lat, lon, radius, radius, None)
            found = sorted((haversine_km(lat, lon, r[2], r[3]), r[0], r) for r in rows)
            band = min(89.9, abs(lat) + radius + 1)
            sure_km = KM_PER_DEGREE * radius * math.cos(math.radians(band))
            if radius >= 180 or (len(found) >= limit and found[limit - 1][0] <= sure_km):
                break
            radius = min(180, radius * 2)
        return self._own(by_distance(lat, lon, [r for _, _, r in found[:limit]], None))

    def near(
        self,
        lat: float,
        lon: float,
        radius_km: float,
        *,
        kind: str | None = None,
        limit: int = 100,
    ) -> list[Candidate]:
        """Places within ``radius_km`` of a point, nearest first (``kind`` filters)."""
        check_lat_lon(lat, lon)
        if not (isinstance(radius_km, (int, float)) and math.isfinite(radius_km)):
            raise InputError(f"radius must be a number of km, got {radius_km!r}", field="radius")
        if not 0 < radius_km <= 20040:
            raise InputError(f"radius {radius_km} km is outside 0..20040", field="radius")
        check_limit(limit)
        rows_deg = math.ceil(radius_km / KM_PER_DEGREE)
        band = min(89.9, abs(lat) + rows_deg + 1)
        cols_deg = math.ceil(radius_km / (KM_PER_DEGREE * math.cos(math.radians(band))))
        rows = box_rows(self._conns, lat, lon, rows_deg, min(cols_deg, 180), kind)
        # The sphere filters generously; the ellipsoid decides at the edge.
        inside = sorted(
            (d, r[0], r)
            for r in rows
            if (d := haversine_km(lat, lon, r[2], r[3])) <= radius_km * 1.01
        )
        return self._own(by_distance(lat, lon, [r for *_, r in inside], radius_km)[:limit])

    def suggest(self, name: str, *, limit: int = 5) -> list[str]:
        """Names close to one that matched nothing ("did you mean"), best first."""
        key = normalize(check_name(name))
        if not key:
            return []
        keys = [k for k, _ in self._near_keys(key, 20, deep=True)]
        for conn in self._conns:
            rows = conn.execute(
                "SELECT DISTINCT key FROM names WHERE key > ? AND key < ? LIMIT 20",
                (key, key + "\uffff"),
            )
            keys.extend(k for (k,) in rows if k not in keys)
        out: list[str] = []
        for k in keys:
            best = self._exact(k)
            if best and best[0].record.name not in out:
                out.append(best[0].record.name)
            if len(out) >= limit:
                break
        return out

    def area_geojson(self, place_id: str) -> dict[str, Any] | None:
        """A place's outline as a GeoJSON (Multi)Polygon object, or None (see
        :mod:`gazetteer.areas`); what ``area:`` in event files asks for."""
        from gazetteer.areas import area, geojson_geometry

        geom = area(place_id)
        return geojson_geometry(geom) if geom is not None else None

    def raw(self, place_id: str) -> dict[str, Any]:
        """The record of a place as its source holds it (provenance), by candidate id.

        Raises
        ------
        InputError
            No index holds a place with this id.
        """
        for conn in self._conns:
            row = conn.execute("SELECT raw FROM places WHERE id = ?", (place_id,)).fetchone()
            if row is not None:
                data: dict[str, Any] = json.loads(row[0])
                return data
        raise InputError(f"no place with id {place_id!r}", field="id")

    def info(self) -> dict[str, Any]:
        """Where the index files are, their size, build time and counts per source."""
        files = []
        for path, conn, packed in zip(self.paths, self._conns, self._packed, strict=True):
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            hits = packed_path(path)
            files.append(
                {
                    "path": str(path),
                    "size_bytes": path.stat().st_size if path.exists() else None,
                    "packed_path": str(hits) if packed is not None else None,
                    "packed_bytes": hits.stat().st_size if packed is not None else None,
                    "built": meta.get("built"),
                    "build_seconds": meta.get("build_seconds"),
                    "fingerprint": meta.get("fingerprint"),
                    "places": conn.execute("SELECT COUNT(*) FROM places").fetchone()[0],
                    "names": conn.execute("SELECT COUNT(*) FROM names").fetchone()[0],
                    "counts": json.loads(meta.get("counts", "{}")),
                }
            )
        return {"indexes": files}


def _well_known(rec: PlaceRecord) -> bool:
    return rec.kind == "country" or (rec.population or 0) >= WELL_KNOWN_POPULATION
