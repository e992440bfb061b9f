"""Issue 12 on the page, in a real headless Chromium: the time step's count, the search
box, the event-type filter, the grade filters, the histogram, and the popup's new rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from events12 import events
from playwright.sync_api import Page

from maps.browser import PageLog
from maps.build import build_map
from maps.options import MapOptions

OpenHtml = Callable[..., PageLog]


def _open(open_html: OpenHtml, page: Page, **kw: object) -> None:
    log = open_html(build_map(events(), MapOptions(offline=True, **kw)))  # type: ignore[arg-type]
    assert log.errors == [] and log.console_errors == []
    page.evaluate("geoMap.setMode('asof')")


def count(page: Page) -> int:
    return int(page.evaluate("geoMap.visibleCount()"))


def test_a_step_shows_the_records_begun_by_the_date(open_html: OpenHtml, page: Page) -> None:
    _open(open_html, page)
    data = events()
    for day in ("2020-01-01", "2020-03-05", "2021-01-01", "2021-08-17"):
        page.evaluate(f"geoMap.setDate('{day}')")
        want = sum(1 for p in data.presence if p.span.first_day <= date.fromisoformat(day))
        assert count(page) == want
    page.evaluate("geoMap.setMode('window'); geoMap.setStep('month'); geoMap.setDate('2020-02-15')")
    assert count(page) == 2  # 2020-02-10 and -20 (one event every ten days from 01-01)


def test_the_search_box_filters_on_actor_type_and_text(open_html: OpenHtml, page: Page) -> None:
    _open(open_html, page)
    page.evaluate("geoMap.setDate(geoMap.range.max)")
    assert count(page) == 60
    box = page.locator(".geo-search")
    box.fill("northern front")  # actor, any case
    page.wait_for_function("geoMap.visibleCount() === 30")
    box.fill("riots")  # event type
    page.wait_for_function("geoMap.visibleCount() === 20")
    assert "20 of 60 records match" in page.locator(".geo-match").inner_text()
    box.fill("event 17")  # the note
    page.wait_for_function("geoMap.visibleCount() === 1")
    box.fill("")
    page.wait_for_function("geoMap.visibleCount() === 60")


def test_an_event_type_can_be_hidden(open_html: OpenHtml, page: Page) -> None:
    _open(open_html, page)
    page.evaluate("geoMap.setDate(geoMap.range.max)")
    page.locator(".geo-filter label", has_text="Protests (20)").locator("input").uncheck()
    assert count(page) == 40
    page.locator(".geo-filter label", has_text="Battles (20)").locator("input").uncheck()
    assert count(page) == 20


def test_grades_filter_reliability_and_credibility(open_html: OpenHtml, page: Page) -> None:
    _open(open_html, page)
    page.evaluate("geoMap.setDate(geoMap.range.max)")
    page.get_by_label("Source reliability").select_option("1")  # A only: the even events
    assert count(page) == 30
    page.get_by_label("Credibility").select_option("2")  # and credibility 1 or 2
    assert count(page) == 10  # even k with k % 6 in (0, 1): k % 6 == 0


def test_the_histogram_is_drawn_and_follows_the_filters(open_html: OpenHtml, page: Page) -> None:
    _open(open_html, page)
    hist = page.locator(".geo-hist")
    assert hist.get_attribute("data-total") == "60"
    painted = """() => { const c = document.querySelector('.geo-hist'), d = c.getContext('2d')
      .getImageData(0, 0, c.width, c.height).data; let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; }"""
    assert page.evaluate(painted) > 100
    page.evaluate("geoMap.setFilter('riots')")
    assert hist.get_attribute("data-total") == "20"


def test_popups_show_type_second_actor_fatalities_and_grades(
    open_html: OpenHtml, page: Page
) -> None:
    _open(open_html, page)
    page.evaluate("geoMap.setDate(geoMap.range.max); geoMap.flyToRecord(3)")
    text = page.locator(".leaflet-popup-content").inner_text()
    for part in ("Event type: Battles", "Second actor: Army", "Fatalities:", "3 \u2014 Blog D",
                 "Credibility: 4 (doubtful)", "[D]"):  # fmt: skip
        assert part in text


def test_colours_by_event_type(open_html: OpenHtml, page: Page) -> None:
    _open(open_html, page, by="type")
    legend = page.locator(".geo-legend").inner_text()
    assert "Battles" in legend and "Riots" in legend
    assert "fatalities 1 / 10 / 100" in legend  # battles report fatalities and no strength
