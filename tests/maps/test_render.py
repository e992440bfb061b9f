"""PNG, PDF and frame exports, first against a small page that implements the map's JS
contract (so the export mechanics are tested on their own), then on real maps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from imaging import colour_share, differences, looks_drawn, pixels, png_size
from playwright.sync_api import Browser, Page
from sample_data import sample_dataset

from geo.errors import InputError
from geo.model import Dataset, LocationPrecision, Mode
from maps import render
from maps.periods import period_ends
from maps.render import RenderError, render_frames, render_pdf, render_png
from maps.sheets import MAX_COLUMNS, TILE

# A stand-in map: three red dots appear by date, drawn only 400 ms after load (so an export
# that does not wait for `ready` captures an empty page); fitBounds paints the sea green.
CONTRACT_PAGE = """<!doctype html><html><head><meta charset=utf-8><style>
html,body{margin:0;height:100%;background:#fff}#m{position:absolute;inset:40px 0 0 0}
.dot{position:absolute;width:60px;height:60px;border-radius:50%;background:#c0392b}
h1{margin:0;font:28px sans-serif}</style></head><body><h1 id=t>Test map</h1><div id=m></div>
<script>
const recs = [["2015-02-01",100,100],["2015-06-01",300,200],["2016-03-01",500,300]];
let day = "2016-12-31", sea = "#d4e4f0";
function draw() {
  const m = document.getElementById("m"); m.replaceChildren(); m.style.background = sea;
  for (const [d, x, y] of recs) if (d <= day) {
    const e = document.createElement("div"); e.className = "dot";
    e.style.left = x + "px"; e.style.top = y + "px"; m.appendChild(e);
  }
  document.getElementById("t").textContent = "As of " + day;
}
const api = {
  range: {min: "2015-01-15", max: "2016-12-31"},
  setMode(mode) { window.mode = mode; },
  setDate(d) { day = d; draw(); },
  fitBounds(b) { window.bounds = b; sea = "#2e8b57"; draw(); },
  visibleCount() { return recs.filter((r) => r[0] <= day).length; },
};
api.ready = new Promise((done) => setTimeout(() => { draw(); done(); }, 400));
window.geoMap = api; window.geoMaps = {m: api};
</script></body></html>"""

RED = np.array([0xC0, 0x39, 0x2B])
GREEN = np.array([0x2E, 0x8B, 0x57])


def _share(img: np.ndarray, colour: np.ndarray) -> float:
    return float((np.abs(img - colour).max(axis=2) < 30).mean())


def test_png_waits_for_ready_and_has_the_requested_size(
    browser: Browser, page: Page, tmp_path: Path
) -> None:
    out = render_png(CONTRACT_PAGE, tmp_path / "m.png", width=800, height=450, browser=browser)
    data = out.read_bytes()
    assert png_size(data) == (800, 450)
    img = pixels(page, data, 800)
    assert _share(img, RED) > 0.01  # the dots drawn 400 ms after load are there
    assert looks_drawn(img) == []


def test_scale_multiplies_the_pixels(browser: Browser, tmp_path: Path) -> None:
    out = render_png(
        CONTRACT_PAGE, tmp_path / "m.png", width=640, height=360, scale=2, browser=browser
    )
    assert png_size(out.read_bytes()) == (1280, 720)


def test_at_shows_the_state_as_of_that_date(browser: Browser, page: Page, tmp_path: Path) -> None:
    early = render_png(
        CONTRACT_PAGE,
        tmp_path / "a.png",
        width=800,
        height=450,
        at=date(2015, 3, 1),
        browser=browser,
    )
    late = render_png(
        CONTRACT_PAGE,
        tmp_path / "b.png",
        width=800,
        height=450,
        at=date(2016, 6, 30),
        browser=browser,
    )
    one, three = (_share(pixels(page, p.read_bytes(), 800), RED) for p in (early, late))
    assert 2.5 < three / one < 3.5


def test_bounds_go_to_fit_bounds(browser: Browser, page: Page, tmp_path: Path) -> None:
    out = render_png(
        CONTRACT_PAGE,
        tmp_path / "m.png",
        width=800,
        height=450,
        bounds=(30.0, 10.0, 34.0, 25.0),
        browser=browser,
    )
    assert _share(pixels(page, out.read_bytes(), 800), GREEN) > 0.5


def test_same_input_same_png(browser: Browser, tmp_path: Path) -> None:
    a = render_png(CONTRACT_PAGE, tmp_path / "a.png", width=400, height=300, browser=browser)
    b = render_png(CONTRACT_PAGE, tmp_path / "b.png", width=400, height=300, browser=browser)
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"width": 0}, "--width"),
        ({"width": 100000}, "--width"),
        ({"height": 0}, "--height"),
        ({"height": 100000}, "--height"),
        ({"scale": 0}, "--scale"),
        ({"scale": float("nan")}, "--scale"),
        ({"width": 8000, "scale": 4}, "--scale"),
        ({"bounds": (34.0, 10.0, 30.0, 25.0)}, "--bbox"),
        ({"bounds": (30.0, 200.0, 34.0, 25.0)}, "--bbox"),
    ],
)
def test_bad_sizes_and_bounds_name_the_field(kwargs: dict, field: str, tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        render_png(CONTRACT_PAGE, tmp_path / "m.png", **kwargs)
    assert info.value.field == field
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("day", [date(2014, 12, 31), date(2030, 1, 1)])
def test_date_outside_the_data(day: date, browser: Browser, tmp_path: Path) -> None:
    with pytest.raises(
        InputError, match=r"outside the data's dates 2015-01-15\.\.2016-12-31"
    ) as info:
        render_png(CONTRACT_PAGE, tmp_path / "m.png", at=day, browser=browser)
    assert info.value.field == "--at"
    assert list(tmp_path.iterdir()) == []


def test_missing_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "no such folder" / "m.png"
    with pytest.raises(InputError) as info:
        render_png(CONTRACT_PAGE, out)
    assert (info.value.file, info.value.field) == (str(out), "--png")
    assert "does not exist" in str(info.value)
    with pytest.raises(InputError) as info:
        render_pdf(CONTRACT_PAGE, tmp_path / "nope" / "m.pdf")
    assert info.value.field == "--pdf"
    with pytest.raises(InputError) as info:
        render_frames(CONTRACT_PAGE, tmp_path / "a" / "b", period="year")
    assert info.value.field == "--frames"


def test_a_page_that_throws_fails_and_writes_nothing(browser: Browser, tmp_path: Path) -> None:
    broken = CONTRACT_PAGE.replace("window.geoMap = api;", "window.geoMap = api; null.x;")
    with pytest.raises(RenderError, match="failed in the browser"):
        render_png(broken, tmp_path / "m.png", browser=browser)
    assert list(tmp_path.iterdir()) == []


def test_failed_frames_leave_no_folder(browser: Browser, tmp_path: Path) -> None:
    broken = CONTRACT_PAGE.replace("setDate(d) { day = d;", "setDate(d) { null.x; day = d;")
    with pytest.raises(RenderError):
        render_frames(broken, tmp_path / "frames", period="year", browser=browser)
    assert list(tmp_path.iterdir()) == []


def test_a_page_that_never_draws_times_out(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "READY_TIMEOUT_MS", 800)
    stuck = CONTRACT_PAGE.replace("done(); }, 400)", "}, 400)")
    with pytest.raises(RenderError, match="did not finish drawing"):
        render_png(stuck, tmp_path / "m.png", browser=browser)


def test_pdf_is_one_page_with_real_text(browser: Browser, tmp_path: Path) -> None:
    a = render_pdf(CONTRACT_PAGE, tmp_path / "a.pdf", browser=browser).read_bytes()
    b = render_pdf(
        CONTRACT_PAGE, tmp_path / "b.pdf", paper="Letter", landscape=False, browser=browser
    ).read_bytes()
    assert a.startswith(b"%PDF-")
    assert a.count(b"/Type /Page\n") + a.count(b"/Type /Page/") + a.count(b"/Type /Page ") >= 1
    assert b"/Font" in a  # text stays text, not pixels
    assert a != b
    again = render_pdf(CONTRACT_PAGE, tmp_path / "c.pdf", browser=browser).read_bytes()
    assert again == a  # no build timestamps inside


def test_bad_paper(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        render_pdf(CONTRACT_PAGE, tmp_path / "a.pdf", paper="A3")  # type: ignore[arg-type]
    assert info.value.field == "--paper"


def test_frames_one_per_quarter_and_a_contact_sheet(
    browser: Browser, page: Page, tmp_path: Path
) -> None:
    paths = render_frames(
        CONTRACT_PAGE,
        tmp_path / "frames",
        period="quarter",
        width=640,
        height=360,
        browser=browser,
        title="Quarters",
    )
    names = [p.name for p in paths]
    assert names[:3] == ["frame-2015-Q1.png", "frame-2015-Q2.png", "frame-2015-Q3.png"]
    assert names[-2:] == ["frame-2016-Q4.png", "contact-sheet.png"]
    assert len(names) == 9
    reds = [_share(pixels(page, p.read_bytes(), 640), RED) for p in paths[:-1]]
    assert reds[0] < reds[1] < reds[5]  # dots appear as time passes
    sheet_w, sheet_h = png_size(paths[-1].read_bytes())
    # eight frames: three (MAX_COLUMNS) large tiles to a row, three rows
    assert sheet_w == MAX_COLUMNS * TILE + (MAX_COLUMNS - 1) * 12 + 32
    assert sheet_h > 3 * TILE * 360 / 640
    assert looks_drawn(pixels(page, paths[-1].read_bytes())) == []


def test_frames_reject_unknown_periods(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        render_frames(CONTRACT_PAGE, tmp_path, period="week")  # type: ignore[arg-type]
    assert info.value.field == "--frames"


@pytest.mark.parametrize(
    ("low", "high", "period", "expected"),
    [
        (
            date(2015, 2, 3),
            date(2015, 4, 1),
            "month",
            [
                ("2015-02", date(2015, 2, 28)),
                ("2015-03", date(2015, 3, 31)),
                ("2015-04", date(2015, 4, 1)),
            ],
        ),
        (
            date(2015, 11, 3),
            date(2016, 2, 1),
            "quarter",
            [("2015-Q4", date(2015, 12, 31)), ("2016-Q1", date(2016, 2, 1))],
        ),
        (
            date(2014, 6, 1),
            date(2016, 2, 29),
            "year",
            [
                ("2014", date(2014, 12, 31)),
                ("2015", date(2015, 12, 31)),
                ("2016", date(2016, 2, 29)),
            ],
        ),
        (date(2016, 1, 1), date(2015, 1, 1), "year", []),
    ],
)
def test_period_ends(low: date, high: date, period: str, expected: list) -> None:
    assert period_ends(low, high, period) == expected  # type: ignore[arg-type]


def test_blank_images_are_caught(browser: Browser, page: Page, tmp_path: Path) -> None:
    blank = CONTRACT_PAGE.replace("<h1 id=t>Test map</h1>", "").replace(
        "draw(); done();", "done();"
    )
    out = render_png(blank, tmp_path / "blank.png", width=800, height=450, browser=browser)
    assert looks_drawn(pixels(page, out.read_bytes(), 800)) != []


# ---- real maps: reference renders, blank and partial maps, the legend ---------------------
#
# References are made by geo itself; regenerate them (after an intended change of the map's
# look) with:  GEO_UPDATE_REFERENCES=1 .venv/bin/pytest tests/maps/test_render.py -k reference

REFERENCES = Path(__file__).parent / "references"
REFERENCE_VIEWS = {
    "sample-800x450": {},
    "sample-cyrenaica-2015-06": {"at": date(2015, 6, 30), "bounds": (30.5, 18.5, 33.5, 24.5)},
}


def _sample_map() -> str:
    from maps.build import build_map
    from maps.options import MapOptions

    return build_map(sample_dataset(), MapOptions(title="Reference map", offline=True))


@pytest.mark.parametrize("name", sorted(REFERENCE_VIEWS))
def test_matches_reference_render(name: str, browser: Browser, page: Page, tmp_path: Path) -> None:
    import os

    out = render_png(
        _sample_map(),
        tmp_path / f"{name}.png",
        width=800,
        height=450,
        browser=browser,
        **REFERENCE_VIEWS[name],
    )  # type: ignore[arg-type]
    ref = REFERENCES / f"{name}.png"
    if os.environ.get("GEO_UPDATE_REFERENCES") == "1":
        REFERENCES.mkdir(exist_ok=True)
        ref.write_bytes(out.read_bytes())
    assert ref.exists(), f"no reference {ref.name}: run GEO_UPDATE_REFERENCES=1 pytest -k reference"
    img, want = pixels(page, out.read_bytes()), pixels(page, ref.read_bytes())
    assert looks_drawn(img) == []
    assert differences(img, want) == []
    for colour in ("#b2182b", "#ef8a62"):  # control and presence markers, both drawn
        share, expected = colour_share(img, colour), colour_share(want, colour)
        assert expected > 0 and 0.7 < share / expected < 1.4, colour


def test_reference_check_catches_blank_and_partial_maps(
    browser: Browser, page: Page, tmp_path: Path
) -> None:
    ref = pixels(page, (REFERENCES / "sample-800x450.png").read_bytes())
    html = _sample_map()
    broken = {
        # The map never draws: an empty frame.
        "blank": html.replace("<body>", "<body><style>.geo-frame{visibility:hidden}</style>", 1),
        # Only the left half of the map drew.
        "half": html.replace(
            "<body>", "<body><style>.leaflet-map-pane{clip-path:inset(0 50% 0 0)}</style>", 1
        ),
        # The basemap drew, the presence markers did not.
        "no markers": html.replace(
            "<body>", "<body><style>canvas.leaflet-zoom-animated{display:none}</style>", 1
        ),
    }
    for what, variant in broken.items():
        assert variant != html, what
        out = render_png(variant, tmp_path / "x.png", width=800, height=450, browser=browser)
        img = pixels(page, out.read_bytes())
        markers = colour_share(img, "#b2182b") / max(colour_share(ref, "#b2182b"), 1e-9)
        caught = differences(img, ref) != [] or looks_drawn(img) != [] or markers < 0.7
        assert caught, what


def _legend_text(browser: Browser, html: str) -> str:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    try:
        p = context.new_page()
        p.set_content(html, wait_until="load")
        p.evaluate("() => window.geoMap.ready")
        return p.locator(".geo-legend").inner_text()
    finally:
        context.close()


def _expected_symbols(data: Dataset) -> set[str]:
    """What a reader must find explained: derived from the data, not from the page."""
    labels = {p.status for p in data.presence}
    labels |= {
        f"route, {m.value}" for mv in data.movements for m in mv.modes if m.value != "unknown"
    }
    if any(p.precision.value == "near" for p in data.presence):
        labels.add("near the place")
    if any(p.precision.value == "region" for p in data.presence):
        labels.add("somewhere in the region")
    if any(e.strength.low < e.strength.high for p in data.presence for e in p.estimates):
        labels.add("range")
    return labels


def test_legend_names_every_symbol_present(browser: Browser) -> None:
    from dataclasses import replace

    from maps.build import build_map
    from maps.options import MapOptions

    base = sample_dataset()
    extra = replace(
        base,
        presence=(
            *base.presence[:3],
            replace(base.presence[3], status="ousted", precision=LocationPrecision.REGION),
        ),
        movements=(
            replace(
                base.movements[0],
                waypoints=(
                    base.movements[0].waypoints[0],
                    replace(base.movements[0].waypoints[1], mode=Mode.AIR),
                ),
            ),
        ),
    )
    for data in (base, extra):
        text = _legend_text(browser, build_map(data, MapOptions(offline=True)))
        missing = [s for s in sorted(_expected_symbols(data)) if s not in text]
        assert missing == [], text
    assert "cells" not in _legend_text(
        browser, build_map(replace(base, presence=base.presence[:2]), MapOptions(offline=True))
    )


# ---- the `geo map` image options ------------------------------------------------------------


def test_parse_at_takes_the_end_of_a_month_or_year() -> None:
    from maps.image_options import parse_at

    assert parse_at("2015-06") == date(2015, 6, 30)
    assert parse_at("2016") == date(2016, 12, 31)
    assert parse_at("2015-06-12") == date(2015, 6, 12)
    assert parse_at(None) is None
    with pytest.raises(InputError) as info:
        parse_at("June 2015")
    assert info.value.field == "--at"


def test_parse_bbox() -> None:
    from maps.image_options import parse_bbox

    assert parse_bbox("30, 10, 34, 25") == (30.0, 10.0, 34.0, 25.0)
    for bad in ("30,10,34", "a,b,c,d", "34,10,30,25", "30,10,34,25,1", "nan,10,34,25"):
        with pytest.raises(InputError) as info:
            parse_bbox(bad)
        assert info.value.field == "--bbox", bad


class _FakeGazetteer:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def resolve(self, mentions: list, *, country: object = None, context: object = None) -> list:
        from gazetteer.candidate import Candidate
        from geo.resolution import Mention, NotFound, Resolved

        out: list[object] = []
        for name in mentions:
            self.asked.append(name)
            if name == "Kufra":
                kufra = Candidate("Kufra", 24.18, 23.31, "LY", "city", 44_000, "t:1", "test")
                out.append(Resolved(Mention(name), kufra))
            else:
                out.append(NotFound(Mention(name)))
        return out


def test_fit_uses_the_data_first_then_the_gazetteer() -> None:
    from maps.image_options import fit_bounds

    gazetteer = _FakeGazetteer()
    south, west, north, east = fit_bounds(["derna", "Sirte"], sample_dataset(), gazetteer)  # type: ignore[misc,arg-type]
    assert south < 31.205 < 32.767 < north and west < 16.588 < 22.639 < east
    assert gazetteer.asked == []  # both are places of the data
    bounds = fit_bounds(["Kufra"], sample_dataset(), gazetteer)  # type: ignore[arg-type]
    assert bounds is not None and bounds[0] < 24.18 < bounds[2]
    with pytest.raises(InputError) as info:
        fit_bounds(["Atlantis"], sample_dataset(), gazetteer)  # type: ignore[arg-type]
    assert info.value.field == "--fit" and "Atlantis" in str(info.value)


def test_image_request_checks_its_values(tmp_path: Path) -> None:
    from maps.image_options import ImageRequest, write_images

    assert not ImageRequest().wanted
    for kwargs, field in (
        ({"width": 0}, "--width"),
        ({"height": 100000}, "--height"),
        ({"frames": "week", "frames_dir": tmp_path}, "--frames"),
        ({"frames": "month"}, "--frames"),
    ):
        with pytest.raises(InputError) as info:
            ImageRequest(**kwargs)  # type: ignore[arg-type]
        assert info.value.field == field
    request = ImageRequest(png=tmp_path / "ok.png", pdf=tmp_path / "missing" / "m.pdf")
    with pytest.raises(InputError) as info:
        write_images(CONTRACT_PAGE, request)
    assert info.value.field == "--pdf"
    assert list(tmp_path.iterdir()) == []  # checked before anything was drawn


def test_write_images_writes_png_pdf_and_frames(tmp_path: Path) -> None:
    from maps.image_options import ImageRequest, write_images

    request = ImageRequest(
        png=tmp_path / "m.png",
        pdf=tmp_path / "m.pdf",
        frames="year",
        frames_dir=tmp_path / "frames",
        width=400,
        height=300,
    )
    written = write_images(CONTRACT_PAGE, request)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "m.png",
        "m.pdf",
        "frames/frame-2015.png",
        "frames/frame-2016.png",
        "frames/contact-sheet.png",
    ]
    assert png_size((tmp_path / "m.png").read_bytes()) == (400, 300)


def test_frames_of_a_real_map_follow_time(browser: Browser, page: Page, tmp_path: Path) -> None:
    paths = render_frames(
        _sample_map(), tmp_path, period="year", width=800, height=450, browser=browser
    )
    assert [p.name for p in paths] == [
        "frame-2014.png",
        "frame-2015.png",
        "frame-2016.png",
        "contact-sheet.png",
    ]
    images = [pixels(page, p.read_bytes()) for p in paths[:-1]]
    for img in images:
        assert looks_drawn(img) == []
    assert len({p.read_bytes() for p in paths[:-1]}) == 3  # each year looks different
    red = [colour_share(img, "#b2182b") for img in images]
    assert red[1] > red[0] > 0  # Sirte's control (2015-02 on) joins Derna's


# ---- through the command line -----------------------------------------------------------------

EVENTS = """\
sources:
  - id: s1
    outlet: Example Wire
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
    sources: [s1]
"""


@pytest.fixture
def events(tmp_path: Path) -> Path:
    path = tmp_path / "events.yaml"
    path.write_text(EVENTS, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--width", "0"], "--width"),
        (["--height", "100000"], "--height"),
        (["--at", "2030-01-01"], "--at"),
        (["--at", "yesterday"], "--at"),
        (["--fit", "Atlantis-on-Sea"], "--fit"),
        (["--bbox", "1,2,3"], "--bbox"),
        (["--frames", "week"], "--frames"),
    ],
)
def test_cli_bad_image_options(events: Path, tmp_path: Path, args: list[str], needle: str) -> None:
    from typer.testing import CliRunner

    from geo.cli import app

    out = tmp_path / "m.png"
    result = CliRunner().invoke(app, ["map", str(events), "--png", str(out), *args])
    assert result.exit_code == 2, result.output
    assert needle in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not out.exists()


def test_cli_png_into_a_missing_folder(events: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from geo.cli import app

    result = CliRunner().invoke(app, ["map", str(events), "--png", str(tmp_path / "no" / "m.png")])
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_cli_without_a_browser_says_how_to_install_one(events: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from geo.cli import app

    result = CliRunner().invoke(
        app,
        ["map", str(events), "--png", str(tmp_path / "m.png")],
        env={"GEO_CHROMIUM": str(tmp_path / "no-chromium")},
    )
    assert result.exit_code == 2
    assert "apt-get install chromium" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_png_and_frames(events: Path, tmp_path: Path, page: Page) -> None:
    from typer.testing import CliRunner

    from geo.cli import app

    out = tmp_path / "m.png"
    result = CliRunner().invoke(
        app,
        [
            "map",
            str(events),
            "--png",
            str(out),
            "--width",
            "640",
            "--height",
            "360",
            "--scale",
            "2",
            "--at",
            "2015-06",
            "--frames",
            "year",
            "--frames-dir",
            str(tmp_path / "frames"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert png_size(out.read_bytes()) == (1280, 720)
    assert looks_drawn(pixels(page, out.read_bytes())) == []
    names = sorted(p.name for p in (tmp_path / "frames").iterdir())
    assert names == ["contact-sheet.png", "frame-2015.png", "frame-2016.png"]
