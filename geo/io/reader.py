"""Read event files of any supported format into one :class:`~geo.model.Dataset`.

The format comes from the file's suffix, else from its first bytes (the registry of
:mod:`geo.io.formats`). Files given together share their sources. Every problem in every
file is collected, so one run reports them all; each record keeps its file and line.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from geo.errors import InputError, ValidationErrors, shown
from geo.io import formats, outlets
from geo.io.digest import Digest
from geo.io.fields import Problems, TooManyProblems
from geo.io.options import ReadOptions
from geo.model import Dataset, Movement, Presence, Source
from geo.record_runs import RecordRuns

MAX_DOCUMENT_BYTES = 64 << 20  # YAML and GeoJSON are parsed whole; CSV streams, any size
SNIFF_BYTES = 8192
Records = tuple[list[Source], list[Presence], list[Movement]]
E = TypeVar("E", bound=InputError)
Emit = Callable[[Presence], None]


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


def read_file(path: Path, problems: Problems, emit: Emit | None = None) -> Records:
    """Read one file's records, recording every problem in ``problems``.

    The file is opened once and read once, so a pipe or a FIFO reads as a file does. A
    streamed format hands each presence record to ``emit`` as it is read, when given,
    instead of returning it.
    """
    try:
        with path.open("rb") as fh:
            return _read_open(path, fh, problems, emit)
    except FileNotFoundError:
        problems.add("no such file", line=None, field=None)
    except IsADirectoryError:
        problems.add("a folder, not a file", line=None, field=None)
    except OSError as exc:
        problems.add(f"cannot be read ({exc.strerror})", line=None, field=None)
    return [], [], []


def _read_open(path: Path, fh: BinaryIO, problems: Problems, emit: Emit | None) -> Records:
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
        if stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # a file can be read again, whole
            return fmt.reader()(path, problems, emit)
        return fmt.reader()(io.BufferedReader(_Replay(head, fh)), problems, emit)
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


def load_dataset(
    paths: Sequence[Path], options: ReadOptions | None = None
) -> tuple[Dataset, list[InputError]]:
    """Read ``paths`` into one dataset of every valid record, and every problem found.

    Use :func:`read_dataset` unless partial results are wanted (``geo validate``).
    ``options`` (a column mapping, day-first dates) apply to every file; their notices
    are filled in.
    """
    data, _, problems = digest_files(paths, options, keep=True)
    return data, problems


def digest_files(
    paths: Sequence[Path], options: ReadOptions | None = None, *, keep: bool
) -> tuple[Dataset, Digest, list[InputError]]:
    """Read ``paths`` through one :class:`~geo.io.digest.Digest`, and every problem found.

    With ``keep``, the dataset holds every valid record; without, only the sources and
    the movements (presence records are counted and checked, then dropped: memory stays
    flat however long a CSV file is). ``options`` as for :func:`load_dataset`.
    """
    options = options if options is not None else ReadOptions()
    named: dict[str, tuple[str, str, int]] = {}
    if not paths:
        raise InputError("no event files given")
    digest = Digest()
    sources: dict[str, Source] = {}
    movements: list[Movement] = []
    problems: list[InputError] = []
    broken: set[str] = set()
    add = _Collect(digest, keep)

    with quiet_gc():
        for path in paths:
            found = Problems(_display(Path(path)), options=options)
            try:
                srcs, pres, movs = read_file(Path(path), found, add)
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
            for p in pres:
                add(p)
            for m in movs:
                digest.add_movement(m)
            movements.extend(movs)
            problems.extend(found.items)
            broken |= found.broken_sources
            for sid, (name, line) in found.outlets.items():
                named.setdefault(sid, (name, found.file, line))
    outlets.adopt(sources, named, options.notices)
    problems.extend(digest.problems(sources, broken, named))
    data = Dataset(sources=sources, presence=add.records(), movements=tuple(movements))
    return data, digest, sort_problems(problems, paths)


class _Collect:
    """Where a reader's presence records go: the digest, and the runs of the dataset's
    :class:`~geo.record_runs.RecordRuns` when they are kept. A reader that reads whole columns
    hands them over at once (:meth:`batch`), and they make their records when asked."""

    def __init__(self, digest: Digest, keep: bool) -> None:
        self.digest, self.keep = digest, keep
        self.runs: list[Any] = []  # lists of records, and batches

    def __call__(self, p: Presence) -> None:
        self.digest.add_presence(p)
        if self.keep:
            if not self.runs or not isinstance(self.runs[-1], list):
                self.runs.append([])
            self.runs[-1].append(p)

    def batch(self, batch: Any) -> None:
        """The rows of a :class:`geo.io.csv_columns.Batch`."""
        self.digest.add_batch(batch)
        if self.keep:  # codes as 32-bit numbers: a batch holds a few hundred thousand rows
            self.runs.append(replace(batch, codes=[c.astype("int32") for c in batch.codes]))

    def records(self) -> RecordRuns:
        return RecordRuns(self.runs)


@contextlib.contextmanager
def quiet_gc() -> Iterator[None]:
    """No cyclic garbage collection inside: records hold no cycles, and collections that
    walk millions of live records would make reading quadratic (and a map of 1,000,000
    records, built after reading, two seconds slower)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


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
