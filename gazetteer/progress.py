"""A progress bar on stderr for index builds and imports, shown only on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


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
