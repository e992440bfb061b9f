"""Give the named areas of a dataset their outlines (``area: Barqa``, ``area: Sirte`` with
``buffer_km``), through the resolver, as places get their coordinates.

geo does not import the gazetteer: the resolver that the command line passes in also
answers :meth:`~geo.resolution.AreaResolver.area_geojson`. A name is resolved by the one
resolution policy, as a place name is (an area is preferred unless ``buffer_km`` asks for
"within so many km of" a town). A place with an outline gives it, grown by ``buffer_km``;
a place without one (a town) gives the disc of ``buffer_km`` around it, and without
``buffer_km`` it is an error that says so.
"""

from __future__ import annotations

from dataclasses import replace

from geo import areas
from geo.errors import InputError, place_error, shown
from geo.model import Area, Dataset, Presence
from geo.record_runs import any_field
from geo.resolution import DocumentContext, Mention, PlaceResolver, Resolved

Key = tuple[str, str, float]  # name, country hint, buffer_km


def _key(p: Presence) -> Key | None:
    a = p.area
    if a is None or a.geometry or not a.place:
        return None
    return (a.place, p.place.country or "", a.buffer_km)


def resolve_areas(
    data: Dataset, resolver: PlaceResolver | None, context: DocumentContext | None = None
) -> tuple[Dataset, list[InputError]]:
    """``data`` with each named area's geometry filled in, and the problems of the rest.

    ``context`` is the whole dataset's (:class:`~geo.resolve.Outcome`), as for place names;
    by default it is taken from ``data``.
    """
    if not any_field(data.presence, "area"):  # the usual case, without making records
        return data, []
    keys = list(dict.fromkeys(k for p in data.presence if (k := _key(p)) is not None))
    if not keys:
        return data, []
    problems: list[InputError] = []
    first = {k: next(p for p in data.presence if _key(p) == k) for k in keys}
    outline = getattr(resolver, "area_geojson", None)
    if resolver is None or outline is None:
        for k, p in first.items():
            problems.append(
                InputError(
                    f"{shown(k[0])}: a named area needs the gazetteer",
                    file=p.file,
                    line=p.line,
                    field="area",
                )
            )
        return data, problems
    mentions = [Mention(n, c or None, "point" if km else "area") for n, c, km in keys]
    found: dict[Key, Area] = {}
    if context is None:
        from geo.resolve import document_context  # the dataset's other places lend context

        context = document_context(data)
    found_all = resolver.resolve(mentions, context=context)
    for k, r in zip(keys, found_all, strict=True):
        p = first[k]
        name, _, km = k
        if not isinstance(r, Resolved):
            if p.place.point is None and p.place.name == name:
                continue  # the place is the area's and its problem is already reported
            problems.append(place_error(r.message(), r, file=p.file, line=p.line, field="area"))
            continue
        try:
            shape = outline(r.place.id)
            if shape is not None:
                text = areas.area_text(shape, r.place.name, km or None)
            elif km:
                text = areas.point_area(r.place.lat, r.place.lon, km)
            else:
                raise InputError(
                    f"{shown(r.place.name)} ({r.place.kind}, {r.place.id}) has no outline in"
                    " the gazetteer; give buffer_km for the area around it",
                    field="area",
                )
        except InputError as exc:
            problems.append(InputError(exc.message, file=p.file, line=p.line, field=exc.field))
            continue
        found[k] = Area(text, name, km, r.place.id)
    presence = tuple(
        replace(p, area=found[k]) if (k := _key(p)) is not None and k in found else p
        for p in data.presence
    )
    return replace(data, presence=presence), problems
