"""The pieces of "changes since" (maps/changes.py) and ``geo map --since``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import shapely
from typer.testing import CliRunner

from geo.areas import canonical
from geo.cli.app import app
from geo.errors import InputError
from geo.model import Area, Dataset, Place, Presence
from geo.points import Point
from geo.timespan import TimeSpan
from maps.areas import CLASS_NAMES, payload_areas
from maps.build import build_map
from maps.changes import change_pieces
from maps.options import MapOptions
from maps.shapes import ShapeTable

HELD = CLASS_NAMES.index("control")


def box(w: float, s: float, e: float, n: float) -> Area:
    return Area(canonical(shapely.box(w, s, e, n)), "", 0.0)


def held(actor: str, area: Area, start: str, end: str, status: str = "control") -> Presence:
    return Presence(
        Place("X", Point(0.5, 0.5)), actor, status, TimeSpan.parse(start, end), area=area
    )


SHAPES = ShapeTable()


def pieces_of(*records: Presence) -> list[dict[str, Any]]:
    areas, _ = payload_areas(records, shapes=SHAPES)
    return change_pieces(areas, HELD, SHAPES)


def outline(piece: dict[str, Any]) -> Any:
    return SHAPES.geoms[piece["s"]]


def test_two_overlapping_areas_make_three_pieces_that_tile_their_union() -> None:
    a, b = box(0, 0, 2, 2), box(1, 0, 3, 2)
    pieces = pieces_of(held("A", a, "2015-01", "2015-06"), held("A", b, "2015-04", "2015-12"))
    assert [p["m"] for p in pieces] == [[0], [0, 1], [1]]
    areas = {tuple(p["m"]): outline(p) for p in pieces}
    assert areas[(0,)].equals(shapely.box(0, 0, 1, 2))
    assert areas[(0, 1)].equals(shapely.box(1, 0, 2, 2))
    assert areas[(1,)].equals(shapely.box(2, 0, 3, 2))
    # each piece has a label point inside it
    for p in pieces:
        lat, lon = p["p"]
        assert outline(p).contains(shapely.Point(lon, lat))


def test_actors_are_cut_apart_and_other_classes_are_not_held() -> None:
    a = box(0, 0, 2, 2)
    pieces = pieces_of(
        held("A", a, "2015-01", "2015-06"),
        held("B", box(1, 1, 3, 3), "2015-01", "2015-06"),
        held("A", box(0, 0, 5, 5), "2015-01", "2015-06", status="presence"),  # a support zone
        held("A", box(0, 0, 5, 5), "2015-01", "2015-06", status="attack"),
    )
    assert [(p["a"], p["m"]) for p in pieces] == [(0, [0]), (1, [1])]
    assert outline(pieces[0]).equals(shapely.box(0, 0, 2, 2))


def test_the_same_outline_on_several_records_is_one_piece() -> None:
    a = box(0, 0, 2, 2)
    pieces = pieces_of(held("A", a, "2015-01", "2015-03"), held("A", a, "2015-05", "2015-09"))
    assert [p["m"] for p in pieces] == [[0, 1]]


def test_a_hole_covered_by_no_area_is_no_piece() -> None:
    ring = shapely.box(0, 0, 4, 4).difference(shapely.box(1, 1, 3, 3))
    donut = Area(canonical(ring), "", 0.0)
    pieces = pieces_of(
        held("A", donut, "2015-01", "2015-03"), held("A", box(3, 0, 5, 4), "2015", "2015")
    )
    union = shapely.union_all([outline(p) for p in pieces])
    assert union.equals(shapely.union_all([ring, shapely.box(3, 0, 5, 4)]))
    assert not union.contains(shapely.Point(2, 2))


def test_pieces_are_snapped_to_the_grid_and_the_same_every_time() -> None:
    r = (
        held("A", box(0.123456, 0, 2, 2), "2015-01", "2015-06"),
        held("A", box(1, 0, 3, 2), "2015", "2015"),
    )
    first, again = pieces_of(*r), pieces_of(*r)
    assert first == again  # the same outlines: the same indexes in the table
    xs = shapely.get_coordinates([outline(p) for p in first])[:, 0]
    assert (abs(xs * 1e4 - (xs * 1e4).round()) < 1e-6).all()


def data() -> Dataset:
    return Dataset(presence=(
        held("Islamic State", box(16, 31, 17, 31.5), "2015-02", "2016-12"),
        held("Islamic State", box(22, 32, 23, 33), "2014-10", "2015-06"),
    ))  # fmt: skip


def test_build_map_with_since_carries_the_pieces_and_the_day() -> None:
    page = build_map(data(), MapOptions(offline=True, since=date(2015, 1, 1)))
    assert '"changes":[' in page and '"since":16436' in page  # 2015-01-01
    plain = build_map(data(), MapOptions(offline=True))
    assert '"changes":' not in plain and '"since":null' in plain


def test_since_outside_the_dates_or_without_control_areas_is_refused() -> None:
    with pytest.raises(InputError, match=r"outside the data's dates"):
        build_map(data(), MapOptions(since=date(2020, 1, 1)))
    support = Dataset(presence=(held("A", box(0, 0, 1, 1), "2015", "2015", status="presence"),))
    with pytest.raises(InputError, match="no areas of the class 'control'"):
        build_map(support, MapOptions(since=date(2015, 3, 1)))


def test_cli_since_writes_the_view_and_names_the_option_on_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "m.html"
    ok = runner.invoke(app, ["map", "--offline", "-o", str(out), "--since", "2014-12"])
    assert ok.exit_code == 0, ok.output
    assert '"changes":[' in out.read_text(encoding="utf-8")
    bad = runner.invoke(
        app, ["map", "--offline", "-o", str(tmp_path / "n.html"), "--since", "2031"]
    )
    assert bad.exit_code == 2
    assert "--since: 2031-01-01 is outside the data's dates" in bad.output
    assert not (tmp_path / "n.html").exists()
    junk = runner.invoke(app, ["map", "-o", str(tmp_path / "j.html"), "--since", "June"])
    assert junk.exit_code == 2 and "--since:" in junk.output
