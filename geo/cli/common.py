"""Helpers shared by the command modules: error translation and the one JSON printer."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from geo.errors import GeoError

F = TypeVar("F", bound=Callable[..., Any])


def one_line(text: str) -> str:
    """Collapse a message to a single printable line."""
    return " ".join(str(text).split())


def print_json(value: Any) -> None:
    """Print ``value`` as indented JSON, non-ASCII text as is (the stdlib: no orjson import
    on the ``geo lookup`` path)."""
    import json

    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``geo: error: message`` on stderr and return the Exit to raise."""
    sys.stderr.write(f"geo: error: {one_line(message)}\n")
    return typer.Exit(code)


def handle_errors(func: F) -> F:
    """Turn the library's typed errors into one-line messages and exit status 2.

    This is the only seam where errors become messages (DESIGN.md).
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GeoError as exc:
            raise fail(str(exc)) from exc
        except OSError as exc:  # a full disk, a read-only folder: the system's words, one line
            where = f"{exc.filename}: " if exc.filename else ""
            raise fail(f"{where}{exc.strerror or exc}") from exc
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None

    return wrapper  # type: ignore[return-value]
