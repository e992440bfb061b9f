"""``geo extract``: report text -> place mentions resolved in context -> draft records.

Thin: parse the arguments, check every output path, make one library call
(:func:`gazetteer.extract.pipeline.extract_reports`), format. Nothing is written when any
report cannot be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from geo.cli.common import handle_errors, print_json
from geo.cli.options import CountryOpt, JsonOpt, OptText


@handle_errors
def extract_cmd(
    files: Annotated[
        list[Path],
        typer.Argument(help="Reports: .txt (UTF-8), .html, .pdf, or folders of them."),
    ],
    json_out: JsonOpt = False,
    output: Annotated[
        OptText,
        typer.Option("-o", "--output", help="Write draft event records (YAML) for review."),
    ] = None,
    html: Annotated[
        OptText,
        typer.Option("--html", help="Write a review page: mentions highlighted, with a map."),
    ] = None,
    published: Annotated[
        OptText,
        typer.Option(
            "--published", help="The reports' date (YYYY[-MM[-DD]]) for 'last winter' etc."
        ),
    ] = None,
    country: CountryOpt = None,
) -> None:
    """Find the places a report mentions, resolve them in context, draft event records."""
    from geo.io.atomic import check_distinct, check_output_path, write_all_atomic

    outputs: dict[Path, str] = {}
    for value, field, suffixes in ((output, "--output", (".yaml", ".yml")),
                                   (html, "--html", (".html", ".htm"))):  # fmt: skip
        if value is None:
            continue
        check_output_path(value, field)
        if Path(value).suffix.lower() not in suffixes:
            from geo.errors import InputError

            raise InputError(f"give a {' or '.join(suffixes)} file", file=value, field=field)
        outputs[Path(value)] = field
    check_distinct(list(outputs.items()))

    from gazetteer.extract.pipeline import (
        check_published,
        draft_yaml,
        extract_reports,
        mentions_json,
    )

    check_published(published)
    results = extract_reports(files, published=published or "", country=country)
    data: dict[Path, bytes] = {}
    if output is not None:
        data[Path(output)] = draft_yaml(results).encode("utf-8")
    if html is not None:
        from maps.review import review_page

        data[Path(html)] = review_page(results).encode("utf-8")
    if data:
        write_all_atomic(data)
    if json_out:
        print_json(mentions_json(results))
        return
    _table(results)


def _table(results: list[Any]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False, markup=False, emoji=False)
    for r in results:
        table = Table(title=Text(str(r.report.path)), title_justify="left")
        for column in ("at", "text", "place", "cc", "kind", "score"):
            table.add_column(column)
        table.add_column("why", ratio=1, overflow="fold")
        for m in r.extraction.mentions:
            cells = (f"{m.start}-{m.end}", m.text, m.name, m.country_code, m.kind,
                     f"{m.score:.2f}", "; ".join(m.reasons))  # fmt: skip
            table.add_row(*(Text(c) for c in cells))
        console.print(table)
        for note in r.extraction.notes:
            console.print(Text(f"note: {note}"))


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_cmd)
