"""What a long job says on stderr: a start and an end line always, a bar on a terminal.

A first lookup builds the gazetteer index, which takes about half a minute; a silent pause
that long looks like a hang, so the start line (what is built, from what, about how long)
and the end line (how long it took) are printed whether or not stderr is a terminal (a CI
log, a pipe). The rich progress bar in between is drawn only on a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def say(message: str, enabled: bool | None = None) -> None:
    """Print one line on stderr, terminal or not; nothing when ``enabled`` is False."""
    if enabled is not False:
        print(message, file=sys.stderr, flush=True)


def seconds(value: float) -> str:
    """A duration as people read it: "0.4 s", "27 s", "2 min 5 s"."""
    if value < 10:
        return f"{value:.1f} s"
    if value < 60:
        return f"{value:.0f} s"
    minutes, rest = divmod(round(value), 60)
    return f"{minutes} min {rest} s"


# About how long a build of the default sources takes (23 s of CPU; 25-40 s on 2 CPUs).
BUILD_ESTIMATE = "about 30 s"


def build_reason(path: Path) -> str:
    """Why the index ``path`` is built: none was there, it is rebuilt, or its inputs changed."""
    if path.exists():
        return "rebuild"
    if any(path.parent.glob("gazetteer-*.sqlite")):
        return "its data or code changed"  # an index of other inputs
    return "first use"


def build_started(labels: Iterable[str], path: Path) -> str:
    """The line an index build starts with: what is built, why, about how long, from what."""
    why = build_reason(path)
    sources = ", ".join(dict.fromkeys(labels))
    return f"geo: building the offline gazetteer index ({why}, {BUILD_ESTIMATE}): {sources}"


def build_done(elapsed: float, places: int, path: Path) -> str:
    """The line an index build ends with: how long it took, how much it holds, where."""
    return f"geo: gazetteer index built in {seconds(elapsed)}: {places:,} places ({path})"


class Progress:
    """Steps of a long job; a rich progress bar when stderr is a terminal, else silent."""

    def __init__(self, bar: Any = None) -> None:
        self._bar = bar
        self._task: Any = None

    def step(self, description: str, total: float | None = None) -> None:
        """Start a new step (a new bar line), with its total amount of work if known.

        A step of unknown size counts as one unit: 0 % while it runs, 100 % once done.
        """
        if self._bar is not None:
            self.finish()
            self._task = self._bar.add_task(description, total=total or 1)

    def finish(self) -> None:
        """Mark the current step done."""
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=self._bar.tasks[-1].total)

    def update(self, completed: float) -> None:
        """How much of the current step is done (same unit as its total)."""
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=completed)


@contextmanager
def progress(enabled: bool | None = None) -> Iterator[Progress]:
    """A :class:`Progress`; ``enabled=None`` means "when stderr is a terminal"."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield Progress()
        return
    from rich.console import Console
    from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    bar = Bar(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=False,
    )
    with bar:
        steps = Progress(bar)
        yield steps
        steps.finish()
