"""A map built without ``--offline``, opened with no network: never a blank page. Leaflet
falls back to its inline copy, the tiles to the embedded Natural Earth basemap, and the page
says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from imaging import colour_share, pixels
from map_samples import libya
from playwright.sync_api import Page, Route

from maps.browser import PageLog
from maps.build import build_map
from maps.options import MapOptions

OpenHtml = Callable[..., PageLog]
NOTICE = "Online tiles unreachable: showing the built-in basemap"


def _checked_basemap(page: Page) -> str:
    return str(
        page.evaluate(
            "[...document.querySelectorAll('.geo-layers input[type=radio]')]"
            ".find((i) => i.checked).parentNode.textContent"
        )
    )


def _assert_natural_earth_drawn(page: Page) -> None:
    assert page.locator(".leaflet-tile-pane img").count() == 0  # the tile layer is gone
    img = pixels(page, page.locator(".geo-leaflet").screenshot(), width=400)
    assert colour_share(img, "#f4f1ea", tolerance=12) > 0.2  # land of the built-in basemap
    assert colour_share(img, "#cfdde6", tolerance=12) > 0.05  # sea
    notice = page.locator(".geo-notice")
    assert notice.is_visible() and notice.inner_text() == NOTICE
    assert _checked_basemap(page) == "Natural Earth (offline)"


def test_no_network_at_all_still_draws_the_map(open_html: OpenHtml, page: Page) -> None:
    blocked: list[str] = []

    def block(route: Route) -> None:
        blocked.append(route.request.url)
        route.abort("internetdisconnected")

    page.route("http*://**/*", block)
    log = open_html(build_map(libya(), MapOptions()))
    assert log.errors == []
    assert any("cdn.jsdelivr.net/npm/leaflet@" in u for u in blocked)  # the CDN was tried
    assert any("basemaps.cartocdn.com" in u for u in blocked)  # and the tiles
    assert page.evaluate("typeof window.L") == "object"  # Leaflet came from the inline copy
    assert page.evaluate("document.documentElement.dataset.geoLeaflet") == "inline"
    # the inline Leaflet CSS took over: map panes positioned, not stacked as plain divs
    assert page.evaluate("getComputedStyle(document.querySelector('.leaflet-pane')).position") == (
        "absolute"
    )
    assert page.evaluate("geoMap.visibleCount()") == 7
    _assert_natural_earth_drawn(page)
    page.locator(".geo-notice").click()  # dismissed with a click
    assert page.locator(".geo-notice").is_hidden()


def test_unreachable_tiles_fall_back_to_the_built_in_basemap(
    open_html: OpenHtml, page: Page
) -> None:
    from xstatic.pkg import leaflet

    def answer(route: Route) -> None:
        url = route.request.url
        if url.startswith("https://cdn.jsdelivr.net/npm/leaflet@"):
            name = url.rsplit("/", 1)[1]
            kind = "text/css" if name.endswith(".css") else "application/javascript"
            body = (Path(leaflet.BASE_DIR) / name).read_bytes()
            cors = {"Access-Control-Allow-Origin": "*"}
            route.fulfill(status=200, body=body, content_type=kind, headers=cors)
        else:
            route.abort()

    page.route("http*://**/*", answer)
    log = open_html(build_map(libya(), MapOptions()))
    assert log.errors == []
    assert page.evaluate("document.documentElement.dataset.geoLeaflet") is None  # the CDN's
    _assert_natural_earth_drawn(page)
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "CARTO" not in attribution and "Natural Earth" in attribution
    # choosing an online basemap again tries it, and falls back again
    page.locator(".geo-notice").click()
    page.locator(".geo-layers label", has_text="OpenStreetMap").click()
    page.wait_for_function("document.querySelector('.geo-notice').style.display === ''")
    _assert_natural_earth_drawn(page)


def test_offline_pages_need_no_fall_back(open_html: OpenHtml, page: Page) -> None:
    log = open_html(build_map(libya(), MapOptions(offline=True)))
    assert log.external_requests == [] and log.errors == []
    assert page.locator(".geo-notice").count() == 0  # no tiles, nothing fell back


def test_without_any_leaflet_the_page_says_so(open_html: OpenHtml, page: Page) -> None:
    import re

    html = build_map(libya(), MapOptions())
    start = html.index("<script>\nif (!window.L) {")
    end = html.index("</script>", start) + len("</script>")
    stripped = html[:start] + html[end:]  # the page as it would be without the inline copy
    assert "Leaflet 1.9" not in stripped and re.search(r"<script src=\S+leaflet\.js", stripped)
    page.route("http*://**/*", lambda route: route.abort())
    log = open_html(stripped, wait_ready=False)
    assert log.errors == []  # no "L is not defined": the page stops cleanly
    assert page.locator(".geo-frame").inner_text().strip() == (
        "This map could not start: its Leaflet library did not load."
    )
