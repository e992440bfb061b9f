"""Route and waypoint labels never cover each other, the map's panels or the presence markers."""

from __future__ import annotations

from collections.abc import Callable

from map_samples import libya
from playwright.sync_api import Page

from geo.model import Dataset
from maps.browser import PageLog
from maps.build import build_map
from maps.options import MapOptions

OpenHtml = Callable[..., PageLog]

BOXES = """() => {
  const base = geoMap.element.getBoundingClientRect();
  const rect = (e) => { const r = e.getBoundingClientRect();
    return [r.left - base.left, r.top - base.top, r.right - base.left, r.bottom - base.top]; };
  const shown = (e) => getComputedStyle(e).display !== 'none' && e.offsetWidth > 0;
  return {
    labels: [...geoMap.element.querySelectorAll('.geo-label')].filter(shown)
      .map((e) => ({box: rect(e), text: e.textContent, route: e.classList.contains('geo-rlabel')})),
    panels: [...geoMap.element.querySelectorAll('.leaflet-control, .geo-time')]
      .filter(shown).map(rect),
  };
}"""


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


def _check(page: Page, data: Dataset) -> list[dict]:
    found = page.evaluate(BOXES)
    labels = found["labels"]
    markers = [
        page.evaluate(
            "([la, lo]) => { const p = geoMap.map.latLngToContainerPoint([la, lo]);"
            " return [p.x, p.y]; }",
            [p.place.point.lat, p.place.point.lon],  # type: ignore[union-attr]
        )
        for p in data.presence
    ]
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not _overlap(a["box"], b["box"]), (a["text"], b["text"])
        for panel in found["panels"]:
            assert not _overlap(a["box"], panel), a["text"]
        for x, y in markers:
            assert not _overlap(a["box"], [x - 1, y - 1, x + 1, y + 1]), a["text"]
    return labels


def test_labels_do_not_collide(open_html: OpenHtml, page: Page) -> None:
    data = libya()
    open_html(build_map(data, MapOptions(offline=True)))
    labels = _check(page, data)
    routes = [x for x in labels if x["route"]]
    assert routes and any("Foreign fighters" in x["text"] for x in routes), labels
    page.evaluate("geoMap.fitBounds([[31.5, 12.5], [33.5, 16]])")  # closer in: still clear
    page.evaluate("new Promise((done) => requestAnimationFrame(() => done()))")
    _check(page, data)


def test_a_route_leaving_the_view_names_its_ends(open_html: OpenHtml, page: Page) -> None:
    data = libya()
    open_html(build_map(data, MapOptions(offline=True)))
    page.evaluate("geoMap.fitBounds([[31.5, 12.5], [33.5, 16]])")  # Misrata's sea leg only
    texts = [x["text"] for x in _check(page, data) if x["route"]]
    assert any("\u2192" in t for t in texts), texts


def test_labels_go_with_the_routes_layer(open_html: OpenHtml, page: Page) -> None:
    data = libya()
    open_html(build_map(data, MapOptions(offline=True)))
    assert page.evaluate(BOXES)["labels"]
    page.locator(".geo-layers label", has_text="Routes").click()
    assert page.evaluate(BOXES)["labels"] == []
    page.locator(".geo-layers label", has_text="Routes").click()
    assert page.evaluate(BOXES)["labels"]
