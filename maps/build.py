"""Build the map page (or an embeddable fragment) from a resolved dataset.

Plain data first (:mod:`maps.data`), HTML last. Leaflet comes from the installed
xstatic-leaflet package: inlined with ``offline`` or for fragments, else linked from the CDN
at the same version with a Subresource Integrity hash computed from the very same file, and
inlined behind it as the fall back for a page opened with no network (see
:func:`_online_head`). Such a page also falls back from unreachable tiles to the embedded
Natural Earth basemap, with a notice (maps/assets/geo-map-8-basemaps.js): never blank.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import re
from datetime import date
from importlib import resources
from pathlib import Path

import orjson

from geo.model import Dataset
from maps import data as mdata
from maps.options import MapOptions

CDN = "https://cdn.jsdelivr.net/npm/leaflet@{version}/dist/{name}"


@functools.cache
def _leaflet(name: str) -> tuple[str, str]:
    """``(text, sha384 SRI)`` of ``leaflet.js`` or ``leaflet.css`` from xstatic-leaflet."""
    from xstatic.pkg import leaflet

    raw = (Path(leaflet.BASE_DIR) / name).read_bytes()
    sri = "sha384-" + base64.b64encode(hashlib.sha384(raw).digest()).decode("ascii")
    return raw.decode("utf-8"), sri


def leaflet_version() -> str:
    """The Leaflet version shipped by the installed xstatic-leaflet."""
    from xstatic.pkg import leaflet

    return str(leaflet.VERSION)


@functools.cache
def _asset(name: str) -> str:
    return resources.files("maps").joinpath("assets", name).read_text(encoding="utf-8")


#: The parts of the map's JavaScript. Each adds functions (or ``L.Layer``/``L.Control``
#: classes) to one namespace object, ``geo``, local to the page's script; each function
#: receives its inputs as arguments and returns what it offers, and ``geo.create`` (the
#: last part) builds one map from them. No other name is shared between the files.
JS_PARTS = (
    "geo-map-1-data.js",
    "geo-map-2-time.js",
    "geo-map-2-filters.js",
    "geo-map-3-canvas.js",
    "geo-map-4-presence.js",
    "geo-map-45-areas.js",
    "geo-map-46-changes.js",
    "geo-map-5-popups.js",
    "geo-map-6-routes.js",
    "geo-map-7-controls.js",
    "geo-map-8-basemaps.js",
    "geo-map-9-start.js",
    "geo-map-10-print.js",
)


@functools.cache
def map_js() -> str:
    """The project's map code: the parts of :data:`JS_PARTS`, in order, filling the
    namespace ``geo`` (``var geo``, to be placed inside the page's own function, after
    ``L`` is defined)."""
    body = "".join(_script_safe(_asset(name), name) for name in JS_PARTS)
    return (
        "/* geo's own map code (maps/assets/geo-map-*.js): canvas presence layer, routes, one"
        " time control,\n   grouped layer control, legend, popups and the page API"
        " (window.geoMaps). Every piece of\n   report text reaches the page through"
        ' textContent, never as HTML. */\nvar geo = (function () {\n"use strict";\n'
        f"var geo = {{}};\n{body}return geo;\n}})();\n"
    )


def _leaflet_css_inline() -> str:
    # Leaflet's CSS names images for its own layer control and default marker, which geo
    # does not use; dropping the urls keeps an offline page from ever asking for a file.
    css = _leaflet("leaflet.css")[0]
    return re.sub(r"url\((?!#)[^)]*\)", "none", css)


def _script_safe(text: str, what: str) -> str:
    if re.search(r"</(script|style)", text, re.IGNORECASE):  # pragma: no cover - package files
        raise ValueError(f"{what} cannot be inlined: it contains a closing tag")
    return text


def scope_css(css: str, scope: str) -> str:
    """Prefix every selector of ``css`` with ``scope`` (an ``#id``), inside ``@media`` too.

    A selector starting with ``.geo-frame`` names the scoped element itself.
    """
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    out: list[str] = []
    pos = 0
    for m in re.finditer(r"([^{}]+)\{", css):
        if m.start() < pos:
            continue
        head = m.group(1).strip()
        out.append(css[pos : m.start()].strip())
        if head.startswith("@"):
            depth, j = 1, m.end()
            while depth and j < len(css):
                depth += {"{": 1, "}": -1}.get(css[j], 0)
                j += 1
            out.append(head + "{" + scope_css(css[m.end() : j - 1], scope) + "}")
            pos = j
            continue
        end = css.index("}", m.end())
        sels = [_scope_selector(s.strip(), scope) for s in head.split(",") if s.strip()]
        out.append(",".join(sels) + "{" + " ".join(css[m.end() : end].split()) + "}")
        pos = end + 1
    return "\n".join(x for x in out if x)


def _scope_selector(sel: str, scope: str) -> str:
    if sel.startswith(".geo-frame"):
        return scope + sel[len(".geo-frame") :]
    return f"{scope} {sel}"


def _element_id(payload_json: str, options: MapOptions) -> str:
    if options.element_id:
        return options.element_id
    key = orjson.dumps([payload_json, repr(options)])
    return "geo-" + hashlib.sha256(key).hexdigest()[:12]


def build_map(dataset: Dataset, options: MapOptions) -> str:
    """Return the whole HTML page (or, with ``options.embed``, a fragment) for ``dataset``.

    Parameters
    ----------
    dataset
        A resolved dataset: every presence place and waypoint has a ``point``.
    options
        What to show; see :class:`maps.options.MapOptions`.

    Raises
    ------
    geo.errors.InputError
        When a place is not resolved.
    """
    from maps import elements
    from maps.areas import CLASSES
    from maps.basemap import offline_basemap_bytes

    classes = {**CLASSES, **dict(options.area_classes)}
    since = _day_in_data(dataset, options.since, "since")
    payload = mdata.build_payload(dataset, options.by, classes, changes=since is not None)
    if since is not None and not payload["changes"]:
        from geo.errors import InputError
        from maps.changes import HELD_CLASS

        raise InputError(
            f"the map has no areas of the class {HELD_CLASS!r}, so nothing changes hands"
            " (which statuses are of that class: docs/map-styles.md)",
            field="since",
        )
    data_json = mdata.script_json(payload)
    ident = _element_id(data_json, options)
    var_id = hashlib.sha256(ident.encode()).hexdigest()[:12]
    center, zoom = _initial_view(payload["bounds"])
    bases = [] if options.offline else elements.online_basemaps()
    config = {"id": ident, "title": options.title, "subtitle": options.subtitle,
              "heat": options.heat, "regions": _regions(options, payload["bounds"]),
              "at": _day_in_data(dataset, options.at, "at"), "since": since}  # fmt: skip
    basemap = mdata.script_json(orjson.loads(offline_basemap_bytes()))
    data_token, base_token = f"__geo_data_{var_id}__", f"__geo_basemap_{var_id}__"
    config_json = mdata.script_json(config)
    start = f"Object.assign({{data: {data_token}, basemap: {base_token}}}, {config_json})"
    parts = elements.map_parts(var_id, center, zoom, start, bases)
    script = parts.script.replace(data_token, data_json, 1).replace(base_token, basemap, 1)
    js = map_js()
    banner = _banner(options.banner)
    body = f'<div class="geo-frame" id="{ident}">\n{banner}{parts.html}\n{banner}</div>\n'
    if options.embed:
        return _fragment(ident, body, js, script, options)
    return _page(ident, body, js, script, options)


def _day_in_data(dataset: Dataset, day: date | None, field: str) -> int | None:
    """The day number of ``day`` (``options.at``: the day the time control opens at;
    ``options.since``: the reference of "changes since"), checked against the data's dates."""
    if day is None:
        return None
    from geo.errors import InputError

    span = mdata.date_range(dataset)
    if span is None:
        raise InputError("the map has no dated records", field=field)
    if not span[0] <= day <= span[1]:
        raise InputError(f"{day} is outside the data's dates {span[0]}..{span[1]}", field=field)
    return mdata.day_number(day)


def _banner(text: str | None) -> str:
    return f'<div class="geo-banner">{html.escape(text)}</div>\n' if text else ""


def _initial_view(bounds: list[list[float]] | None) -> tuple[tuple[float, float], int]:
    if not bounds:
        return (20.0, 10.0), 2
    (s, w), (n, e) = bounds
    return ((s + n) / 2, (w + e) / 2), 5


def _regions(options: MapOptions, bounds: list[list[float]] | None) -> object:
    if not options.regions:
        return None
    from maps.regions import regions_geojson

    return regions_geojson(bounds)


def _size_css(ident: str, options: MapOptions, *, page: bool) -> str:
    if page:
        return (f"html,body{{height:100%;margin:0;padding:0}}#{ident}{{height:100%;width:100%}}"
                f"#{ident} .geo-leaflet{{width:100%}}")  # fmt: skip
    return (f"#{ident}{{width:{options.width};height:{options.height};min-height:420px;"
            f"position:relative}}#{ident} .geo-leaflet{{width:100%}}")  # fmt: skip


def _page(ident: str, body: str, js: str, script: str, options: MapOptions) -> str:
    version = leaflet_version()
    if options.offline:
        css = _script_safe(_leaflet_css_inline(), "leaflet.css")
        ljs = _script_safe(_leaflet("leaflet.js")[0], "leaflet.js")
        head = f"<style>{css}</style>\n<script>{ljs}</script>\n"
    else:
        head = _online_head(version)
    title = html.escape(options.title)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n{head}"
        f"<style>{_size_css(ident, options, page=True)}\n{_asset('geo-map.css')}</style>\n"
        f"</head>\n<body>\n{body}<script>\n(function () {{\nvar L = window.L;\n"
        f"if (!L) {{ {_NO_LEAFLET.format(ident=ident)} return; }}\n{js}\n"
        f"{script.strip()}\n}})();\n</script>\n</body>\n</html>\n"
    )


#: What the page shows should Leaflet be missing altogether (it cannot be with the
#: inline copy, but a map must never be a blank page that says nothing).
_NO_LEAFLET = (
    'var box = document.getElementById("{ident}"); if (box) box.textContent ='
    ' "This map could not start: its Leaflet library did not load.";'
)


def _online_head(version: str) -> str:
    """Leaflet from the CDN, pinned and checked (SRI), with the very same files inline as
    the fall back for a page opened with no network.

    The fall back costs the size of Leaflet: 161 kB (45 kB gzipped) on a page of 0.87 MB
    that already carries the Natural Earth basemap for the same reason; the inline CSS
    is switched on (``media``) only when the CDN's fails, the inline JS runs only when
    ``window.L`` is missing after the CDN's script.
    """
    css_url, js_url = (CDN.format(version=version, name=n) for n in ("leaflet.css", "leaflet.js"))
    css = _script_safe(_leaflet_css_inline(), "leaflet.css")
    ljs = _script_safe(_leaflet("leaflet.js")[0], "leaflet.js")
    return (
        f'<link rel="stylesheet" href="{css_url}" integrity="{_leaflet("leaflet.css")[1]}"'
        ' crossorigin="anonymous" onerror="this.nextElementSibling.media = \'all\'">\n'
        f'<style media="not all">{css}</style>\n'
        f'<script src="{js_url}" integrity="{_leaflet("leaflet.js")[1]}"'
        ' crossorigin="anonymous"></script>\n'
        "<script>\nif (!window.L) {  /* the CDN was out of reach: the same Leaflet, inline */\n"
        'document.documentElement.dataset.geoLeaflet = "inline";\n'
        f"{ljs}\n}}\n</script>\n"
    )


def _fragment(ident: str, body: str, js: str, script: str, options: MapOptions) -> str:
    # Leaflet runs inside the fragment's own function: ``exports``/``module`` keep its
    # module wrapper from writing ``window.leaflet``, and noConflict() takes back the
    # ``window.L`` it always sets, so only ``window.geoMaps``/``geoMap`` remain global.
    css = scope_css(_leaflet_css_inline(), "#" + ident) + "\n"
    css += (
        scope_css(_asset("geo-map.css"), "#" + ident) + "\n" + _size_css(ident, options, page=False)
    )
    leaflet_js = _script_safe(_leaflet("leaflet.js")[0], "leaflet.js")
    inner = body.replace(f'id="{ident}">\n', f'id="{ident}">\n<style>{css}</style>\n', 1)
    return (
        f"{inner}<script>\n(function () {{\nvar hadL = 'L' in window, oldL = window.L;\n"
        "var L = (function () {\nvar exports = {}, module = {exports: exports};\n"
        f"{leaflet_js}\n;return exports;\n}})();\n"
        "if (hadL) { window.L = oldL; }\n"
        "else { try { delete window.L; } catch (e) { window.L = undefined; } }\n"
        f"{js}\n{script.strip()}\n}})();\n</script>\n"
    )


def iframe_snippet(src: str, options: MapOptions, *, height: str = "600px") -> str:
    """An ``<iframe>`` that shows the full map page at ``src`` (a URL or a relative path)."""
    return (
        f'<iframe src="{html.escape(src, quote=True)}"'
        f' title="{html.escape(options.title, quote=True)}"'
        f' style="width:100%;height:{height};border:0" loading="lazy"'
        ' sandbox="allow-scripts allow-popups"></iframe>\n'
    )
