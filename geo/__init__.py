"""geo: the domain (points, time spans, events, sources) and the ``geo`` command."""

from geo.errors import GeoError, InputError, NotFoundError

__all__ = ["GeoError", "InputError", "NotFoundError"]
__version__ = "0.1.0"
