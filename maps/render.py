"""Maps as images and PDF pages: what a person sees in the browser, for slides and print.

Every function opens the generated page in headless Chromium (:mod:`maps.browser`), waits
for ``window.geoMap.ready`` (the map contract: the basemap and every layer have drawn; no
fixed sleeps), sets the date and extent through the page's own API and captures it.
Outputs are written atomically: a failure leaves no half-written file behind.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from geo.errors import GeoError, InputError
from geo.io.atomic import check_output_path, write_atomic
from maps.browser import PageLog, file_url, launch, watch
from maps.periods import Period, period_ends
from maps.sheets import contact_sheet, fixed_pdf_dates

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

Bounds = tuple[float, float, float, float]  # south, west, north, east (degrees)
Paper = Literal["A4", "Letter"]

MIN_SIDE, MAX_SIDE = 64, 8000  # CSS pixels; Chromium cannot capture much beyond 16384 device px
MAX_SCALE = 4.0
READY_TIMEOUT_MS = 60_000
MAX_FRAMES = 400
# Paper sizes in CSS pixels (96 per inch), portrait; the page is laid out at exactly this
# size so that printing does not re-flow the map.
PAPER_PX: dict[str, tuple[int, int]] = {"A4": (794, 1123), "Letter": (816, 1056)}


class RenderError(GeoError, RuntimeError):
    """The page failed in the browser (a script error, or it never finished drawing)."""


@dataclass(frozen=True)
class View:
    """What to show: the date ("as of") and the extent (``None``: the map's own), drawn as
    an image (no controls, the date as a caption); ``frame`` for one of a sequence (a larger
    date); ``fit`` fits the extent inside what the title and legend leave free."""

    at: date | None = None
    bounds: Bounds | None = None
    frame: bool = False
    fit: bool = True


def check_size(width: int, height: int, scale: float) -> None:
    """Raise :class:`InputError` naming the field when an image size cannot be rendered."""
    for name, value in (("width", width), ("height", height)):
        if not isinstance(value, int) or not MIN_SIDE <= value <= MAX_SIDE:
            raise InputError(
                f"{value} px is outside {MIN_SIDE}..{MAX_SIDE} pixels", field=f"--{name}"
            )
    if not (isinstance(scale, (int, float)) and 0 < scale <= MAX_SCALE) or math.isnan(scale):
        raise InputError(f"{scale} is outside 0..{MAX_SCALE:g}", field="--scale")
    if max(width, height) * scale > 16_000:
        raise InputError(
            f"{width}x{height} at scale {scale:g} exceeds 16000 device pixels", field="--scale"
        )


def check_bounds(bounds: Sequence[float]) -> Bounds:
    """Validate ``(south, west, north, east)`` in degrees and return it as a tuple."""
    if len(bounds) != 4 or not all(isinstance(v, (int, float)) for v in bounds):
        raise InputError("expected four numbers S,W,N,E", field="--bbox")
    south, west, north, east = (float(v) for v in bounds)
    if not all(math.isfinite(v) for v in (south, west, north, east)):
        raise InputError("coordinates must be finite numbers", field="--bbox")
    if not (-90 <= south < north <= 90):
        raise InputError(f"need -90 <= south < north <= 90, got {south}, {north}", field="--bbox")
    if not (-180 <= west < east <= 180):
        raise InputError(f"need -180 <= west < east <= 180, got {west}, {east}", field="--bbox")
    return south, west, north, east


def render_png(
    html: str,
    out: Path,
    *,
    width: int = 1600,
    height: int = 900,
    scale: float = 1.0,
    at: date | None = None,
    bounds: Bounds | None = None,
    browser: Browser | None = None,
) -> Path:
    """Render a map page to a PNG image of ``width`` x ``height`` CSS pixels.

    Parameters
    ----------
    html
        A whole page from :func:`maps.build.build_map`.
    out
        The PNG to write; its folder must exist.
    width, height, scale
        Viewport size in CSS pixels and the device pixel ratio (2 gives a sharp slide).
    at
        Show the state as of this date (must lie within the data's range).
    bounds
        ``(south, west, north, east)`` to fit the map to, instead of its initial extent.
    browser
        A running browser to reuse (see :func:`maps.browser.launch`); by default one is
        started and stopped.

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    InputError
        Bad size, bounds, date or output path (the field is named).
    RenderError, maps.browser.BrowserUnavailableError
        The page failed or no browser is available.
    """
    check_output_path(out, "--png")
    data = capture_png(
        html, width=width, height=height, scale=scale, at=at, bounds=bounds, browser=browser
    )
    write_atomic(out, data)
    return out


def capture_png(
    html: str,
    *,
    width: int = 1600,
    height: int = 900,
    scale: float = 1.0,
    at: date | None = None,
    bounds: Bounds | None = None,
    browser: Browser | None = None,
) -> bytes:
    """The PNG of :func:`render_png` as bytes, written nowhere (parameters as there)."""
    check_size(width, height, scale)
    view = View(at, check_bounds(bounds) if bounds is not None else None)
    with _map_page(browser, html, width, height, scale) as (page, log):
        _show(page, log, view)
        data = page.screenshot(type="png", full_page=False, animations="disabled")
        _raise_page_errors(log)
    return data


def render_pdf(
    html: str,
    out: Path,
    *,
    paper: Paper = "A4",
    landscape: bool = True,
    at: date | None = None,
    bounds: Bounds | None = None,
    browser: Browser | None = None,
) -> Path:
    """Render a map page to a one-page PDF with vector text.

    The page is laid out at the paper's size with screen styles, so the PDF shows what the
    browser shows. Parameters as :func:`render_png`; ``paper`` is ``"A4"`` or ``"Letter"``.
    """
    check_output_path(out, "--pdf")
    data = capture_pdf(
        html, paper=paper, landscape=landscape, at=at, bounds=bounds, browser=browser
    )
    write_atomic(out, data)
    return out


def capture_pdf(
    html: str,
    *,
    paper: Paper = "A4",
    landscape: bool = True,
    at: date | None = None,
    bounds: Bounds | None = None,
    browser: Browser | None = None,
) -> bytes:
    """The PDF of :func:`render_pdf` as bytes, written nowhere (parameters as there)."""
    check_paper(paper)
    view = View(at, check_bounds(bounds) if bounds is not None else None)
    short, long = PAPER_PX[paper]
    width, height = (long, short) if landscape else (short, long)
    with _map_page(browser, html, width, height, 1.0) as (page, log):
        page.emulate_media(media="screen")
        _show(page, log, view)
        data = page.pdf(
            format=paper,
            landscape=landscape,
            print_background=True,
            margin={"top": "0", "right": "0", "bottom": "0", "left": "0"},
            page_ranges="1",
        )
        _raise_page_errors(log)
    return fixed_pdf_dates(data)


def check_paper(paper: str) -> None:
    """Raise :class:`InputError` (``--paper``) unless ``paper`` is A4 or Letter."""
    if paper not in PAPER_PX:
        raise InputError(f"must be A4 or Letter, got {paper!r}", field="--paper")


def render_frames(
    html: str,
    out_dir: Path,
    *,
    period: Period,
    width: int = 1600,
    height: int = 900,
    scale: float = 1.0,
    bounds: Bounds | None = None,
    browser: Browser | None = None,
    sheet_columns: int = 4,
    title: str = "",
    since: date | None = None,
    until: date | None = None,
) -> list[Path]:
    """Render one image per ``period`` ("year", "quarter", "month") and a contact sheet.

    Each frame shows the state as of the last day of its period (clipped to the data's
    range) and is written as ``frame-<label>.png`` (``2015``, ``2015-Q3``, ``2015-07``);
    ``contact-sheet.png`` puts them side by side, ``sheet_columns`` to a row, each under
    its label. ``since``/``until`` narrow the frames to part of the data's range.
    ``out_dir`` is created when its parent exists. One browser page serves every frame.

    Returns
    -------
    list of Path
        The frames in time order, then the contact sheet (last).
    """
    check_output_path(out_dir / "contact-sheet.png", "--frames", new_folder=True)
    images = capture_frames(
        html, period=period, width=width, height=height, scale=scale, bounds=bounds,
        browser=browser, sheet_columns=sheet_columns, title=title, since=since, until=until,
    )  # fmt: skip
    out_dir.mkdir(exist_ok=True)
    return [write_atomic(out_dir / name, data) for name, data in images]


def capture_frames(
    html: str,
    *,
    period: Period,
    width: int = 1600,
    height: int = 900,
    scale: float = 1.0,
    bounds: Bounds | None = None,
    browser: Browser | None = None,
    sheet_columns: int = 4,
    title: str = "",
    since: date | None = None,
    until: date | None = None,
) -> list[tuple[str, bytes]]:
    """The images of :func:`render_frames` as ``(file name, PNG bytes)``, written nowhere:
    the frames in time order, then ``contact-sheet.png``."""
    check_size(width, height, scale)
    view_bounds = check_bounds(bounds) if bounds is not None else None
    if period not in ("year", "quarter", "month"):
        raise InputError(f"must be year, quarter or month, got {period!r}", field="--frames")
    if not 1 <= sheet_columns <= 12:
        raise InputError(f"{sheet_columns} is outside 1..12", field="sheet_columns")
    images: list[tuple[str, bytes]] = []
    with ExitStack() as stack:
        running = browser or stack.enter_context(launch())
        page, log = stack.enter_context(_map_page(running, html, width, height, scale))
        low, high = _range(page, "--frames")
        low, high = max(low, since or low), min(high, until or high)
        if high < low:
            raise InputError(f"no dates of the data fall in {since}..{until}", field="--frames")
        if len(ends := period_ends(low, high, period)) > MAX_FRAMES:
            raise InputError(
                f"{len(ends)} {period} frames is more than {MAX_FRAMES}; choose a longer period",
                field="--frames",
            )
        # fit once, on the first frame: later frames keep the extent
        for k, (label, end) in enumerate(ends):
            _show(page, log, View(end, view_bounds, frame=True, fit=k == 0))
            images.append((label, page.screenshot(type="png", animations="disabled")))
        _raise_page_errors(log)
        sheet = contact_sheet(running, images, sheet_columns, width, height, title)
    return [(f"frame-{label}.png", data) for label, data in images] + [("contact-sheet.png", sheet)]


@contextmanager
def _map_page(
    browser: Browser | None, html: str, width: int, height: int, scale: float
) -> Iterator[tuple[Page, PageLog]]:
    """Open ``html`` from a temporary file (a real ``file://`` origin, like a double-click)."""
    owned: AbstractContextManager[Browser] = launch() if browser is None else nullcontext(browser)
    with owned as running, tempfile.TemporaryDirectory(prefix="geo-render-") as tmp:
        path = Path(tmp) / "map.html"
        path.write_text(html, encoding="utf-8")
        context = running.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=scale
        )
        try:
            page = context.new_page()
            log = watch(page)
            page.goto(file_url(path), wait_until="load", timeout=READY_TIMEOUT_MS)
            _wait_ready(page, log)
            yield page, log
        finally:
            context.close()


def _wait_ready(page: Page, log: PageLog) -> None:
    from playwright.sync_api import Error as PlaywrightError

    try:
        page.wait_for_function(
            "() => window.geoMap && window.geoMap.ready", timeout=READY_TIMEOUT_MS
        )
        page.evaluate("() => window.geoMap.ready.then(() => true)")
    except PlaywrightError as exc:
        _raise_page_errors(log)
        raise RenderError(
            f"the map did not finish drawing within {READY_TIMEOUT_MS // 1000} s"
        ) from exc
    _raise_page_errors(log)


def _range(page: Page, field: str) -> tuple[date, date]:
    value: Any = page.evaluate("() => window.geoMap.range")
    try:
        return date.fromisoformat(value["min"][:10]), date.fromisoformat(value["max"][:10])
    except (TypeError, KeyError, ValueError) as exc:
        raise InputError("the map has no dated records", field=field) from exc


_SHOW_JS = """async ([at, bounds, frame, fit]) => {
  const api = window.geoMap;
  // A Leaflet zoom or pan animation still running would overwrite the extent set below.
  const m = api.map;
  const settle = (event) => new Promise((done) => m.once(event, done));
  if (m && m._animatingZoom) await settle("zoomend");
  if (m && m._panAnim && m._panAnim._inProgress) await settle("moveend");
  // a page with only the core contract (setDate, fitBounds) is still captured as it is
  if (api.setPrint) { api.setPrint(true, frame); }  // before measuring: the panels change size
  if (at !== null) { api.setMode("asof"); await api.setDate(at); }
  // A still image cannot be filtered: no search box on it (print mode hides it too).
  document.querySelectorAll(".geo-filter").forEach((e) => { e.style.display = "none"; });
  await document.fonts.ready;
  if (fit && api.fitPrint) { api.fitPrint(bounds); }
  else if (fit && bounds !== null) { await api.fitBounds(bounds); }
  // Two animation frames: whatever the calls above scheduled has been painted.
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""


def _show(page: Page, log: PageLog, view: View) -> None:
    at = None
    if view.at is not None:
        low, high = _range(page, "--at")
        if not low <= view.at <= high:
            raise InputError(f"{view.at} is outside the data's dates {low}..{high}", field="--at")
        at = view.at.isoformat()
    bounds = None
    if view.bounds is not None:
        south, west, north, east = view.bounds
        bounds = [[south, west], [north, east]]
    from playwright.sync_api import Error as PlaywrightError

    try:
        page.evaluate(_SHOW_JS, [at, bounds, view.frame, view.fit])
    except PlaywrightError as exc:  # the map's own API threw
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "unknown error"
        raise RenderError(f"the map page failed in the browser: {first[:200]}") from exc
    _raise_page_errors(log)


def _raise_page_errors(log: PageLog) -> None:
    if log.errors:
        first = " ".join(log.errors[0].split())[:200]
        raise RenderError(f"the map page failed in the browser: {first}")
