"""The review page of ``geo extract --html``: each report with its mentions highlighted,
each showing the gazetteer's choice and reasons, linked to a small offline map.

Report text is untrusted: every piece of it is HTML-escaped, and the map's data travels as
JSON with ``<``, ``>`` and ``&`` escaped, so no text can close the script block. Leaflet is
inlined from the installed xstatic-leaflet package; the basemap is the embedded Natural
Earth outline: the page needs no network.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import Any

from maps.basemap import offline_basemap_geojson
from maps.build import _leaflet

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;display:flex;height:100vh}
#text{flex:1;overflow:auto;padding:1em 2em}#map{flex:1;background:#dfe9f3}
pre{white-space:pre-wrap;font:inherit}mark{background:#ffe08a;cursor:pointer}
mark.ambiguous{background:#f7a8a8}mark.demonym{background:#cfe3ff}mark.on{outline:2px solid #c00}
.why{font-size:12px;color:#444}h2{font-size:16px}
"""
SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById('review-data').textContent);
  var map = L.map('map', {attributionControl: true}).setView([20, 10], 2);
  L.geoJSON(data.basemap, {style: {color: '#888', weight: 1, fillColor: '#f4f1ea',
    fillOpacity: 1}}).addTo(map);
  map.attributionControl.addAttribution('Natural Earth; places: GeoNames (CC BY 4.0)');
  var markers = {}, bounds = [];
  data.places.forEach(function (p) {
    var m = L.circleMarker([p.lat, p.lon], {radius: 6, color: '#c00'}).addTo(map);
    m.bindTooltip(document.createTextNode(p.label).textContent);
    markers[p.key] = m; bounds.push([p.lat, p.lon]);
  });
  if (bounds.length) map.fitBounds(bounds, {maxZoom: 7, padding: [20, 20]});
  document.querySelectorAll('mark[data-key]').forEach(function (el) {
    el.addEventListener('click', function () {
      document.querySelectorAll('mark.on').forEach(function (o) { o.classList.remove('on'); });
      el.classList.add('on');
      var m = markers[el.dataset.key];
      if (m) { map.setView(m.getLatLng(), 7); m.openTooltip(); }
    });
  });
})();
"""


def _json_for_script(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _report_html(index: int, result: Any, places: dict[str, dict[str, Any]]) -> str:
    text: str = result.extraction.text
    parts: list[str] = []
    at = 0
    for n, m in enumerate(result.extraction.mentions):
        key = f"{m.id}"
        places.setdefault(key, {"key": key, "lat": m.lat, "lon": m.lon,
                                "label": f"{m.name} ({m.country_code})"})  # fmt: skip
        title = (
            f"{m.name}, {m.country_code or '-'} ({m.kind}, {m.id}, score {m.score:.2f}): "
            + "; ".join(m.reasons)
        )
        classes = " ".join(c for c in (m.status if m.status != "resolved" else "",
                                      "demonym" if m.demonym else "") if c)  # fmt: skip
        parts.append(html.escape(text[at : m.start]))
        parts.append(
            f'<mark id="m{index}-{n}" class="{classes}" data-key="{html.escape(key)}" '
            f'title="{html.escape(title)}">{html.escape(text[m.start : m.end])}</mark>'
        )
        at = m.end
    parts.append(html.escape(text[at:]))
    rows = "".join(
        f"<li>{html.escape(m.text)} &rarr; {html.escape(m.name)}, "
        f"{html.escape(m.country_code or '-')} <span class='why'>"
        f"{html.escape('; '.join(m.reasons))}</span></li>"
        for m in result.extraction.mentions
    )
    dropped = "".join(
        f"<li>{html.escape(d.text)} <span class='why'>{html.escape(d.why)}</span></li>"
        for d in result.extraction.dropped
    )
    notes = "".join(f"<p>{html.escape(n)}</p>" for n in result.extraction.notes)
    return (
        f"<section><h2>{html.escape(str(result.report.path))}</h2>{notes}"
        f"<pre>{''.join(parts)}</pre><details><summary>mentions and choices</summary>"
        f"<ol>{rows}</ol></details><details><summary>refused spans</summary>"
        f"<ul>{dropped}</ul></details></section>"
    )


def review_page(results: Sequence[Any]) -> str:
    """One self-contained HTML page for the reports of one ``geo extract`` run."""
    places: dict[str, dict[str, Any]] = {}
    sections = "".join(_report_html(i, r, places) for i, r in enumerate(results))
    data = {"basemap": offline_basemap_geojson(), "places": sorted(places.values(),
            key=lambda p: p["key"])}  # fmt: skip
    js, _ = _leaflet("leaflet.js")
    css, _ = _leaflet("leaflet.css")
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>geo extract: review</title>"
        f"<style>{css}</style><style>{STYLE}</style></head><body>"
        f"<div id='text'><h1>Places found, for review</h1>{sections}</div><div id='map'></div>"
        f"<script type='application/json' id='review-data'>{_json_for_script(data)}</script>"
        f"<script>{js}</script><script>{SCRIPT}</script></body></html>\n"
    )
