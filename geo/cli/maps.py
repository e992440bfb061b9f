"""``geo map``: the map of event files (or of the seeds) as HTML, a fragment or images."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, cast

import typer

from geo.cli.common import handle_errors
from geo.cli.options import (
    BannerOpt,
    ByOpt,
    DayfirstOpt,
    FilesArg,
    MapFileOpt,
    MapOpt,
    OptPath,
    OptText,
    SubtitleOpt,
    TitleOpt,
    read_options,
)

if TYPE_CHECKING:
    from geo.model import Dataset
    from maps.options import MapOptions


@handle_errors
def map_cmd(
    files: FilesArg = None,
    typed: Annotated[
        OptText, typer.Option("-o", "--output", help="The map to write (.html); default map.html.")
    ] = None,
    title: TitleOpt = None,
    subtitle: SubtitleOpt = "",
    offline: Annotated[
        bool,
        typer.Option("--offline", help="One file that needs no network: inline JS, no tiles."),
    ] = False,
    by: ByOpt = "status",
    banner: BannerOpt = None,
    heat: Annotated[bool, typer.Option("--heat", help="Add a report-density layer.")] = False,
    regions: Annotated[
        bool,
        typer.Option(
            "--regions",
            help="Add the regions layer: the historical regions the gazetteer defines"
            " (Libya's provinces) near the data.",
        ),
    ] = False,
    styles: Annotated[
        OptPath,
        typer.Option(
            "--styles",
            help="A status,class CSV mapping status words to area classes (control,"
            " contested, support, attack) over the defaults; see docs/map-styles.md.",
        ),
    ] = None,
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
    since: Annotated[
        OptText,
        typer.Option(
            "--since",
            help="Shade what each actor gained and lost (areas of the control class) since"
            " this date; the page can switch it off or change the date.",
        ),
    ] = None,
    bbox: Annotated[OptText, typer.Option("--bbox", help="Image extent S,W,N,E.")] = None,
    fit: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional here
        typer.Option("--fit", help="Fit the image to these places (repeat the option)."),
    ] = None,
    paper: Annotated[str, typer.Option("--paper", help="Paper of --pdf: A4 or Letter.")] = "A4",
    portrait: Annotated[
        bool, typer.Option("--portrait", help="Lay the --pdf page out upright (default landscape).")
    ] = False,
    element_id: Annotated[
        OptText,
        typer.Option(
            "--id",
            help="The map element's id (letters, digits, - and _), e.g. to embed two maps of"
            " the same data on one page; default: derived from the content.",
        ),
    ] = None,
    maps: MapOpt = None,
    map_file: MapFileOpt = None,
    dayfirst: DayfirstOpt = False,
) -> None:
    """Map reported presence and movements: layers, one time control, routes, legend.

    With no FILE it maps the seeds. Images (--png, --pdf, --frames) are drawn by headless
    Chromium from the offline version of the page, so they need no network. Every option
    is checked before anything is written, and every file is written whole or not at all.
    """
    from dataclasses import replace

    from geo.cli.load import read_events
    from geo.errors import InputError
    from geo.io.atomic import check_distinct, check_output_path
    from geo.io.reader import quiet_gc
    from maps import image_options as io
    from maps.areas import load_classes
    from maps.build import build_map, iframe_snippet
    from maps.options import By, MapOptions

    try:
        options = MapOptions(
            title=title or MapOptions().title, subtitle=subtitle, offline=offline,
            by=cast(By, by), banner=banner, heat=heat, regions=regions, element_id=element_id,
            at=io.parse_at(at), since=io.parse_since(since),
            area_classes=tuple(load_classes(styles).items()) if styles else (),
        )  # fmt: skip
    except InputError as exc:  # name the option as typed, not the dataclass field
        raise InputError(
            exc.message, field={"element_id": "--id"}.get(exc.field or "", exc.field)
        ) from exc
    request = io.ImageRequest(
        png=png, pdf=pdf, frames=cast("io.Period | None", frames),
        frames_dir=(frames_dir or Path("frames")) if frames else None,
        width=width, height=height, scale=scale, at=io.parse_at(at), bounds=io.parse_bbox(bbox),
        paper=cast("io.Paper", paper), landscape=not portrait,
    )  # fmt: skip
    if typed is not None:
        check_output_path(typed, "-o")  # as typed: a final "/" names a folder
    output = Path(typed) if typed is not None else None
    if output is None and not request.wanted:
        output = Path("map.html")
    _check_html_suffix(output)
    _check_image_suffixes(png, pdf)
    pages = _html_outputs(output, embed)
    for path in pages:
        check_output_path(path, "-o")
    request.check_outputs()
    check_distinct(
        [(path, "-o") for path in pages]
        + [(path, option) for path, option in ((png, "--png"), (pdf, "--pdf")) if path]
    )
    with quiet_gc():  # a dataset's records hold no cycles; collections walking them cost seconds
        data, resolver = read_events(files, options=read_options(maps, map_file, dayfirst))
        if fit:
            request = replace(request, bounds=io.fit_bounds(fit, data, resolver))
        io.check_at(request.at, data)
        # Everything is built and drawn in memory first; files are written only at the end.
        page = _built(data, options)
        outputs: list[tuple[Path, bytes]] = []
        if output is not None and embed:
            fragment = build_map(data, replace(options, embed=True))
            texts = [fragment, page, iframe_snippet(pages[1].name, options)]
            outputs += [
                (path, text.encode("utf-8")) for path, text in zip(pages, texts, strict=True)
            ]
        elif output is not None:
            outputs.append((output, page.encode("utf-8")))
        if request.wanted:
            images = page if offline else build_map(data, replace(options, offline=True))
            outputs += io.draw_images(images, request)
        io.write_all(outputs)
    if output is not None and embed:
        typer.echo(f"wrote {pages[0]} (fragment), {pages[1]} and {pages[2]}")
    elif output is not None:
        typer.echo(
            f"wrote {output}: {len(data.presence)} presence records, "
            f"{len(data.movements)} movements, {len(data.sources)} sources"
        )
    for path, _ in outputs[len(pages) :]:
        typer.echo(f"wrote {path}")


def _built(data: Dataset, options: MapOptions) -> str:
    """The map page, with an error about ``at`` or ``since`` naming the option as typed."""
    from geo.errors import InputError
    from maps.build import build_map

    try:
        return build_map(data, options)
    except InputError as exc:
        if exc.file is not None or exc.field not in ("at", "since"):
            raise
        raise InputError(exc.message, field=f"--{exc.field}") from exc


#: What ``-o`` may be named, and the option that writes what a wrong suffix asks for.
_HTML_SUFFIXES = (".html", ".htm")
_IMAGE_OPTIONS = {".pdf": "--pdf", ".png": "--png"}


def _check_html_suffix(output: Path | None) -> None:
    """``-o`` writes the HTML page: ``-o map.pdf`` would be a page named like a PDF."""
    from geo.errors import InputError

    if output is None or output.suffix.lower() in _HTML_SUFFIXES:
        return
    option = _IMAGE_OPTIONS.get(output.suffix.lower())
    hint = (
        f"for a {output.suffix[1:].upper()} use {option} {output}"
        if option
        else "for images use --png or --pdf"
    )
    raise InputError(
        f"{output.name} does not end in .html (-o writes the map page); {hint}", field="-o"
    )


def _check_image_suffixes(png: Path | None, pdf: Path | None) -> None:
    """``--png`` writes a PNG and ``--pdf`` a PDF: their names must say so."""
    from geo.errors import InputError

    for path, suffix, option in ((png, ".png", "--png"), (pdf, ".pdf", "--pdf")):
        if path is not None and path.suffix.lower() != suffix:
            raise InputError(f"{path.name} does not end in {suffix}", field=option)


def _html_outputs(output: Path | None, embed: bool) -> list[Path]:
    """The HTML files ``-o`` writes: with ``--embed`` the fragment, the full page it
    shows in an iframe (``OUT-stem.page.html``) and the iframe snippet."""
    if output is None:
        return []
    if not embed:
        return [output]
    return [
        output,
        output.with_name(output.stem + ".page.html"),
        output.with_name(output.stem + ".iframe.html"),
    ]


def register(app: typer.Typer) -> None:
    """Add this module's commands to app."""
    app.command("map")(map_cmd)
