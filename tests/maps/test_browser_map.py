"""The generated map in a real headless Chromium: what a person would check."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from imaging import colour_share, pixels
from map_samples import HOSTILE, hostile, libya, synthetic
from playwright.sync_api import Dialog, Page

from maps.browser import PageLog
from maps.build import build_map
from maps.options import MapOptions

OpenHtml = Callable[..., PageLog]


def _clean(log: PageLog) -> None:
    assert log.errors == [] and log.console_errors == []


def count(page: Page) -> int:
    return int(page.evaluate("geoMap.visibleCount()"))


def test_offline_map_draws_everything_with_zero_requests(open_html: OpenHtml, page: Page) -> None:
    log = open_html(build_map(libya(), MapOptions(offline=True, heat=True, regions=True)))
    _clean(log)
    assert log.external_requests == []
    assert count(page) == 7
    assert page.evaluate("document.documentElement.dataset.geoReady") == "1"
    assert page.evaluate("geoMap.range") == {"min": "2014-10-01", "max": "2017-12-31"}
    legend = page.locator(".geo-legend").inner_text()
    for symbol in ("control", "training camp", "near the place", "somewhere in the region",
                   "route, air", "route, sea", "route, overland", "strength given as a range",
                   "reports at one place", "report density", "region outline"):  # fmt: skip
        assert symbol in legend


def test_time_control_changes_what_is_drawn(open_html: OpenHtml, page: Page) -> None:
    _clean(open_html(build_map(libya(), MapOptions(offline=True))))
    page.evaluate("geoMap.setMode('window'); geoMap.setDate('2015-06-15')")
    assert count(page) == 4  # month window: month-precision records count for all of June
    assert page.locator(".geo-date").inner_text() == "2015-06"
    page.evaluate("geoMap.setMode('asof'); geoMap.setDate('2015-01-01')")
    assert count(page) == 2
    slider = page.locator(".geo-slider")
    slider.evaluate("(e) => { e.value = e.min; e.dispatchEvent(new Event('input')); }")
    assert page.locator(".geo-date").inner_text() == "as of 2014-10-01"
    assert count(page) == 1
    page.get_by_title("step forward").click()  # one month on
    assert page.locator(".geo-date").inner_text() == "as of 2014-11-01"
    assert count(page) == 2
    page.locator("select[aria-label=mode]").select_option("window")
    assert page.locator(".geo-date").inner_text() == "2014-11"


def test_layer_control_switches_features(open_html: OpenHtml, page: Page) -> None:
    _clean(open_html(build_map(libya(), MapOptions(offline=True))))
    assert count(page) == 7
    page.locator(".geo-layers label", has_text="control (2)").click()
    assert count(page) == 5
    page.locator(".geo-layers label", has_text="control (2)").click()
    assert count(page) == 7
    routes = "document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').length"
    assert page.evaluate(routes) == 5 + 8  # five legs, eight waypoints
    page.locator(".geo-layers label", has_text="Routes (3)").click()
    assert page.evaluate(routes) == 0
    page.locator(".geo-layers label", has_text="Natural Earth").click()  # the only basemap


def test_popup_lists_every_figure_and_source(open_html: OpenHtml, page: Page) -> None:
    _clean(open_html(build_map(libya(), MapOptions(offline=True))))
    page.evaluate(
        "window.__sel = []; geoMap.element.addEventListener('geo:select',"
        " (e) => window.__sel.push(e.detail.record))"
    )
    x, y = page.evaluate(
        "(() => { const p = geoMap.map.latLngToContainerPoint([31.205, 16.588]);"
        " const r = geoMap.element.getBoundingClientRect();"
        " return [r.left + p.x, r.top + p.y]; })()"
    )
    page.mouse.click(x, y)
    text = page.locator(".leaflet-popup-content").last.inner_text()
    for part in ("Sirte", "2015-02 to 2016-12", "4,000\u20136,000", "Newsweek", "3,000", "WSJ",
                 "confirmed", "control"):  # fmt: skip
        assert part in text
    assert page.evaluate("window.__sel") == [2]
    assert (
        page.locator(".leaflet-popup-content").last.locator("a[href^='http']").count() == 0
    )  # no http url
    page.evaluate("geoMap.flyToRecord(0)")  # Derna: two reports at one place
    text = page.locator(".leaflet-popup-content").last.inner_text()
    assert "2 reports here" in text and "ousted" in text and "CNN" in text
    assert page.locator(".leaflet-popup-content").last.locator("a").first.get_attribute("href") == (
        "https://example.com/cnn"
    )


def test_hostile_text_shows_as_text_and_runs_nothing(open_html: OpenHtml, page: Page) -> None:
    dialogs: list[str] = []

    def on_dialog(d: Dialog) -> None:
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    opts = MapOptions(offline=True, title=HOSTILE, subtitle=HOSTILE, banner=HOSTILE)
    _clean(open_html(build_map(hostile(), opts)))
    page.evaluate("geoMap.flyToRecord(7)")
    popup = page.locator(".leaflet-popup-content").last.inner_text()
    assert popup.count(HOSTILE) >= 3  # place, actor, note (and the source's outlet/title)
    assert page.locator(".geo-titlebox").inner_text().startswith(HOSTILE)
    assert page.locator(".geo-banner").first.inner_text() == HOSTILE.upper()
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("a[href^=javascript]").count() == 0
    page.evaluate("geoMap.flyToRecord(0)")
    assert HOSTILE in page.locator(".leaflet-popup-content").last.inner_text()
    assert page.evaluate("window.__pwned") is None and dialogs == []


def test_screenshot_is_not_blank(open_html: OpenHtml, page: Page) -> None:
    _clean(open_html(build_map(libya(), MapOptions(offline=True))))
    img = pixels(page, page.locator(".folium-map").screenshot(), width=400)
    assert colour_share(img, "#f4f1ea", tolerance=12) > 0.2  # land of the offline basemap
    assert colour_share(img, "#cfdde6", tolerance=12) > 0.05  # sea
    colours = {tuple(c) for c in (img.reshape(-1, 3) // 16).astype(int).tolist()}
    assert len(colours) > 25
    page.evaluate("geoMap.setMode('window'); geoMap.setDate('2016-06-01')")
    page.evaluate("geoMap.fitBounds([[30.5, 15.5], [32, 17.5]])")  # around Sirte, controlled
    x, y = page.evaluate(
        "(() => { const p = geoMap.map.latLngToContainerPoint([31.205, 16.588]);"
        " const r = geoMap.element.getBoundingClientRect();"
        " return [r.left + p.x, r.top + p.y]; })()"
    )
    clip = {"x": x - 20, "y": y - 20, "width": 40, "height": 40}
    red = colour_share(pixels(page, page.screenshot(clip=clip), width=40), "#b2182b", 40)
    assert red > 0.1  # the control marker at Sirte
    page.locator(".geo-layers label", has_text="control").click()
    assert colour_share(pixels(page, page.screenshot(clip=clip), width=40), "#b2182b", 40) < 0.01


def test_large_dataset_draws_and_the_time_control_works(open_html: OpenHtml, page: Page) -> None:
    _clean(open_html(build_map(synthetic(20000), MapOptions(offline=True))))
    assert count(page) == 20000
    page.evaluate("geoMap.setMode('window'); geoMap.setStep('month'); geoMap.setDate('2015-06')")
    assert 0 < count(page) < 1000
    data = page.locator(".folium-map").screenshot()
    assert np.std(pixels(page, data, width=200)) > 10


@pytest.mark.parametrize("offline", [True, False])
def test_two_embedded_maps_do_not_interfere(open_html: OpenHtml, page: Page, offline: bool) -> None:
    a = build_map(libya(), MapOptions(embed=True, offline=offline, height="420px"))
    b = build_map(synthetic(300), MapOptions(embed=True, offline=offline, height="420px"))
    host = ('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
            '<p id="host" style="font-family: serif">host text</p>'
            f"{a}<p>between</p>{b}</body></html>")  # fmt: skip
    log = open_html(host)
    assert log.errors == []
    if offline:  # online, the tile servers are out of reach here: only their errors may show
        assert log.external_requests == [] and log.console_errors == []
    assert all("net::ERR" in e for e in log.console_errors)
    page.evaluate("Promise.all(Object.values(window.geoMaps).map((m) => m.ready))")
    ids = page.evaluate("Object.keys(window.geoMaps)")
    assert len(ids) == 2 and len(set(ids)) == 2
    assert page.evaluate("typeof window.L + typeof window.leaflet") == "undefinedundefined"
    one, two = (f"window.geoMaps[{i!r}]" for i in ids)
    before = page.evaluate(f"{two}.visibleCount()")
    page.evaluate(f"{one}.setMode('window'); {one}.setDate('2015-06-15')")
    assert page.evaluate(f"{one}.visibleCount()") == 4
    assert page.evaluate(f"{two}.visibleCount()") == before
    page.locator(f"#{ids[1]} .geo-layers label", has_text="control").click()
    assert page.evaluate(f"{two}.visibleCount()") < before
    assert page.evaluate(f"{one}.visibleCount()") == 4
    assert page.evaluate("getComputedStyle(document.getElementById('host')).fontFamily") == "serif"
    assert page.evaluate("getComputedStyle(document.body).margin") == "8px"  # host untouched
