"""The briefing page: chronology, links both ways between table and map, sources, print."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from events12 import events
from playwright.sync_api import Page
from sample_data import sample_dataset
from typer.testing import CliRunner

from geo.cli import app
from geo.model import Dataset, Source
from maps.brief import MAP_ID, build_brief, chronology
from maps.browser import PageLog
from maps.options import MapOptions

OpenHtml = Callable[..., PageLog]

INJECTIONS = [
    "<script>window.__pwned = 1</script>",
    "</script><script>window.__pwned = 2</script>",
    "${window.__pwned = 3}",
    '"><img src=x onerror="window.__pwned = 4">',
    "javascript:window.__pwned = 5",
]


def _ready_brief(open_html: OpenHtml, page: Page, dataset: Dataset, **options: object) -> PageLog:
    log = open_html(build_brief(dataset, MapOptions(**options)), name="brief.html")  # type: ignore[arg-type]
    page.wait_for_function(f"() => window.geoMaps && window.geoMaps[{MAP_ID!r}]")
    page.evaluate(f"() => window.geoMaps[{MAP_ID!r}].ready")
    return log


def test_chronology_has_every_record_in_date_order() -> None:
    data = sample_dataset()
    rows = chronology(data)
    assert len(rows) == len(data.presence) + len(data.movements)
    assert [r.sort_key for r in rows] == sorted(r.sort_key for r in rows)
    assert sorted(r.record for r in rows if r.record is not None) == list(range(6))
    route = next(r for r in rows if r.record is None)
    assert route.place == "Khartoum → Sirte"
    assert route.bounds is not None and route.bounds[0][0] < 15.552 < route.bounds[1][0]
    sirte = next(r for r in rows if r.place == "Sirte")
    assert sirte.strength == (("4,000-6,000", "s1"),)
    assert sirte.date == "2015-02 to 2016-12"


def test_same_input_same_page() -> None:
    assert build_brief(sample_dataset()) == build_brief(sample_dataset())


def test_page_is_offline_and_quiet(open_html: OpenHtml, page: Page) -> None:
    log = _ready_brief(open_html, page, sample_dataset(), title="Libya brief", banner="TEST ONLY")
    assert log.errors == [] and log.console_errors == []
    assert log.external_requests == []
    assert page.locator("tbody tr").count() == 7
    assert page.locator("ol.sources li").count() == 2
    assert page.locator(".banner").count() == 2  # top and bottom, once each
    assert page.title() == "Libya brief"


def test_clicking_a_row_flies_the_map_to_the_record(open_html: OpenHtml, page: Page) -> None:
    _ready_brief(open_html, page, sample_dataset())
    # Record 4 is Ubari (26.59 N, 12.78 E), far from the initial view's centre.
    page.click('tbody tr[data-record="4"] td.date')
    centre = page.evaluate(f"() => window.geoMaps[{MAP_ID!r}].map.getCenter()")
    assert abs(centre["lat"] - 26.59) < 0.05 and abs(centre["lng"] - 12.776) < 0.05
    assert page.locator("tbody tr.selected").get_attribute("data-record") == "4"
    page.keyboard.press("Tab")  # keyboard users: Enter on a focused row does the same
    page.focus('tbody tr[data-record="0"]')
    page.keyboard.press("Enter")
    centre = page.evaluate(f"() => window.geoMaps[{MAP_ID!r}].map.getCenter()")
    assert abs(centre["lat"] - 32.767) < 0.05


def test_clicking_a_route_row_fits_the_route(open_html: OpenHtml, page: Page) -> None:
    _ready_brief(open_html, page, sample_dataset())
    page.click("tbody tr[data-bounds] td.date")
    bounds = page.evaluate(f"() => window.geoMaps[{MAP_ID!r}].map.getBounds().toBBoxString()")
    west, south, east, north = (float(v) for v in bounds.split(","))
    assert south < 15.552 and north > 31.2 and west < 16.588 and east > 32.532


def test_clicking_a_marker_highlights_its_row(open_html: OpenHtml, page: Page) -> None:
    _ready_brief(open_html, page, sample_dataset())
    page.evaluate(f"() => window.geoMaps[{MAP_ID!r}].fitBounds([[26, 11], [28, 14]])")
    point = page.evaluate(
        f"""() => {{ const m = window.geoMaps[{MAP_ID!r}].map;
        const p = m.latLngToContainerPoint([26.59, 12.776]);
        const r = m.getContainer().getBoundingClientRect();
        return {{x: r.left + p.x, y: r.top + p.y}}; }}"""
    )
    page.mouse.click(point["x"], point["y"])
    selected = page.locator("tbody tr.selected")
    assert selected.count() == 1
    assert selected.get_attribute("data-record") == "4"
    assert "Ubari" in selected.inner_text()


def test_report_text_is_shown_never_run(open_html: OpenHtml, page: Page) -> None:
    data = sample_dataset(note=" ".join(INJECTIONS))
    bad = INJECTIONS[1]
    data = replace(
        data,
        sources={
            **data.sources,
            "s1": Source("s1", bad, INJECTIONS[3], url=INJECTIONS[4]),
        },
        presence=tuple(replace(p, actor=INJECTIONS[2]) for p in data.presence),
    )
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    log = _ready_brief(open_html, page, data, title=INJECTIONS[0], banner=INJECTIONS[3])
    assert page.evaluate("() => window.__pwned") is None
    assert log.errors == [] and dialogs == []
    assert INJECTIONS[0] in page.locator("h1").inner_text()
    assert INJECTIONS[2] in page.locator("tbody").inner_text()
    assert page.locator('a[href^="javascript"]').count() == 0
    assert page.locator("img[onerror]").count() == 0
    sources = page.locator("ol.sources").inner_text()
    assert bad in sources and INJECTIONS[4] in sources


def test_print_gives_a_clean_document(open_html: OpenHtml, page: Page, tmp_path: Path) -> None:
    _ready_brief(open_html, page, sample_dataset(), banner="TEST ONLY")
    page.set_viewport_size({"width": 1077, "height": 748})  # A4 landscape inside 12 mm margins
    page.emulate_media(media="print")
    # The whole map sits on the first page, under the title.
    assert (
        page.evaluate(
            "document.querySelector('section.map-section').getBoundingClientRect().bottom"
        )
        < 703
    )
    hidden = page.evaluate(
        """() => ['.hint', '.leaflet-control-zoom', '.geo-layers', '.geo-bar']
            .map((s) => getComputedStyle(document.querySelector(s)).display)"""
    )
    assert hidden == ["none"] * 4
    style = page.evaluate(
        """() => [getComputedStyle(document.querySelector('thead')).display,
                  getComputedStyle(document.querySelector('section.chronology')).breakBefore,
                  getComputedStyle(document.querySelector('ol.sources a.link'), '::after')
                    .content]"""
    )
    assert style[0] == "table-header-group" and style[1] == "page"
    assert "https://example.org/a" in style[2]  # printed links show where they go
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF-") and pdf.count(b"/Type /Page") >= 3  # pages + tree


def test_cli_rejects_a_missing_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "brief.html"
    result = CliRunner().invoke(app, ["brief", "-o", str(out)])
    assert result.exit_code == 2
    assert "missing" in result.stderr and "-o" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


EVENTS = """\
sources:
  - id: s1
    outlet: Example Wire
    title: A report
    published: 2015-03
presence:
  - id: a
    place: Sirte
    lat: 31.205
    lon: 16.588
    actor: Group A
    status: control
    date: 2015-02
    end: 2016-12
    strength: 4000-6000
    sources: [s1]
  - id: b
    place: Derna
    lat: 32.767
    lon: 22.639
    actor: Group A
    status: ousted
    date: 2015-06
    sources: [s1]
"""


@pytest.mark.parametrize("title", ["Test brief", "<b>bold</b>"])
def test_cli_writes_the_page(tmp_path: Path, title: str) -> None:
    events = tmp_path / "events.yaml"
    events.write_text(EVENTS, encoding="utf-8")
    out = tmp_path / "brief.html"
    result = CliRunner().invoke(app, ["brief", str(events), "-o", str(out), "--title", title])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.count("<tr tabindex") == 2
    assert "<b>bold</b>" not in text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_chronology_shows_fatalities_second_actor_type_and_grades() -> None:
    page = build_brief(events(6))
    assert "Northern Front: armed clash, with Army (Battles, credibility 4, doubtful)" in page
    assert '<span class="est fat">3 killed</span>' in page
    assert 'title="source reliability">[D]</span>' in page
    assert "reliability A (completely reliable)" in page
