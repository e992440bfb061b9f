"""Check that a built wheel holds every file of the project's packages.

Usage: ``python scripts/check_wheel.py WHEEL SOURCE_TREE``

Every file under SOURCE_TREE's packages (geo, gazetteer, maps, seeds: modules, data files,
``py.typed``; not bytecode) must be in the wheel, and the wheel must declare the ``geo``
command. Prints what is missing and exits 1, else prints one summary line.
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

PACKAGES = ("geo", "gazetteer", "maps", "seeds")
ENTRY_POINT = "geo = geo.cli:main"


def package_files(tree: Path) -> list[str]:
    """The files of the packages in ``tree``, as wheel paths (``gazetteer/data/x.csv``)."""
    out = []
    for package in PACKAGES:
        for path in sorted((tree / package).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                out.append(path.relative_to(tree).as_posix())
    return out


def missing_from_wheel(wheel: Path, expected: Iterable[str]) -> list[str]:
    """The ``expected`` paths that the wheel does not hold."""
    with zipfile.ZipFile(wheel) as z:
        held = set(z.namelist())
    return [name for name in expected if name not in held]


def entry_points(wheel: Path) -> str:
    """The text of the wheel's ``entry_points.txt`` ("" when it has none)."""
    with zipfile.ZipFile(wheel) as z:
        names = [n for n in z.namelist() if n.endswith(".dist-info/entry_points.txt")]
        return z.read(names[0]).decode("utf-8") if names else ""


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    wheel, tree = Path(argv[1]), Path(argv[2])
    expected = package_files(tree)
    if not expected:
        print(f"check_wheel: no package files under {tree}", file=sys.stderr)
        return 2
    missing = missing_from_wheel(wheel, expected)
    problems = [f"missing from {wheel.name}: {name}" for name in missing]
    if ENTRY_POINT not in entry_points(wheel).replace("  ", " "):
        problems.append(f"{wheel.name}: no console script '{ENTRY_POINT}'")
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        return 1
    print(f"{wheel.name}: all {len(expected)} package files and the geo command are there")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
