""" "Changes since" in a real headless Chromium (issue 11, ``geo map --since``): what an
actor gained and lost since the reference date is shaded, follows the time control, the
filters and the page's switch, and the legend and caption say so."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import shapely
from imaging import pixels
from playwright.sync_api import Page

from geo.areas import canonical
from geo.model import Area, Dataset, Place, Presence
from geo.points import Point
from geo.timespan import TimeSpan
from maps.browser import PageLog
from maps.build import build_map
from maps.options import MapOptions

OpenHtml = Callable[..., PageLog]


def held(name: str, actor: str, w: float, e: float, start: str, end: str) -> Presence:
    area = Area(canonical(shapely.box(w, 30.0, e, 31.0)), "", 0.0)
    return Presence(Place(name, Point(30.5, (w + e) / 2)), actor, "control",
                    TimeSpan.parse(start, end), area=area)  # fmt: skip


def dataset() -> Dataset:
    # West held Jan-Jun 2015, East (overlapping it by half a degree) from April to December
    return Dataset(presence=(
        held("West", "Group A", 15.0, 16.0, "2015-01", "2015-06"),
        held("East", "Group A", 15.5, 16.5, "2015-04", "2015-12"),
    ))  # fmt: skip


def changes(page: Page) -> dict[str, int]:
    return dict(page.evaluate("geoMap.changesDrawn()"))


def shown_paths(page: Page, kind: str) -> int:
    return int(page.evaluate(f"document.querySelectorAll('path.geo-change-{kind}').length"))


def test_gains_and_losses_follow_the_date_and_the_switch(open_html: OpenHtml, page: Page) -> None:
    log = open_html(build_map(dataset(), MapOptions(offline=True, since=date(2015, 2, 1))))
    assert log.errors == [] and log.console_errors == []
    page.evaluate("geoMap.setDate('2015-05-15')")  # East is new, West still held: a gain only
    assert changes(page) == {"gained": 1, "lost": 0}
    assert shown_paths(page, "gained") == 1 and shown_paths(page, "lost") == 0
    assert page.locator(".geo-change-label").all_inner_texts() == ["East gained"]
    page.evaluate("geoMap.setDate('2015-10-15')")  # West has ended: its own part is lost
    assert changes(page) == {"gained": 1, "lost": 1}
    assert sorted(page.locator(".geo-change-label").all_inner_texts()) == [
        "East gained",
        "West lost",
    ]
    assert (
        page.locator(".geo-legend-changes .geo-h").inner_text().lower()
        == "control since 2015-02-01"
    )
    assert page.locator(".geo-legend-changes .geo-leg").all_inner_texts() == [
        "gained (bold outline)", "lost (cross-hatched)",
    ]  # fmt: skip
    assert "changes since 2015-02-01" in page.locator(".geo-date").inner_text()
    # the page's switch turns the view off, and its date can be moved
    page.locator(".geo-since input").uncheck()
    assert changes(page) == {"gained": 0, "lost": 0}
    assert page.locator(".geo-legend-changes").is_hidden()
    assert "changes since" not in page.locator(".geo-date").inner_text()
    page.evaluate(
        "geoMap.setSince('2015-05-01')"
    )  # both held then: at 2015-10 only West's part is lost
    assert changes(page) == {"gained": 0, "lost": 1}
    assert page.locator(".geo-since input").is_checked()


def test_window_mode_and_filters_apply_to_both_dates(open_html: OpenHtml, page: Page) -> None:
    open_html(build_map(dataset(), MapOptions(offline=True, since=date(2015, 2, 1))))
    page.evaluate("geoMap.setMode('window'); geoMap.setStep('year'); geoMap.setDate('2015-10-15')")
    assert changes(page) == {"gained": 1, "lost": 0}  # within 2015 West was held too
    page.evaluate("geoMap.setMode('asof'); geoMap.setDate('2015-10-15'); geoMap.setFilter('East')")
    # with West filtered out nothing was held at the reference date: East is all gained
    assert changes(page) == {"gained": 2, "lost": 0}


def test_the_shading_shows(open_html: OpenHtml, page: Page) -> None:
    open_html(build_map(dataset(), MapOptions(offline=True, since=date(2015, 2, 1))))
    page.evaluate("geoMap.setDate('2015-10-15')")
    page.evaluate("() => { geoMap.map.setView([30.5, 15.75], 9, {animate: false}); }")
    page.wait_for_timeout(200)
    img = pixels(page, page.screenshot(), 1280).astype(int)
    h = img.shape[0]
    # West's own part (15.0-15.5) is lost: cross-hatched, so two tones; East's own part
    # (16.0-16.5) is gained: a dense fill of the actor's hue
    x = page.evaluate("geoMap.map.latLngToContainerPoint([30.5, 15.25]).x")
    lost = img[h // 2 - 20 : h // 2 + 20, int(x) - 20 : int(x) + 20].reshape(-1, 3)
    assert len(np.unique(lost // 24, axis=0)) >= 2
    x = page.evaluate("geoMap.map.latLngToContainerPoint([30.5, 16.25]).x")
    gained = img[h // 2 - 20 : h // 2 + 20, int(x) - 20 : int(x) + 20].reshape(-1, 3)
    assert (gained[:, 0] > gained[:, 2] + 80).mean() > 0.9  # Okabe-Ito vermilion, solid
