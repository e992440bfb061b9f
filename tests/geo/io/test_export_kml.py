"""KML export: placemarks in folders, time spans, report text escaped twice (XML, HTML)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from geo.io.export import export_dataset
from geo.model import Dataset

NS = {"k": "http://www.opengis.net/kml/2.2"}


def _tree(dataset: Dataset, tmp_path: Path) -> ET.Element:
    out = tmp_path / "out.kml"
    export_dataset(dataset, out)
    return ET.parse(out).getroot()


def test_folders_placemarks_and_time_spans(dataset: Dataset, tmp_path: Path) -> None:
    root = _tree(dataset, tmp_path)
    folders = root.findall("k:Document/k:Folder", NS)
    assert [f.findtext("k:name", namespaces=NS) for f in folders] == ["Presence", "Movements"]
    presence = folders[0].findall("k:Placemark", NS)
    assert len(presence) == 3
    assert len(folders[1].findall("k:Placemark", NS)) == 2
    derna = presence[0]
    assert derna.findtext("k:TimeSpan/k:begin", namespaces=NS) == "2014-10"
    assert derna.findtext("k:TimeSpan/k:end", namespaces=NS) == "2015-06-30"  # through June
    assert derna.findtext("k:Point/k:coordinates", namespaces=NS) == "22.639,32.767"
    data = {
        d.get("name"): d.findtext("k:value", namespaces=NS)
        for d in derna.findall("k:ExtendedData/k:Data", NS)
    }
    assert (data["date"], data["end"]) == ("2014-10", "2015-06")  # precision kept
    camp = presence[1]
    assert camp.find("k:TimeSpan/k:end", NS) is None  # open end
    tripoli = presence[2]
    assert tripoli.find("k:TimeSpan/k:begin", NS) is None
    south = folders[1].find("k:Placemark", NS)
    assert south is not None
    coords = south.findtext("k:LineString/k:coordinates", namespaces=NS)
    assert coords is not None and len(coords.split()) == 3


def test_report_text_is_shown_as_text(dataset: Dataset, tmp_path: Path) -> None:
    root = _tree(dataset, tmp_path)
    derna = root.find("k:Document/k:Folder/k:Placemark", NS)
    assert derna is not None
    description = derna.findtext("k:description", namespaces=NS) or ""
    # Google Earth renders descriptions as HTML: report text must arrive HTML-escaped.
    assert "x &lt;/script&gt; ${alert(1)} &amp; ]]&gt; &lt;b&gt;bold&lt;/b&gt;" in description
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in description
    assert "<script" not in description and "</script" not in description
    assert "ünïcode درنة" in description
    balloons = root.findall("k:Document/k:Style/k:BalloonStyle/k:text", NS)
    assert [b.text for b in balloons] == ["$[description]"] * 3  # presence, movement, area


def test_same_bytes_twice(dataset: Dataset, tmp_path: Path) -> None:
    a, b = tmp_path / "a.kml", tmp_path / "b.kml"
    export_dataset(dataset, a)
    export_dataset(dataset, b)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<kml xmlns=")
