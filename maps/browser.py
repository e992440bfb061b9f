"""The headless Chromium that renders maps to images and that the browser tests drive.

One place decides which browser runs and with which flags, so that PNG exports, the
benchmarks and the test suite all see the same engine. Playwright is imported inside the
functions: importing :mod:`maps` must not pay for it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import GeoError

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

#: Flags for a quiet, reproducible browser: no GPU (software rendering draws the same pixels
#: on every machine), no sandbox (containers and CI runners lack the kernel features), and
#: no background traffic (an offline map must show zero requests besides its own).
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

INSTALL_HINT = "install one with `apt-get install chromium` or set GEO_CHROMIUM to its path"


class BrowserUnavailableError(GeoError, RuntimeError):
    """No usable Chromium: not installed, or it failed to start."""


def find_chromium() -> str:
    """Return the path of the Chromium to drive.

    ``GEO_CHROMIUM`` wins when set; then ``/usr/bin/chromium``; then ``chromium`` or
    ``chromium-browser`` on ``PATH``.

    Raises
    ------
    BrowserUnavailableError
        When none is found, with a one-line install hint.
    """
    env = os.environ.get("GEO_CHROMIUM", "").strip()
    if env:
        found = shutil.which(env)
        if found is None:
            raise BrowserUnavailableError(
                f"GEO_CHROMIUM={env} is not an executable; {INSTALL_HINT}"
            )
        return found
    candidates = [
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ]
    for path in candidates:
        if path and os.access(path, os.X_OK):
            return path
    raise BrowserUnavailableError(f"no Chromium browser found; {INSTALL_HINT}")


@contextmanager
def launch(executable: str | None = None) -> Iterator[Browser]:
    """Start headless Chromium and yield a Playwright ``Browser``; stop it on exit.

    Playwright gives every ``launch`` a fresh temporary profile (``--user-data-dir``) and
    deletes it on close, so no state leaks between runs.

    Parameters
    ----------
    executable
        The browser binary; by default :func:`find_chromium`.

    Raises
    ------
    BrowserUnavailableError
        When no browser is found or it cannot start.
    """
    path = executable or find_chromium()
    pw = _playwright_acquire()
    try:
        from playwright.sync_api import Error as PlaywrightError

        try:
            browser = pw.chromium.launch(
                executable_path=path, headless=True, args=list(CHROMIUM_FLAGS)
            )
        except PlaywrightError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "unknown error"
            raise BrowserUnavailableError(
                f"Chromium at {path} failed to start ({first}); {INSTALL_HINT}"
            ) from exc
        try:
            yield browser
        finally:
            browser.close()
    finally:
        _playwright_release()


# Playwright's sync API allows one driver per thread: a second ``sync_playwright()`` while
# one runs fails. Nested launches (a render inside a test that holds a browser) share it.
_driver: dict[str, Any] = {"users": 0, "manager": None, "playwright": None}


def _playwright_acquire() -> Any:
    if _driver["users"] == 0:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:  # pragma: no cover - playwright is a dependency
            raise BrowserUnavailableError(f"playwright is not installed; {INSTALL_HINT}") from exc
        manager = sync_playwright()
        _driver["playwright"] = manager.start()
        _driver["manager"] = manager
    _driver["users"] += 1
    return _driver["playwright"]


def _playwright_release() -> None:
    _driver["users"] -= 1
    if _driver["users"] == 0:
        _driver["playwright"].stop()
        _driver["manager"] = _driver["playwright"] = None


@dataclass
class PageLog:
    """What a page did while open: uncaught errors, console errors, network requests."""

    errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @property
    def external_requests(self) -> list[str]:
        """Requests that leave the page itself (anything but ``file:``, ``data:``, ``blob:``)."""
        local = ("file:", "data:", "blob:", "about:")
        return [url for url in self.requests if not url.startswith(local)]


def watch(page: Page) -> PageLog:
    """Start recording ``page``'s errors, console errors and requests into a :class:`PageLog`."""
    log = PageLog()
    page.on("pageerror", lambda exc: log.errors.append(str(exc)))
    page.on("console", lambda msg: _console(log, msg))
    page.on("request", lambda req: log.requests.append(req.url))
    return log


def _console(log: PageLog, msg: Any) -> None:
    if msg.type == "error":
        log.console_errors.append(msg.text)


def file_url(path: Path) -> str:
    """The ``file://`` URL of ``path`` (absolute, percent-encoded)."""
    return path.resolve().as_uri()
