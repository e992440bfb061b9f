"""The options and arguments several commands share, each defined once.

Help texts that list formats come from the format registry (:mod:`geo.io.formats`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from geo.io.formats import files_help
from geo.io.options import ReadOptions

OptText = Optional[str]  # noqa: UP045 - typer needs Optional here
OptPath = Optional[Path]  # noqa: UP045 - typer needs Optional here

FilesArg = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer needs Optional here
    typer.Argument(help=files_help(), show_default=False),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
# Limits and the radius are checked by the library, whose errors are one line (click's
# usage errors are four).
LimitOpt = Annotated[int, typer.Option("--limit", "-n", help="At most this many results.")]
CountryOpt = Annotated[
    OptText, typer.Option("--country", "-c", help="Prefer places in this country (ISO).")
]
TitleOpt = Annotated[OptText, typer.Option("--title", help="Title of the map.")]
SubtitleOpt = Annotated[str, typer.Option("--subtitle", help="Line under the title.")]
BannerOpt = Annotated[
    OptText, typer.Option("--banner", help="Classification or handling line, top and bottom.")
]
ByOpt = Annotated[
    str,
    typer.Option("--by", help="Split and colour presence by status, actor, period or event type."),
]
# How spreadsheets are read (every command that reads event files takes these three).
MapOpt = Annotated[
    Optional[list[str]],  # noqa: UP045 - typer needs Optional here
    typer.Option(
        "--map",
        help='Columns of a spreadsheet (CSV, XLSX) as fields: place=Location,date="Event date"'
        ",actor=Group (repeatable; default: ACLED's columns, or a guess that is printed).",
        show_default=False,
    ),
]
MapFileOpt = Annotated[
    OptPath,
    typer.Option(
        "--map-file",
        help="A file of the --map mapping: one `field = Column` a line.",
        show_default=False,
    ),
]
DayfirstOpt = Annotated[
    bool, typer.Option("--dayfirst", help="Read dates such as 05/04/2016 as dd/mm/yyyy.")
]


def read_options(maps: list[str] | None, map_file: Path | None, dayfirst: bool) -> ReadOptions:
    """The :class:`~geo.io.options.ReadOptions` of the three options above.

    Raises
    ------
    geo.errors.InputError
        A field that does not exist, an item that is not FIELD=COLUMN, a mapping file that
        cannot be read (naming its line).
    """
    from geo.errors import InputError
    from geo.io.mapping import parse_map, parse_map_file

    mapping: dict[str, str] = {}
    origin = "--map"
    if map_file is not None:
        try:
            text = map_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            why = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise InputError(f"cannot be read ({why})", file=str(map_file)) from None
        mapping.update(parse_map_file(text, str(map_file)))
        origin = f"mapping file {map_file}"
    for item in maps or []:
        mapping.update(parse_map(item))
    return ReadOptions(mapping=mapping, origin=origin, dayfirst=dayfirst)
