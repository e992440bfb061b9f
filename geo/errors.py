"""The project's error hierarchy.

One root, :class:`GeoError`; each leaf also inherits the builtin it corresponds to, so
callers that only know Python's builtins still catch it. Errors carry data (file, line,
field, candidates); only the command line turns them into one-line messages.
"""

from __future__ import annotations

import reprlib
from collections.abc import Sequence


class GeoError(Exception):
    """Root of every error geo raises on purpose."""


class InputError(GeoError, ValueError):
    """Bad input: a file, a field or an argument that cannot be used.

    Parameters
    ----------
    message
        What is wrong, in a few words.
    file, line, field
        Where, when known. ``line`` is 1-based.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file + (f":{self.line}" if self.line is not None else "") + ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        if self.field:
            where += f"{self.field}: "
        return where + self.message


class ValidationErrors(InputError):
    """Several input problems found in one pass; ``problems`` holds each of them."""

    def __init__(self, problems: Sequence[InputError]) -> None:
        self.problems = list(problems)
        first = str(self.problems[0]) if self.problems else "invalid input"
        more = len(self.problems) - 1
        super().__init__(first + (f" (and {more} more problems)" if more > 0 else ""))

    def __str__(self) -> str:
        return self.message


class PlaceError(InputError):
    """A place name that did not resolve cleanly, with the resolution that says why.

    ``resolution`` is a :class:`geo.resolution.Resolved` (for a warning: a spelling or a
    small margin), :class:`~geo.resolution.Ambiguous` (its candidates) or
    :class:`~geo.resolution.NotFound` (its suggestions).
    """

    def __init__(
        self,
        message: str,
        resolution: object,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = "place",
    ) -> None:
        super().__init__(message, file=file, line=line, field=field)
        self.resolution = resolution


class NotFoundError(PlaceError, LookupError):
    """A name that matches no acceptable place; ``resolution`` is the
    :class:`geo.resolution.NotFound` with its suggestions and the places refused."""


class AmbiguousError(PlaceError, LookupError):
    """A name with several plausible places and nothing to choose between them;
    ``resolution`` is the :class:`geo.resolution.Ambiguous` with its candidates."""


def place_error(
    message: str,
    resolution: object,
    *,
    file: str | None = None,
    line: int | None = None,
    field: str | None = "place",
) -> PlaceError:
    """The error for a resolution: NotFoundError, AmbiguousError, or PlaceError for a
    resolved name worth a warning. The one seam where resolutions become errors."""
    kind = type(resolution).__name__
    cls = {"NotFound": NotFoundError, "Ambiguous": AmbiguousError}.get(kind, PlaceError)
    return cls(message, resolution, file=file, line=line, field=field)


class OutputError(GeoError, OSError):
    """An output file that could not be written (a full disk, a read-only folder)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: cannot be written ({reason}); nothing was written")
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return str(self.args[0])


class CacheError(GeoError, OSError):
    """The gazetteer cache cannot be read or written."""


MAX_SHOWN = 80  # characters of an input value that a message quotes

_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother, _REPR.maxlong = 3, MAX_SHOWN, MAX_SHOWN, 40


def shown(value: object, limit: int = MAX_SHOWN) -> str:
    """``repr(value)`` for a message, cut to ``limit`` characters with an ellipsis.

    Every message that quotes input uses this, so that a hostile value (a megabyte of text,
    a list grown by YAML aliases) never makes a message longer than a line. ``repr`` shows
    control characters and lone surrogates escaped, so the message prints anywhere.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return f"<a number of about {int(value.bit_length() * 0.30103) + 1:,} digits>"
    if isinstance(value, str) and len(value) > limit:
        value = value[: limit + 1]  # repr() of the head only, never of a 300 MB string
    out = _REPR.repr(value)
    return out if len(out) <= limit else out[: limit - 1] + "…"
