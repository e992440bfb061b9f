"""Commands of the data half of geo: ``geo validate`` and ``geo export``.

Thin: each parses its arguments, makes one library call and prints the result. The
gazetteer is imported inside the commands (DESIGN.md: the CLI imports the halves lazily).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from geo.cli_common import handle_errors
from geo.cli_load import LazyResolver, default_gazetteer, read_events

# The gazetteer the commands resolve with (a module attribute, so tests can swap it).
_resolver = default_gazetteer

FilesArg = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer needs Optional here
    typer.Argument(
        help="Event files (YAML, CSV, GeoJSON, GeoPackage) or folders; default: the seeds.",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _print_json(value: object) -> None:
    import orjson  # not on the `geo lookup` path

    sys.stdout.write(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n")


@handle_errors
def validate_cmd(files: FilesArg = None, json_out: JsonOpt = False) -> None:
    """Check event files: every field, every source id, every place name.

    Prints each problem as FILE:LINE: FIELD: WHAT, all of them, and exits with status 2 if
    there is any; otherwise prints a summary and exits with 0.
    """
    from geo.seeds import expand
    from geo.validate import validate

    report = validate(expand(list(files or [])), _resolver())
    if json_out:
        _print_json(report.to_dict())
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
        Optional[Path],  # noqa: UP045 - typer needs Optional here
        typer.Option(
            "-o",
            "--output",
            help="Output file; its suffix picks the format: .geojson, .kml, .gpkg or .csv "
            "(.csv writes OUT.csv, OUT-movements.csv and OUT-sources.csv).",
            show_default=False,
        ),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Write event files, places resolved, as GeoJSON, KML, GeoPackage or CSV."""
    from geo.errors import InputError
    from geo.export import export_dataset, output_format

    if output is None:
        raise InputError(
            "give the output file with -o OUT (.geojson, .kml, .gpkg, .csv)", field="-o"
        )
    output_format(output)  # fail on a bad suffix before reading anything
    data, _ = read_events(files, LazyResolver(_resolver))
    written = export_dataset(data, output)
    counts = {
        "sources": len(data.sources),
        "presence": len(data.presence),
        "movements": len(data.movements),
    }
    if json_out:
        _print_json({"written": [str(p) for p in written], **counts})
    else:
        typer.echo(
            f"wrote {', '.join(map(str, written))}: {counts['presence']} presence records, "
            f"{counts['movements']} movements, {counts['sources']} sources"
        )


def register(app: typer.Typer) -> None:
    """Add this module's commands to app."""
    app.command("validate")(validate_cmd)
    app.command("export")(export_cmd)
