from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from geo.errors import GeoError
from maps.browser import (
    CHROMIUM_FLAGS,
    BrowserUnavailableError,
    PageLog,
    find_chromium,
    launch,
)

OpenHtml = Callable[..., PageLog]


def test_missing_browser_names_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEO_CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(BrowserUnavailableError) as info:
        find_chromium()
    message = str(info.value)
    assert "apt-get install chromium" in message
    assert "\n" not in message
    assert isinstance(info.value, GeoError)


def test_no_browser_anywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GEO_CHROMIUM", raising=False)
    monkeypatch.setattr("maps.browser.shutil.which", lambda name: None)
    monkeypatch.setattr("maps.browser.os.access", lambda path, mode: False)
    with pytest.raises(BrowserUnavailableError, match="no Chromium browser found"):
        find_chromium()


def test_env_variable_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "my-chromium"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("GEO_CHROMIUM", str(fake))
    assert find_chromium() == str(fake)


def test_a_browser_that_cannot_start_is_a_geo_error(tmp_path: Path) -> None:
    fake = tmp_path / "broken-chromium"
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    with pytest.raises(BrowserUnavailableError, match="failed to start"), launch(str(fake)):
        pass


def test_flags_keep_the_browser_quiet() -> None:
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"):
        assert flag in CHROMIUM_FLAGS


def test_launch_runs_a_real_chromium_and_stops_it() -> None:
    with launch() as browser:
        assert browser.is_connected()
        page = browser.new_page()
        page.set_content("<p id=x>hello</p>")
        assert page.inner_text("#x") == "hello"
        assert browser.version.split(".")[0].isdigit()
    assert not browser.is_connected()


def test_open_html_records_errors_console_and_requests(open_html: OpenHtml, page: Page) -> None:
    html = (
        "<!doctype html><html><body><img src='https://example.invalid/x.png'>"
        "<script>console.error('bad thing'); window.geoMap = {ready: Promise.resolve(1)};"
        "setTimeout(() => { throw new Error('boom'); }, 0);</script></body></html>"
    )
    log = open_html(html)
    page.wait_for_timeout(50)  # let the queued throw run; the test checks it is caught
    assert any("boom" in e for e in log.errors)
    assert "bad thing" in log.console_errors
    assert log.external_requests == ["https://example.invalid/x.png"]
    assert any(url.startswith("file:") for url in log.requests)


def test_open_html_waits_for_the_map_to_be_ready(open_html: OpenHtml, page: Page) -> None:
    html = (
        "<!doctype html><script>window.geoMap = {ready: new Promise(r => setTimeout(() =>"
        " { document.body.dataset.done = 'yes'; r(1); }, 300))};</script><body></body>"
    )
    open_html(html)
    assert page.evaluate("document.body.dataset.done") == "yes"


def test_profile_is_fresh_each_launch(tmp_path: Path) -> None:
    html = tmp_path / "p.html"
    html.write_text(
        "<script>document.title = localStorage.getItem('k') || 'empty';"
        "localStorage.setItem('k', 'kept');</script>"
    )
    titles = []
    for _ in range(2):
        with launch() as browser:
            page = browser.new_page()
            page.goto(html.as_uri())
            titles.append(page.title())
    assert titles == ["empty", "empty"]
    assert os.path.exists(html)


def test_launches_nest() -> None:
    with launch() as outer, launch() as inner:
        assert outer.is_connected() and inner.is_connected()
        assert outer is not inner
    with launch() as again:
        assert again.is_connected()
