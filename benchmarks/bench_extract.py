"""End-to-end geoparsing benchmark of ``geo extract`` (not run by the test suite).

    python benchmarks/bench_extract.py ../shared/benchmarks [--seeds ../shared/seeds]
        [--limit N] [--speed]

Per corpus (``*_docs.jsonl`` texts, gold spans in ``*.jsonl``; read where they are, never
copied): detection precision, recall and F1 (a gold span is found when a mention overlaps
it), Acc@161 of the found toponyms, end-to-end accuracy (found and within 161 km, over all
gold). Baseline in the same run: spaCy's GPE/LOC/FAC alone, each name given the largest
place of that name. ``--seeds``: the five founding reports against seeds/libya.yaml.
``--speed``: 100 reports of ~500 words in a fresh process, model load included, and peak
memory (the largest RSS of the main process and of a worker, and the peak proportional
set size of all of them together, sampled every 50 ms).
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from gazetteer.extract import Extractor
from gazetteer.lookup import Gazetteer
from geo.geodesy import haversine_km

CORPORA = ("lgl", "trnews", "geovirus")
KM = 161.0


def _load(folder: Path, name: str, limit: int | None) -> tuple[list[dict], dict[str, list]]:
    docs = [json.loads(line) for line in (folder / f"{name}_docs.jsonl").open(encoding="utf-8")]
    docs = docs[:limit] if limit else docs
    ids = {d["doc_id"] for d in docs}
    gold: dict[str, list] = {i: [] for i in ids}
    for line in (folder / f"{name}.jsonl").open(encoding="utf-8"):
        g = json.loads(line)
        if g["doc_id"] in ids:
            gold[g["doc_id"]].append(g)
    return docs, gold


def _score(pred: dict[str, list[tuple[int, int, float, float]]], gold: dict[str, list]) -> dict:
    n_gold = sum(len(v) for v in gold.values())
    n_pred = sum(len(v) for v in pred.values())
    found = right = pred_hit = 0
    for doc, spans in gold.items():
        mine = pred.get(doc, [])
        for g in spans:
            hit = [p for p in mine if p[0] < g["end"] and g["start"] < p[1]]
            if hit:
                found += 1
                if haversine_km(hit[0][2], hit[0][3], g["lat"], g["lon"]) <= KM:
                    right += 1
        for p in mine:
            if any(p[0] < g["end"] and g["start"] < p[1] for g in spans):
                pred_hit += 1
    precision = pred_hit / n_pred if n_pred else 0.0
    recall = found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": n_gold, "mentions": n_pred, "precision": round(precision, 3),
        "recall": round(recall, 3), "f1": round(f1, 3),
        "acc161_found": round(right / found, 3) if found else 0.0,
        "end_to_end": round(right / n_gold, 3) if n_gold else 0.0,
    }  # fmt: skip


def corpus(folder: Path, name: str, x: Extractor, limit: int | None) -> dict:
    docs, gold = _load(folder, name, limit)
    texts = [d["text"] for d in docs]
    t0 = time.perf_counter()
    results = x.run(texts)
    seconds = time.perf_counter() - t0
    ours = {
        d["doc_id"]: [(m.start, m.end, m.lat, m.lon) for m in r.mentions]
        for d, r in zip(docs, results, strict=True)
    }
    base: dict[str, list] = {}
    g = x.gazetteer
    for d, doc in zip(docs, x.nlp.pipe(texts, batch_size=16, n_process=2), strict=True):
        spans = []
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC"):
                try:
                    found = g.lookup(ent.text, limit=50)
                except ValueError:
                    continue
                if found:
                    best = max(found, key=lambda c: (c.population or 0, c.score))
                    spans.append((ent.start_char, ent.end_char, best.lat, best.lon))
        base[d["doc_id"]] = spans
    return {"docs": len(docs), "seconds": round(seconds, 1), "geo_extract": _score(ours, gold),
            "baseline_spacy_population": _score(base, gold)}  # fmt: skip


def seeds(folder: Path, repo: Path) -> dict:
    import yaml

    from gazetteer.extract.pipeline import draft_dict, extract_reports

    truth = yaml.safe_load((repo / "seeds" / "libya.yaml").read_text(encoding="utf-8"))
    g = Gazetteer.default()
    results = extract_reports(sorted(folder.glob("*.txt")), gazetteer=g)
    draft = draft_dict(results)

    def key(rec: dict) -> str:
        (r,) = g.resolve([rec["place"]], country=rec.get("country"))
        return getattr(getattr(r, "place", None), "id", rec["place"])

    gold_places = {key(p) for p in truth["presence"]}
    found_places = {m.id for r in results for m in r.extraction.mentions}
    drafted = {p["gazetteer_id"] for p in draft.get("presence", [])}
    gold_routes = {tuple(key(w) for w in m["waypoints"]) for m in truth["movements"]}
    ours = {tuple(w["gazetteer_id"] for w in m["waypoints"]) for m in draft.get("movements", [])}
    legs = {leg for r in gold_routes for leg in itertools.pairwise(r)}
    our_legs = {leg for r in ours for leg in itertools.pairwise(r)}
    gold_dates = {(key(p), str(p["date"])) for p in truth["presence"]}
    our_dates = {(p["gazetteer_id"], str(p["date"])) for p in draft.get("presence", [])}
    return {
        "presence places in libya.yaml": len(gold_places),
        "recall of places (mentioned)": round(
            len(gold_places & found_places) / len(gold_places), 3
        ),
        "recall of places (drafted presence)": round(
            len(gold_places & drafted) / len(gold_places), 3
        ),
        "route legs in libya.yaml": len(legs),
        "recall of route legs": round(len(legs & our_legs) / len(legs), 3) if legs else 0.0,
        "presence (place, date) pairs": len(gold_dates),
        "recall of (place, date)": round(len(gold_dates & our_dates) / len(gold_dates), 3),
        "drafted presence": len(draft.get("presence", [])),
        "drafted movements": len(draft.get("movements", [])),
    }


SPEED = """
import json, os, resource, sys, threading, time
t0 = time.perf_counter()


def pss_mb():
    # Proportional set size of this process and its children (the model's workers): pages
    # the fork shares are counted once, split between the processes that share them. Also
    # its anonymous part: the rest is the gazetteer's index files mapped read-only (page
    # cache, which the kernel may drop).
    pids, total, anon = [os.getpid()], 0, 0
    while pids:
        pid = pids.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for l in fh:
                    if l.startswith("Pss:"):
                        total += int(l.split()[1])
                    elif l.startswith("Pss_Anon:"):
                        anon += int(l.split()[1])
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    pids.extend(int(c) for c in fh.read().split())
        except OSError:
            pass
    return total / 1024, anon / 1024


peak = [0.0, 0.0]
done = threading.Event()


def sample():
    while not done.wait(0.05):
        peak[:] = [max(a, b) for a, b in zip(peak, pss_mb())]


threading.Thread(target=sample, daemon=True).start()
from gazetteer.extract import Extractor
docs = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
words = []
for d in docs:
    words.extend(d.split())
texts = [" ".join(words[i * 500:(i + 1) * 500]) for i in range(100)]
out = Extractor().run(texts)
seconds = time.perf_counter() - t0
done.set()
print(json.dumps({"reports": len(texts), "words": sum(len(t.split()) for t in texts),
    "mentions": sum(len(r.mentions) for r in out),
    "seconds_incl_model_load": round(seconds, 2),
    "peak_pss_mb_all_processes": round(peak[0]),
    "peak_pss_anon_mb_all_processes": round(peak[1]),
    "peak_rss_mb_main": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    "peak_rss_mb_children": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)}))
"""


def speed(folder: Path) -> dict:
    run = [sys.executable, "-c", SPEED, str(folder / "lgl_docs.jsonl")]
    out = subprocess.run(run, check=True, capture_output=True, text=True)
    result: dict = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--seeds", type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--corpora", default=",".join(CORPORA))
    args = ap.parse_args()
    out: dict = {}
    if args.speed:
        out["speed"] = speed(args.folder)
    x = Extractor()
    for name in args.corpora.split(","):
        if name:
            out[name] = corpus(args.folder, name, x, args.limit)
            print(name, json.dumps(out[name]), file=sys.stderr)
    if args.seeds:
        out["seeds"] = seeds(args.seeds, Path(__file__).resolve().parents[1])
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
