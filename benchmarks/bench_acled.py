"""Benchmark: ``geo validate`` of an ACLED-format CSV of 1,000,000 events, and pandas.

Targets (issue 12): validate 1,000,000 rows in <= 5 s; memory while reading them
<= 1.5 GB. The file is synthetic (invented places, actors, outlets and text; no ACLED
row), shaped as ACLED's exports are: the 31 columns, a few thousand locations, a few
hundred actors, one to three outlets per event, a sentence of notes per event. Each run
is a process of its own under ``/usr/bin/time -v`` (wall time and peak memory); the peer,
``pandas.read_csv`` of the same file, runs the same way in the same session. Run:

    .venv/bin/python benchmarks/bench_acled.py [--rows 1000000] [--repeat 3] [--keep FILE]
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from geo.io.acled import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
SUB_TYPES = {
    "Battles": ["Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"],
    "Explosions/Remote violence": ["Shelling/artillery/missile attack", "Air/drone strike",
                                   "Remote explosive/landmine/IED"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention"],
    "Strategic developments": ["Looting/property destruction", "Agreement", "Other"],
}  # fmt: skip
COUNTRIES = [("434", "Libya", 32.0, 17.0), ("818", "Egypt", 27.0, 30.0),
             ("760", "Syria", 35.0, 38.0), ("368", "Iraq", 33.0, 44.0),
             ("729", "Sudan", 15.0, 30.0)]  # fmt: skip


def write_acled(path: Path, rows: int, seed: int = 12) -> None:
    """An ACLED-format CSV of ``rows`` synthetic events."""
    rng = random.Random(seed)
    places = []
    for i in range(4000):
        iso, country, lat, lon = COUNTRIES[i % len(COUNTRIES)]
        places.append((iso, country, f"Town {i}", f"{lat + rng.uniform(-3, 3):.4f}",
                       f"{lon + rng.uniform(-3, 3):.4f}"))  # fmt: skip
    actors = [f"Armed Group {i}" for i in range(300)]
    outlets = [f"Outlet {i}" for i in range(80)]
    start = date(2016, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(COLUMNS)
        for i in range(rows):
            iso, country, town, lat, lon = rng.choice(places)
            kind = rng.choice(list(SUB_TYPES))
            day = start + timedelta(days=rng.randrange(2900))
            when = day.isoformat() if i % 2 else f"{day.day} {day:%B %Y}"
            cited = "; ".join(rng.sample(outlets, rng.randint(1, 3)))
            dead = rng.choice((0, 0, 0, 1, 2, 3, 5, 12))
            out.writerow(
                [
                    f"X{iso}{i}", when, day.year, rng.choice("1111112223"), "Political violence",
                    kind, rng.choice(SUB_TYPES[kind]), rng.choice(actors), "", "3",
                    rng.choice(actors) if i % 3 else "", "", "3", "33", "", iso,
                    "Northern Africa", country, f"Province {i % 40}", "", "", town, lat, lon,
                    rng.choice("1112223"), cited, "National",
                    f"On {when}, invented event {i}: {rng.choice(actors)} reported near {town}"
                    f" by {cited}; {dead} fatalities in this synthetic record.",
                    dead, "", "1700000000",
                ]
            )  # fmt: skip


def _time(args: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB, and stdout of one process under /usr/bin/time -v."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        ["/usr/bin/time", "-v", *args], capture_output=True, text=True, env=env, check=False
    )
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    assert wall and rss, done.stderr[-2000:]
    h, m, s = wall.groups()
    seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
    return seconds, int(rss[1]) / 1024, done.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best one counts")
    parser.add_argument("--keep", type=Path, help="write the CSV here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        events = args.keep or Path(tmp) / "acled.csv"
        if not events.exists():
            write_acled(events, args.rows)
        size = events.stat().st_size
        py = sys.executable
        runs = {
            "geo validate": [py, "-c", "from geo.cli import main; main()", "validate", str(events)],
            "pandas.read_csv (peer)": [
                py, "-c", f"import pandas as pd; print(len(pd.read_csv({str(events)!r})))",
            ],
        }  # fmt: skip
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, load average "
            f"{os.getloadavg()[0]:.1f}, python {platform.python_version()}"
        )
        print(f"file: {args.rows:,} ACLED-format rows, {size / 1e6:.0f} MB")
        for name, cmd in runs.items():
            results = [_time(cmd) for _ in range(args.repeat)]
            best = min(results)
            print(
                f"{name}: {best[0]:.2f} s wall (runs: {', '.join(f'{r[0]:.2f}' for r in results)}),"
                f" peak memory {max(r[1] for r in results):,.0f} MB; output: {best[2][:120]}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
