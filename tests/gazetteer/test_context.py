"""Names mentioned together resolve each other (through a small in-memory gazetteer).

Coordinates and populations are GeoNames facts (geonames.org, CC BY 4.0), rounded.
"""

from __future__ import annotations

import pytest

from gazetteer.candidate import Candidate
from gazetteer.context import demonym_country, resolve_in_context, rewrite_of
from gazetteer.rank import rank
from gazetteer.records import Match, PlaceRecord, RankContext


def rec(ident: str, name: str, lat: float, lon: float, cc: str, pop: int, **kw: str) -> PlaceRecord:
    alt = tuple(kw.get("alt", "").split("|")) if kw.get("alt") else ()
    return PlaceRecord(
        id=f"test:{ident}",
        name=name,
        lat=lat,
        lon=lon,
        country_code=cc,
        kind=kw.get("kind", "city"),
        population=pop,
        source="test",
        feature_code=kw.get("fcode", "PPL"),
        alternate_names=alt,
    )


RECORDS = [
    rec("tripoli-ly", "Tripoli", 32.887, 13.187, "LY", 1_150_989, kind="capital", fcode="PPLC"),
    rec("tripoli-lb", "Tripoli", 34.437, 35.850, "LB", 229_398, fcode="PPLA"),
    rec("tripoli-gr", "Tripoli", 37.509, 22.379, "GR", 30_866, fcode="PPLA2"),
    rec("tripoli-us", "Tripoli", 42.808, -92.261, "US", 1_286),
    rec("misrata", "Misrata", 32.375, 15.093, "LY", 386_120, alt="Misurata|Misratah"),
    rec("zliten", "Zliten", 32.467, 14.569, "LY", 109_972),
    rec("khums", "Al Khums", 32.649, 14.262, "LY", 201_943, alt="Homs|Khoms"),
    rec("homs", "Homs", 34.727, 36.723, "SY", 775_404, fcode="PPLA"),
    rec("beirut", "Beirut", 33.893, 35.502, "LB", 1_916_100, kind="capital", fcode="PPLC"),
    rec("damascus", "Damascus", 33.510, 36.291, "SY", 1_569_394, kind="capital", fcode="PPLC"),
    rec("libya", "Libya", 28.0, 17.0, "LY", 6_678_567, kind="country", fcode="PCLI"),
    rec("syria", "Syria", 35.0, 38.0, "SY", 22_198_110, kind="country", fcode="PCLI"),
    rec("ps", "Palestinian Territory", 31.9, 35.2, "PS", 4_569_087, kind="country", fcode="PCLI"),
    rec("palestine-tx", "Palestine", 31.762, -95.631, "US", 18_544),
    rec("tyler-tx", "Tyler", 32.351, -95.301, "US", 104_798),
    rec("athens-oh", "Athens", 39.329, -82.101, "US", 25_044),
    rec("athens-tx", "Athens", 32.205, -95.855, "US", 12_788),
    # US counties (Census Bureau centroids), without a population.
    rec("henderson-il", "Henderson County", 40.818, -90.925, "US", 0, kind="county"),
    rec("henderson-ky", "Henderson County", 37.796, -87.573, "US", 0, kind="county"),
    rec("henderson-tx", "Henderson County", 32.212, -95.851, "US", 0, kind="county"),
]


class FakeGazetteer:
    """Exact and alternate names over RECORDS, ranked by the real ranking."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, RankContext]] = []

    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        limit: int = 10,
        context: RankContext = RankContext(),
    ) -> list[Candidate]:
        self.calls.append((name, context))
        q = name.casefold()
        matches = [Match(r, q, r.name, "name") for r in RECORDS if r.name.casefold() == q] + [
            Match(r, q, a, "alternate")
            for r in RECORDS
            for a in r.alternate_names
            if a.casefold() == q
        ]
        return rank(matches, RankContext(country=country, points=context.points), limit=limit)


def ids(found: list[Candidate | None]) -> list[str | None]:
    return [c.id.removeprefix("test:") if c else None for c in found]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Tripoli"], ["tripoli-ly"]),
        (["Tripoli", "Misrata"], ["tripoli-ly", "misrata"]),
        (["Tripoli", "Beirut"], ["tripoli-lb", "beirut"]),
        (["Beirut", "Tripoli", "tripoli"], ["beirut", "tripoli-lb", "tripoli-lb"]),
        (["Homs"], ["homs"]),
        (["Homs", "Khoms"], ["khums", "khums"]),
        (["Homs", "Zliten"], ["khums", "zliten"]),
        (["Zliten", "Homs", "Tripoli"], ["zliten", "khums", "tripoli-ly"]),
        (["Homs", "Damascus"], ["homs", "damascus"]),
        (["Homs", "Nowhere", "Misurata"], ["khums", None, "misrata"]),
        ([], []),
        # Demonyms mean their country, and lend it as context.
        (["Libyan", "Homs"], ["libya", "khums"]),
        (["Syrians", "Homs"], ["syria", "homs"]),
        (["Lebanese"], [None]),
        # An alias competes with the places of the name itself; context decides.
        (["Palestine"], ["ps"]),
        (["Palestine", "Tyler"], ["palestine-tx", "tyler-tx"]),
        # Two ambiguous names with places next to each other: a town and its county.
        (["Athens", "Henderson County"], ["athens-tx", "henderson-tx"]),
    ],
)
def test_resolve_in_context(names: list[str], expected: list[str | None]) -> None:
    assert ids(resolve_in_context(FakeGazetteer(), names)) == expected


def test_country_preference_reaches_every_lookup() -> None:
    gaz = FakeGazetteer()
    assert ids(resolve_in_context(gaz, ["Tripoli", "Homs"], country="LB")) == [
        "tripoli-lb",
        "homs",
    ]
    assert all(ctx.country in (None, "LB") for _, ctx in gaz.calls)


def test_context_candidates_carry_context_reasons() -> None:
    tripoli, _ = resolve_in_context(FakeGazetteer(), ["Tripoli", "Beirut"])
    assert tripoli is not None
    assert "country of other places in the text (LB)" in tripoli.reasons


def test_same_input_same_output() -> None:
    names = ["Tripoli", "Homs", "Zliten", "Beirut"]
    first = resolve_in_context(FakeGazetteer(), names)
    assert resolve_in_context(FakeGazetteer(), names) == first


def test_each_distinct_name_is_looked_up_alone_once() -> None:
    gaz = FakeGazetteer()
    resolve_in_context(gaz, ["Tripoli", "TRIPOLI", " Tripoli "])
    assert len(gaz.calls) == 1


def test_demonym_says_what_it_stands_for() -> None:
    (libya,) = resolve_in_context(FakeGazetteer(), ["LIBYAN"])
    assert libya is not None
    assert (libya.matched, libya.reasons[0]) == ("LIBYAN", "demonym of Libya")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Libyan", ("LY", "Libya")),
        ("Americans", ("US", "United States")),
        ("  south   koreans ", ("KR", "South Korea")),
        ("British", ("GB", "United Kingdom")),
        ("Tripoli", None),
    ],
)
def test_demonym_country(name: str, expected: tuple[str, str] | None) -> None:
    assert demonym_country(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Residents of a US state or a Canadian province stand for it, singular or plural.
        ("Texan", ("Texas", "US", "region")),
        ("Ohioans", ("Ohio", "US", "region")),
        ("New Yorkers", ("New York", "US", "region")),
        ("Ontarians", ("Ontario", "CA", "region")),
        ("Quebecker", ("Quebec", "CA", "region")),
        # A demonym of a country still names the country; a place name is no alias.
        ("Georgians", ("Georgia", "GE", "country")),
        ("Texas", None),
    ],
)
def test_rewrite_of_residents(name: str, expected: tuple[str, str, str] | None) -> None:
    found = rewrite_of(name)
    assert (None if found is None else (found.name, found.country_code, found.kind)) == expected
