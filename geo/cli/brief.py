"""``geo brief``: the briefing page (map, linked chronology, sources) in one HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from geo.cli.common import handle_errors
from geo.cli.options import (
    BannerOpt,
    ByOpt,
    DayfirstOpt,
    FilesArg,
    MapFileOpt,
    MapOpt,
    SubtitleOpt,
    TitleOpt,
    read_options,
)

if TYPE_CHECKING:
    from maps.options import By


@handle_errors
def brief_cmd(
    files: FilesArg = None,
    typed: Annotated[
        str, typer.Option("-o", "--output", help="The briefing page to write (.html).")
    ] = "brief.html",
    title: TitleOpt = None,
    subtitle: SubtitleOpt = "",
    banner: BannerOpt = None,
    by: ByOpt = "status",
    maps: MapOpt = None,
    map_file: MapFileOpt = None,
    dayfirst: DayfirstOpt = False,
) -> None:
    """Write one self-contained briefing page: the map, a chronology linked to it, the sources.

    The page works offline; clicking a row of the chronology shows the record on the map,
    clicking a marker finds its row, and printing gives a clean document.
    """
    from geo.io.atomic import check_output_path, write_atomic

    check_output_path(typed, "-o")  # before any work: a typo in -o fails at once
    output = Path(typed)
    reading = read_options(maps, map_file, dayfirst)

    from geo.cli.load import read_events
    from maps.brief import build_brief
    from maps.options import MapOptions

    options = MapOptions(
        title=title or MapOptions().title,
        subtitle=subtitle,
        banner=banner,
        by=cast("By", by),  # MapOptions checks the value and names the field
        offline=True,
    )
    # The same reading as `geo map`: the gazetteer opens only if a place needs it.
    data, _ = read_events(files, options=reading)
    write_atomic(output, build_brief(data, options).encode("utf-8"))
    typer.echo(
        f"wrote {output}: {len(data.presence)} presence records, {len(data.movements)} movements,"
        f" {len(data.sources)} sources"
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to app."""
    app.command("brief")(brief_cmd)
