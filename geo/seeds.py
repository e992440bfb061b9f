"""Where the default dataset lives: the ``seeds`` package shipped in the wheel.

``geo validate``, ``geo export`` and ``geo map`` without files read every event file there
(found with :mod:`importlib.resources`, so an installed wheel has them as a clone does).
The environment variable ``GEO_SEEDS`` names another folder (or a single file).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from geo.errors import InputError
from geo.io.formats import read_suffixes, readable, suffix_list

SEEDS_ENV = "GEO_SEEDS"


def seeds_dir() -> Path:
    """The folder (or file) of the default dataset: ``$GEO_SEEDS``, else the seeds package."""
    env = os.environ.get(SEEDS_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(str(resources.files("seeds")))


def event_files(folder: Path) -> list[Path]:
    """The event files in ``folder`` (every readable format; not READMEs), sorted by name."""
    suffixes = read_suffixes()
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in suffixes)


def default_files() -> list[Path]:
    """The event files of the default dataset.

    Raises
    ------
    InputError
        When the folder does not exist or holds no event file.
    """
    where = seeds_dir()
    if where.is_file():
        return [where]
    if not where.is_dir():
        how = f"${SEEDS_ENV}" if os.environ.get(SEEDS_ENV, "").strip() else "the seeds folder"
        raise InputError(
            f"no default dataset: {how} {str(where)!r} does not exist; "
            "give event files or set GEO_SEEDS"
        )
    files = event_files(where)
    if not files:
        raise InputError(f"no event files ({suffix_list(readable())}) in {str(where)!r}")
    return files


def expand(paths: list[Path]) -> list[Path]:
    """``paths`` with each folder replaced by its event files; the default set when empty.

    Raises
    ------
    InputError
        A folder given holds no event file.
    """
    if not paths:
        return default_files()
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = event_files(p)
            if not found:
                raise InputError(
                    f"no event files ({suffix_list(readable())}) in this folder", file=str(p)
                )
            out.extend(found)
        else:
            out.append(p)
    return out
