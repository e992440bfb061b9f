"""geo: turn field reports into maps.

The front door of the library::

    import geo
    from gazetteer import Gazetteer

    report = geo.validate(["events.yaml"], Gazetteer.default())
    data = geo.read_dataset(["events-with-coordinates.csv"])
    geo.export_dataset(report.dataset, Path("events.gpkg"))

Names are imported on first use (PEP 562), so that ``import geo`` (and ``geo lookup``)
stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "read_dataset": "geo.io.reader",
    "validate": "geo.validate",
    "ValidationReport": "geo.validate",
    "export_dataset": "geo.io.export",
    "resolve_dataset": "geo.resolve",
    "Dataset": "geo.model",
    "Presence": "geo.model",
    "Movement": "geo.model",
    "Source": "geo.model",
    "Place": "geo.model",
    "Mention": "geo.resolution",
    "Resolved": "geo.resolution",
    "Ambiguous": "geo.resolution",
    "NotFound": "geo.resolution",
    "GeoError": "geo.errors",
    "InputError": "geo.errors",
    "ValidationErrors": "geo.errors",
    "PlaceError": "geo.errors",
    "NotFoundError": "geo.errors",
    "AmbiguousError": "geo.errors",
    "CacheError": "geo.errors",
    "OutputError": "geo.errors",
}
__all__ = [
    "Ambiguous",
    "AmbiguousError",
    "CacheError",
    "Dataset",
    "GeoError",
    "InputError",
    "Mention",
    "Movement",
    "NotFound",
    "NotFoundError",
    "OutputError",
    "Place",
    "PlaceError",
    "Presence",
    "Resolved",
    "Source",
    "ValidationErrors",
    "ValidationReport",
    "__version__",
    "export_dataset",
    "read_dataset",
    "resolve_dataset",
    "validate",
]

if TYPE_CHECKING:
    from geo.errors import (
        AmbiguousError,
        CacheError,
        GeoError,
        InputError,
        NotFoundError,
        OutputError,
        PlaceError,
        ValidationErrors,
    )
    from geo.io.export import export_dataset
    from geo.io.reader import read_dataset
    from geo.model import Dataset, Movement, Place, Presence, Source
    from geo.resolution import Ambiguous, Mention, NotFound, Resolved
    from geo.resolve import resolve_dataset
    from geo.validate import ValidationReport, validate


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'geo' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
