"""Validation accepts only what every writer can write: each edge value the readers accept
goes through every writer (GeoJSON, KML, GeoPackage, CSV, the map, the brief), and what
they write parses (issue 10, item 4)."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geo.io.export import export_dataset
from geo.io.reader import load_dataset
from geo.model import MAX_STRENGTH
from geo.validate import read_resolved

LONG = "L" * 10_000
# Text at the edges of what the readers take: astral and private-use characters, right to
# left, combining marks, the C1 controls and separators XML and JSON allow, markup.
# (The controls as YAML escapes: a YAML file may not hold them raw.)
UNICODE = (
    "\U0001f600 \U0010fffd \ue000 درنة e\u0301 \\x7f\\x85\\u2028\\u2029\\ufeff </script> ]]> ${x}"
)

EDGES = f"""\
sources:
  - {{id: s, outlet: "{UNICODE}", published: 0001-01-01, title: "", author: "", url: ""}}
  - {{id: t, outlet: O, published: 9999-12-31}}
presence:
  - {{place: North, lat: 90, lon: 180, actor: A, status: s, date: 0001-01-01, source: s}}
  - {{place: South, lat: -90, lon: -180, actor: A, status: s, date: 9999-12-31, source: t}}
  - {{place: Zero, lat: -0.0, lon: 0, actor: A, status: s, date: .., end: .., note: ""}}
  - {{place: "{LONG}", lat: 1, lon: 1, actor: "{LONG}", status: "{LONG}", date: 2015,
      note: "{LONG}", id: "{LONG}"}}
  - {{place: "{UNICODE}", lat: 1.5, lon: 2.5, actor: "{UNICODE}", status: "{UNICODE}",
      date: 2016-02-29, note: "{UNICODE}", source: s}}
  - place: Max
    lat: 12.345678901234567
    lon: -179.99999999999997
    actor: A
    status: s
    date: "0001"
    end: 9999
    strength:
      - {{value: {MAX_STRENGTH}, source: s}}
      - {{min: 0, max: {MAX_STRENGTH}, note: "{UNICODE}"}}
    source: s
movements:
  - actor: "{UNICODE}"
    id: across
    waypoints:
      - {{place: East, lat: 0, lon: 180, date: 0001-01-01}}
      - {{place: West, lat: 0, lon: -180, mode: sea, date: 9999-12-31}}
    strength: {MAX_STRENGTH}
  - actor: B
    waypoints:
      - {{place: Here, lat: 90, lon: 0}}
      - {{place: Here, lat: 90, lon: 0}}
      - {{place: "{LONG}", lat: -90, lon: 0, mode: air}}
    strength: 0-{MAX_STRENGTH}
"""


@pytest.fixture
def edges(write: Callable[..., Path], resolver: Any) -> Any:
    path = write("edges.yaml", EDGES)
    data = read_resolved([path], resolver)
    assert len(data.presence) == 6 and len(data.movements) == 2
    return data


def _revalidates(paths: list[Path], edges: Any) -> None:
    data, problems = load_dataset(paths)
    assert problems == []
    assert (len(data.presence), len(data.movements)) == (6, 2)


def test_geojson(edges: Any, tmp_path: Path) -> None:
    out = tmp_path / "e.geojson"
    export_dataset(edges, out)
    json.loads(out.read_text(encoding="utf-8"))
    _revalidates([out], edges)


def test_kml_is_well_formed_xml(edges: Any, tmp_path: Path) -> None:
    out = tmp_path / "e.kml"
    export_dataset(edges, out)
    root = ET.parse(out).getroot()
    assert len(root.findall(".//{*}Placemark")) == 8


def test_gpkg(edges: Any, tmp_path: Path) -> None:
    out = tmp_path / "e.gpkg"
    export_dataset(edges, out)
    _revalidates([out], edges)


def test_csv(edges: Any, tmp_path: Path) -> None:
    written = export_dataset(edges, tmp_path / "e.csv")
    for path in written:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, strict=True))
        assert len({len(r) for r in rows}) == 1
    _revalidates(written, edges)


def test_map(edges: Any) -> None:
    from maps.build import build_map
    from maps.options import MapOptions

    page = build_map(edges, MapOptions(offline=True))
    assert page.count("</script>") == page.count("<script")  # report text did not break out


def test_brief(edges: Any) -> None:
    from maps.brief import build_brief

    page = build_brief(edges)
    assert "<html" in page.lower()
