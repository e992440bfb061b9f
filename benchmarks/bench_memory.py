"""Peak memory and time of `geo validate` on large files, measured on the whole process.

Two kinds of CSV, written here (synthetic rows, no real data):

- ``repeating``: the rows of ``bench_events.write_rows`` (30 place names, repeating dates
  and sources, no ids): what a spreadsheet of one group's reports grows into;
- ``distinct``: every row has its own id and its own coordinates (as an ACLED export
  does), so nothing can be shared between rows.

Each file is validated by the installed ``geo`` in a child process; peak memory is its
maximum resident set size as GNU time (``/usr/bin/time -f %M``) reports it, time is wall
time.
Run: .venv/bin/python benchmarks/bench_memory.py --rows 1000000 12000000 [--kind distinct]
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import bench_events

GEO = Path(sys.executable).with_name("geo")


def write_distinct(path: Path, rows: int, seed: int = 11) -> None:
    """A presence CSV whose rows share nothing but the actor and the source."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "place", "lat", "lon", "date", "actor", "status", "source", "note"])
        for i in range(rows):
            lat = 20 + rng.random() * 13
            lon = 10 + rng.random() * 15
            w.writerow(
                [
                    f"ev-{i}",
                    f"site {i % 50_000}",
                    f"{lat:.5f}",
                    f"{lon:.5f}",
                    f"{rng.randint(2014, 2019)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    "Islamic State",
                    rng.choice(bench_events.STATUSES),
                    "bench-1",
                    f"row {i}",
                ]
            )
    (path.parent / "sources.yaml").write_text(
        "sources:\n  - {id: bench-1, outlet: Benchmark, published: 2020}\n", encoding="utf-8"
    )


def measure(folder: Path, kind: str, rows: int) -> tuple[float, float, float, str]:
    """(seconds, peak MB, file MB, summary line) of one `geo validate` run."""
    events = folder / f"{kind}-{rows}.csv"
    sources = folder / "sources.yaml"
    if not events.exists():
        (bench_events.write_rows if kind == "repeating" else write_distinct)(events, rows)
    start = time.perf_counter()
    run = subprocess.run(
        ["/usr/bin/time", "-f", "%M", str(GEO), "validate", str(events), str(sources)],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"geo validate failed ({run.returncode}): {run.stderr[-500:]}")
    peak_kb = int(run.stderr.strip().splitlines()[-1])
    return wall, peak_kb / 1024, events.stat().st_size / 1e6, run.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--kind", choices=["repeating", "distinct"], default="repeating")
    parser.add_argument("--dir", type=Path, help="where the CSV files are kept (default: temp)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.dir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for rows in args.rows:
            wall, peak, size, summary = measure(folder, args.kind, rows)
            print(
                f"{args.kind} {rows:>11,} rows ({size:,.0f} MB): {wall:6.1f} s, "
                f"peak {peak:,.0f} MB  [{summary}]"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
