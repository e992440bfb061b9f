"""In a real headless Chromium: routes that advance with the clock, the map as an image (no
controls, the date as a caption, the data inside the free part) and the map on a phone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from map_samples import libya
from playwright.sync_api import Browser, Page

from maps.browser import PageLog
from maps.build import build_map
from maps.options import MapOptions
from maps.render import View, _show

OpenHtml = Callable[..., PageLog]
UBARI_ROUTE = 0  # libya(): Sirte (2016-12) -> Ghat (undated) -> Ubari (2017)


def _drawn(page: Page) -> dict:
    return page.evaluate("geoMap.routesDrawn()")[UBARI_ROUTE]


def _visible_labels(page: Page) -> list[str]:
    return page.evaluate(
        "Array.from(document.querySelectorAll('.geo-stop-label.geo-label'))"
        ".filter((e) => e.style.display !== 'none').map((e) => e.textContent)"
    )


def test_route_advances_with_the_clock(open_html: OpenHtml, page: Page) -> None:
    open_html(build_map(libya(), MapOptions(offline=True)))
    page.evaluate("geoMap.setMode('asof'); geoMap.setDate('2016-11-15')")
    assert _drawn(page)["shown"] is False  # before the route's start
    # Sirte is left on 1 Dec, Ubari reached on 1 Jan; Ghat, undated, lies on the way (about
    # three quarters of the path): on 10 Dec the first leg is partly drawn, the second not.
    page.evaluate("geoMap.setDate('2016-12-10')")
    now = _drawn(page)
    assert now["shown"] and now["waypoints"] == 1
    assert len(now["legs"]) == 1 and 0.2 < now["legs"][0]["share"] < 0.7
    tip = now["legs"][0]["end"]
    assert 24.963 < tip["lat"] < 31.205 and 10.173 < tip["lng"] < 16.588  # between Sirte and Ghat
    assert not any(t.startswith("Ubari") for t in _visible_labels(page))
    page.evaluate("geoMap.setDate('2016-12-28')")  # past Ghat: the last leg has begun
    now = _drawn(page)
    assert now["waypoints"] == 2 and now["legs"][0]["share"] == 1
    assert 0 < now["legs"][1]["share"] < 1
    page.evaluate("geoMap.setDate('2017-01-01')")
    now = _drawn(page)
    assert now["waypoints"] == 3 and [leg["share"] for leg in now["legs"]] == [1, 1]
    assert any(t.startswith("Ubari") for t in _visible_labels(page))


def test_image_has_no_controls_and_the_data_sits_in_the_free_part(
    open_html: OpenHtml, page: Page
) -> None:
    log = open_html(build_map(libya(), MapOptions(offline=True, title="A title", subtitle="x")))
    bounds = (24.4, 10.0, 31.7, 17.0)  # Ghat, Ubari and Sirte
    _show(page, log, View(date(2017, 1, 1), bounds))  # what capture_png/capture_pdf do
    for control in (".leaflet-control-zoom", ".geo-slider", ".geo-bar select", ".geo-layers"):
        assert not page.locator(control).first.is_visible(), control
    assert page.locator(".geo-date").inner_text() == "as of 2017-01-01"
    assert page.locator(".geo-date").is_visible()
    # every place of the extent is drawn clear of the title, the legend and the caption
    boxes = page.evaluate(
        "Array.from(document.querySelectorAll('.geo-box, .geo-time')).map((e) => {"
        " const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
    )
    points = page.evaluate(
        "[[24.963, 10.173], [26.59, 12.78], [31.205, 16.588]].map((p) => {"
        " const c = geoMap.map.latLngToContainerPoint(p); return [c.x, c.y]; })"
    )
    size = page.evaluate("[innerWidth, innerHeight]")
    for x, y in points:
        assert 0 < x < size[0] and 0 < y < size[1]
        assert not any(b[0] - 4 <= x <= b[2] + 4 and b[1] - 4 <= y <= b[3] + 4 for b in boxes)


def test_narrow_screen_folds_panels_and_the_time_control_fits(browser: Browser, tmp_path) -> None:
    path = tmp_path / "map.html"
    path.write_text(build_map(libya(), MapOptions(offline=True, title="A long title")), "utf-8")
    context = browser.new_context(viewport={"width": 420, "height": 860})
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_function("() => window.geoMap && window.geoMap.ready")
        assert page.evaluate("document.documentElement.scrollWidth") <= 420
        for sel in (".geo-time", ".geo-titlebox", ".geo-legend", ".geo-layers", ".geo-slider"):
            box = page.locator(sel).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 420, sel
        assert page.locator(".geo-legend.geo-collapsed").count() == 1
        assert page.locator(".geo-layers.geo-collapsed").count() == 1
        page.locator(".geo-legend .geo-toggle").click()  # a tap opens it
        assert page.locator(".geo-legend-body").is_visible()
    finally:
        context.close()
