"""Files written whole or not at all: temporary files beside the targets, then a rename.

Every writer of the project (exports, maps, briefs, images) goes through
:func:`atomic_paths`, so a failure part-way leaves the old files, or none, never a partial
one; several files given together are all replaced or none is.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_paths(targets: list[Path]) -> Iterator[list[Path]]:
    """Temporary paths next to ``targets``, moved onto them when the block succeeds.

    The temporary paths do not exist when the block starts (writers such as GDAL want to
    create their file themselves). Files get the mode ``open()`` would give them.
    """
    temps: list[Path] = []
    try:
        for target in targets:
            fd, name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=f".tmp{target.suffix}", dir=target.parent
            )
            os.close(fd)
            os.unlink(name)
            temps.append(Path(name))
        yield temps
        mode = 0o666 & ~_umask()
        for temp in temps:
            _sync(temp)
            os.chmod(temp, mode)
        for temp, target in zip(temps, targets, strict=True):
            os.replace(temp, target)
    finally:
        for temp in temps:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` all at once or not at all."""
    with atomic_paths([path]) as (temp,):
        temp.write_bytes(data)
    return path


def write_all_atomic(files: dict[Path, bytes]) -> list[Path]:
    """Write several files together: all of them, or none."""
    with atomic_paths(list(files)) as temps:
        for temp, content in zip(temps, files.values(), strict=True):
            temp.write_bytes(content)
    return list(files)


def _sync(path: Path) -> None:
    """Flush a finished file to disk, so that the rename never exposes a partial file."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
