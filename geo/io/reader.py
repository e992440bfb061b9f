"""Read event files of any supported format into one :class:`~geo.model.Dataset`.

The format comes from the file's suffix, else from its first bytes (the registry of
:mod:`geo.io.formats`). Files given together share their sources. Every problem in every
file is collected, so one run reports them all; each record keeps its file and line.
"""

from __future__ import annotations

import difflib
import io
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from geo.errors import InputError, ValidationErrors, shown
from geo.io import formats, outlets
from geo.io.fields import Problems, TooManyProblems
from geo.io.options import ReadOptions
from geo.model import Dataset, Movement, Presence, Source

MAX_DOCUMENT_BYTES = 64 << 20  # YAML and GeoJSON are parsed whole; CSV streams, any size
SNIFF_BYTES = 8192
Records = tuple[list[Source], list[Presence], list[Movement]]
E = TypeVar("E", bound=InputError)


def _display(path: Path) -> str:
    """The path as messages show it: as given, or relative to the working folder if inside."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            pass
    return str(path)


def file_format(path: Path, head: bytes) -> str:
    """The name of the format to read ``path`` with, whose first bytes are ``head``."""
    return formats.input_format(path, head).name


def _text_problem(head: bytes) -> tuple[str, int] | None:
    """Why ``head`` cannot start a text file, and the line, or ``None``."""
    if b"\x00" in head:
        return f"a binary file, not text; geo reads {formats.titles(formats.readable())}", 1
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the sniff boundary
            return "not UTF-8 text; save the file as UTF-8", head.count(b"\n", 0, exc.start) + 1
    return None


class _Replay(io.RawIOBase):
    """The bytes of ``head`` and then the rest of ``rest``: a file read once, sniffed
    first (a pipe or a FIFO, as ``geo validate <(cat f.csv)`` gives, cannot be reopened)."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self.head, self.rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n], self.head = self.head[:n], self.head[n:]
            return n
        return self.rest.readinto(buffer)  # type: ignore[attr-defined]


def read_file(path: Path, problems: Problems) -> Records:
    """Read one file's records, recording every problem in ``problems``.

    The file is opened once and read once, so a pipe or a FIFO reads as a file does.
    """
    try:
        with path.open("rb") as fh:
            return _read_open(path, fh, problems)
    except FileNotFoundError:
        problems.add("no such file", line=None, field=None)
    except IsADirectoryError:
        problems.add("a folder, not a file", line=None, field=None)
    except OSError as exc:
        problems.add(f"cannot be read ({exc.strerror})", line=None, field=None)
    return [], [], []


def _read_open(path: Path, fh: BinaryIO, problems: Problems) -> Records:
    head = fh.read(SNIFF_BYTES)
    fmt = formats.input_format(path, head)
    if fmt.binary:
        return fmt.reader()(path, problems)
    if not head.strip(b"\xef\xbb\xbf \t\r\n"):
        problems.add("the file is empty", line=1, field="file")
        return [], [], []
    why = _text_problem(head)
    if why:
        problems.add(why[0], line=why[1], field="file")
        return [], [], []
    if fmt.streamed:
        return fmt.reader()(io.BufferedReader(_Replay(head, fh)), problems)
    st = os.fstat(fh.fileno())
    size = st.st_size if stat.S_ISREG(st.st_mode) else 0  # a pipe says 0: read to know
    data = b"" if size > MAX_DOCUMENT_BYTES else head + fh.read(MAX_DOCUMENT_BYTES + 1)
    if size > MAX_DOCUMENT_BYTES or len(data) > MAX_DOCUMENT_BYTES:
        problems.add(
            f"the file is {max(size, len(data)) / (1 << 20):,.0f} MB; geo reads {fmt.title} "
            f"files up to {MAX_DOCUMENT_BYTES >> 20} MB (use CSV for large data)",
            line=1,
            field="file",
        )
        return [], [], []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.add(
            f"not UTF-8 text ({exc.reason}); save the file as UTF-8", line=line, field="file"
        )
        return [], [], []
    return fmt.reader()(text, problems)


def _check_references(
    data: Dataset,
    broken: set[str],
    problems: list[InputError],
    named: dict[str, tuple[str, str, int]] | None = None,
) -> None:
    """Every cited source is defined; record ids are unique within their kind.

    Sources in ``broken`` were defined with a bad field, already reported; ``named`` gives
    the outlet name of ids derived from one (:mod:`geo.io.outlets`), for the message.
    """
    named = named or {}
    defined = data.sources
    records: list[Presence | Movement] = [*data.presence, *data.movements]
    ids: dict[tuple[str, str], Presence | Movement] = {}
    checked: set[tuple[str, ...]] = set()
    for rec in records:
        cited = (*rec.sources, *(e.source for e in rec.estimates if e.source))
        if rec.id:
            _check_id(rec, ids, problems)
        if cited in checked:  # the same sources as an earlier record: all defined
            continue
        if all(sid in defined for sid in cited):
            checked.add(cited)
        for sid in dict.fromkeys(cited):
            if sid not in defined and sid not in broken:
                name = named[sid][0] if sid in named else None
                problems.append(
                    InputError(
                        f"{outlets.undefined(sid, name)} is not defined"
                        + _hint(sid, defined, name),
                        file=rec.file,
                        line=rec.line,
                        field="sources",
                    )
                )


def _hint(sid: str, defined: dict[str, Source], name: str | None = None) -> str:
    """``; did you mean ...?`` for a close source id (or, for an outlet ``name``, the ids
    of outlets named alike), else what is defined (when few)."""
    close = difflib.get_close_matches(sid, list(defined), n=3, cutoff=0.6)
    if name is not None:
        by_outlet = {s.outlet.casefold(): s.id for s in defined.values()}
        alike = difflib.get_close_matches(name.casefold(), list(by_outlet), n=3, cutoff=0.6)
        close = list(dict.fromkeys([*(by_outlet[o] for o in alike), *close]))[:3]
    how = f"; {outlets.DEFINE_HINT}"
    if close:
        return f"; did you mean {', '.join(close)}?{how}"
    if not defined:
        return f" (no sources are defined){how}"
    if len(defined) <= 8:
        return f" (defined: {', '.join(sorted(defined))}){how}"
    return f" ({len(defined)} sources are defined){how}"


def _check_id(
    rec: Presence | Movement,
    ids: dict[tuple[str, str], Presence | Movement],
    problems: list[InputError],
) -> None:
    first = ids.setdefault((type(rec).__name__, rec.id), rec)
    if first is not rec:
        problems.append(
            InputError(
                f"{shown(rec.id)} is already the id of {first.file}:{first.line}",
                file=rec.file,
                line=rec.line,
                field="id",
            )
        )


def load_dataset(
    paths: Sequence[Path], options: ReadOptions | None = None
) -> tuple[Dataset, list[InputError]]:
    """Read ``paths`` into one dataset of every valid record, and every problem found.

    Use :func:`read_dataset` unless partial results are wanted (``geo validate``).
    ``options`` (a column mapping, day-first dates) apply to every file; their notices
    are filled in.
    """
    options = options if options is not None else ReadOptions()
    named: dict[str, tuple[str, str, int]] = {}
    if not paths:
        raise InputError("no event files given")
    sources: dict[str, Source] = {}
    presence: list[Presence] = []
    movements: list[Movement] = []
    problems: list[InputError] = []
    broken: set[str] = set()
    for path in paths:
        found = Problems(_display(Path(path)), options=options)
        try:
            srcs, pres, movs = read_file(Path(path), found)
        except TooManyProblems:
            srcs, pres, movs = [], [], []
        for s in srcs:
            if s.id in sources:
                first = sources[s.id]
                found.items.append(
                    InputError(
                        f"source {shown(s.id)} is already defined at {first.file}:{first.line}",
                        file=s.file,
                        line=s.line,
                        field="id",
                    )
                )
                continue
            sources[s.id] = s
        presence.extend(pres)
        movements.extend(movs)
        problems.extend(found.items)
        broken |= found.broken_sources
        for sid, (name, line) in found.outlets.items():
            named.setdefault(sid, (name, found.file, line))
    outlets.adopt(sources, named, options.notices)
    data = Dataset(sources=sources, presence=tuple(presence), movements=tuple(movements))
    _check_references(data, broken, problems, named)
    return data, sort_problems(problems, paths)


def sort_problems(problems: list[E], paths: Sequence[Path]) -> list[E]:
    """Problems in the order of the files given, then by line."""
    order = {_display(Path(p)): i for i, p in enumerate(paths)}
    return sorted(problems, key=lambda e: (order.get(e.file or "", len(order)), e.line or 0))


def read_dataset(paths: Sequence[Path], options: ReadOptions | None = None) -> Dataset:
    """Read event files into one :class:`~geo.model.Dataset`.

    Parameters
    ----------
    paths
        Event files of any readable format (:mod:`geo.io.formats`); their sources are
        shared.

    Raises
    ------
    ValidationErrors
        With every problem found in every file (each an :class:`InputError` naming file,
        line and field).
    """
    data, problems = load_dataset(paths, options)
    if problems:
        raise ValidationErrors(problems)
    return data
