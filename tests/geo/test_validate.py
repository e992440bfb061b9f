"""Resolving places through a gazetteer and validating whole datasets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geo.errors import ValidationErrors
from geo.io.reader import read_dataset
from geo.resolve import resolve_dataset
from geo.validate import read_resolved, validate

FakeResolver = Any  # the fixture of conftest.py (tests are not a package)

SOURCES = "sources:\n  - {id: news-1, outlet: News, published: 2015}\n"


def _presence(*places: str, country: str = "") -> str:
    hint = f", country: {country}" if country else ""
    rows = "".join(
        f"  - {{place: {p}, actor: IS, status: control, date: 2015, source: news-1{hint}}}\n"
        for p in places
    )
    return SOURCES + "presence:\n" + rows


def test_places_get_points_and_ids(write: Callable[..., Path], resolver: FakeResolver) -> None:
    data = read_dataset([write("a.yaml", _presence("Derna", "Sirte"))])
    resolved = resolve_dataset(data, resolver)
    derna = resolved.presence[0].place
    assert derna.point is not None and (derna.point.lat, derna.point.lon) == (32.767, 22.639)
    assert derna.gazetteer_id == "geonames:87205" and derna.name == "Derna"
    assert resolved.presence[0].line == data.presence[0].line  # records keep where they came from


def test_each_distinct_name_is_looked_up_once(
    write: Callable[..., Path], resolver: FakeResolver
) -> None:
    data = read_dataset([write("a.yaml", _presence(*["Derna", "Sirte"] * 50, "derna"))])
    resolve_dataset(data, resolver)
    assert sorted(resolver.lookups) == [("Derna", None), ("Sirte", None)]


def test_unknown_place_suggests_and_counts_repeats(
    write: Callable[..., Path], resolver: FakeResolver
) -> None:
    data = read_dataset([write("a.yaml", _presence("Derna", "Dernaa", "Dernaa"))])
    with pytest.raises(ValidationErrors) as caught:
        resolve_dataset(data, resolver)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (5, "place")
    assert problem.message == (
        "no place named 'Dernaa'; did you mean Derna? (also on 1 more records)"
    )


def test_ambiguous_name_lists_candidates(
    write: Callable[..., Path], resolver: FakeResolver
) -> None:
    data = read_dataset([write("a.yaml", _presence("Springfield"))])
    with pytest.raises(ValidationErrors) as caught:
        resolve_dataset(data, resolver)
    (problem,) = caught.value.problems
    assert problem.field == "place" and "'Springfield' is ambiguous" in problem.message
    assert "US" in problem.message and "NZ" in problem.message
    assert "give country:" in problem.message


def test_a_far_larger_place_is_not_ambiguous(
    write: Callable[..., Path], resolver: FakeResolver
) -> None:
    data = read_dataset([write("a.yaml", _presence("Athens"))])
    assert resolve_dataset(data, resolver).presence[0].place.gazetteer_id == "geonames:264371"


def test_close_scores_and_populations_stay_ambiguous(
    write: Callable[..., Path], resolver: FakeResolver
) -> None:
    data = read_dataset([write("a.yaml", _presence("Homs"))])
    with pytest.raises(ValidationErrors, match="'Homs' is ambiguous"):
        resolve_dataset(data, resolver)


def test_a_country_hint_settles_an_ambiguous_name(
    write: Callable[..., Path], resolver: FakeResolver
) -> None:
    data = read_dataset([write("a.yaml", _presence("Springfield", country="NZ"))])
    place = resolve_dataset(data, resolver).presence[0].place
    assert place.gazetteer_id == "geonames:2181000" and place.country == "NZ"


def test_the_dataset_settles_an_ambiguous_name(
    write: Callable[..., Path], resolver: FakeResolver
) -> None:
    # Tripoli LY and LB score alike; the other places are Libyan, so Tripoli is too.
    data = read_dataset([write("a.yaml", _presence("Tripoli", "Derna", "Sirte"))])
    assert resolve_dataset(data, resolver).presence[0].place.gazetteer_id == "geonames:2210247"


def test_waypoints_are_resolved(write: Callable[..., Path], resolver: FakeResolver) -> None:
    text = SOURCES + (
        "movements:\n  - actor: IS\n    source: news-1\n    waypoints:\n"
        "      - {place: Sirte, date: 2016-12}\n      - {place: Nowhere}\n"
        "      - {place: Ubari, lat: 26.6, lon: 12.8}\n"
    )
    report = validate([write("m.yaml", text)], resolver)
    (problem,) = report.problems
    assert (problem.line, problem.field) == (8, "place")
    sirte, nowhere, ubari = report.dataset.movements[0].waypoints
    assert sirte.place.point is not None and nowhere.place.point is None
    assert ubari.place.point is not None and ubari.place.point.lat == 26.6  # given, kept
    assert ("Ubari", None) not in resolver.lookups


def test_validate_reports_every_problem_in_file_order(
    write: Callable[..., Path], resolver: FakeResolver
) -> None:
    a = write("a.yaml", _presence("Derna", "Atlantis").replace("date: 2015,", "date: 2015-13,", 1))
    b = write("b.csv", "place,date,actor,status,source\nSirte,2016,IS,control,nobody\n")
    c = write("c.yaml", SOURCES)  # defines news-1 again
    report = validate([a, b, c], resolver)
    found = [(Path(p.file or "").name, p.line, p.field) for p in report.problems]
    assert found == [
        ("a.yaml", 4, "date"),
        ("a.yaml", 5, "place"),
        ("b.csv", 2, "sources"),
        ("c.yaml", 2, "id"),
    ]
    assert not report.ok
    assert "already defined at" in report.problems[-1].message


def test_duplicate_record_ids(write: Callable[..., Path], resolver: FakeResolver) -> None:
    text = _presence("Derna", "Sirte").replace("{place:", "{id: same, place:")
    report = validate([write("a.yaml", text)], resolver)
    assert [(p.line, p.field) for p in report.problems] == [(5, "id")]
    assert "already the id of" in report.problems[0].message


def test_summary_and_json(write: Callable[..., Path], resolver: FakeResolver) -> None:
    report = validate([write("a.yaml", _presence("Derna", "Sirte", "Derna"))], resolver)
    assert report.ok
    assert report.summary() == "OK: 1 sources, 3 presence records, 0 movements, 2 places resolved"
    assert report.to_dict()["places_resolved"] == 2 and report.to_dict()["problems"] == []


def test_read_resolved_raises_with_all_problems(
    write: Callable[..., Path], resolver: FakeResolver
) -> None:
    path = write("a.yaml", _presence("Atlantis", "Lemuria"))
    with pytest.raises(ValidationErrors) as caught:
        read_resolved([path], resolver)
    assert [p.line for p in caught.value.problems] == [4, 5]


def test_a_name_the_gazetteer_refuses_is_a_problem(
    write: Callable[..., Path], resolver: FakeResolver
) -> None:
    # U+0085 is a C1 control: XML (so the reader) allows it, the gazetteer does not
    csv = write(
        "p.csv", "place,date,actor,status\nDer\x85na,2015,IS,control\nDerna,2015,IS,control\n"
    )
    report = validate([csv], resolver)
    assert [(p.line, p.field, p.message) for p in report.problems] == [
        (2, "place", "control character '\\x85' in place name")
    ]
    assert report.dataset.presence[1].place.point is not None


def test_a_country_hint_is_a_condition(write: Callable[..., Path], resolver: FakeResolver) -> None:
    report = validate([write("a.yaml", _presence("Derna", country="EG"))], resolver)
    assert [p.message for p in report.problems] == [
        "no place named 'Derna' in EG (elsewhere: Derna (LY, 32.77, 22.64, geonames:87205))"
    ]


@pytest.mark.parametrize(
    ("cited", "hint"),
    [
        ("news-2", "; did you mean news-1?"),
        ("xyz", " (defined: news-1)"),
    ],
)
def test_an_undefined_source_gets_a_hint(
    write: Callable[..., Path], resolver: FakeResolver, cited: str, hint: str
) -> None:
    text = _presence("Derna").replace("source: news-1", f"source: {cited}")
    report = validate([write("a.yaml", text)], resolver)
    how = "; define sources in a CSV with an `outlet` column (id, outlet, ...) or in a `sources:`"
    assert [p.message for p in report.problems] == [
        f"source {cited!r} is not defined{hint}{how} section"
    ]
