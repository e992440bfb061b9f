"""The one registry of event-file formats: names, suffixes, sniffing, readers and writers.

Every list of formats that geo shows or checks (the suffixes a folder is searched for, the
formats ``-o`` accepts, the help texts of the commands, the messages about a file that is
not an event file) is derived from :data:`FORMATS`, in the manner of Fiona's
``supported_drivers``. Readers and writers are named by module and imported on first use,
so that knowing the formats costs nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import InputError

if TYPE_CHECKING:
    from geo.model import Dataset, Movement, Presence, Source

    Records = tuple[list[Source], list[Presence], list[Movement]]


@dataclass(frozen=True, slots=True)
class Format:
    """One file format.

    ``read`` names ``module:function`` taking ``(path, problems)`` for a streamed format
    or ``(text, problems)`` for one parsed whole (the text decoded by :mod:`geo.io.reader`);
    ``write`` names ``module:function`` taking ``(dataset, out)`` and returning the files
    it wrote. A ``binary`` format is not checked as text before it is read.
    """

    name: str  # "yaml"
    title: str  # "YAML", as help texts and messages name it
    suffixes: tuple[str, ...]  # the first one is the usual one
    read: str = ""
    write: str = ""
    streamed: bool = False  # the reader takes the path, not the decoded text
    binary: bool = False

    @property
    def readable(self) -> bool:
        return bool(self.read)

    @property
    def writable(self) -> bool:
        return bool(self.write)

    def reader(self) -> Callable[..., Records]:
        """``(text, problems)``; a streamed reader also takes ``emit`` for its presence
        records (see :func:`geo.io.read_csv.read_csv`)."""
        return _load(self.read)

    def writer(self) -> Callable[[Dataset, Path], list[Path]]:
        return _load(self.write)


FORMATS: tuple[Format, ...] = (
    Format("yaml", "YAML", (".yaml", ".yml"), read="geo.io.read_yaml:parse_yaml"),
    Format(
        "csv",
        "CSV",
        (".csv",),
        read="geo.io.read_csv:read_csv",
        write="geo.io.export:write_csv",
        streamed=True,  # any size
    ),
    Format(
        "geojson",
        "GeoJSON",
        (".geojson", ".json"),
        read="geo.io.read_geojson:parse_geojson",
        write="geo.io.export:write_geojson",
    ),
    Format(
        "gpkg",
        "GeoPackage",
        (".gpkg",),
        read="geo.io.read_gpkg:read_gpkg",
        write="geo.io.export:write_gpkg",
        streamed=True,
        binary=True,
    ),
    Format(
        "xlsx",
        "XLSX",
        (".xlsx",),
        read="geo.io.read_xlsx:read_xlsx",  # presence rows of the first sheet
        streamed=True,
        binary=True,
    ),
    Format("kml", "KML", (".kml",), write="geo.io.export:write_kml"),
)
BY_NAME = {f.name: f for f in FORMATS}


def _load(ref: str) -> Any:
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


def readable() -> list[Format]:
    """The formats geo reads event files from."""
    return [f for f in FORMATS if f.readable]


def writable() -> list[Format]:
    """The formats ``geo export`` writes."""
    return [f for f in FORMATS if f.writable]


def read_suffixes() -> tuple[str, ...]:
    """Every suffix of a readable format, e.g. for finding event files in a folder."""
    return tuple(s for f in readable() for s in f.suffixes)


def titles(formats: list[Format]) -> str:
    """``YAML, CSV, GeoJSON or GeoPackage``: the formats as a sentence names them."""
    names = [f.title for f in formats]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def suffix_list(formats: list[Format]) -> str:
    """``.geojson, .kml, .gpkg, .csv``: the usual suffix of each format."""
    return ", ".join(f.suffixes[0] for f in formats)


def by_suffix(path: Path) -> Format | None:
    """The format a file's suffix names, or None."""
    suffix = path.suffix.lower()
    return next((f for f in FORMATS if suffix in f.suffixes), None)


def sniff(head: bytes) -> Format:
    """The readable format whose signature the first bytes of a file carry."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"SQLite format 3\x00"):
        return BY_NAME["gpkg"]
    if head.startswith(b"PK\x03\x04"):  # a zip archive: of the formats read, XLSX
        return BY_NAME["xlsx"]
    if text.startswith(b"{"):
        return BY_NAME["geojson"]
    first = text.split(b"\n", 1)[0]
    if first.count(b",") >= 2 and b":" not in first:
        return BY_NAME["csv"]
    return BY_NAME["yaml"]


def input_format(path: Path, head: bytes) -> Format:
    """The format to read ``path`` with: by its suffix when readable, else by sniffing."""
    known = by_suffix(path)
    return known if known is not None and known.readable else sniff(head)


def output_format(out: Path, option: str = "-o") -> Format:
    """The format to write ``out`` in, by its suffix.

    Raises
    ------
    InputError
        The suffix names no format geo writes.
    """
    known = by_suffix(out)
    if known is None or not known.writable:
        raise InputError(
            f"cannot tell the format from {out.suffix or 'no suffix'!r}; use one of "
            + suffix_list(writable()),
            field=option,
        )
    return known


def files_help() -> str:
    """The help text of the FILES argument every data command takes."""
    return (
        f"Event files ({titles(readable()).replace(' or ', ', ')}) or folders; default: the seeds."
    )
