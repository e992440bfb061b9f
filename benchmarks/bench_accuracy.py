"""Toponym-resolution accuracy on public news corpora (LGL, TR-News, GeoVirus).

Usage::

    python benchmarks/bench_accuracy.py ../shared/benchmarks [--corpus lgl,trnews,geovirus]
        [--limit-docs N] [--errors FILE]

The folder holds ``<name>.jsonl`` (one gold toponym a line: doc_id, start, end, name, lat,
lon, ...) and ``<name>_docs.jsonl`` (doc_id, text); the files stay where they are and are
never copied into the project. Every gold span is resolved with all the gold names of its
document as context (``Gazetteer.default().resolve``, the one policy every command runs),
and, in the same run, by the population baseline (the largest place whose name or alternate
name is exactly the span). Printed per corpus: Acc@161, mean and median error in km (pyproj
Geod on WGS84), AUC of the error curve (Gritta et al. 2018: area under log(1 + error) scaled
by log of the largest possible error; lower is better) and how many spans found no place.
A span that finds no place counts as wrong, with the largest possible error (20,038 km).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gazetteer.candidate import Candidate  # noqa: E402

CORPORA = ("lgl", "trnews", "geovirus")
ACC_KM = 161.0
MAX_ERROR_KM = 20038.0  # half the equator: the worst a point can miss by
PUBLISHED = {  # from the corpus README (gold spans given, toponym resolution only)
    "population baseline (published)": {"lgl": "0.70", "trnews": "-", "geovirus": "0.80"},
    "CamCoder (Gritta et al. 2018)": {"lgl": "0.76", "trnews": "0.82", "geovirus": "0.82"},
    "Mordecai 3 (README)": {"lgl": "0.827", "trnews": "0.873", "geovirus": "-"},
}
TARGETS = {"lgl": 0.80, "trnews": 0.88, "geovirus": 0.85}

Resolver = Callable[[Sequence[str]], list[Candidate | None]]


@dataclass(frozen=True, slots=True)
class Gold:
    doc_id: str
    name: str
    lat: float
    lon: float
    start: int
    extra: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Scores:
    n: int
    acc161: float
    mean_km: float
    median_km: float
    auc: float
    unresolved: int


def load_corpus(folder: Path, corpus: str, limit_docs: int | None = None) -> list[list[Gold]]:
    """The gold toponyms of a corpus grouped by document, in the order of the docs file."""
    docs_path, gold_path = folder / f"{corpus}_docs.jsonl", folder / f"{corpus}.jsonl"
    order: list[str] = []
    texts: dict[str, str] = {}
    for line in _lines(docs_path):
        doc = json.loads(line)
        order.append(str(doc["doc_id"]))
        texts[str(doc["doc_id"])] = doc.get("text", "")
    by_doc: dict[str, list[Gold]] = {d: [] for d in order}
    for number, line in enumerate(_lines(gold_path), start=1):
        row = json.loads(line)
        try:
            gold = Gold(
                doc_id=str(row["doc_id"]),
                name=str(row["name"]),
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                start=int(row["start"]),
                extra={k: row.get(k) for k in ("fcode", "country", "admin1", "gaz_name")},
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise SystemExit(f"{gold_path}:{number}: bad gold row: {exc}") from exc
        if gold.doc_id not in by_doc:
            raise SystemExit(f"{gold_path}:{number}: doc_id {gold.doc_id!r} not in {docs_path}")
        by_doc[gold.doc_id].append(gold)
    docs = [sorted(by_doc[d], key=lambda g: g.start) for d in order if by_doc[d]]
    return docs[:limit_docs] if limit_docs is not None else docs


def _lines(path: Path) -> Iterable[str]:
    if not path.is_file():
        raise SystemExit(f"{path}: no such file")
    with path.open(encoding="utf-8") as f:
        yield from (line for line in f if line.strip())


def errors_km(golds: Sequence[Gold], found: Sequence[Candidate | None]) -> list[float]:
    """Great-circle error of each prediction (WGS84 ellipsoid); MAX_ERROR_KM if none."""
    from geo.geodesy import geod as _geod

    geod = _geod()
    out: list[float] = []
    for g, c in zip(golds, found, strict=True):
        if c is None:
            out.append(MAX_ERROR_KM)
        else:
            _, _, metres = geod.inv(g.lon, g.lat, c.lon, c.lat)
            out.append(metres / 1000.0)
    return out


def score(errors: Sequence[float], unresolved: int) -> Scores:
    """Acc@161, mean and median error, AUC of the error curve (lower is better)."""
    if not errors:
        return Scores(0, math.nan, math.nan, math.nan, math.nan, unresolved)
    n = len(errors)
    acc = sum(1 for e in errors if e <= ACC_KM) / n
    # AUC as Gritta et al. (2018): errors sorted, on a log scale, scaled to 0..1, trapezoids.
    logs = sorted(math.log(1.0 + e) / math.log(1.0 + MAX_ERROR_KM) for e in errors)
    auc = logs[0] if n == 1 else sum((a + b) / 2 for a, b in itertools.pairwise(logs)) / (n - 1)
    return Scores(n, acc, statistics.fmean(errors), statistics.median(errors), auc, unresolved)


def run(docs: Sequence[Sequence[Gold]], resolver: Resolver) -> tuple[list[float], list[Any]]:
    """Resolve every document's gold names together; errors and predictions in gold order."""
    errors: list[float] = []
    found_all: list[Candidate | None] = []
    for doc in docs:
        found = resolver([g.name for g in doc])
        errors.extend(errors_km(doc, found))
        found_all.extend(found)
    return errors, found_all


def population_baseline(gaz: Any) -> Resolver:
    """The largest place whose own or alternate name is exactly the span (no context)."""

    def resolve(names: Sequence[str]) -> list[Candidate | None]:
        out: list[Candidate | None] = []
        for name in names:
            exact = [
                c
                for c in _safe_lookup(gaz, name, limit=100)
                if c.reasons and not c.reasons[0].startswith("code") and "edit" not in c.reasons[0]
            ]
            exact.sort(key=lambda c: (-(c.population or 0), c.id))
            out.append(exact[0] if exact else None)
        return out

    return resolve


def in_context(gaz: Any) -> Resolver:
    """Ours: each document's names resolved together by the one resolution policy
    (``Gazetteer.resolve``, the function every command calls). Ambiguous and not-found
    decisions count as unresolved; :data:`DECISIONS` counts them."""
    from geo.resolution import Ambiguous, NotFound, Resolved

    def resolve(names: Sequence[str]) -> list[Candidate | None]:
        out: list[Candidate | None] = []
        for r in gaz.resolve(names):
            if isinstance(r, Resolved):
                out.append(r.place)
                DECISIONS["resolved"] += 1
                DECISIONS["spelling"] += r.fuzzy
                DECISIONS["close"] += r.close
            else:
                out.append(None)
                DECISIONS["ambiguous" if isinstance(r, Ambiguous) else "not found"] += 1
                if isinstance(r, NotFound) and r.elsewhere:
                    DECISIONS["refused as far"] += 1
        return out

    return resolve


DECISIONS: Counter[str] = Counter()


def _safe_lookup(gaz: Any, name: str, *, limit: int) -> list[Candidate]:
    from geo.errors import GeoError

    try:
        return list(gaz.lookup(name, limit=limit))
    except GeoError:
        return []


def dump_errors(
    path: Path,
    corpus: str,
    docs: Sequence[Sequence[Gold]],
    errs: list[float],
    found: list[Any],
    gaz: Any,
) -> None:
    """One JSON line per miss: gold, prediction, and whether retrieval had the gold place."""
    golds = [g for doc in docs for g in doc]
    with path.open("a", encoding="utf-8") as f:
        for g, e, c in zip(golds, errs, found, strict=True):
            if e <= ACC_KM:
                continue
            pool = _safe_lookup(gaz, g.name, limit=100)
            near = [p for p in pool if _rough_km(g.lat, g.lon, p.lat, p.lon) <= ACC_KM]
            row = {
                "corpus": corpus,
                "doc_id": g.doc_id,
                "name": g.name,
                "gold": [g.lat, g.lon, *(g.extra.get(k) for k in ("fcode", "country", "admin1"))],
                "error_km": round(e),
                "got": None
                if c is None
                else [
                    c.name,
                    c.country_code,
                    c.kind,
                    c.population,
                    round(c.score, 3),
                    list(c.reasons),
                ],
                "gold_in_pool": None
                if not near
                else [near[0].name, near[0].country_code, near[0].kind, pool.index(near[0])],
                "pool_size": len(pool),
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def _rough_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from geo.geodesy import haversine_km

    return haversine_km(lat1, lon1, lat2, lon2)


def _row(label: str, s: Scores) -> str:
    return (
        f"| {label} | {s.n:,} | {s.acc161:.3f} | {s.mean_km:,.0f} | {s.median_km:,.1f} "
        f"| {s.auc:.3f} | {s.unresolved} |"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder with <name>.jsonl and <name>_docs.jsonl")
    parser.add_argument("--corpus", default=",".join(CORPORA), help="comma-separated corpora")
    parser.add_argument("--limit-docs", type=int, default=None, help="first N documents only")
    parser.add_argument("--errors", type=Path, default=None, help="write misses as JSONL here")
    args = parser.parse_args(argv)
    corpora = [c.strip() for c in args.corpus.split(",") if c.strip()]
    unknown = sorted(set(corpora) - set(CORPORA))
    if unknown:
        parser.error(f"unknown corpus {', '.join(unknown)}; choose from {', '.join(CORPORA)}")
    if args.errors is not None:
        args.errors.write_text("", encoding="utf-8")

    from gazetteer.lookup import Gazetteer

    started = time.perf_counter()
    gaz = Gazetteer.default()
    print(f"gazetteer ready in {time.perf_counter() - started:.1f} s")
    print("| corpus / system | toponyms | Acc@161 | mean km | median km | AUC | unresolved |")
    print("|---|---|---|---|---|---|---|")
    for corpus in corpora:
        docs = load_corpus(args.folder, corpus, args.limit_docs)
        systems = (("ours", in_context(gaz)), ("population", population_baseline(gaz)))
        for label, resolver in systems:
            t0 = time.perf_counter()
            errs, found = run(docs, resolver)
            unresolved = sum(1 for c in found if c is None)
            s = score(errs, unresolved)
            took = time.perf_counter() - t0
            print(_row(f"{corpus} / {label}", s), f"<!-- {len(docs)} docs, {took:.1f} s -->")
            if label == "ours":
                print(f"<!-- {corpus} decisions: {dict(sorted(DECISIONS.items()))} -->")
                DECISIONS.clear()
            if label == "ours" and args.errors is not None:
                dump_errors(args.errors, corpus, docs, errs, found, gaz)
    print()
    print("published Acc@161:", json.dumps(PUBLISHED), "targets:", json.dumps(TARGETS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
