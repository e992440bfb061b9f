"""The ``geo`` command: a thin shell over the library, split by noun.

Each command module registers its commands here and imports ``gazetteer`` and ``maps``
only inside the commands, so that ``geo lookup`` never pays for the map code, shapely or geopandas.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from geo.cli import brief, data, extract, index, maps, places
from geo.cli.common import one_line

app = typer.Typer(
    name="geo",
    help="Resolve place names in field reports and map reported presence and movements.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        from geo import __version__

        typer.echo(f"geo {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_print_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Resolve place names in field reports and map reported presence and movements."""


@app.command("version")
def version_cmd() -> None:
    """Print geo's version."""
    _print_version(True)


places.register(app)
index.register(app)
data.register(app)
maps.register(app)
brief.register(app)
extract.register(app)


def _one_line_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: object = None,
    line: str | None = None,
) -> None:
    sys.stderr.write(f"geo: warning: {one_line(str(message))[:300]}\n")


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``geo`` script.

    Usage errors (an unknown option, ``--limit abc``) become one line on stderr with exit
    status 2, like every other bad input; click would print a usage block instead.
    Warnings of the libraries underneath (GDAL, shapely) become one line without the
    site-packages path they would print.
    """
    import warnings

    warnings.showwarning = _one_line_warning
    try:
        code = app(args=argv, prog_name="geo", standalone_mode=False)
    except typer.Abort:
        sys.stderr.write("geo: error: aborted\n")
        code = 130
    except Exception as exc:  # click's UsageError/ClickException, duck-typed: no public import
        if not hasattr(exc, "format_message") or not hasattr(exc, "exit_code"):
            raise
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `geo`: show the help
            sys.stdout.write(exc.format_message() + "\n")
            sys.exit(0)
        hint = ""
        ctx = getattr(exc, "ctx", None)
        if ctx is not None and ctx.command_path:
            hint = f" (see '{ctx.command_path} --help')"
        sys.stderr.write(f"geo: error: {one_line(exc.format_message())}{hint}\n")
        code = int(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
