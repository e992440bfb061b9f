"""Areas on the map (issue 11): 2,000 areas of 200 vertices, geo against folium's
TimeSliderChoropleth in the same run.

The data: 2,000 polygons of 200 positions each (jittered circles of 0.1-0.6 degrees over
Libya and its neighbours, seed 11), each a presence record with one of four actors, a status
word of each area class, and a span of 1-12 months in 2014-2017, written as one GeoJSON
event file (``--keep DIR`` keeps it).

- **geo**: ``geo map FILE --offline -o map.html`` as a user runs it, the whole process
  timed (median of ``--runs``); the page's size; one step of the time slider in Chromium,
  "as of" (the slider's ``input`` event to the end of the redraw, and to the next frame
  painted), median of 20 steps spread over the range.
- **folium**: a script that reads the same file and builds a ``TimeSliderChoropleth`` of
  the same polygons (one style per polygon per month start: the actor's colour while
  active, transparent otherwise; that is how the plugin hides a feature), the whole
  process timed; the page's size; one step of its slider, measured the same way. Its page
  asks CDNs for Leaflet, d3 v4, moment and jQuery: with no network here they are served from
  the installed xstatic-leaflet and from the npm packages unpacked in ``--js-dir`` (fetch
  with ``npm pack d3@4.13.0 moment@2.18.1 jquery@3.7.1`` and unpack each tarball into a
  folder of its name); nothing of theirs is kept in the project.

Run:  .venv/bin/python benchmarks/bench_map_areas.py [--areas 2000] [--vertices 200]
      [--runs 3] [--js-dir /tmp/benchjs] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

ACTORS = ("Group A", "Group B", "Group C", "Group D")
STATUSES = ("control", "contested", "support", "attack")  # one word of each class
COLOURS = ("#D55E00", "#0072B2", "#009E73", "#CC79A7")
_GEO_MAIN = "import sys; from geo.cli import main; sys.argv[0] = 'geo'; main()"


def _month(k: int) -> str:
    return f"{2014 + k // 12:04d}-{k % 12 + 1:02d}"


def write_areas(path: Path, n: int, vertices: int, seed: int = 11) -> None:
    """The benchmark's GeoJSON event file (see the module docstring)."""
    rnd = random.Random(seed)
    features = []
    for i in range(n):
        cx, cy, r = rnd.uniform(9.0, 26.0), rnd.uniform(20.0, 33.0), rnd.uniform(0.1, 0.6)
        ring = []
        for k in range(vertices - 1):  # counter-clockwise, then closed
            a = 2 * math.pi * k / (vertices - 1)
            rr = r * rnd.uniform(0.85, 1.0)
            ring.append([round(cx + rr * math.cos(a), 5), round(cy + rr * math.sin(a), 5)])
        ring.append(ring[0])
        start = rnd.randrange(0, 48)
        end = min(47, start + rnd.randrange(0, 12))
        props = {
            "id": f"a{i:05d}", "actor": ACTORS[i % 4], "status": STATUSES[(i // 4) % 4],
            "date": _month(start), "end": _month(end), "sources": ["s1"],
        }  # fmt: skip
        geometry = {"type": "Polygon", "coordinates": [ring]}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    doc = {
        "type": "FeatureCollection",
        "sources": [{"id": "s1", "outlet": "Benchmark", "title": "synthetic areas"}],
        "features": features,
    }
    path.write_text(json.dumps(doc), encoding="utf-8")


# The folium side, run as its own process like geo's: read the file, build, render, write.
FOLIUM_SCRIPT = """
import json, sys, time
from datetime import date
import folium
from folium.plugins import TimeSliderChoropleth
src, out = sys.argv[1], sys.argv[2]
doc = json.load(open(src, encoding="utf-8"))
colours = dict(zip(("Group A", "Group B", "Group C", "Group D"), %r))
months = [(2014 + k // 12, k %% 12 + 1) for k in range(48)]
stamps = [str(int(time.mktime(date(y, m, 1).timetuple()))) for y, m in months]
styles = {}
for k, f in enumerate(doc["features"]):
    f["id"] = str(k)
    p = f["properties"]
    a = (int(p["date"][:4]) - 2014) * 12 + int(p["date"][5:7]) - 1
    b = (int(p["end"][:4]) - 2014) * 12 + int(p["end"][5:7]) - 1
    c = colours[p["actor"]]
    styles[str(k)] = {
        s: {"color": c, "opacity": 0.5 if a <= j <= b else 0} for j, s in enumerate(stamps)
    }
m = folium.Map(location=[27.0, 17.5], zoom_start=5)
TimeSliderChoropleth(json.dumps(doc), styledict=styles).add_to(m)
m.save(out)
"""


_READY_GEO = """() => new Promise((resolve) => {
  const wait = () => window.geoMap
    ? window.geoMap.ready.then(() => resolve(1)) : setTimeout(wait, 5);
  wait(); })"""
_READY_FOLIUM = """() => new Promise((resolve) => {
  const after = () => requestAnimationFrame(() => setTimeout(() => resolve(1), 0));
  if (document.readyState === "complete") after(); else addEventListener("load", after); })"""
# 20 steps over the slider's range: ms to the end of the input handler, and to the next
# frame painted after it.
_STEPS = """async (sel) => {
  const s = document.querySelector(sel), lo = +s.min, hi = +s.max, sync = [], frame = [];
  for (let k = 0; k < 20; k++) {
    s.value = String(Math.round(lo + (hi - lo) * (k + 1) / 21));
    const t = performance.now(); s.dispatchEvent(new Event("input")); const t1 = performance.now();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    sync.push(t1 - t); frame.push(performance.now() - t);
  }
  return [sync, frame]; }"""


def steps(html: Path, *, folium_page: bool, js_dir: Path) -> tuple[float, float, float]:
    """(seconds to open, median ms per step to the handler's end, median ms to the next
    frame) in Chromium at 1600x900."""
    from playwright.sync_api import Route
    from xstatic.pkg import leaflet

    from maps.browser import launch

    local = {
        "d3.v4.min.js": js_dir / "d3-4.13.0/package/build/d3.min.js",
        "moment.min.js": js_dir / "moment-2.18.1/package/min/moment.min.js",
        "jquery": js_dir / "jquery-3.7.1/package/dist/jquery.min.js",
    }
    missing = [str(p) for p in local.values() if not p.is_file()]
    if folium_page and missing:  # the page would wait for them forever
        sys.exit(f"missing {', '.join(missing)}: unpack the npm packs into --js-dir (docstring)")

    def serve(route: Route) -> None:
        url = route.request.url
        name = url.rsplit("/", 1)[-1]
        if "leaflet" in url and (Path(leaflet.BASE_DIR) / name).is_file():
            return route.fulfill(path=str(Path(leaflet.BASE_DIR) / name))
        for key, path in local.items():
            if key in name:
                return route.fulfill(path=str(path), content_type="text/javascript")
        return route.fulfill(body="", status=200)  # bootstrap, font-awesome: not used here

    with launch() as browser:
        context = browser.new_context(viewport={"width": 1600, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        if folium_page:
            page.route(re.compile(r"^https?://"), serve)
        t = time.perf_counter()
        page.goto(html.resolve().as_uri(), timeout=600_000)
        page.evaluate(_READY_FOLIUM if folium_page else _READY_GEO)
        opened = time.perf_counter() - t
        if folium_page:
            sel = "div[id^=slider_] > input"
        else:
            page.evaluate("window.geoMap.setMode('asof')")
            sel = ".geo-slider"
        sync, frame = page.evaluate(_STEPS, sel)
        context.close()
    if errors:
        raise SystemExit(f"page errors: {errors[:3]}")
    return opened, statistics.median(sync), statistics.median(frame)


def timed(cmd: list[str], runs: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, env=env, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--areas", type=int, default=2000)
    ap.add_argument("--vertices", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--js-dir", type=Path, default=Path("/tmp/benchjs"))
    ap.add_argument("--keep", type=Path, default=None)
    args = ap.parse_args()
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()};"
          f" load {os.getloadavg()[0]:.2f}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        src = folder / "areas.geojson"
        write_areas(src, args.areas, args.vertices)
        mb = src.stat().st_size / 1e6
        print(f"{args.areas:,} areas of {args.vertices} positions: {mb:.1f} MB GeoJSON")
        geo_html, fol_html = folder / "geo.html", folder / "folium.html"
        cmd = [sys.executable, "-c", _GEO_MAIN, "map", str(src), "--offline", "-o", str(geo_html)]
        geo_s = timed(cmd, args.runs)
        script = FOLIUM_SCRIPT % (COLOURS,)
        fol_s = timed([sys.executable, "-c", script, str(src), str(fol_html)], args.runs)
        geo_mb, fol_mb = geo_html.stat().st_size / 1e6, fol_html.stat().st_size / 1e6
        g_open, g_sync, g_frame = steps(geo_html, folium_page=False, js_dir=args.js_dir)
        f_open, f_sync, f_frame = steps(fol_html, folium_page=True, js_dir=args.js_dir)
        for name, sec, size, opened, sync, frame in (
            ("geo map --offline", geo_s, geo_mb, g_open, g_sync, g_frame),
            ("folium TimeSliderChoropleth", fol_s, fol_mb, f_open, f_sync, f_frame),
        ):
            print(f"{name}: {sec:.2f} s end to end, {size:.2f} MB; opens in {opened:.2f} s;"
                  f" step {sync:.1f} ms (handler), {frame:.1f} ms (to the next frame)")  # fmt: skip
        ratios = f"build {fol_s / geo_s:.2f}x, size {fol_mb / geo_mb:.2f}x"
        steps_x = f"step {f_sync / g_sync:.2f}x (handler), {f_frame / g_frame:.2f}x (frame)"
        print(f"ratio folium/geo: {ratios}, {steps_x}")


if __name__ == "__main__":
    main()
