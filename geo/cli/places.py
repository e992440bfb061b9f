"""Place queries: ``geo lookup``, ``reverse``, ``near`` and ``distance``.

Each command parses its arguments, makes one library call and formats the result. The
gazetteer is imported inside the commands so that ``geo --help`` stays light.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from geo.cli.common import handle_errors, print_json
from geo.cli.load import open_gazetteer
from geo.cli.options import CountryOpt, JsonOpt, LimitOpt
from geo.errors import InputError

if TYPE_CHECKING:
    from gazetteer.candidate import Candidate
    from gazetteer.lookup import Gazetteer

# Negative coordinates ("-33.9") must reach the command as arguments, not as options.
NUMBERS_OK = {"ignore_unknown_options": True}


def _table(title: str, candidates: list[Candidate], *, with_query: bool = False) -> Any:
    from rich.table import Table
    from rich.text import Text

    # Report text and queries are shown as text, never read as rich markup ("Derna[/]").
    table = Table(title=Text(title), title_justify="left")
    for column in ("name", "cc", "kind", "population", "lat, lon", "score"):
        table.add_column(column, no_wrap=column != "name")
    table.add_column("why", ratio=1, overflow="fold")
    for c in candidates:
        cells = (
            c.name,
            c.country_code,
            c.kind,
            f"{c.population:,}" if c.population else "",
            f"{c.lat:.4f}, {c.lon:.4f}",
            f"{c.score:.2f}",
            "; ".join(c.reasons),
        )
        table.add_row(*(Text(cell) for cell in cells))
    return table


def _print(*renderables: Any) -> None:
    from rich.console import Console

    console = Console(highlight=False, markup=False, emoji=False)
    for r in renderables:
        console.print(r)


def _read_names(names: list[str]) -> list[tuple[str, str | None, int | None]]:
    """(name, file, line) for each name; ``-`` reads names from stdin, one per line."""
    out: list[tuple[str, str | None, int | None]] = []
    for name in names:
        if name != "-":
            out.append((name, None, None))
            continue
        for number, raw in enumerate(sys.stdin.buffer, 1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                raise InputError(
                    "not UTF-8 text", file="<stdin>", line=number, field="NAME"
                ) from None
            text = line.rstrip("\r\n")
            if text.strip():
                out.append((text, "<stdin>", number))
    if not out:
        raise InputError("no place name given", field="NAME")
    return out


def parse_point(text: str) -> tuple[float, float] | None:
    """``LAT,LON`` as two floats, or None when the text is not of that shape."""
    parts = text.split(",")
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    from geo.points import check_lat_lon

    check_lat_lon(lat, lon, field=text)
    return lat, lon


def _number(text: str, field: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"not a number: {text[:40]!r}", field=field) from None
    if not math.isfinite(value):
        raise InputError(f"not a finite number: {text!r}", field=field)
    return value


def _places(
    g: Gazetteer, texts: Sequence[str], country: str | None
) -> list[tuple[float, float, str]]:
    """A point for each text: ``LAT,LON`` as given, a name through the one resolution
    policy, the names of one command forming a document (points lend context)."""
    from geo.errors import place_error
    from geo.resolution import DocumentContext, Resolved

    given = {i: parse_point(t) for i, t in enumerate(texts)}
    names = [t for i, t in enumerate(texts) if given[i] is None]
    points = tuple((p[0], p[1], "") for p in given.values() if p is not None)
    found = iter(g.resolve(names, country=country, context=DocumentContext(points)))
    out = []
    for i in range(len(texts)):
        point = given[i]
        if point is not None:
            out.append((point[0], point[1], f"{point[0]}, {point[1]}"))
            continue
        r = next(found)
        if not isinstance(r, Resolved):
            raise place_error(r.message(), r, field="place")
        out.append((r.place.lat, r.place.lon, f"{r.place.name} ({r.place.country_code})"))
    return out


def _in_context(
    g: Gazetteer, names: list[str], country: str | None, limit: int
) -> list[tuple[list[Candidate], list[str], str]]:
    """Candidates, suggestions and the decision for each name: alone for one name,
    ranked in context for several (they form one document)."""
    from geo.resolution import Ambiguous, Resolved

    if len(names) == 1:
        found = g.lookup(names[0], country=country, limit=limit)
        return [(found, [] if found else g.suggest(names[0]), "")]
    out = []
    for r in g.resolve(names, country=country):
        ranked = [cast("Candidate", c) for c in r.candidates]
        if isinstance(r, Resolved):
            chosen = cast("Candidate", r.place)
            ranked = [chosen, *(c for c in ranked if c.id != chosen.id)]
            status = "resolved"
        else:
            status = "ambiguous" if isinstance(r, Ambiguous) else "not_found"
        suggestions = list(getattr(r, "suggestions", ()))
        out.append((ranked[:limit], suggestions if not ranked else [], status))
    return out


@handle_errors
def lookup(
    names: Annotated[list[str], typer.Argument(help="Place names; '-' reads them from stdin.")],
    country: CountryOpt = None,
    limit: LimitOpt = 5,
    as_json: JsonOpt = False,
    geometry: Annotated[
        bool,
        typer.Option(
            "--geometry",
            help="Print the best candidate's area as a GeoJSON Feature (a FeatureCollection"
            " for several names); exit 2 if it has none.",
        ),
    ] = False,
) -> None:
    """Resolve place names to coordinates, best candidate first.

    Exit status 0 when every name found a place, 1 when one did not.
    """
    from gazetteer.checks import check_country, check_limit, check_name

    g = open_gazetteer()
    read = _read_names(names)
    for name, file, line in read:
        try:
            check_name(name)
        except InputError as exc:
            if file is None:
                raise
            raise InputError(exc.message, file=file, line=line, field=exc.field) from exc
    check_limit(limit)
    queries = [name for name, _, _ in read]
    decided = _in_context(g, queries, check_country(country), limit)
    results = [
        (q, found, sugg, status) for q, (found, sugg, status) in zip(queries, decided, strict=True)
    ]
    missing = [r for r in results if not r[1]]
    for name, _, suggestions, _ in missing:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        sys.stderr.write(f"geo: no place named {' '.join(name.split())!r}{hint}\n")
    if geometry:
        if not missing:  # a name without a place exits 1 below, as without --geometry
            _print_areas([(name, found[0]) for name, found, _, _ in results])
    elif as_json:
        out = []
        for name, found, suggestions, status in results:
            item: dict[str, Any] = {"query": name, "candidates": [c.to_dict() for c in found]}
            if not found:
                item["suggestions"] = suggestions
            if status:
                item["status"] = status  # the decision, when the names form a document
            out.append(item)
        print_json(out)
    else:
        _print(*(_table(name, found) for name, found, _, _ in results if found))
    if missing:
        raise typer.Exit(1)


def _print_areas(best: list[tuple[str, Candidate]]) -> None:
    """The areas of the best candidates as GeoJSON; an InputError if one has none."""
    from gazetteer.areas import feature
    from geo.errors import shown

    features = []
    for query, c in best:
        props = {"name": c.name, "country_code": c.country_code, "kind": c.kind, "query": query}
        found = feature(c.id, props)
        if found is None:
            raise InputError(
                f"{shown(c.name)} ({c.kind}, {c.id}) has no area in the gazetteer; only"
                " countries, first-level divisions and regions made of them have one",
                field="--geometry",
            )
        features.append(found)
    import json

    doc = features[0] if len(features) == 1 else {"type": "FeatureCollection", "features": features}
    # Compact: an outline has hundreds of positions, one per line would be thousands of lines.
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n")


@handle_errors
def reverse(
    lat: Annotated[str, typer.Argument(help="Latitude, decimal degrees.")],
    lon: Annotated[str, typer.Argument(help="Longitude, decimal degrees.")],
    limit: LimitOpt = 5,
    as_json: JsonOpt = False,
) -> None:
    """Name the places nearest to a point."""
    y, x = _number(lat, "lat"), _number(lon, "lon")
    found = open_gazetteer().reverse(y, x, limit=limit)
    if as_json:
        print_json({"query": f"{y},{x}", "candidates": [c.to_dict() for c in found]})
    else:
        _print(_table(f"nearest to {y}, {x}", found))


@handle_errors
def near(
    place: Annotated[str, typer.Argument(help="A place name, or LAT,LON.")],
    radius_km: Annotated[
        float | None, typer.Option("--radius-km", "-r", help="Search radius in km (required).")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", "-k", help="Only this kind (city, airport, ...).")
    ] = None,
    limit: LimitOpt = 20,
    as_json: JsonOpt = False,
) -> None:
    """List the places within a radius of a place or a point, nearest first."""
    if radius_km is None:
        raise InputError("give the search radius with --radius-km", field="radius")
    g = open_gazetteer()
    ((lat, lon, label),) = _places(g, [place], None)
    found = g.near(lat, lon, radius_km, kind=kind, limit=limit)
    if as_json:
        print_json({"query": place, "candidates": [c.to_dict() for c in found]})
    else:
        _print(_table(f"within {radius_km:g} km of {label}", found))


@handle_errors
def distance(
    a: Annotated[str, typer.Argument(help="From: a place name or LAT,LON.")],
    b: Annotated[str, typer.Argument(help="To: a place name or LAT,LON.")],
    country: CountryOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Great-circle (geodesic) distance in km and initial bearing between two places."""
    from geo.geodesy import inverse

    g = open_gazetteer()
    (lat1, lon1, label1), (lat2, lon2, label2) = _places(g, [a, b], country)
    km, bearing = inverse(lat1, lon1, lat2, lon2)
    if as_json:
        print_json(
            {
                "from": {"query": a, "name": label1, "lat": lat1, "lon": lon1},
                "to": {"query": b, "name": label2, "lat": lat2, "lon": lon2},
                "distance_km": round(km, 3),
                "initial_bearing_deg": round(bearing, 2),
            }
        )
    else:
        typer.echo(f"{label1} -> {label2}: {km:,.1f} km, initial bearing {bearing:.0f}°")


def register(app: typer.Typer) -> None:
    """Add this module's commands to app."""
    app.command("lookup")(lookup)
    app.command("reverse", context_settings=NUMBERS_OK)(reverse)
    app.command("near", context_settings=NUMBERS_OK)(near)
    app.command("distance", context_settings=NUMBERS_OK)(distance)
