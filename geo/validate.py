"""Check event files whole: every field, every source reference, every place name.

:func:`validate` reads the files, resolves their places through a gazetteer, and returns a
:class:`ValidationReport` with every problem found; :func:`read_resolved` is the same for
callers that want the dataset or an error (export, maps).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.errors import InputError, PlaceError, ValidationErrors
from geo.io.digest import count_places
from geo.io.options import ReadOptions
from geo.io.reader import digest_files, sort_problems
from geo.model import Dataset
from geo.resolution import PlaceResolver
from geo.resolve import resolve_digest, resolve_places
from geo.resolve_areas import resolve_areas


@dataclass(frozen=True, slots=True)
class Counts:
    """How many sources, records and distinct places with coordinates a dataset has."""

    sources: int = 0
    presence: int = 0
    movements: int = 0
    places: int = 0


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """What :func:`validate` found: the dataset, its counts, problems and warnings.

    ``dataset`` holds every valid record, places resolved where they could be, unless
    :func:`validate` was called with ``records=False``: then it holds the sources and
    movements only, and ``counts`` says how many presence records there were.
    """

    dataset: Dataset
    problems: list[InputError] = field(default_factory=list)
    warnings: list[PlaceError] = field(default_factory=list)  # choices worth a look
    counts: Counts = field(default_factory=Counts)

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    @property
    def places(self) -> int:
        """How many distinct places the records name and have coordinates for."""
        return self.counts.places

    def summary(self) -> str:
        """``OK: N sources, N presence records, N movements, N places resolved``."""
        c = self.counts
        return (
            f"OK: {c.sources} sources, {c.presence} presence records, "
            f"{c.movements} movements, {c.places} places resolved"
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``geo validate --json``."""
        c = self.counts
        return {
            "ok": self.ok,
            "sources": c.sources,
            "presence": c.presence,
            "movements": c.movements,
            "places_resolved": c.places,
            "problems": [_entry(e) for e in self.problems],
            "warnings": [_entry(e) for e in self.warnings],
        }


def _entry(e: InputError) -> dict[str, Any]:
    return {"file": e.file, "line": e.line, "field": e.field, "message": e.message}


def validate(
    paths: Sequence[Path],
    resolver: PlaceResolver,
    options: ReadOptions | None = None,
    *,
    records: bool = True,
) -> ValidationReport:
    """Read ``paths``, resolve their places with ``resolver``, and report every problem.

    Parameters
    ----------
    paths
        Event files (YAML, CSV, GeoJSON, GeoPackage) read together.
    resolver
        The gazetteer (see :class:`geo.resolve.PlaceResolver`).
    options
        How to read the files (a column mapping, day-first dates); its notices are filled.
    records
        Keep the records in ``report.dataset``. Without them (``geo validate``), memory
        stays flat however many rows a CSV file has; the checks are the same.
    """
    data, digest, problems = digest_files(paths, options, keep=records)
    outcome = resolve_digest(digest, resolver)
    if records:
        found = resolve_places(data, resolver, outcome)
        data, placed = found.dataset, found.problems
    else:  # only the records with a named area are kept: their areas are checked alike
        named = Dataset(presence=tuple(digest.named_areas))
        placed = [*outcome.problems, *resolve_areas(named, resolver, outcome.context)[1]]
    counts = Counts(
        sources=len(data.sources),
        presence=digest.presence,
        movements=digest.movements,
        places=count_places(digest.given, outcome.places()),
    )
    return ValidationReport(
        data,
        sort_problems([*problems, *placed], paths),
        sort_problems(outcome.warnings, paths),
        counts,
    )


def read_resolved(
    paths: Sequence[Path], resolver: PlaceResolver, options: ReadOptions | None = None
) -> Dataset:
    """The dataset of ``paths`` with every place resolved.

    Raises
    ------
    ValidationErrors
        With every problem :func:`validate` finds.
    """
    report = validate(paths, resolver, options)
    if report.problems:
        raise ValidationErrors(report.problems)
    return report.dataset
