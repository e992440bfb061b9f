"""Areas (issue 11): asset size, `geo lookup` whole-process time, time to load an area.

Usage::

    .venv/bin/python benchmarks/bench_areas.py [--runs 15] [--before /path/to/older/checkout]

Measures, on the current tree:

- the size of gazetteer/data/areas.bin and areas.csv, and the number of areas;
- `geo lookup Derna`, `geo lookup --json Derna` and `geo lookup --geometry Libya` as whole
  processes, median of ``--runs`` (after one warm-up run that builds the index if needed);
  with ``--before``, `geo lookup Derna` of that checkout in the same minutes, alternating;
- in a fresh process: importing gazetteer.areas and loading one area (Libya; Cyrenaica,
  a union; Russia, the largest), first call; and the warm per-call time of area().
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOAD_ONE = """
import time, sys
t = time.perf_counter()
from gazetteer.areas import area
g = area(sys.argv[1])
first = time.perf_counter() - t
t = time.perf_counter()
for _ in range(50):
    area(sys.argv[1])
warm = (time.perf_counter() - t) / 50
import shapely
print(first, warm, shapely.get_num_coordinates(g))
"""


def _geo(tree: Path, *args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    code = "from geo.cli import main; main()"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, *args], env=env, cwd="/tmp", check=False, capture_output=True
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--before", type=Path, default=None)
    opts = parser.parse_args()
    # The tree's bytecode first: a tree run with PYTHONDONTWRITEBYTECODE has none, and
    # compiling ~100 modules on every run would be timed as if it were the lookup.
    for tree in (ROOT, opts.before):
        if tree is not None:
            subprocess.run(
                [sys.executable, "-m", "compileall", "-q", "geo", "gazetteer"],
                cwd=tree,
                check=False,
                capture_output=True,
            )
    data = ROOT / "gazetteer" / "data"
    rows = sum(1 for ln in (data / "areas.csv").open() if not ln.startswith("#")) - 1
    print(
        f"# {platform.node()} {platform.processor() or platform.machine()}, {os.cpu_count()} cores"
    )
    print(
        f"areas: {rows}; areas.bin {(data / 'areas.bin').stat().st_size / 1e6:.2f} MB;"
        f" areas.csv {(data / 'areas.csv').stat().st_size / 1e6:.2f} MB"
    )
    trees = [("after", ROOT)] + ([("before", opts.before)] if opts.before else [])
    for _, tree in trees:
        _geo(tree, "lookup", "Derna")  # warm-up (and index build)
    times: dict[str, list[float]] = {name: [] for name, _ in trees}
    for _ in range(opts.runs):
        for name, tree in trees:  # alternating: both see the same load on the machine
            times[name].append(_geo(tree, "lookup", "Derna"))
    for name, _ in trees:
        print(f"geo lookup Derna ({name}): median {statistics.median(times[name]):.3f} s")
    for args in (("lookup", "--json", "Derna"), ("lookup", "--geometry", "Libya")):
        runs = [_geo(ROOT, *args) for _ in range(opts.runs)]
        print(f"geo {' '.join(args)}: median {statistics.median(runs):.3f} s")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for label, pid in (
        ("Libya", "geonames:2215636"),
        ("Cyrenaica", "overlay:ly-region-cyrenaica"),
        ("Russia", "geonames:2017370"),
    ):
        out = subprocess.run(
            [sys.executable, "-c", LOAD_ONE, pid],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        first, warm, vertices = float(out[0]), float(out[1]), int(out[2])
        print(
            f"area({label}) in a fresh process, import + first call: {first * 1000:.1f} ms;"
            f" warm call {warm * 1000:.2f} ms; {vertices} vertices"
        )


if __name__ == "__main__":
    main()
