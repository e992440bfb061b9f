"""Map generator and image export speed, against folium in the same run.

Map generator (issue 4): 100,000 synthetic presence events (Libya-like coordinates, 400
repeated place names) built with geo's ``build_map`` and with the folium baseline (one
``folium.CircleMarker`` with a popup per event, default folium), in the same run: build
seconds, HTML megabytes, and Chromium's draw time (navigation start to ``geoMap.ready``
for geo; to the first frame after the ``load`` event for folium, whose markers are all
created by the page's inline script before ``load``). Then geo alone at 1,000,000 events.
The folium page loads Leaflet from a CDN; with no network here, those requests are served
from the installed xstatic-leaflet files (the other CDN files folium asks for, jQuery,
Bootstrap and Font Awesome, are answered empty: circle markers do not use them).

Images and briefing (issue 5): one 1600x900 PNG of the seeds map, browser start included;
12 monthly frames reusing one browser.

ACLED-format rows (issue 12, ``--acled 100000,1000000``): a CSV of ACLED-like events
(benchmarks/acled_rows.py) mapped by ``geo map --offline`` as a user runs it, the whole
process timed; the HTML's size; one step of the time slider in Chromium (the slider's
``input`` event to the redraw's end, median of 20 steps spread over the range, in the mode
the page opens in and "as of", where every event begun is drawn); and, in the same run,
pandas ``read_csv`` plus folium (one ``CircleMarker`` with a popup per row) on the same
file, built only (folium has no time slider), and skipped above ``--folium-max`` rows.

Run:  .venv/bin/python benchmarks/bench_maps.py [--events 100000] [--big 1000000]
      [--skip-folium] [--skip-images] [--acled 100000,1000000] [--folium-max 100000]
      [--columns geo|acled]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.model import Dataset, Estimate, Place, Presence, Source, Strength  # noqa: E402
from geo.points import Point  # noqa: E402
from geo.timespan import FuzzyDate, TimeSpan  # noqa: E402

STATUSES = ("control", "presence", "cells", "attack", "ousted", "training camp")
ACTORS = ("Group A", "Group B", "Group C")


def synthetic(n: int, seed: int = 5) -> Dataset:
    """``n`` presence events at 400 named places in a Libya-sized box, 2014-2017."""
    rng = random.Random(seed)
    places = [
        Place(f"Place {k}", Point(rng.uniform(24.0, 33.0), rng.uniform(10.0, 25.0)), country="LY")
        for k in range(400)
    ]
    base = date(2014, 1, 1)
    records = []
    for i in range(n):
        start = base + timedelta(days=rng.randrange(0, 4 * 365))
        precision = rng.choice(("day", "month", "year"))
        text = (
            start.isoformat()
            if precision == "day"
            else f"{start.year:04d}-{start.month:02d}"
            if precision == "month"
            else f"{start.year:04d}"
        )
        first = FuzzyDate.parse(text)
        end = FuzzyDate.parse((first.last + timedelta(days=rng.randrange(0, 400))).isoformat())
        low = rng.randrange(5, 3000)
        records.append(
            Presence(
                place=places[rng.randrange(len(places))],
                actor=ACTORS[i % 3],
                status=STATUSES[rng.randrange(len(STATUSES))],
                span=TimeSpan(first, end),
                estimates=(Estimate(Strength(low, low + rng.randrange(0, 500)), "s1"),),
                sources=("s1",),
                note=f"synthetic record {i}",
                id=f"r{i}",
            )
        )
    source = Source("s1", "Synthetic Wire", "Benchmark data", FuzzyDate.parse("2018"))
    return Dataset(sources={"s1": source}, presence=tuple(records))


def build_geo(data: Dataset) -> tuple[str, float]:
    from maps.build import build_map
    from maps.options import MapOptions

    t = time.perf_counter()
    html = build_map(data, MapOptions(title="Benchmark", offline=True))
    return html, time.perf_counter() - t


def build_folium(data: Dataset) -> tuple[str, float]:
    import folium

    t = time.perf_counter()
    m = folium.Map(location=[28.5, 17.5], zoom_start=5)
    for p in data.presence:
        assert p.place.point is not None
        folium.CircleMarker(
            location=[p.place.point.lat, p.place.point.lon],
            radius=5,
            popup=f"{p.place.name}: {p.status} {p.span}",
        ).add_to(m)
    html = m.get_root().render()
    return html, time.perf_counter() - t


# folium's popups call jQuery's $(html); Debian's jQuery (package libjs-jquery) is used when
# present, else a stand-in that does just that.
_DEBIAN_JQUERY = Path("/usr/share/javascript/jquery/jquery.min.js")
JQUERY = (
    _DEBIAN_JQUERY.read_text(encoding="utf-8")
    if _DEBIAN_JQUERY.is_file()
    else "window.$ = (s) => { const t = document.createElement('template');"
    " t.innerHTML = s.trim(); return [t.content.firstChild]; };"
)

_GEO_READY_JS = """() => new Promise((resolve) => {
  const wait = () => window.geoMap
    ? window.geoMap.ready.then(() => resolve(performance.now()))
    : setTimeout(wait, 2);
  wait();
})"""

_LOAD_JS = """() => new Promise((resolve) => {
  const after = () => requestAnimationFrame(() => resolve(performance.now()));
  if (document.readyState === "complete") after(); else addEventListener("load", after);
})"""


def draw_seconds(browser: object, html: str, *, folium_page: bool) -> tuple[float, float | None]:
    """Navigation start to drawn, and (geo only) the time to redraw at another date."""
    from playwright.sync_api import Browser, Route
    from xstatic.pkg import leaflet

    assert isinstance(browser, Browser)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.html"
        path.write_text(html, encoding="utf-8")
        context = browser.new_context(viewport={"width": 1600, "height": 900})
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            if folium_page:

                def serve(route: Route) -> None:
                    name = route.request.url.rsplit("/", 1)[-1]
                    local = Path(leaflet.BASE_DIR) / name
                    if "leaflet" in route.request.url and local.is_file():
                        route.fulfill(path=str(local))
                    elif "jquery" in name:
                        route.fulfill(body=JQUERY, content_type="text/javascript")
                    else:
                        route.fulfill(body="", status=200)

                page.route(re.compile(r"^https?://"), serve)
            page.goto(path.as_uri(), wait_until="commit", timeout=600_000)
            script = _LOAD_JS if folium_page else _GEO_READY_JS
            ms = float(page.evaluate(script))
            redraw = None
            if not folium_page:
                t = time.perf_counter()
                page.evaluate(
                    """() => { const a = window.geoMap; a.setMode("asof");
                    a.setDate("2015-06-30"); const n = a.visibleCount();
                    a.setDate(a.range.max); return [n, a.visibleCount()]; }"""
                )
                redraw = (time.perf_counter() - t) / 2
            if errors:
                raise SystemExit(f"page errors: {errors[:3]}")
            return ms / 1000, redraw
        finally:
            context.close()


def bench_maps(n: int, big: int, skip_folium: bool) -> None:
    from maps.browser import launch

    data = synthetic(n)
    geo_html, geo_build = build_geo(data)
    print(
        f"geo     {n:>9,} events: build {geo_build:7.2f} s, {len(geo_html.encode()) / 1e6:7.2f} MB"
    )
    with launch() as browser:
        geo_draw, redraw = draw_seconds(browser, geo_html, folium_page=False)
        print(
            f"geo     draw {geo_draw:.2f} s (navigation start -> ready); "
            f"setDate redraw {redraw:.3f} s"
        )
        if not skip_folium:
            fol_html, fol_build = build_folium(data)
            fol_mb = len(fol_html.encode()) / 1e6
            print(f"folium  {n:>9,} events: build {fol_build:7.2f} s, {fol_mb:7.2f} MB")
            fol_draw, _ = draw_seconds(browser, fol_html, folium_page=True)
            print(f"folium  draw {fol_draw:.2f} s (navigation start -> first frame after load)")
            print(
                f"ratios folium/geo: build {fol_build / geo_build:.0f}x, "
                f"size {fol_mb / (len(geo_html.encode()) / 1e6):.0f}x, "
                f"draw {fol_draw / geo_draw:.1f}x"
            )
    del data, geo_html
    if big:
        big_html, big_build = build_geo(synthetic(big))
        print(
            f"geo     {big:>9,} events: build {big_build:7.2f} s, "
            f"{len(big_html.encode()) / 1e6:7.2f} MB"
        )


def seeds_html() -> str:
    from gazetteer.lookup import Gazetteer
    from geo.seeds import expand
    from geo.validate import read_resolved
    from maps.build import build_map
    from maps.options import MapOptions

    data = read_resolved(expand([]), Gazetteer.default())
    return build_map(data, MapOptions(title="Islamic State in Libya, 2014-2017", offline=True))


def bench_images() -> None:
    from maps.browser import launch
    from maps.render import render_frames, render_png

    html = seeds_html()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        times = []
        for _ in range(3):
            t = time.perf_counter()
            render_png(html, out / "seeds.png", width=1600, height=900)
            times.append(time.perf_counter() - t)
        print(
            f"seeds PNG 1600x900 incl. browser start: best {min(times):.2f} s, "
            f"worst {max(times):.2f} s (3 runs)"
        )
        t = time.perf_counter()
        with launch() as browser:
            started = time.perf_counter() - t
            paths = render_frames(
                html,
                out / "frames",
                period="month",
                browser=browser,
                since=date(2015, 1, 1),
                until=date(2015, 12, 31),
            )
        total = time.perf_counter() - t
        print(
            f"12 monthly frames + contact sheet, one browser: {total:.2f} s incl. "
            f"{started:.2f} s browser start ({len(paths) - 1} frames)"
        )


_STEP_JS = """(mode) => { const a = window.geoMap, s = document.querySelector('.geo-slider');
  if (mode) a.setMode(mode);
  const lo = +s.min, hi = +s.max, out = [];
  for (let k = 0; k < 20; k++) {
    s.value = String(Math.round(lo + (hi - lo) * (k + 1) / 21));
    const t = performance.now(); s.dispatchEvent(new Event('input'));
    out.push(performance.now() - t);
  }
  return [out, a.visibleCount()]; }"""


def slider_steps(html: Path) -> dict[str, tuple[float, int]]:
    """Median ms of one slider step (and the count shown at the last) per mode."""
    from maps.browser import launch

    out = {}
    with launch() as browser:
        context = browser.new_context(viewport={"width": 1600, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(html.resolve().as_uri(), timeout=600_000)
        page.evaluate(_GEO_READY_JS)
        mode = page.evaluate("document.querySelector('.geo-time select[aria-label=mode]').value")
        for name, arg in ((f"opening mode ({mode})", None), ("as of", "asof")):
            ms, shown = page.evaluate(_STEP_JS, arg)
            out[name] = (statistics.median(ms), int(shown))
        context.close()
        if errors:
            raise SystemExit(f"page errors: {errors[:3]}")
    return out


#: The columns the folium peer shows, in geo's own CSV and in an ACLED export.
PEER_COLUMNS = {
    "geo": ("lat", "lon", "place", "status", "date"),
    "acled": ("latitude", "longitude", "location", "sub_event_type", "event_date"),
}


def folium_from_csv(csv_path: Path, kind: str = "geo") -> tuple[float, float]:
    """pandas ``read_csv`` plus folium, one CircleMarker with a popup per row: seconds, MB."""
    t = time.perf_counter()
    import folium
    import pandas as pd

    lat, lon, place, status, day = PEER_COLUMNS[kind]
    frame = pd.read_csv(csv_path)
    m = folium.Map(location=[14.0, 7.0], zoom_start=4)
    for row in frame[[lat, lon, place, status, day]].itertuples(index=False):
        folium.CircleMarker(
            location=[row[0], row[1]], radius=5, popup=f"{row[2]}: {row[3]} {row[4]}"
        ).add_to(m)
    html = m.get_root().render()
    return time.perf_counter() - t, len(html.encode()) / 1e6


_GEO_MAIN = "import sys; from geo.cli import main; sys.argv[0] = 'geo'; main()"


def bench_acled(sizes: list[int], folium_max: int, kind: str = "geo") -> None:
    """``kind`` "geo": geo's own presence CSV with ACLED-like content (acled_rows.py);
    "acled": an export's 31 columns (bench_acled.py), read as ACLED."""
    from acled_rows import write_acled_like
    from bench_acled import write_acled

    for rows in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            events = folder / "events.csv"
            out = folder / "map.html"
            if kind == "acled":
                write_acled(events, rows)
                given = [str(events)]
            else:
                write_acled_like(events, rows)
                given = [str(events), str(folder / "sources.yaml")]
            cmd = [sys.executable, "-c", _GEO_MAIN, "map", *given, "--offline", "-o", str(out)]
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            t = time.perf_counter()
            subprocess.run(cmd, check=True, env=env, capture_output=True)
            seconds = time.perf_counter() - t
            mb = out.stat().st_size / 1e6
            head = f"geo map --offline {rows:>9,} rows ({kind} columns)"
            print(f"{head}: {seconds:6.2f} s end to end, {mb:6.2f} MB")
            for mode, (ms, shown) in slider_steps(out).items():
                print(f"    slider step, {mode}: median {ms:6.1f} ms ({shown:,} shown at the last)")
            if rows <= folium_max:
                fs, fmb = folium_from_csv(events, kind)
                ratio = f"time {fs / seconds:.0f}x, size {fmb / mb:.0f}x"
                print(f"pandas read_csv + folium {rows:>9,} rows: {fs:6.2f} s, {fmb:6.2f} MB;"
                      f" ratio folium/geo: {ratio}")  # fmt: skip
            else:
                print(f"pandas read_csv + folium {rows:>9,} rows: skipped (--folium-max)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--skip-folium", action="store_true")
    parser.add_argument("--skip-images", action="store_true")
    parser.add_argument("--acled", default="", help="ACLED-like row counts, e.g. 100000,1000000")
    parser.add_argument("--folium-max", type=int, default=100_000)
    parser.add_argument("--columns", choices=("geo", "acled"), default="geo",
                        help="with --acled: geo's CSV columns or an ACLED export's")  # fmt: skip
    args = parser.parse_args()
    print(
        f"{date.today()} {platform.machine()} cores={__import__('os').cpu_count()} "
        f"python {platform.python_version()}"
    )
    if args.acled:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        bench_acled([int(x) for x in args.acled.split(",")], args.folium_max, args.columns)
        return
    bench_maps(args.events, args.big, args.skip_folium)
    if not args.skip_images:
        bench_images()


if __name__ == "__main__":
    main()
