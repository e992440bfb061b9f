"""Reading YAML event files: fields, precision, disagreeing figures, every bad input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from geo.errors import ValidationErrors
from geo.io.reader import load_dataset, read_dataset
from geo.model import Confidence, LocationPrecision, Mode, Strength
from geo.timespan import DatePrecision

GOOD = """\
# sources first; comments are allowed
sources:
  - id: news-2014-11
    outlet: News
    title: "A headline"
    published: 2014-11
    published_inferred: true
  - id: paper-2017
    outlet: Paper
    published: 2017-09-12
presence:
  - id: derna-2014
    place: Derna
    country: LY
    actor: Islamic State
    status: Control
    date: 2014-10
    end: 2015-06
    precision: near
    strength:
      - {value: 3000, source: news-2014-11}
      - {min: 4000, max: 6000, source: paper-2017, note: our words}
    sources: [news-2014-11, paper-2017]
    confidence: claimed
    note: camps on the outskirts
  - place: Camp
    lat: 32.5
    lon: 22.1
    actor: Islamic State
    status: training camp
    date: 2015
    end: ..
    strength: 4000-6000
    source: paper-2017
movements:
  - id: south
    actor: Islamic State
    waypoints:
      - {place: Sirte, date: 2016-12}
      - {place: Ghat, mode: overland}
      - {place: Ubari, mode: overland, date: 2017}
    strength: 300
    sources: [paper-2017]
"""


def test_good_file_reads_every_field(write: Callable[..., Path]) -> None:
    data = read_dataset([write("good.yaml", GOOD)])
    assert list(data.sources) == ["news-2014-11", "paper-2017"]
    src = data.sources["news-2014-11"]
    assert (str(src.published), src.published_inferred, src.line) == ("2014-11", True, 3)
    derna, camp = data.presence
    assert derna.place.name == "Derna" and derna.place.country == "LY"
    assert derna.place.point is None
    assert derna.status == "control"  # a free word, kept in lower case
    assert (str(derna.span.start), str(derna.span.end)) == ("2014-10", "2015-06")
    assert derna.span.start is not None and derna.span.start.precision is DatePrecision.MONTH
    assert derna.precision is LocationPrecision.NEAR
    assert derna.confidence is Confidence.CLAIMED
    # Disagreement is data: both figures survive, each with its source.
    assert [(e.strength, e.source, e.note) for e in derna.estimates] == [
        (Strength(3000, 3000), "news-2014-11", ""),
        (Strength(4000, 6000), "paper-2017", "our words"),
    ]
    assert derna.sources == ("news-2014-11", "paper-2017")
    assert (derna.line, derna.id) == (12, "derna-2014")
    assert derna.file.endswith("good.yaml")
    assert camp.place.point is not None and camp.place.point.lat == 32.5
    assert camp.span.end is None and str(camp.span.start) == "2015"
    assert camp.estimates[0].strength == Strength(4000, 6000)
    assert camp.sources == ("paper-2017",)
    (move,) = data.movements
    assert [w.place.name for w in move.waypoints] == ["Sirte", "Ghat", "Ubari"]
    assert move.modes == (Mode.OVERLAND, Mode.OVERLAND)
    assert [w.line for w in move.waypoints] == [39, 40, 41]
    # Without its own date, a movement spans its waypoints' dates.
    assert (str(move.span.start), str(move.span.end)) == ("2016-12", "2017")


def test_country_no_stays_norway(write: Callable[..., Path]) -> None:
    text = GOOD.replace("country: LY", "country: NO")
    data = read_dataset([write("no.yaml", text)])
    assert data.presence[0].place.country == "NO"


def _problems(path: Path) -> list[tuple[int | None, str | None, str]]:
    _, problems = load_dataset([path])
    return [(p.line, p.field, p.message) for p in problems]


BAD = [
    ("date: 2014-10", "date: 2016-13", 17, "date", "not a valid date"),
    ("{min: 4000, max: 6000,", "{min: 6000, max: 4000,", 22, "strength", "reversed"),
    ("{value: 3000,", "{amount: 3000,", 21, "strength", "unknown key 'amount'"),
    ("end: 2015-06", "end: 2013", 18, "end", "before start"),
    ("precision: near", "precision: close", 19, "precision", "not one of exact | near | region"),
    ("confidence: claimed", "confidence: sure", 24, "confidence", "not one of"),
    ("strength: 4000-6000", "strength: -5", 33, "strength", "negative"),
    ("strength: 4000-6000", "strength: many", 33, "strength", "not a number"),
    ("lat: 32.5", "lat: 95", 27, "lat", "outside -90..90"),
    ("lon: 22.1", "lon: east", 28, "lon", "not a number"),
    ("    lat: 32.5\n", "", 26, "lat", "lat and lon go together"),
    (
        "    actor: Islamic State\n    status: Control",
        "    status: Control",
        12,
        "actor",
        "required",
    ),
    ("    date: 2014-10\n", "", 12, "date", "missing"),
    ("    source: paper-2017", "    source: Paper 2017", 34, "sources", "not a source id"),
    ("country: LY", "country: Libya", 14, "country", "not a two-letter country code"),
    ("    note: camps", "    colour: red\n    note: camps", 25, "colour", "unknown field"),
    ("{place: Ghat, mode: overland}", "{place: Ghat, mode: camel}", 40, "mode", "not one of"),
    ("{place: Sirte, date: 2016-12}", "{place: Sirte, date: 2018}", 41, "date", "before the"),
    ("published: 2014-11", "published: 2014-11-31", 6, "published", "not a valid date"),
    ("    outlet: Paper\n", "", 8, "outlet", "required"),
    ('    title: "A headline"', '    title: "A"\n    title: "B"', 6, "title", "twice"),
]


@pytest.mark.parametrize(("old", "new", "line", "field", "message"), BAD, ids=lambda v: str(v))
def test_each_bad_field_is_named_with_its_line(
    write: Callable[..., Path], old: str, new: str, line: int, field: str, message: str
) -> None:
    assert old in GOOD
    problems = _problems(write("bad.yaml", GOOD.replace(old, new, 1)))
    assert any(p[1] == field and message in p[2] for p in problems), problems
    hit = next(p for p in problems if p[1] == field and message in p[2])
    assert hit[0] == line, problems


def test_every_problem_in_one_run(write: Callable[..., Path]) -> None:
    text = (
        GOOD.replace("date: 2014-10", "date: 2016-13")
        .replace("lat: 32.5", "lat: 95")
        .replace("strength: 4000-6000", "strength: -5")
        .replace("sources: [paper-2017]", "sources: [nobody]")
    )
    path = write("many.yaml", text)
    with pytest.raises(ValidationErrors) as caught:
        read_dataset([path])
    fields = [p.field for p in caught.value.problems]
    assert fields == ["date", "lat", "strength", "sources"]
    assert str(caught.value.problems[-1]).startswith(
        f"{caught.value.problems[-1].file}:36: "
    )  # the record
    assert "and 3 more problems" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("", 1, "file", "empty"),
        ("# only a comment\n", 1, "file", "empty"),
        ("presence: [\n  - place\n", 2, "yaml", "not valid YAML"),
        ("- a\n- b\n", 1, "file", "expected a mapping"),
        ("events:\n  - {}\n", 1, "events", "unknown section"),
        ("presence:\n  place: Derna\n", 1, "presence", "expected a list"),
        ("presence:\n  - Derna\n", 1, "presence", "expected a record"),
    ],
)
def test_bad_documents(
    write: Callable[..., Path], text: str, line: int, field: str, message: str
) -> None:
    problems = _problems(write("doc.yaml", text))
    assert any(p[0] == line and p[1] == field and message in p[2] for p in problems), problems


def test_movement_needs_two_waypoints(write: Callable[..., Path]) -> None:
    text = "movements:\n  - actor: X\n    date: 2016\n    waypoints:\n      - {place: Sirte}\n"
    problems = _problems(write("m.yaml", text))
    assert problems == [(4, "waypoints", "a movement needs two or more waypoints")]
