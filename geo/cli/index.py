"""``geo gazetteer build``, ``info`` and ``import``: the offline index itself.

Each command makes one library call; the gazetteer is imported inside the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from geo.cli.common import handle_errors, print_json
from geo.cli.load import open_gazetteer
from geo.cli.options import JsonOpt

gazetteer_app = typer.Typer(
    help="Build, inspect and extend the offline gazetteer index.", no_args_is_help=True
)


@gazetteer_app.command("build")
@handle_errors
def build() -> None:
    """Build (or rebuild) the embedded index in the cache folder."""
    from gazetteer.index import ensure_index
    from gazetteer.lookup import Gazetteer
    from gazetteer.sources import default_sources

    Gazetteer.forget_default()
    path = ensure_index(default_sources(), rebuild=True)
    typer.echo(f"built {path}")


@gazetteer_app.command("info")
@handle_errors
def info(as_json: JsonOpt = False) -> None:
    """Show where the index files are, their size and what they hold."""
    data = open_gazetteer().info()
    if as_json:
        print_json(data)
        return
    for index in data["indexes"]:
        size = index["size_bytes"] or 0
        typer.echo(f"{index['path']}  {size / 1e6:,.1f} MB  built {index['built']}")
        typer.echo(f"  {index['places']:,} places, {index['names']:,} names")
        if index.get("packed_path"):
            packed_mb = index["packed_bytes"] / 1e6
            typer.echo(f"  exact names: {index['packed_path']}  {packed_mb:,.1f} MB")
        for source, count in sorted(index["counts"].items()):
            typer.echo(f"  {source}: {count:,}")


@gazetteer_app.command("import")
@handle_errors
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(help="GeoNames dumps: allCountries/cities/XX, alternateNamesV2, admin1."),
    ],
) -> None:
    """Import GeoNames dump files into your own index (all or nothing)."""
    from gazetteer.importer import import_files
    from gazetteer.index import ensure_index
    from gazetteer.lookup import Gazetteer
    from gazetteer.sources import default_sources

    Gazetteer.forget_default()
    embedded = ensure_index(default_sources())
    counts = import_files(files, embedded=[embedded])
    typer.echo(
        f"imported {counts['places']:,} places, {counts['names']:,} names, "
        f"{counts['regions']:,} regions ({counts['skipped']:,} rows about unknown places "
        f"skipped) into {counts['path']}"
    )


def register(app: typer.Typer) -> None:
    """Add the ``gazetteer`` sub-command group to app."""
    app.add_typer(gazetteer_app, name="gazetteer")
