"""``geo map``: the map of event files (or of the seeds) as HTML, a fragment or images."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional, cast

import typer

from geo.cli_common import handle_errors

FilesArg = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer needs Optional here
    typer.Argument(
        help="Event files (YAML, CSV, GeoJSON, GeoPackage) or folders; default: the seeds.",
        show_default=False,
    ),
]
OptText = Optional[str]  # noqa: UP045 - typer needs Optional here
OptPath = Optional[Path]  # noqa: UP045 - typer needs Optional here


@handle_errors
def map_cmd(
    files: FilesArg = None,
    output: Annotated[
        OptPath, typer.Option("-o", "--output", help="The map to write (.html); default map.html.")
    ] = None,
    title: Annotated[OptText, typer.Option("--title", help="Title of the map.")] = None,
    subtitle: Annotated[str, typer.Option("--subtitle", help="Line under the title.")] = "",
    offline: Annotated[
        bool,
        typer.Option("--offline", help="One file that needs no network: inline JS, no tiles."),
    ] = False,
    by: Annotated[
        str, typer.Option("--by", help="Split and colour presence by status, actor or period.")
    ] = "status",
    banner: Annotated[
        OptText, typer.Option("--banner", help="Classification or handling line, top and bottom.")
    ] = None,
    heat: Annotated[bool, typer.Option("--heat", help="Add a report-density layer.")] = False,
    regions: Annotated[
        bool, typer.Option("--regions", help="Add the regions layer (rough province outlines).")
    ] = False,
    embed: Annotated[
        bool,
        typer.Option(
            "--embed",
            help="Write OUT as an HTML fragment to paste into a page, plus OUT-stem.page.html"
            " and an <iframe> snippet OUT-stem.iframe.html that shows it.",
        ),
    ] = False,
    png: Annotated[OptPath, typer.Option("--png", help="Also write a PNG image.")] = None,
    pdf: Annotated[OptPath, typer.Option("--pdf", help="Also write a one-page PDF.")] = None,
    frames: Annotated[
        OptText, typer.Option("--frames", help="One image per year, quarter or month.")
    ] = None,
    frames_dir: Annotated[
        OptPath, typer.Option("--frames-dir", help="Folder for the frames (default: frames).")
    ] = None,
    width: Annotated[int, typer.Option("--width", help="Image width in pixels.")] = 1600,
    height: Annotated[int, typer.Option("--height", help="Image height in pixels.")] = 900,
    scale: Annotated[float, typer.Option("--scale", help="Image pixel density.")] = 1.0,
    at: Annotated[OptText, typer.Option("--at", help="Show the map as of this date.")] = None,
    bbox: Annotated[OptText, typer.Option("--bbox", help="Image extent S,W,N,E.")] = None,
    fit: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional here
        typer.Option("--fit", help="Fit the image to these places (repeat the option)."),
    ] = None,
) -> None:
    """Map reported presence and movements: layers, one time control, routes, legend.

    With no FILE it maps the seeds. Images (--png, --pdf, --frames) are drawn by headless
    Chromium from the offline version of the page, so they need no network.
    """
    from dataclasses import replace

    from geo.seeds import expand
    from geo.validate import read_resolved
    from maps import image_options as io
    from maps.build import build_map, iframe_snippet
    from maps.files import check_output_path, write_atomic
    from maps.options import By, MapOptions

    options = MapOptions(
        title=title or MapOptions().title, subtitle=subtitle, offline=offline,
        by=cast(By, by), banner=banner, heat=heat, regions=regions,
    )  # fmt: skip
    request = io.ImageRequest(
        png=png, pdf=pdf, frames=cast("io.Period | None", frames),
        frames_dir=(frames_dir or Path("frames")) if frames else None,
        width=width, height=height, scale=scale, at=io.parse_at(at), bounds=io.parse_bbox(bbox),
    )  # fmt: skip
    if output is None and not request.wanted:
        output = Path("map.html")
    if output is not None:
        check_output_path(output, "-o")
    resolver = _LazyResolver(_default_gazetteer)
    data = read_resolved(expand(list(files or [])), resolver)
    if fit:
        request = replace(request, bounds=io.fit_bounds(fit, data, resolver))
    page = build_map(data, options)
    if output is not None and embed:
        full = output.with_name(output.stem + ".page.html")
        snippet = output.with_name(output.stem + ".iframe.html")
        write_atomic(full, page.encode("utf-8"))
        write_atomic(snippet, iframe_snippet(full.name, options).encode("utf-8"))
        write_atomic(output, build_map(data, replace(options, embed=True)).encode("utf-8"))
        typer.echo(f"wrote {output} (fragment), {full} and {snippet}")
    elif output is not None:
        write_atomic(output, page.encode("utf-8"))
        typer.echo(
            f"wrote {output}: {len(data.presence)} presence records, "
            f"{len(data.movements)} movements, {len(data.sources)} sources"
        )
    if request.wanted:
        images = page if offline else build_map(data, replace(options, offline=True))
        for path in io.write_images(images, request):
            typer.echo(f"wrote {path}")


def _default_gazetteer() -> Any:
    from gazetteer.lookup import Gazetteer

    return Gazetteer.default()


class _LazyResolver:
    """The gazetteer, opened on the first lookup: files that give every place's
    coordinates are mapped without loading it."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make = make
        self._gazetteer: Any = None

    def _get(self) -> Any:
        if self._gazetteer is None:
            self._gazetteer = self._make()
        return self._gazetteer

    def lookup(self, name: str, *, country: str | None = None, limit: int = 10) -> Any:
        return self._get().lookup(name, country=country, limit=limit)

    def suggest(self, name: str) -> list[str]:
        return list(self._get().suggest(name))


def register(app: typer.Typer) -> None:
    """Add this module's commands to app."""
    app.command("map")(map_cmd)
