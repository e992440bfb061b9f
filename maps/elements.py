"""The Leaflet map itself: its ``<div>``, its options, the online tile layers and the start of
the project's map code.

The page needs little of a map framework: one ``L.map`` with a scale bar, up to three tile
layers and a call of ``geo.create`` (maps/assets/geo-map-9-start.js), which draws the rest
(canvas presence layer, areas, routes, one time control, layer control, legend). These few
lines are written here with JSON for every value, so that a map does not import folium,
branca and jinja2 (about 0.2 s, a fifth of a 100,000-event map) to render them. Tile URLs
and attributions come from xyzservices. Element ids are set from the content, never
random, so builds are reproducible.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from maps.data import script_json

#: Online basemaps (xyzservices names) offered besides the embedded offline one.
ONLINE_BASEMAPS = (
    ("CARTO light", "CartoDB.Positron"),
    ("OpenStreetMap", "OpenStreetMap.Mapnik"),
    ("Esri imagery", "Esri.WorldImagery"),
)


@dataclass(frozen=True)
class TileLayer:
    """One online basemap: its label in the layer control and its ``L.tileLayer`` options."""

    label: str
    url: str
    attribution: str
    max_zoom: int
    subdomains: str

    def js(self) -> str:
        options = {"attribution": self.attribution, "maxNativeZoom": self.max_zoom,
                   "maxZoom": self.max_zoom, "subdomains": self.subdomains}  # fmt: skip
        layer = f"L.tileLayer({script_json(self.url)}, {script_json(options)})"
        return f"[{script_json(self.label)}, {layer}]"


def online_basemaps() -> list[TileLayer]:
    """The tile layers of :data:`ONLINE_BASEMAPS` (not shown at first; the page switches
    them, falling back to the embedded basemap when they cannot be reached)."""
    import xyzservices.providers as xyz

    out = []
    for label, name in ONLINE_BASEMAPS:
        with warnings.catch_warnings():  # xyzservices warns that CARTO may want a key later
            warnings.simplefilter("ignore")
            provider = xyz.query_name(name)
            url = provider.build_url(fill_subdomain=False)
        out.append(TileLayer(label=label, url=url, attribution=provider.html_attribution,
                             max_zoom=int(provider.get("max_zoom") or 19),
                             subdomains=provider.get("subdomains") or "abc"))  # fmt: skip
    return out


@dataclass(frozen=True)
class Parts:
    """A map for the page builder: the map ``<div>`` and the script that starts it."""

    html: str
    script: str


def map_parts(var_id: str, center: tuple[float, float], zoom: int, start: str,
              bases: list[TileLayer]) -> Parts:  # fmt: skip
    """The ``<div>`` of the Leaflet map ``map_<var_id>`` and the script that makes the map
    (a metric and imperial scale bar, Leaflet's zoom buttons, no tiles yet) and calls
    ``geo.create`` on it.

    ``start`` is the JavaScript expression of ``geo.create``'s options: JSON already escaped
    for a ``<script>``, or placeholders that the page builder swaps for the data.
    """
    name = f"map_{var_id}"
    options = {"center": [center[0], center[1]], "zoom": zoom, "zoomControl": True,
               "preferCanvas": False, "worldCopyJump": True, "trackResize": False}  # fmt: skip
    layers = ",\n  ".join(layer.js() for layer in bases)
    script = (
        f'var {name} = L.map("{name}", Object.assign({{crs: L.CRS.EPSG3857}},'
        f" {script_json(options)}));\n"
        f"L.control.scale().addTo({name});\n"
        f"geo.create({name},\n  {start},\n  [{layers}]);\n"
    )
    return Parts(html=f'<div class="geo-leaflet" id="{name}"></div>', script=script)
