"""Files written whole or not at all: temporary files beside the targets, then a rename.

Every writer of the project (exports, maps, briefs, images) goes through
:func:`atomic_paths`, so a failure part-way leaves the old files, or none, never a partial
one; several files given together are all replaced or none is. Output paths are checked
by one rule, :func:`check_output_path`, before any work starts: the folder must exist (no
command creates folders, except the last folder of ``--frames-dir``), and the target must
not be a folder.

A temporary file is named ``.OUT.<pid>.<random>.tmp<suffix>``: one left behind by a
process that was killed (SIGKILL, a power cut) is removed by the next write to the same
folder, once no process of that id runs.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from geo.errors import InputError, OutputError

_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp(\.[^.]*)?$")


def check_output_path(out: Path | str, field: str, *, new_folder: bool = False) -> None:
    """Fail early, before any work, when ``out`` cannot be written.

    Give the path as typed (a string) where it can end in a slash: ``Path`` drops it.

    The folder that holds ``out`` must exist; with ``new_folder`` it may also be missing as
    long as its parent exists (the caller creates it, as ``mkdir`` without ``-p`` would,
    once there is something to write).

    Raises
    ------
    InputError
        Naming the path (as ``file``) and ``field``.
    """
    if isinstance(out, str) and out.endswith(("/", os.sep)):
        raise InputError("names a folder, not a file", file=out, field=field)
    out = Path(out)
    folder = out.parent
    if new_folder and not folder.exists() and folder.parent.is_dir():
        return
    if not folder.is_dir():
        raise InputError(f"folder {folder} does not exist", file=str(out), field=field)
    if out.is_dir():
        raise InputError("is a folder, not a file", file=str(out), field=field)


def check_distinct(paths: list[tuple[Path, str]]) -> None:
    """Two options may not name the same output file (``-o a.html --png a.html``)."""
    seen: dict[str, str] = {}
    for path, field in paths:
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            raise InputError(
                f"is also the file of {seen[key]}; give each output its own name",
                file=str(path),
                field=field,
            )
        seen[key] = field


@contextlib.contextmanager
def atomic_paths(targets: list[Path]) -> Iterator[list[Path]]:
    """Temporary paths next to ``targets``, moved onto them when the block succeeds.

    The temporary paths do not exist when the block starts (writers such as GDAL want to
    create their file themselves). Files get the mode ``open()`` would give them.

    Raises
    ------
    InputError
        A target is a folder (checked before anything is written).
    """
    for target in targets:
        if target.is_dir():
            raise InputError("is a folder, not a file", file=str(target), field="-o")
    for folder in dict.fromkeys(t.parent for t in targets):
        clean_stale_temps(folder)
    temps: list[Path] = []
    try:
        for target in targets:
            fd, name = tempfile.mkstemp(
                prefix=f".{target.name}.{os.getpid()}.",
                suffix=f".tmp{target.suffix}",
                dir=target.parent,
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
    except OSError as exc:
        if isinstance(exc, OutputError):
            raise
        by_temp = {str(t): target for t, target in zip(temps, targets, strict=False)}
        target = by_temp.get(str(exc.filename), targets[0] if targets else Path("?"))
        raise OutputError(str(target), exc.strerror or type(exc).__name__) from exc
    finally:
        for temp in temps:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


def clean_stale_temps(folder: Path) -> list[Path]:
    """Remove this user's temporary files in ``folder`` whose writing process is gone."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        m = _TEMP.match(entry.name)
        if m is None or not entry.is_file(follow_symlinks=False):
            continue
        with contextlib.suppress(OSError):
            if uid is not None and entry.stat(follow_symlinks=False).st_uid != uid:
                continue
            if _running(int(m.group("pid"))):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone's process: not ours to judge
    return True


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
