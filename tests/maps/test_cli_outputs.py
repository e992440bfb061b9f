"""`geo map` / `geo brief` write nothing unless every option is good and every output drew:
no half-written set of files, no leftover temporary files."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from sample_data import sample_dataset
from typer.testing import CliRunner

from geo.cli import app
from maps.data import build_payload, date_range, day_number

ROOT = Path(__file__).resolve().parents[2]

EVENTS = """\
sources:
  - id: s1
    outlet: Example Wire
    published: 2015-03
presence:
  - id: a
    place: Sirte
    lat: 31.205
    lon: 16.588
    actor: Group A
    status: control
    date: 2015-02
    end: 2016-12
    sources: [s1]
"""


@pytest.fixture
def events(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "events.yaml"
    path.write_text(EVENTS, encoding="utf-8")
    return path


def _run(args: list[str], **kwargs: object) -> tuple[int, str]:
    result = CliRunner().invoke(app, args, **kwargs)  # type: ignore[arg-type]
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def _written(tmp_path: Path) -> list[str]:
    """Every file or folder under tmp_path except the input folder (dot files included)."""
    return sorted(
        p.relative_to(tmp_path).as_posix()
        for p in tmp_path.rglob("*")
        if p.parts[len(tmp_path.parts)] != "in"
    )


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        (["--png", "{t}/x.png", "--at", "2030"], "--at"),
        (["--png", "{t}/x.png", "--at", "2014-12-31"], "--at"),
        (["--png", "{t}/no/x.png"], "--png"),
        (["--pdf", "{t}/x.pdf", "--paper", "A3"], "--paper"),
        (["--pdf", "{t}/no/x.pdf"], "--pdf"),
        (["--frames", "year", "--frames-dir", "{t}/a/b"], "--frames"),
        (["--png", "{t}/x.png", "--width", "0"], "--width"),
        (["--png", "{t}/x.png", "--bbox", "34,10,30,25"], "--bbox"),
        (["--png", "{t}/x.png", "--fit", "Sirte", "--fit", "Atlantis-on-Sea"], "--fit"),
        (["--id", "1 bad id"], "--id"),
    ],
)
def test_a_bad_option_writes_no_file(
    events: Path,
    tmp_path: Path,
    extra: list[str],
    field: str,
    embedded_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gazetteer.lookup import Gazetteer

    monkeypatch.setenv("GEO_CACHE_DIR", str(embedded_cache))  # --fit: the session's index
    Gazetteer.forget_default()
    args = ["map", str(events), "-o", str(tmp_path / "m.html")]
    args += [a.replace("{t}", str(tmp_path)) for a in extra]
    code, err = _run(args)
    assert code == 2 and field in err and len(err.strip().splitlines()) == 1, err
    assert _written(tmp_path) == []


def test_no_browser_means_no_html_either(events: Path, tmp_path: Path) -> None:
    # The page is built before the images are drawn, but written only once they are.
    code, err = _run(
        ["map", str(events), "-o", str(tmp_path / "m.html"), "--png", str(tmp_path / "m.png")],
        env={"GEO_CHROMIUM": str(tmp_path / "no-chromium")},
    )
    assert code == 2 and "apt-get install chromium" in err
    assert _written(tmp_path) == []


def test_embed_checks_its_three_files_first(events: Path, tmp_path: Path) -> None:
    (tmp_path / "m.iframe.html").mkdir()  # the third file cannot be written
    code, err = _run(["map", str(events), "-o", str(tmp_path / "m.html"), "--embed"])
    assert code == 2 and "m.iframe.html" in err, err
    assert _written(tmp_path) == ["m.iframe.html"]
    (tmp_path / "m.iframe.html").rmdir()
    code, _ = _run(["map", str(events), "-o", str(tmp_path / "m.html"), "--embed"])
    assert code == 0
    assert _written(tmp_path) == ["m.html", "m.iframe.html", "m.page.html"]


def test_embed_id_gives_two_maps_of_the_same_data_distinct_ids(
    events: Path, tmp_path: Path
) -> None:
    for name in ("a", "b"):
        code, _ = _run(
            [
                "map",
                str(events),
                "-o",
                str(tmp_path / f"{name}.html"),
                "--embed",
                "--id",
                f"map-{name}",
            ]
        )
        assert code == 0
    a, b = ((tmp_path / f"{n}.html").read_text(encoding="utf-8") for n in "ab")
    assert 'id="map-a"' in a and 'id="map-b"' in b and "map-b" not in a


def test_brief_bad_by_writes_nothing(events: Path, tmp_path: Path) -> None:
    code, err = _run(["brief", str(events), "-o", str(tmp_path / "b.html"), "--by", "colour"])
    assert code == 2 and "by" in err
    assert _written(tmp_path) == []


def test_date_range_is_the_time_controls_range() -> None:
    data = sample_dataset()
    low, high = date_range(data) or (date.min, date.max)
    assert [day_number(low), day_number(high)] == build_payload(data)["range"]


def test_map_commands_share_one_public_loader() -> None:
    """geo brief reads files through geo.cli.load, not through the map command's private helpers."""
    for name in ("maps.py", "brief.py"):
        tree = ast.parse((ROOT / "geo" / "cli" / name).read_text(encoding="utf-8"))
        imported = [
            (node.module, alias.name)
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
            for alias in node.names
        ]
        assert ("geo.cli.load", "read_events") in imported, name
        assert not [n for m, n in imported if m.startswith("geo.cli") and n.startswith("_")]


def test_the_gazetteer_opens_only_when_a_place_needs_it(events: Path) -> None:
    from geo.cli.load import LazyResolver, read_events

    def explode() -> object:
        raise AssertionError("the gazetteer was opened")

    resolver = LazyResolver(explode)  # type: ignore[arg-type]
    data, used = read_events([events], resolver)
    assert used is resolver and not resolver.opened
    assert data.presence[0].place.point is not None


@pytest.mark.parametrize(
    ("extra", "size"),
    [([], (842, 595)), (["--paper", "Letter", "--portrait"], (612, 792))],
)
def test_pdf_paper_and_orientation(
    events: Path, tmp_path: Path, extra: list[str], size: tuple[int, int]
) -> None:
    import re

    out = tmp_path / "m.pdf"
    code, err = _run(["map", str(events), "--pdf", str(out), *extra])
    assert code == 0, err
    found = re.search(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", out.read_bytes())
    assert found is not None
    width, height = float(found.group(1)), float(found.group(2))  # points: A4 landscape
    assert abs(width - size[0]) < 2 and abs(height - size[1]) < 2
