"""Where the default dataset lives: the repository's ``seeds/`` folder.

``geo validate``, ``geo export`` and ``geo map`` without files read every event file there.
The environment variable ``GEO_SEEDS`` names another folder (or a single file).
"""

from __future__ import annotations

import os
from pathlib import Path

from geo.errors import InputError

SEEDS_ENV = "GEO_SEEDS"
EVENT_SUFFIXES = (".yaml", ".yml", ".csv", ".geojson")


def seeds_dir() -> Path:
    """The folder (or file) of the default dataset: ``$GEO_SEEDS``, else ``seeds/``."""
    env = os.environ.get(SEEDS_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(__file__).resolve().parent.parent / "seeds"


def event_files(folder: Path) -> list[Path]:
    """The event files in ``folder`` (YAML, CSV, GeoJSON; not READMEs), sorted by name."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in EVENT_SUFFIXES)


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
        raise InputError(f"no event files (.yaml, .csv, .geojson) in {str(where)!r}")
    return files


def expand(paths: list[Path]) -> list[Path]:
    """``paths`` with each folder replaced by its event files; the default set when empty."""
    if not paths:
        return default_files()
    out: list[Path] = []
    for p in paths:
        out.extend(event_files(p) if p.is_dir() else [p])
    return out
