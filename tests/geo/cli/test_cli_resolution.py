"""The commands on the real gazetteer: warnings for choices, refusals, laziness."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from geo.cli import app, load

runner = CliRunner()

MALI = """\
sources:
  - {id: r1, outlet: Report, published: 2013}
presence:
  - {place: Gao, actor: MUJAO, status: control, date: 2012-06, source: r1}
  - {place: Mopti, actor: Army, status: control, date: 2013-01, source: r1}
  - {place: Kidal, actor: MNLA, status: control, date: 2012-04, source: r1}
  - {place: Tombouctou, actor: AQIM, status: control, date: 2012-04, source: r1}
  - {place: Tombouctou, precision: region, actor: AQIM, status: zone, date: 2012, source: r1}
"""


def test_a_typo_validates_with_one_warning_line(real: None, write: Callable[..., Path]) -> None:
    libya = "presence:\n" + "".join(
        f"  - {{place: {name}, actor: IS, status: cells, date: 2016}}\n"
        for name in ("Sirte", "Ubary", "Ghat", "Sabha")
    )
    path = write("t.yaml", libya)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"{path}:3: place: 'Ubary' taken as Ubari, LY (spelling)"]


def test_a_typo_across_a_border_is_a_problem_with_suggestions(
    real: None, write: Callable[..., Path]
) -> None:
    path = write("t.yaml", MALI.replace("{place: Gao,", "{place: Ubary,"))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "'Ubary' in the countries of the file's other places" in result.stdout
    assert "did you mean" in result.stdout


def test_a_far_namesake_is_a_problem(real: None, write: Callable[..., Path]) -> None:
    konna = "  - {place: Konna, actor: X, status: attack, date: 2013-01, source: r1}\n"
    path = write("m.yaml", MALI + konna)
    result = runner.invoke(app, ["validate", "--json", str(path)])
    assert result.exit_code == 2
    (problem,) = json.loads(result.stdout)["problems"]
    assert (problem["line"], problem["field"]) == (9, "place")
    assert "Conna" in problem["message"] and "give lat/lon or country" in problem["message"]


def test_precision_picks_the_town_or_the_region(real: None, write: Callable[..., Path]) -> None:
    path = write("m.yaml", MALI)
    out = path.with_suffix(".geojson")
    result = runner.invoke(app, ["export", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    town, region = features[3]["geometry"]["coordinates"], features[4]["geometry"]["coordinates"]
    assert abs(town[1] - 16.77) < 0.1  # Timbuktu, the town
    assert abs(region[1] - 19.91) < 0.1  # the Tombouctou region's label point


def test_validate_opens_no_gazetteer_for_coordinates(
    write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode() -> object:
        raise AssertionError("the gazetteer was opened")

    monkeypatch.setattr(load, "gazetteer_factory", explode)
    path = write("c.csv", "place,lat,lon,actor,status,date\nKonna,14.95,-3.89,X,attack,2013-01\n")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 places resolved" in result.stdout


def test_lookup_of_several_names_ranks_them_as_one_document(real: None) -> None:
    result = runner.invoke(app, ["lookup", "--json", "Tripoli", "Beirut"])
    assert result.exit_code == 0, result.output
    tripoli, beirut = json.loads(result.stdout)
    assert tripoli["candidates"][0]["country_code"] == "LB"
    assert tripoli["status"] == beirut["status"] == "resolved"
    result = runner.invoke(app, ["lookup", "--json", "Sirte", "Ubary"])
    _sirte, ubary = json.loads(result.stdout)
    assert ubary["status"] == "resolved" and ubary["candidates"][0]["name"] == "Ubari"


def test_distance_and_near_use_the_policy(real: None) -> None:
    result = runner.invoke(app, ["distance", "--json", "Tripoli", "Beirut"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["distance_km"] < 100  # the Lebanese Tripoli
    result = runner.invoke(app, ["near", "Qwxzt", "--radius-km", "10"])
    assert result.exit_code == 2 and "no place named 'Qwxzt'" in result.stderr
