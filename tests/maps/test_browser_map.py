"""The generated map in a real headless Chromium: what a person would check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pytest
from imaging import colour_share, pixels
from map_samples import HOSTILE, hostile, libya, synthetic
from playwright.sync_api import Dialog, Page, Route

from geo.model import Dataset
from maps.browser import PageLog
from maps.build import build_map
from maps.options import MapOptions

OpenHtml = Callable[..., PageLog]


def _png(rgb: bytes = b"\xaa\xd3\xdf") -> bytes:
    """A one-pixel PNG (what a tile server answers, for the browser tests)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" + rgb)) + chunk(b"IEND", b""))  # fmt: skip


TILE_PNG = _png()


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
    assert page.evaluate(routes) == 2 * 5 + 8  # five legs (line and casing), eight waypoints
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
    img = pixels(page, page.locator(".geo-leaflet").screenshot(), width=400)
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
    # one-day events by the thousand open on the events of the last step, not "as of" the
    # last date, which would grey all the others
    assert page.locator(".geo-time select[aria-label=mode]").input_value() == "window"
    assert 0 < count(page) < 20000
    page.evaluate("geoMap.setMode('asof')")
    assert count(page) == 20000
    page.evaluate("geoMap.setMode('window'); geoMap.setStep('month'); geoMap.setDate('2015-06')")
    assert 0 < count(page) < 1000
    data = page.locator(".geo-leaflet").screenshot()
    assert np.std(pixels(page, data, width=200)) > 10


@pytest.mark.parametrize("offline", [True, False])
def test_two_embedded_maps_do_not_interfere(open_html: OpenHtml, page: Page, offline: bool) -> None:
    a = build_map(libya(), MapOptions(embed=True, offline=offline, height="420px"))
    b = build_map(synthetic(300), MapOptions(embed=True, offline=offline, height="420px"))
    host = ('<!DOCTYPE html><html><head><meta charset="utf-8">'
            "<script>window.__before = Object.keys(window);</script></head><body>"
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
    added = page.evaluate("Object.keys(window).filter((k) => !window.__before.includes(k))")
    assert sorted(added) == ["__before", "geoMap", "geoMaps"]
    one, two = (f"window.geoMaps[{i!r}]" for i in ids)
    before = page.evaluate(f"{two}.visibleCount()")
    page.evaluate(f"{one}.setMode('window'); {one}.setDate('2015-06-15')")
    assert page.evaluate(f"{one}.visibleCount()") == 4
    assert page.evaluate(f"{two}.visibleCount()") == before
    assert page.locator(f"#{ids[1]} .geo-layers.geo-collapsed").count() == 1  # small: folded
    page.locator(f"#{ids[1]} .geo-layers button", has_text="Layers").click()
    page.locator(f"#{ids[1]} .geo-layers label", has_text="control").click()
    assert page.evaluate(f"{two}.visibleCount()") < before
    assert page.evaluate(f"{one}.visibleCount()") == 4
    assert page.evaluate("getComputedStyle(document.getElementById('host')).fontFamily") == "serif"
    assert page.evaluate("getComputedStyle(document.body).margin") == "8px"  # host untouched


def test_online_page_loads_pinned_leaflet_and_switches_basemaps(
    open_html: OpenHtml, page: Page
) -> None:
    """The CDN is answered with the xstatic file, the tile servers with a tile. Chromium
    checks the file against the page's integrity hash: a wrong hash would leave the page on
    its inline copy of Leaflet, which this test tells apart."""
    from pathlib import Path

    from xstatic.pkg import leaflet

    tiles: list[str] = []

    def answer(route: Route) -> None:
        url = route.request.url
        if url.startswith("https://cdn.jsdelivr.net/npm/leaflet@"):
            name = url.rsplit("/", 1)[1]
            kind = "text/css" if name.endswith(".css") else "application/javascript"
            body = (Path(leaflet.BASE_DIR) / name).read_bytes()
            route.fulfill(status=200, body=body, content_type=kind,
                          headers={"Access-Control-Allow-Origin": "*"})  # fmt: skip
        else:
            tiles.append(url)
            route.fulfill(status=200, body=TILE_PNG, content_type="image/png")

    page.route("http*://**/*", answer)
    log = open_html(build_map(libya(), MapOptions()))
    assert log.errors == []
    assert count(page) == 7
    assert any("basemaps.cartocdn.com" in u for u in tiles)  # the default online basemap
    assert page.locator(".leaflet-tile-pane img.leaflet-tile-loaded").count() > 0
    assert page.locator(".geo-notice").count() == 0  # the tiles came: no fall back
    assert page.evaluate("document.documentElement.dataset.geoLeaflet") is None  # the CDN's
    assert page.evaluate("document.querySelector('head style').media") == "not all"
    tiles.clear()
    page.locator(".geo-layers label", has_text="OpenStreetMap").click()
    page.wait_for_timeout(300)
    assert tiles and all("tile.openstreetmap.org" in u for u in tiles)
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "OpenStreetMap" in attribution and "GeoNames" in attribution


def test_play_steps_through_time_and_pauses(open_html: OpenHtml, page: Page) -> None:
    _clean(open_html(build_map(libya(), MapOptions(offline=True))))
    page.evaluate("geoMap.setDate('2014-10-01')")
    page.get_by_title("play").click()
    page.wait_for_function("document.querySelector('.geo-date').textContent !== 'as of 2014-10-01'")
    page.get_by_title("pause").click()
    shown = page.locator(".geo-date").inner_text()
    page.wait_for_timeout(1000)
    assert page.locator(".geo-date").inner_text() == shown  # paused


def test_many_reports_at_one_place_are_paged(open_html: OpenHtml, page: Page) -> None:
    base = libya()
    derna = base.presence[1]
    extra = tuple(replace(derna, note=f"report {i}") for i in range(7))
    data = replace(base, presence=(*base.presence, *extra))
    _clean(open_html(build_map(data, MapOptions(offline=True))))
    page.evaluate("geoMap.flyToRecord(0)")
    popup = page.locator(".leaflet-popup-content").last
    assert "9 reports here, page 1 of 3" in popup.inner_text()
    popup.get_by_title("next").click()
    assert "page 2 of 3" in popup.inner_text() and "report 2" in popup.inner_text()


def test_heat_and_regions_are_shown_when_asked_and_switch_off(
    open_html: OpenHtml, page: Page
) -> None:
    _clean(open_html(build_map(synthetic(500), MapOptions(offline=True, heat=True, regions=True))))
    heat = "document.querySelectorAll('.leaflet-geoHeat-pane canvas').length"
    regions = "document.querySelectorAll('.leaflet-geoRegions-pane path').length"
    assert page.evaluate(heat) == 1 and page.evaluate(regions) == 3  # asked for: shown
    checked = "(t) => [...document.querySelectorAll('.geo-layers label')].find((l) =>"
    checked += " l.textContent.startsWith(t)).querySelector('input').checked"
    assert page.evaluate(f"({checked})('Report density')") is True
    assert page.evaluate(f"({checked})('Regions')") is True
    inked = page.evaluate(
        "(() => { const c = document.querySelector('.leaflet-geoHeat-pane canvas');"
        " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; })()"
    )
    assert inked > 1000
    page.locator(".geo-layers label", has_text="Report density").click()
    page.locator(".geo-layers label", has_text="Regions").click()
    assert page.evaluate(heat) == 0 and page.evaluate(regions) == 0
    page.locator(".geo-layers label", has_text="Regions").click()
    assert page.evaluate(regions) == 3


def test_route_popup_lists_waypoints_modes_and_sources(open_html: OpenHtml, page: Page) -> None:
    _clean(open_html(build_map(libya(), MapOptions(offline=True))))
    page.evaluate("geoMap.fitBounds([[31.5, 12.5], [33.5, 16]])")  # Tripoli to Misrata, by sea
    x, y = page.evaluate(
        "(() => { const p = geoMap.map.latLngToContainerPoint([32.80, 13.51]);"
        " const r = geoMap.element.getBoundingClientRect();"
        " return [r.left + p.x, r.top + p.y]; })()"
    )
    page.mouse.click(x, y)
    text = page.locator(".leaflet-popup-content").last.inner_text()
    for part in ("Islamic State \u2014 movement", "Tripoli, 2016-02", "Misrata (sea)", "Newsweek"):
        assert part in text
    labels = page.locator(".geo-route-label").all_text_contents()
    assert "Foreign fighters \u00b7 2015-03 to 2015-05" in labels


def test_an_empty_dataset_still_opens_cleanly(open_html: OpenHtml, page: Page) -> None:
    _clean(open_html(build_map(Dataset(), MapOptions(offline=True))))
    assert count(page) == 0
    assert page.evaluate("geoMap.range") is None
    assert page.locator(".geo-time").is_hidden()


def test_map_follows_the_window_size(open_html: OpenHtml, page: Page) -> None:
    _clean(open_html(build_map(libya(), MapOptions(offline=True))))
    page.set_viewport_size({"width": 900, "height": 600})
    page.wait_for_function("geoMap.map.getSize().x === 900")
    assert page.locator(".geo-legend.geo-collapsed").count() == 0  # folded only when built small
