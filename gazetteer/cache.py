"""Where the gazetteer's indexes live, and the rules for trusting a folder with them.

The cache folder is ``$GEO_CACHE_DIR`` or the user's cache folder for geo
(platformdirs). When it cannot be written (a read-only home), indexes go to a private
folder in the system's temporary folder, ``geo-cache-<uid>``, created with mode 0700 and
used only while it is owned by the current user and writable by nobody else (as ssh
treats ``~/.ssh``): an index is trusted code-like data (a folder another user controls
could answer ``geo lookup Derna`` with London).
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

from geo.errors import CacheError

# An index of other code or data is left for this long (another process may still be
# starting on it) before a new build removes it; ten builds would otherwise fill gigabytes.
STALE_SECONDS = 3600
PATTERNS = ("gazetteer-*.sqlite", "gazetteer-*.hits", ".gazetteer-*.tmp")


def cache_dir() -> Path:
    """Where indexes live: ``$GEO_CACHE_DIR`` or the user's cache folder for geo."""
    override = os.environ.get("GEO_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("geo"))


def writable(folder: Path) -> bool:
    """Whether ``folder`` exists, or can be made, and can be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK | os.X_OK)


def private_fallback() -> Path:
    """The private temporary folder for indexes, made if missing.

    Raises
    ------
    CacheError
        The folder exists but is not a folder of the current user's alone.
    """
    folder = Path(tempfile.gettempdir()) / f"geo-cache-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError as exc:
        raise CacheError(f"cannot make the private cache folder {folder} ({exc.strerror})") from exc
    if not stat.S_ISDIR(info.st_mode):
        raise CacheError(f"{folder} is not a folder; remove it, or set GEO_CACHE_DIR")
    if info.st_uid != os.getuid():
        raise CacheError(
            f"{folder} belongs to another user; its indexes are not trusted (set GEO_CACHE_DIR)"
        )
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise CacheError(
            f"{folder} is writable by other users; its indexes are not trusted "
            f"(chmod 700 it, or set GEO_CACHE_DIR)"
        )
    return folder


def prune(folder: Path, keep: str, keep_also: str) -> None:
    """Remove old indexes and leftover temporary files of interrupted builds."""
    now = time.time()
    kept = {keep, keep_also}
    for path in [p for pattern in PATTERNS for p in folder.glob(pattern)]:
        try:
            if path.name not in kept and now - path.stat().st_mtime > STALE_SECONDS:
                path.unlink()  # open readers keep their file until they close it
        except OSError:
            continue
