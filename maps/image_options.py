"""The image options of ``geo map`` (``--png``, ``--pdf``, ``--frames``, ``--at``, ``--bbox``,
``--fit``...) read from their command-line text, and one call that writes every image asked.

The command stays thin: it passes the option values here; each bad value raises
:class:`~geo.errors.InputError` naming its option.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from geo.errors import InputError
from geo.model import Dataset
from geo.points import Point
from geo.timespan import FuzzyDate
from maps.periods import Period
from maps.render import Bounds, Paper, check_bounds, check_size

if TYPE_CHECKING:
    from geo.resolve import PlaceResolver


class _Candidate(Protocol):
    lat: float
    lon: float


def parse_at(text: str | None) -> date | None:
    """``--at``: a day, or a month or year meaning its last day (``2015-06`` = 30 June)."""
    if text is None or not text.strip():
        return None
    return FuzzyDate.parse(text, field="--at").last


def parse_bbox(text: str | None) -> Bounds | None:
    """``--bbox S,W,N,E`` in degrees."""
    if text is None or not text.strip():
        return None
    parts = [p.strip() for p in text.split(",")]
    try:
        numbers = [float(p) for p in parts]
    except ValueError as exc:
        raise InputError(f"{text!r} is not four numbers S,W,N,E", field="--bbox") from exc
    return check_bounds(numbers)


def fit_bounds(
    names: Sequence[str], dataset: Dataset, resolver: PlaceResolver | None = None
) -> Bounds | None:
    """``--fit PLACE...``: the box around the named places, with a margin.

    A name is first matched (ignoring case) against the dataset's own places, then looked up
    in the gazetteer ``resolver``.

    Raises
    ------
    InputError
        For a name that matches no place (``field="--fit"``).
    """
    if not names:
        return None
    known: dict[str, Point] = {}
    for record in dataset.presence:
        if record.place.point is not None:
            known.setdefault(record.place.name.casefold(), record.place.point)
    for movement in dataset.movements:
        for waypoint in movement.waypoints:
            if waypoint.place.point is not None:
                known.setdefault(waypoint.place.name.casefold(), waypoint.place.point)
    points = []
    for name in names:
        point = known.get(name.strip().casefold())
        if point is None and resolver is not None and name.strip():
            found = resolver.lookup(name.strip(), limit=1)
            if found:
                point = Point(found[0].lat, found[0].lon)
        if point is None:
            raise InputError(f"no place named {name!r} in the data or the gazetteer", field="--fit")
        points.append(point)
    south, north = min(p.lat for p in points), max(p.lat for p in points)
    west, east = min(p.lon for p in points), max(p.lon for p in points)
    pad = max(0.5, 0.1 * max(north - south, east - west))  # degrees
    return check_bounds(
        (
            max(-90.0, south - pad),
            max(-180.0, west - pad),
            min(90.0, north + pad),
            min(180.0, east + pad),
        )
    )


@dataclass(frozen=True)
class ImageRequest:
    """Every image ``geo map`` was asked for; ``None`` means "not asked"."""

    png: Path | None = None
    pdf: Path | None = None
    frames: Period | None = None
    frames_dir: Path | None = None
    width: int = 1600
    height: int = 900
    scale: float = 1.0
    at: date | None = None
    bounds: Bounds | None = None
    paper: Paper = "A4"

    def __post_init__(self) -> None:
        check_size(self.width, self.height, self.scale)
        if self.frames is not None and self.frames not in ("year", "quarter", "month"):
            raise InputError(
                f"must be year, quarter or month, got {self.frames!r}", field="--frames"
            )
        if self.frames is not None and self.frames_dir is None:
            raise InputError("say where the frames go", field="--frames")

    @property
    def wanted(self) -> bool:
        """Whether any image is asked for."""
        return self.png is not None or self.pdf is not None or self.frames is not None


def write_images(html: str, request: ImageRequest) -> list[Path]:
    """Write every image of ``request`` from the map page ``html``, with one browser.

    Returns the files written: the PNG, the PDF, then the frames and their contact sheet.
    """
    from maps.browser import launch
    from maps.files import check_output_path
    from maps.render import render_frames, render_pdf, render_png

    written: list[Path] = []
    if not request.wanted:
        return written
    # Every output path is checked before the browser starts: a typo fails in milliseconds.
    if request.png is not None:
        check_output_path(request.png, "--png")
    if request.pdf is not None:
        check_output_path(request.pdf, "--pdf")
    if request.frames_dir is not None and request.frames is not None:
        check_output_path(request.frames_dir / "contact-sheet.png", "--frames", new_folder=True)
    with launch() as browser:
        if request.png is not None:
            written.append(
                render_png(
                    html,
                    request.png,
                    width=request.width,
                    height=request.height,
                    scale=request.scale,
                    at=request.at,
                    bounds=request.bounds,
                    browser=browser,
                )
            )
        if request.pdf is not None:
            written.append(
                render_pdf(
                    html,
                    request.pdf,
                    paper=request.paper,
                    at=request.at,
                    bounds=request.bounds,
                    browser=browser,
                )
            )
        if request.frames is not None and request.frames_dir is not None:
            written += render_frames(
                html,
                request.frames_dir,
                period=request.frames,
                width=request.width,
                height=request.height,
                scale=request.scale,
                bounds=request.bounds,
                browser=browser,
            )
    return written
