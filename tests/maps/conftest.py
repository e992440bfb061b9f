"""Browser fixtures for the map tests: one Chromium per session, a fresh context per test.

``open_html(page_source)`` opens an HTML string (written to a temporary file, so that the
page has a real ``file://`` origin as a user's double-click gives it) or a path, and returns
a :class:`maps.browser.PageLog` with the page's errors, console errors and requests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from maps.browser import PageLog, file_url, launch, watch

OpenHtml = Callable[..., PageLog]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with launch() as b:
        yield b


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def open_html(page: Page, tmp_path: Path) -> OpenHtml:
    """Return ``open_html(source, wait_ready=True, name="page.html") -> PageLog``.

    ``source`` is an HTML string or a path to an HTML file. With ``wait_ready`` the call
    returns once ``window.geoMap.ready`` has resolved (the map contract), else on ``load``.
    """

    def _open(source: str | Path, *, wait_ready: bool = True, name: str = "page.html") -> PageLog:
        if isinstance(source, Path):
            path = source
        else:
            path = tmp_path / name
            path.write_text(source, encoding="utf-8")
        log = watch(page)
        page.goto(file_url(path), wait_until="load")
        if wait_ready:
            page.wait_for_function("() => window.geoMap && window.geoMap.ready", timeout=15000)
            page.evaluate("() => window.geoMap.ready")
        return log

    return _open
