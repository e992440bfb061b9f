"""Sources given by outlet name in spreadsheet cells: made once each where a dataset
defines none, an error (with did-you-mean and how to define them) where it does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from geo.io.options import ReadOptions
from geo.io.outlets import outlet_id, outlet_names, source_refs
from geo.io.reader import load_dataset

HOW = (
    "; define sources in a CSV with an `outlet` column (id, outlet, ...) or in a `sources:` section"
)


@pytest.mark.parametrize(
    ("name", "sid"),
    [
        ("Reuters", "reuters"),
        ("Libya Herald", "libya-herald"),
        ("Al-Wasat (Libya)", "al-wasat-libya"),
        ("Le Monde diplomatique", "le-monde-diplomatique"),
        ("Agence France-Presse", "agence-france-presse"),
        ("Café Crème", "cafe-creme"),
    ],
)
def test_outlet_ids(name: str, sid: str) -> None:
    assert outlet_id(name) == sid


def test_a_name_without_latin_letters_gets_a_stable_id() -> None:
    assert outlet_id("الوسط") == outlet_id("الوسط") != outlet_id("ليبيا")
    assert outlet_id("الوسط").startswith("outlet-")


def test_cells() -> None:
    assert outlet_names("Libya Herald, 12 Jan 2016; Reuters; Reuters") == (
        "Libya Herald",
        "Reuters",
    )
    assert source_refs("wsj-2017; afp-3") == (("wsj-2017", "afp-3"), ())
    assert source_refs("Reuters") == (("reuters",), (("reuters", "Reuters"),))
    assert source_refs("reuters", names=True) == (("reuters",), (("reuters", "reuters"),))


CSV = "place,lat,lon,actor,status,date,source\n" + "".join(
    f"X{i},1,2,A,attack,2016,{cell}\n"
    for i, cell in enumerate(["Reuters", '"Libya Herald, 12 Jan 2016"', "Reuters; AFP"])
)


def test_without_defined_sources_one_source_per_outlet(write: Callable[..., Path]) -> None:
    options = ReadOptions()
    data, problems = load_dataset([write("a.csv", CSV)], options)
    assert problems == []
    assert {s.id: (s.outlet, s.line) for s in data.sources.values()} == {
        "reuters": ("Reuters", 2),
        "libya-herald": ("Libya Herald", 3),
        "afp": ("AFP", 4),
    }
    assert options.notices == ["made 3 sources from outlet names (the dataset defines none)"]


def test_with_defined_sources_an_outlet_name_must_match(write: Callable[..., Path]) -> None:
    sources = write("s.csv", "id,outlet\nreuters-1,Reuters\nafp,Agence France-Presse\n")
    data, problems = load_dataset([sources, write("a.csv", CSV)])
    reuters = (
        "source 'Reuters' (id reuters) is not defined (also on 1 more records); "
        f"did you mean reuters-1?{HOW}"
    )
    herald = (
        f"source 'Libya Herald' (id libya-herald) is not defined (defined: afp, reuters-1){HOW}"
    )
    assert [(p.line, p.field, p.message) for p in problems] == [
        (2, "sources", reuters),
        (3, "sources", herald),
    ]  # each undefined source once, at its first record
    assert len(data.sources) == 2  # no source was made up beside the defined ones


def test_an_undefined_id_stays_an_error(write: Callable[..., Path]) -> None:
    text = "sources:\n  - {id: news-1, outlet: News}\npresence:\n" + (
        "  - {place: X, lat: 1, lon: 2, actor: A, status: s, date: 2016, source: news-2}\n"
    )
    _, problems = load_dataset([write("a.yaml", text)])
    assert [p.message for p in problems] == [
        f"source 'news-2' is not defined; did you mean news-1?{HOW}"
    ]
