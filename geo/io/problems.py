"""The problems found while reading one file: each an :class:`~geo.errors.InputError` with
file, line and field, collected so that one run reports every problem (up to
:data:`MAX_PROBLEMS`), and the notices of the read (:class:`~geo.io.options.ReadOptions`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from geo.errors import InputError, ValidationErrors
from geo.io.options import ReadOptions

T = TypeVar("T")

MAX_PROBLEMS = 1000  # per file: past this a file is hopeless and the list unreadable
MAX_MESSAGE = 400  # characters; a backstop, as every quoted value is cut by errors.shown


class TooManyProblems(Exception):
    """Raised inside a reader to stop reading a file once :data:`MAX_PROBLEMS` is reached."""


class Problems:
    """The problems found in one file, each an :class:`InputError` with file and line."""

    def __init__(
        self, file: str, *, limit: int | None = None, options: ReadOptions | None = None
    ) -> None:
        self.file = file
        self.limit = limit or MAX_PROBLEMS
        self.items: list[InputError] = []
        # Ids of sources that were defined but had a bad field: citing them is no new problem.
        self.broken_sources: set[str] = set()
        # How to read the file (column mapping, day-first dates) and where notices go.
        self.options = options if options is not None else ReadOptions()
        # Sources cited by outlet name ("Reuters"): derived id -> (name, first line).
        self.outlets: dict[str, tuple[str, int]] = {}
        self._rewound = False

    def add(self, message: str, *, line: int | None, field: str | None) -> None:
        """Record a problem; raise :class:`TooManyProblems` once the limit is reached."""
        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 1] + "…"
        self.items.append(InputError(message, file=self.file, line=line, field=field))
        if len(self.items) >= self.limit:
            self.items.append(
                InputError(
                    f"stopped reading after {self.limit} problems", file=self.file, line=line
                )
            )
            raise TooManyProblems

    def note_rewound(self, line: int | None) -> None:
        """Say once per file that an area's rings were wound against RFC 7946 and rewound
        (a notice, not a problem: RFC 7946 asks parsers not to reject them)."""
        if self._rewound:
            return
        self._rewound = True
        at = f"{self.file}:{line}" if line else self.file
        self.options.notices.append(
            f"{at}: geometry: rings wound clockwise (RFC 7946 wants exterior rings"
            " counter-clockwise and holes clockwise); read rewound, here and in any later"
            " area of this file"
        )

    def add_error(self, exc: InputError, *, line: int | None, field: str | None = None) -> None:
        """Record an error raised by a parser, filling in where it happened."""
        problems = exc.problems if isinstance(exc, ValidationErrors) else [exc]
        for p in problems:
            self.add(p.message, line=p.line or line, field=p.field or field)

    def take(self, parse: Callable[[Any], T], value: Any, *, line: int, field: str) -> T | None:
        """``parse(value)``, or ``None`` with the problem recorded."""
        try:
            return parse(value)
        except InputError as exc:
            self.add_error(exc, line=line, field=field)
            return None
