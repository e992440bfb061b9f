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
    from geo.io.reader import quiet_gc
    from geo.seeds import expand
    from geo.validate import validate

    options = read_options(maps, map_file, dayfirst)
    with quiet_gc():  # what a check keeps of millions of records holds no cycles
        report = validate(expand(list(files or [])), LazyResolver(), options, records=False)
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


@handle_errors
def diff_cmd(
    old: Annotated[Path, typer.Argument(help="The earlier event file (or folder).")],
    new: Annotated[Path, typer.Argument(help="The newer one, e.g. a later ACLED export.")],
    json_out: JsonOpt = False,
    maps: MapOpt = None,
    map_file: MapFileOpt = None,
    dayfirst: DayfirstOpt = False,
) -> None:
    """Say which records a newer file added, changed and removed, matched by id.

    Prints a summary line, then the ids added, changed (with the fields that changed) and
    removed; --json gives every change with its old and new values. Places are compared as
    written (no gazetteer). Exits with 0 whether or not anything changed, 2 for bad input.
    """
    from geo.diff import diff_datasets
    from geo.errors import ValidationErrors
    from geo.io.reader import load_dataset
    from geo.seeds import expand

    datasets = []
    for path in (old, new):
        options = read_options(maps, map_file, dayfirst)
        data, problems = load_dataset(expand([path]), options)
        print_notices(options.notices)
        if problems:
            raise ValidationErrors(problems)
        datasets.append(data)
    found = diff_datasets(*datasets)
    if json_out:
        print_json({"old": str(old), "new": str(new), **found.to_dict()})
    else:
        typer.echo(f"{old} -> {new}: {found.summary()}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to app."""
    app.command("validate")(validate_cmd)
    app.command("export")(export_cmd)
    app.command("diff")(diff_cmd)
