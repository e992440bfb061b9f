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
from geo.timespan import FuzzyDate
from maps.periods import Period
from maps.render import Bounds, Paper, check_bounds, check_paper, check_size

if TYPE_CHECKING:
    from geo.resolution import PlaceResolver


class _Candidate(Protocol):
    lat: float
    lon: float


def parse_at(text: str | None) -> date | None:
    """``--at``: a day, or a month or year meaning its last day (``2015-06`` = 30 June)."""
    if text is None or not text.strip():
        return None
    return FuzzyDate.parse(text, field="--at").last


def parse_since(text: str | None) -> date | None:
    """``--since``: a day, or a month or year meaning its first day (``2015-06`` = 1 June)."""
    if text is None or not text.strip():
        return None
    return FuzzyDate.parse(text, field="--since").first


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

    A name is first matched (ignoring case) against the dataset's own places, then
    resolved by the gazetteer ``resolver`` with the dataset's places as context
    (:func:`geo.resolve.resolve_names`).

    Raises
    ------
    InputError
        For a name that matches no place, or is ambiguous (``field="--fit"``).
    """
    from geo.resolve import resolve_names

    if not names:
        return None
    for name in names:
        if not name.strip():
            raise InputError("empty place name", field="--fit")
    points = resolve_names(names, dataset, resolver, field="--fit")
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
    landscape: bool = True

    def __post_init__(self) -> None:
        check_size(self.width, self.height, self.scale)
        check_paper(self.paper)
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

    def check_outputs(self) -> None:
        """Raise :class:`InputError` naming the option when an image cannot be written
        where asked (a missing folder, a folder in place of a file)."""
        from geo.io.atomic import check_output_path

        if self.png is not None:
            check_output_path(self.png, "--png")
        if self.pdf is not None:
            check_output_path(self.pdf, "--pdf")
        if self.frames_dir is not None and self.frames is not None:
            check_output_path(self.frames_dir / "contact-sheet.png", "--frames", new_folder=True)


def check_at(at: date | None, dataset: Dataset) -> None:
    """Raise :class:`InputError` (``--at``) when ``at`` lies outside the data's dates.

    The same range the map's time control spans (:func:`maps.data.date_range`), checked
    before any page is built or any file written.
    """
    if at is None:
        return
    from maps.data import date_range

    span = date_range(dataset)
    if span is None:
        raise InputError("the map has no dated records", field="--at")
    low, high = span
    if not low <= at <= high:
        raise InputError(f"{at} is outside the data's dates {low}..{high}", field="--at")


def draw_images(html: str, request: ImageRequest) -> list[tuple[Path, bytes]]:
    """Draw every image of ``request`` from the map page ``html`` with one browser, and
    return ``(path, PNG or PDF bytes)`` without writing anything: the PNG, the PDF, then
    the frames and their contact sheet. The caller writes them once all have been drawn,
    so a failure half-way leaves no file behind.
    """
    from maps.browser import launch
    from maps.render import capture_frames, capture_pdf, capture_png

    drawn: list[tuple[Path, bytes]] = []
    if not request.wanted:
        return drawn
    request.check_outputs()  # a typo in a path fails in milliseconds, before the browser
    at, bounds = request.at, request.bounds
    with launch() as browser:
        if request.png is not None:
            png = capture_png(
                html, width=request.width, height=request.height, scale=request.scale,
                at=at, bounds=bounds, browser=browser,
            )  # fmt: skip
            drawn.append((request.png, png))
        if request.pdf is not None:
            pdf = capture_pdf(
                html, paper=request.paper, landscape=request.landscape, at=at, bounds=bounds,
                browser=browser,
            )  # fmt: skip
            drawn.append((request.pdf, pdf))
        if request.frames is not None and request.frames_dir is not None:
            frames = capture_frames(
                html, period=request.frames, width=request.width, height=request.height,
                scale=request.scale, bounds=request.bounds, browser=browser,
            )  # fmt: skip
            drawn += [(request.frames_dir / name, data) for name, data in frames]
    return drawn


def write_all(files: Sequence[tuple[Path, bytes]]) -> list[Path]:
    """Write every ``(path, bytes)`` together, all or none, creating a missing last folder
    (a frames folder), and return the paths."""
    from geo.io.atomic import write_all_atomic

    for folder in dict.fromkeys(path.parent for path, _ in files):
        folder.mkdir(exist_ok=True)
    return write_all_atomic(dict(files))


def write_images(html: str, request: ImageRequest) -> list[Path]:
    """Draw every image of ``request`` (:func:`draw_images`), then write them all.

    Returns the files written: the PNG, the PDF, then the frames and their contact sheet.
    """
    return write_all(draw_images(html, request))
