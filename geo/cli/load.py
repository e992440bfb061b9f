"""Reading event files for the map commands (``geo map``, ``geo brief``): one function.

Both commands read files (or the seeds) and resolve their place names with the gazetteer,
which is opened only when a place has no coordinates of its own: a file that gives every
place's ``lat``/``lon`` is mapped without paying for loading the gazetteer. The gazetteer
is imported inside a function (DESIGN.md: the CLI imports the halves lazily).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gazetteer.lookup import Gazetteer
    from geo.errors import PlaceError
    from geo.io.options import ReadOptions
    from geo.model import Dataset
    from geo.resolution import DocumentContext, Mention, PlaceResolver, Resolution


def default_gazetteer() -> Gazetteer:
    """The project's default gazetteer (``gazetteer.lookup.Gazetteer.default()``)."""
    from gazetteer.lookup import Gazetteer

    return Gazetteer.default()


# The one gazetteer factory of the commands (a module attribute, so tests can swap it).
gazetteer_factory: Callable[[], Gazetteer] = default_gazetteer


def open_gazetteer() -> Gazetteer:
    """The gazetteer every command uses (:data:`gazetteer_factory`)."""
    return gazetteer_factory()


class LazyResolver:
    """A :class:`geo.resolution.PlaceResolver` that opens the gazetteer on first use.

    Parameters
    ----------
    make
        Returns the resolver to delegate to; called at most once.
    """

    def __init__(self, make: Callable[[], PlaceResolver] | None = None) -> None:
        self._make = make or gazetteer_factory
        self._resolver: PlaceResolver | None = None

    @property
    def opened(self) -> bool:
        """Whether the real resolver has been built."""
        return self._resolver is not None

    def _get(self) -> PlaceResolver:
        if self._resolver is None:
            self._resolver = self._make()
        return self._resolver

    def resolve(
        self,
        mentions: Sequence[Mention | str],
        *,
        country: str | None = None,
        context: DocumentContext | None = None,
    ) -> list[Resolution]:
        """The one resolution policy (see :class:`geo.resolution.PlaceResolver`)."""
        return self._get().resolve(mentions, country=country, context=context)

    def area_geojson(self, place_id: str) -> dict[str, Any] | None:
        """A place's outline (see :class:`geo.resolution.AreaResolver`), or None."""
        outline = getattr(self._get(), "area_geojson", None)
        return outline(place_id) if outline is not None else None


def print_warnings(warnings: Sequence[PlaceError]) -> None:
    """Each choice worth a look, one line on stderr: ``file:line: place: 'Ubary' taken as
    Ubari, LY (spelling)``."""
    for w in warnings:
        sys.stderr.write(" ".join(str(w).split()) + "\n")


def print_notices(notices: Sequence[str]) -> None:
    """What the read tells the user (a guessed column mapping, sources made from outlet
    names), one line each on stderr."""
    for n in notices:
        sys.stderr.write(f"geo: {' '.join(n.split())}\n")


def read_events(
    files: Sequence[Path] | None,
    resolver: PlaceResolver | None = None,
    options: ReadOptions | None = None,
) -> tuple[Dataset, PlaceResolver]:
    """Read event ``files`` (folders expand to their event files; none means the seeds)
    and resolve every place, printing a warning for each choice worth a look and the
    notices of the read (``options``: a column mapping, day-first dates).

    Returns
    -------
    (Dataset, PlaceResolver)
        The resolved dataset, and the resolver used, so that a command can look up more
        names (``--fit``) without opening the gazetteer twice.

    Raises
    ------
    geo.errors.ValidationErrors, geo.errors.InputError
        For any bad record or unknown place, naming file, line and field.
    """
    from geo.errors import ValidationErrors
    from geo.seeds import expand
    from geo.validate import validate

    used: PlaceResolver = resolver if resolver is not None else LazyResolver()
    report = validate(expand(list(files or [])), used, options)
    print_notices(options.notices if options is not None else [])
    if report.problems:
        raise ValidationErrors(report.problems)
    print_warnings(report.warnings)
    return report.dataset, used
