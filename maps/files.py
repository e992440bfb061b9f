"""Output files of the maps half: checked before work starts, written all at once."""

from __future__ import annotations

from pathlib import Path

from geo.errors import InputError
from geo.io.atomic import write_atomic

__all__ = ["check_output_path", "write_atomic"]


def check_output_path(out: Path, field: str, *, new_folder: bool = False) -> None:
    """Fail early, before a browser starts, when ``out`` cannot be written.

    The folder that holds ``out`` must exist; with ``new_folder`` it may also be missing as
    long as its parent exists (the caller creates it, as ``mkdir`` without ``-p`` would,
    once there is something to write).

    Raises
    ------
    InputError
        Naming the path (as ``file``) and ``field``.
    """
    folder = out.parent
    if new_folder and not folder.exists() and folder.parent.is_dir():
        return
    if not folder.is_dir():
        raise InputError(f"folder {folder} does not exist", file=str(out), field=field)
    if out.is_dir():
        raise InputError("is a folder, not a file", file=str(out), field=field)
