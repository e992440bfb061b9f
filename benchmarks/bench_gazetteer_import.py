"""Import speed and index size of `geo gazetteer import` on a synthetic GeoNames dump.

Usage::

    .venv/bin/python benchmarks/bench_gazetteer_import.py [--rows 300000]

Writes a file in the 19-column GeoNames format (allCountries.txt) with ``--rows`` made-up
places (pronounceable names, 0-4 alternate names each, GeoNames' mix of feature classes)
into a temporary folder, imports it into an empty user index, and extrapolates the time
and the index size linearly to the 12.4 million rows of the real allCountries.txt.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FULL_ROWS = 12_400_000
SYLLABLES = ["ba", "ri", "ka", "tu", "mo", "sa", "el", "zan", "qur", "dah", "ni", "wa", "lid"]
FEATURES = [("P", "PPL")] * 6 + [("H", "STM"), ("T", "HLL"), ("S", "FRM"), ("A", "ADM3")]


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def write_dump(path: Path, rows: int, rng: random.Random) -> None:
    with path.open("w", encoding="utf-8") as f:
        for gid in range(1, rows + 1):
            fclass, fcode = rng.choice(FEATURES)
            main = name(rng)
            alts = ",".join(name(rng) for _ in range(rng.randint(0, 4)))
            pop = rng.choice([0, 0, 0, rng.randint(100, 2_000_000)])
            cells = [
                str(gid),
                main,
                main,
                alts,
                f"{rng.uniform(-60, 70):.5f}",
                f"{rng.uniform(-180, 180):.5f}",
                fclass,
                fcode,
                "LY",
                "",
                "01",
                "",
                "",
                "",
                str(pop),
                "",
                "10",
                "Africa/Tripoli",
                "2024-01-01",
            ]
            f.write("\t".join(cells) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=300_000)
    args = parser.parse_args()
    from gazetteer.importer import import_files

    folder = Path(tempfile.mkdtemp(prefix="geo-import-bench-"))
    dump = folder / "allCountries.txt"
    write_dump(dump, args.rows, random.Random(12))
    target = folder / "user-gazetteer.sqlite"
    print(
        f"# {time.strftime('%Y-%m-%d')} {platform.machine()} {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f}"
    )
    t = time.perf_counter()
    counts = import_files([dump], target=target, show_progress=False)
    seconds = time.perf_counter() - t
    size = target.stat().st_size
    rate = args.rows / seconds
    print(
        f"imported {counts['places']:,} rows ({dump.stat().st_size / 1e6:.0f} MB dump) in "
        f"{seconds:.1f} s: {rate:,.0f} rows/s; index {size / 1e6:.0f} MB "
        f"({size / args.rows:.0f} bytes/row)"
    )
    scale = FULL_ROWS / args.rows
    print(
        f"extrapolated to {FULL_ROWS:,} rows: {seconds * scale / 60:.0f} min, "
        f"{size * scale / 1e9:.1f} GB"
    )


if __name__ == "__main__":
    main()
