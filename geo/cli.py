"""The ``geo`` command: a thin shell over the library, split by noun.

Each command module registers its commands here and imports ``gazetteer`` and ``maps``
only inside the commands, so that ``geo lookup`` never pays for folium or geopandas.
"""

from __future__ import annotations

import typer

from geo import cli_brief, cli_data, cli_gazetteer, cli_maps

app = typer.Typer(
    name="geo",
    help="Resolve place names in field reports and map reported presence and movements.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.command()
def version() -> None:
    """Print geo's version."""
    from geo import __version__

    typer.echo(__version__)


cli_gazetteer.register(app)
cli_data.register(app)
cli_maps.register(app)
cli_brief.register(app)


def main() -> None:
    """Entry point of the ``geo`` script."""
    app()


if __name__ == "__main__":
    main()
