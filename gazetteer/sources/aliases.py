"""Demonyms and aliases as alternate names of the places they stand for.

``data/aliases.csv`` ("U.S.", "UK", "W.Va.") and ``data/demonyms.csv`` ("Libyan",
"Americans") name a country, continent or first-level region that the index holds under
another name. Indexed as alternate names of that place, they are exact matches for a
single lookup as for a document (:mod:`gazetteer.context` reads the same tables to tell a
demonym, which only ever means its country, from a place name).
"""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from gazetteer.records import PlaceRecord
from gazetteer.sources.base import Source
from gazetteer.sources.packaged import _load
from gazetteer.sources.regions import ADMIN1_CSV, admin1_rows

DATA = Path(__file__).resolve().parents[1] / "data"
ALIASES_CSV = DATA / "aliases.csv"
DEMONYMS_CSV = DATA / "demonyms.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


class AliasSource(Source):
    """Names from the alias and demonym tables, attached to the places they stand for."""

    name = "aliases"
    title = "aliases and demonyms"
    names_only = True

    def __init__(
        self,
        aliases: Path = ALIASES_CSV,
        demonyms: Path = DEMONYMS_CSV,
        admin1: Path = ADMIN1_CSV,
    ) -> None:
        self.paths = (aliases, demonyms)
        self.admin1 = admin1

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for path in self.paths:
            digest.update(path.read_bytes() if path.is_file() else b"missing")
        return f"aliases {digest.hexdigest()}"

    def targets(self) -> dict[tuple[str, str, str], list[str]]:
        """(name, country_code, kind) of each target place -> the names that stand for it."""
        aliases, demonyms = self.paths
        forms: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        if aliases.is_file():
            for row in _rows(aliases):
                target = (row["name"], row["country_code"], row["kind"])
                forms[target].append(row["alias"])
        if demonyms.is_file():
            for row in _rows(demonyms):
                forms[(row["country"], row["country_code"], "country")].append(row["demonym"])
        return forms

    def records(self) -> Iterator[PlaceRecord]:
        countries = {c["iso"]: c["geonameid"] for c in _load("countries.json").values()}
        continents = {c["toponymName"]: c["geonameId"] for c in _load("continents.json").values()}
        states = {s["name"]: s["geonameid"] for s in _load("us_states.json").values()}
        # Other countries' divisions: Natural Earth's ids, as RegionSource gives them.
        divisions = {}
        if self.admin1.is_file():
            divisions = {(r["country_code"], r["name"]): r["id"] for r in admin1_rows(self.admin1)}
        for (name, cc, kind), names in sorted(self.targets().items()):
            if kind == "country":
                gid = countries.get(cc)
                pid = f"geonames:{gid}" if gid else ""
            elif kind == "continent":
                gid = continents.get(name)
                pid = f"geonames:{gid}" if gid else ""
            elif cc == "US":
                gid = states.get(name)
                pid = f"geonames:{gid}" if gid else ""
            else:  # as RegionSource names them
                pid = divisions.get((cc, name), f"region:{cc}:{name}")
            if pid:
                yield PlaceRecord(
                    id=pid,
                    name=name,
                    lat=0.0,
                    lon=0.0,
                    country_code=cc,
                    kind=kind,
                    population=None,
                    source=self.name,
                    alternate_names=tuple(sorted(set(names))),
                )
