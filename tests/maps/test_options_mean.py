"""Options mean what they say: ``--at`` opens the page at that date, ``--heat`` and
``--regions`` are shown when asked for, ``-o`` is an HTML page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from map_samples import libya
from playwright.sync_api import Page
from typer.testing import CliRunner

from geo.cli import app
from geo.errors import InputError
from maps.browser import PageLog
from maps.build import build_map
from maps.options import MapOptions

OpenHtml = Callable[..., PageLog]

EVENTS = """\
sources:
  - {id: s1, outlet: Example Wire, published: 2015-03}
presence:
  - {id: a, place: Sirte, lat: 31.205, lon: 16.588, actor: Group A, status: control,
     date: 2015-02, end: 2016-12, sources: [s1]}
  - {id: b, place: Derna, lat: 32.767, lon: 22.639, actor: Group A, status: cells,
     date: 2014-10, end: 2015-06, sources: [s1]}
"""


@pytest.fixture
def events(tmp_path: Path) -> Path:
    path = tmp_path / "events.yaml"
    path.write_text(EVENTS, encoding="utf-8")
    return path


def _opened_at(page: Page) -> tuple[str, str, int]:
    return (
        page.locator(".geo-date").inner_text(),
        page.locator(".geo-slider").input_value(),
        int(page.evaluate("geoMap.visibleCount()")),
    )


def test_at_is_where_the_page_opens(open_html: OpenHtml, page: Page) -> None:
    plain = build_map(libya(), MapOptions(offline=True))
    at = build_map(libya(), MapOptions(offline=True, at=date(2015, 1, 1)))
    assert at != plain and at == build_map(libya(), MapOptions(offline=True, at=date(2015, 1, 1)))
    open_html(plain)
    last = _opened_at(page)
    assert last[0] == "as of 2017-12-31" and last[2] == 7
    log = open_html(at)
    assert log.errors == [] and log.console_errors == []
    text, slider, visible = _opened_at(page)
    assert text == "as of 2015-01-01" and visible == 2
    assert int(slider) == (date(2015, 1, 1) - date(1970, 1, 1)).days


def test_at_outside_the_data_is_refused() -> None:
    with pytest.raises(InputError) as info:
        build_map(libya(), MapOptions(at=date(2030, 1, 1)))
    assert info.value.field == "at"


def test_cli_at_reaches_the_html(
    events: Path, tmp_path: Path, open_html: OpenHtml, page: Page
) -> None:
    outs = [tmp_path / name for name in ("a.html", "b.html", "plain.html")]
    runner = CliRunner()
    for out, extra in zip(outs, (["--at", "2014-12"], ["--at", "2014-12"], []), strict=True):
        res = runner.invoke(app, ["map", str(events), "-o", str(out), "--offline", *extra])
        assert res.exit_code == 0, res.output
    assert outs[0].read_bytes() == outs[1].read_bytes()  # deterministic
    assert outs[0].read_bytes() != outs[2].read_bytes()
    open_html(outs[0])
    assert _opened_at(page)[0] == "as of 2014-12-31"  # a month means its last day
    assert _opened_at(page)[2] == 1  # Derna only: Sirte starts in 2015-02
    open_html(outs[2])
    assert _opened_at(page)[0] == "as of 2016-12-31" and _opened_at(page)[2] == 2


@pytest.mark.parametrize(
    ("name", "points_to"),
    [("x.pdf", "--pdf"), ("x.PNG", "--png"), ("x.txt", "--png or --pdf"), ("x", "--png")],
)
def test_o_must_be_an_html_page(events: Path, tmp_path: Path, name: str, points_to: str) -> None:
    out = tmp_path / name
    result = CliRunner().invoke(app, ["map", str(events), "-o", str(out)])
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in result.output
    assert "error: -o: " in message and ".html" in message and points_to in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml"]


@pytest.mark.parametrize("name", ["x.HTML", "x.htm", "x.html"])
def test_o_takes_html_in_any_case(events: Path, tmp_path: Path, name: str) -> None:
    result = CliRunner().invoke(app, ["map", str(events), "-o", str(tmp_path / name), "--offline"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
