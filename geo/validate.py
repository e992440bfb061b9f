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
from geo.io.options import ReadOptions
from geo.io.reader import load_dataset, sort_problems
from geo.model import Dataset, Place
from geo.resolution import PlaceResolver
from geo.resolve import resolve_places


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """What :func:`validate` found: the dataset (unresolved places left as read), problems."""

    dataset: Dataset
    problems: list[InputError] = field(default_factory=list)
    warnings: list[PlaceError] = field(default_factory=list)  # choices worth a look

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    @property
    def places(self) -> int:
        """How many distinct places the records name and have coordinates for."""
        seen: set[Place] = set()
        for p in self.dataset.presence:
            seen.add(p.place)
        for m in self.dataset.movements:
            seen.update(w.place for w in m.waypoints)
        return sum(1 for pl in seen if pl.point is not None)

    def summary(self) -> str:
        """``OK: N sources, N presence records, N movements, N places resolved``."""
        d = self.dataset
        return (
            f"OK: {len(d.sources)} sources, {len(d.presence)} presence records, "
            f"{len(d.movements)} movements, {self.places} places resolved"
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``geo validate --json``."""
        d = self.dataset
        return {
            "ok": self.ok,
            "sources": len(d.sources),
            "presence": len(d.presence),
            "movements": len(d.movements),
            "places_resolved": self.places,
            "problems": [_entry(e) for e in self.problems],
            "warnings": [_entry(e) for e in self.warnings],
        }


def _entry(e: InputError) -> dict[str, Any]:
    return {"file": e.file, "line": e.line, "field": e.field, "message": e.message}


def validate(
    paths: Sequence[Path], resolver: PlaceResolver, options: ReadOptions | None = None
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
    """
    data, problems = load_dataset(paths, options)
    found = resolve_places(data, resolver)
    warnings = sort_problems(found.warnings, paths)
    return ValidationReport(
        found.dataset, sort_problems([*problems, *found.problems], paths), warnings
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
