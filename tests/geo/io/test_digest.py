"""The digest that validation keeps instead of the records: exact in small space."""

from __future__ import annotations

import random

import pytest

from geo.io.digest import MAX_CONTEXT_POINTS, Column, ContextPoints, Digest, IdIndex
from geo.io.outlets import DEFINE_HINT
from geo.model import Estimate, Place, Presence, Source, Strength
from geo.points import Point
from geo.timespan import TimeSpan


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Column, "SIZE", 4)
    monkeypatch.setattr(IdIndex, "BLOB", 10)


def test_a_column_reads_back_across_its_chunks(small_chunks: None) -> None:
    col = Column("q")
    values = [random.Random(1).randint(-(2**63), 2**63 - 1) for _ in range(13)]
    for v in values:
        col.append(v)
    assert len(col) == 13
    assert [col[i] for i in range(13)] == values
    assert col.numpy().tolist() == values


def test_repeated_ids_are_found_with_their_first_place_across_files(small_chunks: None) -> None:
    ix = IdIndex()
    ids = ["a", "bb", "a", "ccc", "dddddddd", "bb", "a", "é", "x" * 20, "é"]
    for n, rid in enumerate(ids):
        ix.add(rid, "f.csv" if n < 5 else "g.csv", n + 2)
    assert list(ix.repeats()) == [
        ("a", ("f.csv", 2), ("f.csv", 4), 3),
        ("bb", ("f.csv", 3), ("g.csv", 7), 2),
        ("é", ("g.csv", 9), ("g.csv", 11), 2),
    ]


def test_ids_with_equal_hashes_are_not_repeats(monkeypatch: pytest.MonkeyPatch) -> None:
    ix = IdIndex()
    monkeypatch.setattr("geo.io.digest.hash", lambda _: 7, raising=False)
    for n, rid in enumerate(["p1", "p2", "p3", "p2"]):
        ix.add(rid, "f.csv", n + 2)
    assert [r[0] for r in ix.repeats()] == ["p2"]


def test_context_points_are_the_first_in_sorted_order_however_many() -> None:
    rng = random.Random(5)
    points = ContextPoints()
    every = set()
    for _ in range(20 * MAX_CONTEXT_POINTS):
        lat, lon = round(rng.uniform(-80, 80), 2), round(rng.uniform(-170, 170), 2)
        points.add(Place("x", Point(lat, lon), country="LY"))
        every.add((lat, lon, "LY"))
    assert points.points() == tuple(sorted(every)[:MAX_CONTEXT_POINTS])
    assert len(points.kept) <= 8 * MAX_CONTEXT_POINTS + 1


def _presence(
    name: str, line: int, *, sources: tuple[str, ...] = ("s",), rid: str = ""
) -> Presence:
    return Presence(
        Place(name), "IS", "cells", TimeSpan(), sources=sources, id=rid, file="f", line=line
    )


def test_each_place_and_undefined_source_is_counted_once_at_its_first_record() -> None:
    d = Digest()
    for line, (name, srcs) in enumerate(
        [("Derna", ("s",)), ("Sirte", ("t",)), ("Derna", ("t", "s")), ("Derna", ("u",))], 2
    ):
        d.add_presence(_presence(name, line, sources=srcs))
    uses = {place.name: (use.line, use.count) for (place, _), use in d.mentions.items()}
    assert uses == {"Derna": (2, 3), "Sirte": (3, 1)}
    problems = [str(p) for p in d.problems({"s": Source("s", "O")}, set())]
    how = f"; {DEFINE_HINT}"
    assert problems == [
        f"f:3: sources: source 't' is not defined (also on 1 more records) (defined: s){how}",
        f"f:5: sources: source 'u' is not defined (defined: s){how}",
    ]


def test_a_repeated_id_is_one_problem_however_often() -> None:
    d = Digest()
    for line in range(2, 7):
        d.add_presence(_presence("Derna", line, rid="p1"))
    assert [str(p) for p in d.problems({"s": Source("s", "O")}, set())] == [
        "f:3: id: 'p1' is already the id of f:2 (3 more records repeat it)"
    ]


def test_a_fatality_figure_cites_a_source_that_must_be_defined() -> None:
    d = Digest()
    d.add_presence(
        Presence(
            Place("Derna"),
            "IS",
            "attack",
            TimeSpan(),
            sources=("s",),
            file="f",
            line=2,
            fatalities=(Estimate(Strength(3, 3), source="nope"),),
        )
    )
    (problem,) = d.problems({"s": Source("s", "O")}, set())
    assert problem.message.startswith("source 'nope' is not defined")


@pytest.mark.parametrize("small", [0, 1000])  # Arrow's hash table, or a dict
def test_ids_taken_in_whole_are_the_ids_added_one_by_one(
    monkeypatch: pytest.MonkeyPatch, small: int
) -> None:
    import numpy as np

    from geo.io.csv_table import strings

    monkeypatch.setattr(IdIndex, "BLOB", 10)
    monkeypatch.setattr(IdIndex, "SMALL", small)
    ids = ["a", "bb", "ccc", "a", "dddddddddddd", "bb", "é", "a", "ccc", "x"]
    one, many = IdIndex(), IdIndex()
    for i, rid in enumerate(ids):
        one.add(rid, "f.csv", i + 2)
    many.add(ids[0], "f.csv", 2)
    many.extend(strings(ids[1:3]), "f.csv", np.arange(3, 5))
    many.add(ids[3], "f.csv", 5)
    many.extend(strings(ids[4:]), "f.csv", np.arange(6, 12))
    assert [many._id(i) for i in range(len(ids))] == ids
    assert list(many.repeats()) == list(one.repeats())
    assert list(one.repeats()) == [
        ("a", ("f.csv", 2), ("f.csv", 5), 3),
        ("bb", ("f.csv", 3), ("f.csv", 7), 2),
        ("ccc", ("f.csv", 4), ("f.csv", 10), 2),
    ]
