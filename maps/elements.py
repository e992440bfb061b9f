"""The small folium pieces of a map: the Leaflet map itself, tile layers and the geo layer.

folium gives the Leaflet map, the scale bar and the tile layers; what it lacks (a canvas
presence layer, one time control for every layer, a grouped layer control, the legend) is
the project's own JavaScript, which :class:`GeoLayers` starts with the map's data.
Element ids are set from the content, never random, so builds are reproducible.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@contextlib.contextmanager
def missing(name: str) -> Iterator[None]:
    """Imports inside see the package ``name`` as not installed, unless it is imported already.

    folium takes pandas as optional (``folium.utilities``: ``try: import pandas`` ... ``pd =
    None``) and uses it only to read DataFrames, which geo never hands it; importing pandas
    costs a map a quarter of a second or more. Nothing else changes: sys.modules is not
    touched, and pandas imports as usual once the block is left.
    """

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname: str, path: Any, target: Any = None) -> None:
            if fullname == name or fullname.startswith(name + "."):
                raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)

    if name in sys.modules:
        yield
        return
    finder = Finder()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


with missing("pandas"):
    import folium
    from folium.template import Template

#: Online basemaps (xyzservices names) offered besides the embedded offline one.
ONLINE_BASEMAPS = (
    ("CARTO light", "CartoDB.Positron"),
    ("OpenStreetMap", "OpenStreetMap.Mapnik"),
    ("Esri imagery", "Esri.WorldImagery"),
)


class LeafletMap(folium.Map):
    """folium's Map without its CDN links (the page builder supplies Leaflet itself)."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 - folium's own attribute
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


def _fixed_id(element: Any, ident: str) -> Any:
    # branca draws ids from os.urandom; a fixed id keeps two builds byte-identical.
    element._id = ident
    return element


def leaflet_map(ident: str, center: tuple[float, float], zoom: int) -> LeafletMap:
    """The Leaflet map with a metric+imperial scale bar and no tiles yet."""
    m = LeafletMap(location=list(center), zoom_start=zoom, tiles=None, control_scale=True,
                   prefer_canvas=False, world_copy_jump=True, track_resize=False)  # fmt: skip
    return _fixed_id(m, ident)


def add_online_basemaps(m: LeafletMap, ident: str) -> list[tuple[str, str]]:
    """Add the online tile layers (not shown; the geo layer switches them) and return
    ``(label, JavaScript variable)`` pairs."""
    import xyzservices.providers as xyz

    out = []
    for k, (label, name) in enumerate(ONLINE_BASEMAPS):
        with warnings.catch_warnings():  # xyzservices warns that CARTO may want a key later
            warnings.simplefilter("ignore")
            provider = xyz.query_name(name)
            url = provider.build_url(fill_subdomain=False)
        layer = folium.TileLayer(
            tiles=url,
            attr=provider.html_attribution,
            name=label,
            max_zoom=int(provider.get("max_zoom") or 19),
            subdomains=provider.get("subdomains") or "abc",
            overlay=False,
            control=False,
            show=False,
        )
        _fixed_id(layer, f"{ident}_{k}")
        m.add_child(layer)
        out.append((label, layer.get_name()))
    return out


class GeoLayers(folium.MacroElement):
    """Start the project's map code (maps/assets/geo-map-*.js, ``geo.create``) on the parent map.

    ``config``, ``data`` and ``basemap`` are JSON already escaped for a ``<script>``, or
    placeholders that the page builder swaps for it: branca compiles every rendered piece
    as a Jinja template, which for megabytes of data would take longer than the rest.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
geo.create({{ this._parent.get_name() }},
  Object.assign({data: {{ this.data }}, basemap: {{ this.basemap }}}, {{ this.config }}),
  [{% for label, var in this.bases -%}
  [{{ label|tojson }}, {{ var }}]{{ "," if not loop.last }}
  {%- endfor %}]);
{% endmacro %}"""
    )

    def __init__(self, ident: str, config: str, data: str, basemap: str,
                 bases: list[tuple[str, str]]) -> None:  # fmt: skip
        super().__init__()
        self._name = "GeoLayers"
        _fixed_id(self, ident)
        self.config, self.data, self.basemap, self.bases = config, data, basemap, bases


@dataclass(frozen=True)
class Parts:
    """A rendered map split for the page builder: the map ``<div>`` and its script."""

    html: str
    script: str


def render_parts(m: LeafletMap) -> Parts:
    """Render the folium figure and return its body HTML and script.

    The figure's header is left out on purpose: it holds folium's global ``html, body``
    styles and CDN links, which the page builder replaces with pinned or inlined assets.
    """
    figure: Any = m.get_root()
    figure.render()
    return Parts(html=figure.html.render(), script=figure.script.render())
