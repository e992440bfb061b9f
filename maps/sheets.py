"""The finishing of image files: the contact sheet of a frame sequence, and PDF dates fixed
so that the same map gives the same bytes."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser


TILE = 620  # CSS px per frame on the contact sheet
MAX_COLUMNS = 3


def contact_sheet(
    browser: Browser,
    images: list[tuple[str, bytes]],
    columns: int,
    width: int,
    height: int,
    title: str,
) -> bytes:
    """A contact sheet of ``images`` (``(label, PNG bytes)`` of ``width`` x ``height``
    frames): an HTML grid, ``columns`` to a row, each frame under its label, screenshot by
    ``browser`` (no imaging library needed).

    Tiles are :data:`TILE` CSS px wide, at most :data:`MAX_COLUMNS` to a row (fewer for a
    few frames, so that four make a square): a frame's date caption and its places stay
    readable where 400 px tiles of 48 months were a grey stripe. A long sequence makes a
    tall sheet, scrolled like a page, rather than smaller tiles."""
    import base64
    import html as html_lib

    thumb = TILE
    columns = max(1, min(columns, MAX_COLUMNS, math.ceil(math.sqrt(len(images)))))
    figures = "".join(
        f'<figure><img alt="" src="data:image/png;base64,{base64.b64encode(data).decode()}">'
        f"<figcaption>{html_lib.escape(label)}</figcaption></figure>"
        for label, data in images
    )
    heading = f"<h1>{html_lib.escape(title)}</h1>" if title else ""
    page_html = (
        "<!doctype html><meta charset=utf-8><style>"
        "body{margin:16px;font:14px/1.3 system-ui,sans-serif;background:#fff;color:#222}"
        "h1{font-size:26px;margin:0 0 12px}"
        f".grid{{display:grid;grid-template-columns:repeat({columns},{thumb}px);gap:12px}}"
        f"figure{{margin:0}}img{{width:{thumb}px;aspect-ratio:{width}/{height};"
        "display:block;border:1px solid #bbb}"
        "figcaption{font-weight:700;font-size:20px;padding-top:4px}</style>"
        f'{heading}<div class="grid">{figures}</div>'
    )
    sheet_width = columns * thumb + (columns - 1) * 12 + 32
    # A short viewport: the full-page capture is then exactly as tall as the grid.
    context = browser.new_context(viewport={"width": sheet_width, "height": 100})
    try:
        page = context.new_page()
        page.set_content(page_html, wait_until="load")
        return page.screenshot(type="png", full_page=True)
    finally:
        context.close()


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9+\-Z']+\)")


def fixed_pdf_dates(data: bytes) -> bytes:
    """Replace Chromium's build timestamps with a fixed one of the same length.

    Same length keeps the PDF's cross-reference offsets valid; a fixed date keeps the
    output byte-identical for the same input (DESIGN.md: deterministic outputs).
    """

    def fixed(match: re.Match[bytes]) -> bytes:
        text = match.group(0)
        start = text.index(b"D:") + 2
        stamp = text[start:-1]
        return text[:start] + b"20000101000000" + stamp[14:] + b")"

    return _PDF_DATE.sub(fixed, data)
