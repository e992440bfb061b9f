"""The HTML the map builder writes: deterministic, pinned or inlined assets, escaped text."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from map_samples import HOSTILE, hostile, libya
from typer.testing import CliRunner

from geo.cli import app
from geo.errors import InputError
from geo.model import Dataset, Place, Presence
from geo.points import Point
from geo.timespan import TimeSpan
from maps.build import build_map, iframe_snippet, scope_css
from maps.options import MapOptions


def test_two_builds_are_byte_identical() -> None:
    opts = MapOptions(title="T", banner="SECRET", heat=True, regions=True)
    assert build_map(libya(), opts) == build_map(libya(), opts)
    for other in (MapOptions(offline=True), MapOptions(embed=True)):
        assert build_map(libya(), other) == build_map(libya(), other)


def test_different_maps_get_different_ids() -> None:
    ids = {re.search(r'class="geo-frame" id="([^"]+)"', build_map(d, MapOptions()))[1]  # type: ignore[index]
           for d in (libya(), libya(note="other"))}  # fmt: skip
    assert len(ids) == 2


def test_offline_page_inlines_everything_and_names_no_server() -> None:
    page = build_map(libya(), MapOptions(offline=True))
    assert "<script src" not in page and "<link" not in page
    assert "tile.openstreetmap.org" not in page and "basemaps.cartocdn" not in page
    assert "Leaflet 1.9" in page  # Leaflet's own banner: the library is inlined
    assert "geo.create(" in page
    assert "url(images/" not in page


def test_online_page_pins_leaflet_with_a_true_integrity_hash() -> None:
    from xstatic.pkg import leaflet

    page = build_map(libya(), MapOptions())
    for name in ("leaflet.js", "leaflet.css"):
        raw = (Path(leaflet.BASE_DIR) / name).read_bytes()
        sri = "sha384-" + base64.b64encode(hashlib.sha384(raw).digest()).decode()
        url = f"https://cdn.jsdelivr.net/npm/leaflet@{leaflet.VERSION}/dist/{name}"
        assert re.search(rf'(src|href)="{re.escape(url)}" integrity="{re.escape(sri)}"', page)
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()
    assert "tile.openstreetmap.org" in page  # the online basemaps are offered


def test_report_text_never_reaches_the_page_raw() -> None:
    page = build_map(hostile(), MapOptions(title=HOSTILE, subtitle=HOSTILE, banner=HOSTILE))
    assert HOSTILE not in page
    assert "<img src=x" not in page
    assert page.count("<script") == page.count("</script>")
    assert "&lt;script&gt;window.__pwned=1" in page  # title and banner, escaped as HTML
    assert "javascript:window" not in page  # the bad link is dropped at build time


def test_regions_layer_is_included_only_when_asked_and_near_the_data() -> None:
    assert "north-western districts" not in build_map(libya(), MapOptions())
    page = build_map(libya(), MapOptions(regions=True))
    for name in ("Tripolitania", "Cyrenaica", "Fezzan"):  # the gazetteer's unions of districts
        assert f'"name":"{name}"' in page
    assert "project definition: the north-western districts (Ghadames, Murqub" in page
    elsewhere = Dataset(
        presence=(
            Presence(Place("Bamako", Point(12.65, -8.0)), "A", "presence", TimeSpan.parse("2015")),
        )
    )
    assert '"regions":null' in build_map(elsewhere, MapOptions(regions=True))


def test_regions_are_the_gazetteers_outlines() -> None:
    import shapely

    from gazetteer.areas import area
    from maps.regions import regions_geojson

    regions = regions_geojson([[25.0, 10.0], [33.0, 25.0]])
    assert regions is not None
    (fezzan,) = [f for f in regions["features"] if f["properties"]["name"] == "Fezzan"]
    drawn = shapely.geometry.shape(fezzan["geometry"])
    assert drawn.symmetric_difference(area("overlay:ly-region-fezzan")).area < 0.01
    assert drawn.contains(shapely.Point(14.43, 27.04))  # Sabha


def test_fragment_scopes_every_style_rule_to_its_id() -> None:
    frag = build_map(libya(), MapOptions(embed=True, height="500px"))
    ident = re.match(r'<div class="geo-frame" id="([^"]+)">', frag)
    assert ident, frag[:100]
    assert "<html" not in frag and "<head" not in frag and "<body" not in frag
    css = re.search(r"<style>(.*?)</style>", frag, re.DOTALL)[1]  # type: ignore[index]
    assert frag.count("<style>") == 1
    body = re.sub(r"@media[^{]*\{", "", css)
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{", body) for s in block.split(",")]
    assert selectors and all(s.startswith("#" + ident[1]) for s in selectors), selectors[:5]
    assert "height:500px" in css


def test_scope_css_handles_media_blocks_and_comments() -> None:
    css = "/* c */ .a, .b { color: red } @media print { .c { x: y } } .geo-frame .d {z: 1}"
    assert scope_css(css, "#m") == "#m .a,#m .b{color: red}\n@media print{#m .c{x: y}}\n#m .d{z: 1}"


def test_iframe_snippet_escapes_its_attributes() -> None:
    snip = iframe_snippet('map".html', MapOptions(title=HOSTILE))
    assert snip.startswith('<iframe src="map&quot;.html"') and "<script" not in snip


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"by": "colour"}, "by"), ({"width": "100"}, "width"), ({"element_id": "1x"}, "element_id")],
)
def test_bad_options_name_their_field(kwargs: dict[str, str], field: str) -> None:
    with pytest.raises(InputError) as info:
        MapOptions(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


YAML = """
sources:
  - {id: s1, outlet: Wire, title: A title, published: 2015-03, url: "https://example.org/a"}
presence:
  - {place: Derna, lat: 32.767, lon: 22.639, actor: Group A, status: control, date: 2014-10,
     end: 2015-06, strength: 800, sources: [s1]}
  - {place: Sirte, lat: 31.205, lon: 16.588, actor: Group A, status: cells, date: 2015-02,
     sources: [s1]}
"""


def test_cli_writes_page_and_embed_files(tmp_path: Path) -> None:
    events = tmp_path / "events.yaml"
    events.write_text(YAML, encoding="utf-8")
    out = tmp_path / "m.html"
    runner = CliRunner()
    res = runner.invoke(app, ["map", str(events), "-o", str(out), "--offline", "--title", "T"])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    res = runner.invoke(app, ["map", str(events), "-o", str(tmp_path / "e.html"), "--embed"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "e.html").read_text(encoding="utf-8").startswith('<div class="geo-frame"')
    assert 'src="e.page.html"' in (tmp_path / "e.iframe.html").read_text(encoding="utf-8")
    assert (tmp_path / "e.page.html").exists()


def test_cli_bad_input_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    events = tmp_path / "events.yaml"
    events.write_text(YAML.replace("status: cells", "status: cells, lat: 123"), encoding="utf-8")
    out = tmp_path / "m.html"
    res = CliRunner().invoke(app, ["map", str(events), "-o", str(out)])
    assert res.exit_code == 2
    assert "events.yaml" in res.output and "lat" in res.output
    assert len(res.output.strip().splitlines()) == 1
    assert not out.exists()
    res = CliRunner().invoke(app, ["map", str(events), "-o", str(tmp_path / "no" / "m.html")])
    assert res.exit_code == 2 and "does not exist" in res.output


def test_map_js_is_joined_from_short_parts_in_order() -> None:
    from importlib import resources

    from maps.build import JS_PARTS, map_js

    assets = resources.files("maps").joinpath("assets")
    on_disk = sorted(p.name for p in assets.iterdir() if p.name.startswith("geo-map-"))
    assert [p for p in on_disk if p.endswith(".js")] == sorted(JS_PARTS)  # none left out
    js = map_js()
    assert js.count("var geo = (function () {") == 1 and js.rstrip().endswith("})();")
    positions = []
    for name in JS_PARTS:
        text = assets.joinpath(name).read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 200, name
        positions.append(js.index(text))
    assert positions == sorted(positions)


def test_map_js_parts_share_only_the_namespace() -> None:
    """Every top-level statement of a part adds to ``geo``: no part declares a name (a
    ``var`` or ``function`` another file could reach by hoisting)."""
    from importlib import resources

    from maps.build import JS_PARTS

    assets = resources.files("maps").joinpath("assets")
    for name in JS_PARTS:
        text = assets.joinpath(name).read_text(encoding="utf-8")
        in_comment = False
        for number, line in enumerate(text.splitlines(), 1):
            if in_comment or line.startswith("/*"):
                in_comment = "*/" not in line
                continue
            if not line or line[0] in " }" or line.startswith("//"):
                continue  # inside a statement, the end of one, or a comment
            assert re.match(r"geo\.[A-Za-z_]\w* = ", line), f"{name}:{number}: {line[:60]}"
        assert "geoMapCreate" not in text


def test_one_rectangle_overlap_helper() -> None:
    from importlib import resources

    from maps.build import map_js

    js = map_js()
    # the box test of label placement, written once (geo.overlaps) and used by every placer
    assert len(re.findall(r"\[0\] < \w+\[2\] && \w+\[2\] > \w+\[0\]", js)) == 1
    assets = resources.files("maps").joinpath("assets")
    for name in ("geo-map-4-presence.js", "geo-map-6-routes.js", "geo-map-8-basemaps.js"):
        assert "geo.hitsAny(" in assets.joinpath(name).read_text(encoding="utf-8"), name
