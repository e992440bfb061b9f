"""Commands of the data half of geo: ``geo validate`` and ``geo export``.

Thin: each parses its arguments, makes one library call and prints the result. The
gazetteer is imported inside the commands (DESIGN.md: the CLI imports the halves lazily).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from geo.cli.common import handle_errors, print_json
from geo.cli.load import LazyResolver, print_notices, print_warnings, read_events
from geo.cli.options import (
    DayfirstOpt,
    FilesArg,
    JsonOpt,
    MapFileOpt,
    MapOpt,
    read_options,
)
from geo.io.atomic import check_output_path
from geo.io.formats import output_format, suffix_list, writable


@handle_errors
def validate_cmd(
    files: FilesArg = None,
    json_out: JsonOpt = False,
    maps: MapOpt = None,
    map_file: MapFileOpt = None,
    dayfirst: DayfirstOpt = False,
) -> None:
    """Check event files: every field, every source id, every place name.

    Prints each problem as FILE:LINE: FIELD: WHAT, all of them, and exits with status 2 if
    there is any; otherwise prints a summary and exits with 0.
    """
    from geo.seeds import expand
    from geo.validate import validate

    options = read_options(maps, map_file, dayfirst)
    report = validate(expand(list(files or [])), LazyResolver(), options)
    print_notices(options.notices)
    if not json_out:
        print_warnings(report.warnings)
    if json_out:
        print_json(report.to_dict())
    elif report.problems:
        for problem in report.problems:
            typer.echo(" ".join(str(problem).split()))
        n = len(report.problems)
        sys.stderr.write(f"geo: {n} problem{'s' if n != 1 else ''} found\n")
    else:
        typer.echo(report.summary())
    if report.problems:
        raise typer.Exit(2)


@handle_errors
def export_cmd(
    files: FilesArg = None,
    output: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional here; a str keeps a final "/"
        typer.Option(
            "-o",
            "--output",
            help=f"Output file; its suffix picks the format: {suffix_list(writable())} "
            "(.csv writes OUT.csv, OUT-movements.csv and OUT-sources.csv).",
            show_default=False,
        ),
    ] = None,
    json_out: JsonOpt = False,
    maps: MapOpt = None,
    map_file: MapFileOpt = None,
    dayfirst: DayfirstOpt = False,
) -> None:
    """Write event files, places resolved, as GeoJSON, KML, GeoPackage or CSV."""
    from geo.errors import InputError
    from geo.io.export import export_dataset

    if output is None:
        raise InputError(
            f"give the output file with -o OUT ({suffix_list(writable())})", field="-o"
        )
    check_output_path(output, "-o")  # fail on a bad path or suffix before reading anything
    out = Path(output)
    output_format(out)
    data, _ = read_events(files, options=read_options(maps, map_file, dayfirst))
    written = export_dataset(data, out)
    counts = {
        "sources": len(data.sources),
        "presence": len(data.presence),
        "movements": len(data.movements),
    }
    if json_out:
        print_json({"written": [str(p) for p in written], **counts})
    else:
        typer.echo(
            f"wrote {', '.join(map(str, written))}: {counts['presence']} presence records, "
            f"{counts['movements']} movements, {counts['sources']} sources"
        )


def register(app: typer.Typer) -> None:
    """Add this module's commands to app."""
    app.command("validate")(validate_cmd)
    app.command("export")(export_cmd)
