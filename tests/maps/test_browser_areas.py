"""Areas on the map in a real headless Chromium (issue 11): drawn while active, hatched
when contested or claimed, in the legend only when drawn, a country never a dot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import shapely
from imaging import pixels
from playwright.sync_api import Page

from geo.areas import canonical
from geo.model import Area, Confidence, Dataset, LocationPrecision, Place, Presence
from geo.points import Point
from geo.timespan import TimeSpan
from maps.browser import PageLog
from maps.build import build_map
from maps.options import MapOptions

OpenHtml = Callable[..., PageLog]
LIBYA = Place("Libya", Point(26.3, 17.2), gazetteer_id="geonames:2215636")
SIRTE = Place("Sirte", Point(31.2, 16.59))
DERNA = Place("Derna", Point(32.767, 22.636))


def _area(lon: float, lat: float) -> Area:
    return Area(canonical(shapely.Point(lon, lat).buffer(0.3)), "", 0.0)


def dataset() -> Dataset:
    span = TimeSpan.parse
    return Dataset(
        presence=(
            Presence(SIRTE, "Islamic State", "control", span("2015-02", "2016-12"),
                     area=_area(16.59, 31.2)),
            Presence(DERNA, "Islamic State", "province", span("2014-10", "2015-06"),
                     confidence=Confidence.CLAIMED, area=_area(22.636, 32.767)),
            Presence(LIBYA, "Foreign fighters", "presence", span("2014-01", "2017-12"),
                     precision=LocationPrecision.REGION),
            Presence(Place("Tobruk", Point(32.08, 23.96)), "Islamic State", "attack",
                     span("2016-03")),
        )
    )  # fmt: skip


def drawn(page: Page) -> list[int]:
    return sorted(page.evaluate("geoMap.drawnAreas()"))


def inked(page: Page) -> int:
    """How many pixels of the presence layer's canvas are drawn on."""
    return int(page.evaluate(
        """() => { const c = document.querySelector('.leaflet-geoPresence-pane canvas');
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0; for (let k = 3; k < d.length; k += 4) if (d[k]) n++; return n; }"""
    ))  # fmt: skip


def legend_rows(page: Page) -> list[str]:
    return page.locator(".geo-legend-areas .geo-leg").all_inner_texts()


def test_areas_follow_the_time_control_in_both_modes(open_html: OpenHtml, page: Page) -> None:
    open_html(build_map(dataset(), MapOptions(offline=True, at=None)))
    page.evaluate("geoMap.setDate('2014-11-15')")
    assert drawn(page) == [1, 2]  # Sirte's control begins in 2015-02
    page.evaluate("geoMap.setDate('2015-03-15')")
    assert drawn(page) == [0, 1, 2]
    page.evaluate("geoMap.setDate('2015-09-15')")  # Derna ended in 2015-06: absent as of then
    assert drawn(page) == [0, 2]
    shown = page.evaluate(
        "Array.from(document.querySelectorAll('path.geo-area'))"
        ".filter(p => p.style.display !== 'none').length"
    )
    assert shown == 2
    page.evaluate("geoMap.setMode('window'); geoMap.setStep('year'); geoMap.setDate('2015-09-15')")
    assert drawn(page) == [0, 1, 2]  # within 2015, Derna was held
    page.evaluate("geoMap.setStep('month'); geoMap.setDate('2014-03-15')")
    assert drawn(page) == [2]  # only the country-wide record had begun


def test_hatching_is_a_pattern_used_by_a_visible_path(open_html: OpenHtml, page: Page) -> None:
    open_html(build_map(dataset(), MapOptions(offline=True, at=None)))
    page.evaluate("geoMap.setDate('2015-03-15')")
    used = page.evaluate(
        """() => Array.from(document.querySelectorAll('path.geo-area-contested'))
          .filter(p => p.style.display !== 'none').map(p => p.getAttribute('fill'))"""
    )
    assert len(used) == 1 and used[0].startswith("url(#")
    pattern = page.evaluate(f"document.querySelector('{used[0][4:-1]}').tagName")
    assert pattern == "pattern"
    # and it shows: stripes of two tones across Derna's area on screen
    page.evaluate("() => { geoMap.map.setView([32.767, 22.636], 10, {animate: false}); }")
    page.wait_for_timeout(200)
    img = pixels(page, page.screenshot(), 1280)
    h, w = img.shape[:2]
    patch = img[h // 2 - 30 : h // 2 + 30, w // 2 - 30 : w // 2 + 30].reshape(-1, 3).astype(int)
    tones = np.unique(patch // 24, axis=0)
    assert len(tones) >= 2
    orange = (patch[:, 0] > patch[:, 2] + 60).mean()
    assert 0.05 < orange < 0.9  # stripes, neither blank nor a solid fill


def test_the_legend_shows_the_classes_and_actors_drawn(open_html: OpenHtml, page: Page) -> None:
    open_html(build_map(dataset(), MapOptions(offline=True, at=None)))
    page.evaluate("geoMap.setDate('2014-11-15')")
    assert legend_rows(page) == [
        "contested or claimed (hatched)", "support zone (light fill)",
        "Islamic State", "Foreign fighters",
    ]  # fmt: skip
    page.evaluate("geoMap.setDate('2016-06-15')")
    assert legend_rows(page) == [
        "control (solid)",
        "support zone (light fill)",
        "Islamic State",
        "Foreign fighters",
    ]
    page.evaluate("geoMap.setMode('window'); geoMap.setDate('2014-03-15')")
    assert legend_rows(page) == ["support zone (light fill)", "Foreign fighters"]
    # the record drawn as an area adds no "somewhere in the region" point symbol
    assert "somewhere in the region" not in page.locator(".geo-legend").inner_text()


def test_a_country_record_is_an_area_not_a_dot(open_html: OpenHtml, page: Page) -> None:
    ds = Dataset(presence=(Presence(LIBYA, "Islamic State", "presence", TimeSpan.parse("2015"),
                                    precision=LocationPrecision.REGION),))  # fmt: skip
    log = open_html(build_map(ds, MapOptions(offline=True)))
    assert log.errors == [] and log.console_errors == []
    assert drawn(page) == [0]
    # the presence layer draws no dot: its canvas stays transparent
    page.evaluate("() => { geoMap.map.setView([26.3, 17.2], 6, {animate: false}); }")
    page.wait_for_timeout(200)
    assert inked(page) == 0
    assert page.locator(".geo-area-label", has_text="Libya").count() == 1
    # the same record at "near" precision stays a halo around a dot
    near = Dataset(presence=(replace(ds.presence[0], precision=LocationPrecision.NEAR),))
    open_html(build_map(near, MapOptions(offline=True)), name="near.html")
    assert drawn(page) == []
    page.evaluate("() => { geoMap.map.setView([26.3, 17.2], 6, {animate: false}); }")
    page.wait_for_timeout(200)
    assert inked(page) > 0


def _labels(page: Page, text: str) -> int:
    """How many area labels reading ``text`` are shown."""
    return int(page.evaluate(
        """(t) => Array.from(document.querySelectorAll('.geo-area-label'))
          .filter(d => d.textContent === t && d.style.visibility !== 'hidden').length""", text
    ))  # fmt: skip


def test_a_small_area_is_named_beside_it_unless_a_dot_names_its_place(
    open_html: OpenHtml, page: Page
) -> None:
    held = Presence(SIRTE, "Islamic State", "control", TimeSpan.parse("2015-02", "2016-12"),
                    area=_area(16.59, 31.2))  # fmt: skip
    open_html(build_map(Dataset(presence=(held,)), MapOptions(offline=True, at=None)))
    page.evaluate("geoMap.setDate('2015-06-15')")
    # a few dozen pixels across: no dot, and the name beside the area, not on it
    page.evaluate("() => { geoMap.map.setView([31.2, 16.59], 6, {animate: false}); }")
    page.wait_for_timeout(200)
    assert inked(page) == 0 and _labels(page, "Sirte") == 1
    label = page.locator(".geo-area-label", has_text="Sirte").bounding_box()
    area = page.locator("path.geo-area").bounding_box()
    assert label is not None and area is not None
    assert label["x"] >= area["x"] + area["width"]  # right of the area, as a town's name
    # large enough to hold its label: named inside, with the status
    page.evaluate("() => { geoMap.map.setView([31.2, 16.59], 8, {animate: false}); }")
    page.wait_for_timeout(200)
    assert _labels(page, "Sirte") == 0 and _labels(page, "Sirtecontrol") == 1
    # a dot of the same place names it already: the area adds no second name
    attack = Presence(SIRTE, "Islamic State", "attack", TimeSpan.parse("2015-06"))
    open_html(build_map(Dataset(presence=(held, attack)), MapOptions(offline=True, at=None)),
              name="both.html")  # fmt: skip
    page.evaluate("geoMap.setDate('2015-06-15')")
    page.evaluate("() => { geoMap.map.setView([31.2, 16.59], 6, {animate: false}); }")
    page.wait_for_timeout(200)
    assert inked(page) > 0 and _labels(page, "Sirte") == 0
