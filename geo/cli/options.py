"""The options and arguments several commands share, each defined once.

Help texts that list formats come from the format registry (:mod:`geo.io.formats`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from geo.io.formats import files_help

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
