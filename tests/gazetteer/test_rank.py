"""Ranking: hand-built records for names that mean several places.

Coordinates and populations are GeoNames facts (geonames.org, CC BY 4.0), rounded.
"""

from __future__ import annotations

import pytest

from gazetteer.rank import (
    INSIDE_KM,
    REGION_REACH_KM,
    context_score,
    is_city_of,
    match_quality,
    rank,
)
from gazetteer.records import Match, MatchHow, PlaceRecord, RankContext


def rec(
    ident: str,
    name: str,
    lat: float,
    lon: float,
    cc: str,
    pop: int | None,
    kind: str = "city",
    fcode: str = "PPL",
    alt: tuple[str, ...] = (),
) -> PlaceRecord:
    return PlaceRecord(
        id=f"test:{ident}",
        name=name,
        lat=lat,
        lon=lon,
        country_code=cc,
        kind=kind,
        population=pop,
        source="test",
        feature_code=fcode,
        alternate_names=alt,
    )


TRIPOLI_LY = rec("tripoli-ly", "Tripoli", 32.887, 13.187, "LY", 1_150_989, "capital", "PPLC")
TRIPOLI_LB = rec("tripoli-lb", "Tripoli", 34.437, 35.850, "LB", 229_398, fcode="PPLA")
TRIPOLI_GR = rec("tripoli-gr", "Tripoli", 37.509, 22.379, "GR", 30_866, fcode="PPLA2")
TRIPOLI_US = rec("tripoli-us", "Tripoli", 42.808, -92.261, "US", 1_286)
HOMS_SY = rec("homs-sy", "Homs", 34.727, 36.723, "SY", 775_404, fcode="PPLA")
KHUMS_LY = rec("khums-ly", "Al Khums", 32.649, 14.262, "LY", 201_943, alt=("Homs", "Khoms"))
ATHENS_GR = rec("athens-gr", "Athens", 37.984, 23.728, "GR", 664_046, "capital", "PPLC")
ATHENS_GA = rec("athens-ga", "Athens", 33.961, -83.378, "US", 127_315, fcode="PPLA2")
MANCHESTER_GB = rec("manchester-gb", "Manchester", 53.481, -2.237, "GB", 395_515, fcode="PPLA2")
MANCHESTER_NH = rec("manchester-nh", "Manchester", 42.996, -71.455, "US", 110_506)

MISRATA = (32.375, 15.093, "LY")
ZLITEN = (32.467, 14.569, "LY")
BEIRUT = (33.893, 35.502, "LB")
ATLANTA = (33.749, -84.388, "US")
PIRAEUS = (37.943, 23.647, "GR")
CONCORD_NH = (43.208, -71.538, "US")
LEEDS = (53.797, -1.548, "GB")
DAMASCUS = (33.510, 36.291, "SY")


def m(record: PlaceRecord, how: MatchHow = "name", matched: str = "", distance: int = 0) -> Match:
    return Match(record, record.name.lower(), matched or record.name, how, distance)


TRIPOLIS = [m(TRIPOLI_US), m(TRIPOLI_GR), m(TRIPOLI_LB), m(TRIPOLI_LY)]
HOMSES = [m(KHUMS_LY, "alternate", "Homs"), m(HOMS_SY)]
ATHENSES = [m(ATHENS_GA), m(ATHENS_GR)]
MANCHESTERS = [m(MANCHESTER_NH), m(MANCHESTER_GB)]


@pytest.mark.parametrize(
    ("matches", "context", "expected"),
    [
        # Alone, the biggest and most prominent place wins.
        (TRIPOLIS, RankContext(), TRIPOLI_LY),
        (HOMSES, RankContext(), HOMS_SY),
        (ATHENSES, RankContext(), ATHENS_GR),
        (MANCHESTERS, RankContext(), MANCHESTER_GB),
        # The other places in the text move the choice.
        (TRIPOLIS, RankContext(points=(MISRATA,)), TRIPOLI_LY),
        (TRIPOLIS, RankContext(points=(BEIRUT,)), TRIPOLI_LB),
        (HOMSES, RankContext(points=(ZLITEN, MISRATA)), KHUMS_LY),
        (HOMSES, RankContext(points=(DAMASCUS,)), HOMS_SY),
        (ATHENSES, RankContext(points=(ATLANTA,)), ATHENS_GA),
        (ATHENSES, RankContext(points=(PIRAEUS,)), ATHENS_GR),
        (MANCHESTERS, RankContext(points=(CONCORD_NH,)), MANCHESTER_NH),
        (MANCHESTERS, RankContext(points=(LEEDS,)), MANCHESTER_GB),
        # The user's country preference.
        (TRIPOLIS, RankContext(country="LB"), TRIPOLI_LB),
        (TRIPOLIS, RankContext(country="gr"), TRIPOLI_GR),
        (TRIPOLIS, RankContext(country="US"), TRIPOLI_US),
        (HOMSES, RankContext(country="LY"), KHUMS_LY),
        (ATHENSES, RankContext(country="US"), ATHENS_GA),
        (MANCHESTERS, RankContext(country="US"), MANCHESTER_NH),
    ],
    ids=lambda v: v.id if isinstance(v, PlaceRecord) else None,
)
def test_best_candidate(matches: list[Match], context: RankContext, expected: PlaceRecord) -> None:
    ranked = rank(matches, context)
    assert ranked[0].id == expected.id
    assert len(ranked) == len(matches)
    assert all(0.0 <= c.score <= 1.0 for c in ranked)
    assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)


def test_order_does_not_depend_on_input_order() -> None:
    context = RankContext(points=(BEIRUT,))
    assert rank(TRIPOLIS, context) == rank(list(reversed(TRIPOLIS)), context)


def test_ties_are_broken_by_id() -> None:
    twin_b = rec("b", "Twin", 10.0, 10.0, "XX", None)
    twin_a = rec("a", "Twin", 20.0, 20.0, "XX", None)
    twin_c = rec("c", "Twin", 30.0, 30.0, "XX", None)
    ranked = rank([m(twin_b), m(twin_c), m(twin_a)])
    assert [c.id for c in ranked] == ["test:a", "test:b", "test:c"]


def test_one_record_matched_by_several_forms_is_kept_once_with_its_best_match() -> None:
    matches = [
        m(KHUMS_LY, "fuzzy", "Homs", distance=1),
        m(KHUMS_LY, "alternate", "Khoms"),
        m(KHUMS_LY, "name", "Al Khums"),
    ]
    (only,) = rank(matches)
    assert only.matched == "Al Khums"
    assert only.reasons[0] == "exact name"


@pytest.mark.parametrize(
    ("match", "reason"),
    [
        (m(TRIPOLI_LY), "exact name"),
        (m(KHUMS_LY, "alternate", "Khoms"), "alternate name 'Khoms'"),
        (m(TRIPOLI_LY, "fuzzy", "Tripoli", distance=1), "1 edit from 'Tripoli'"),
        (m(TRIPOLI_LY, "fuzzy", "Tripoli", distance=2), "2 edits from 'Tripoli'"),
        (m(TRIPOLI_LY, "code", "TIP"), "code 'TIP'"),
    ],
)
def test_match_reason(match: Match, reason: str) -> None:
    assert rank([match])[0].reasons[0] == reason


def test_reasons_name_population_kind_preference_and_context() -> None:
    best = rank(TRIPOLIS, RankContext(country="LY", points=(MISRATA,)))[0]
    assert best.reasons == (
        "exact name",
        "population 1,150,989",
        "capital",
        "in preferred country LY",
        "187 km from other places in the text",
        "country of other places in the text (LY)",
    )


def test_no_context_reasons_without_context() -> None:
    reasons = " ".join(rank(TRIPOLIS)[-1].reasons)
    assert "text" not in reasons and "preferred" not in reasons


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        (m(TRIPOLI_LY), m(TRIPOLI_LY, "alternate", "Tarabulus")),
        (m(TRIPOLI_LY, "alternate", "Tarabulus"), m(TRIPOLI_LY, "fuzzy", "Tripoli", distance=1)),
        (m(TRIPOLI_LY, "fuzzy", "Tripoli", distance=1), m(TRIPOLI_LY, "fuzzy", "Tripoli", 2)),
    ],
)
def test_match_quality_order(better: Match, worse: Match) -> None:
    assert match_quality(better) > match_quality(worse)


def test_exact_name_beats_fuzzy_match_of_a_bigger_place() -> None:
    sabratha = rec("sabratha", "Sabratha", 32.793, 12.488, "LY", 102_038)
    village = rec("sabrata", "Sabrata", 10.0, 10.0, "XX", 200)
    ranked = rank([m(sabratha, "fuzzy", "Sabratha", distance=1), m(village)])
    assert ranked[0].id == village.id
    assert ranked[1].reasons[0] == "1 edit from 'Sabratha'"


def test_limit_keeps_the_best() -> None:
    assert [c.id for c in rank(TRIPOLIS, limit=2)] == [c.id for c in rank(TRIPOLIS)[:2]]
    assert rank(TRIPOLIS, limit=0) == []


def test_empty_matches() -> None:
    assert rank([]) == []


def test_candidate_carries_the_record() -> None:
    best = rank([m(KHUMS_LY, "alternate", "Homs")])[0]
    assert (best.name, best.lat, best.lon, best.country_code) == ("Al Khums", 32.649, 14.262, "LY")
    assert (best.population, best.source, best.matched) == (201_943, "test", "Homs")


MISRATA_CITY = rec("misrata", "Misrata", 32.375, 15.093, "LY", 386_120, alt=("Misratah",))
MISRATA_DISTRICT = rec("misrata-district", "Misratah", 31.739, 13.954, "LY", None, "region")
CALIFORNIA_STATE = rec("california", "California", 37.250, -119.751, "US", None, "region")
CALIFORNIA_MD = rec("california-md", "California", 38.300, -76.508, "US", 13_000)
ONTARIO_PROVINCE = rec("ontario", "Ontario", 50.0, -86.0, "CA", None, "region")
ONTARIO_CA = rec("ontario-ca", "Ontario", 34.063, -117.651, "US", 175_265)


@pytest.mark.parametrize(
    ("matches", "expected"),
    [
        # A region named after a big town of its own country yields to the town ...
        ([m(MISRATA_DISTRICT), m(MISRATA_CITY, "alternate", "Misratah")], MISRATA_CITY),
        # ... but a region without such a town outranks same-named small towns, and a
        # town abroad does not lend its name.
        ([m(CALIFORNIA_MD), m(CALIFORNIA_STATE)], CALIFORNIA_STATE),
        ([m(ONTARIO_CA), m(ONTARIO_PROVINCE)], ONTARIO_PROVINCE),
    ],
    ids=["namesake-town", "small-town", "town-abroad"],
)
def test_regions_and_towns_of_one_name(matches: list[Match], expected: PlaceRecord) -> None:
    assert rank(matches)[0].id == expected.id


def test_namesake_reason() -> None:
    ranked = rank([m(MISRATA_DISTRICT), m(MISRATA_CITY, "alternate", "Misratah")])
    assert "named after its town Misrata" in ranked[1].reasons


def test_regions_without_population_are_not_outranked_by_villages() -> None:
    ranked = rank([m(CALIFORNIA_MD), m(CALIFORNIA_STATE)])
    assert ranked[0].population is None
    assert not any(r.startswith("population") for r in ranked[0].reasons)


def test_a_country_holds_the_places_in_it() -> None:
    libya = rec("libya", "Libya", 26.3, 17.2, "LY", 6_678_567, "country", "PCLI")
    best = rank([m(libya)], RankContext(points=(MISRATA,)))[0]
    assert "holds other places in the text" in best.reasons


NEW_YORK_STATE = rec("new-york", "New York", 43.0, -75.5, "US", None, "region", "ADM1")
NEW_YORK_CITY = rec("nyc", "New York City", 40.714, -74.006, "US", 8_804_190, alt=("New York",))
QUEBEC_PROVINCE = rec("quebec", "Quebec", 52.0, -72.0, "CA", None, "region", "ADM1")
QUEBEC_CITY = rec("quebec-city", "Québec", 46.812, -71.215, "CA", 531_902, fcode="PPLA")
MONTREAL = (45.509, -73.588, "CA")


@pytest.mark.parametrize(
    ("town", "region", "expected"),
    [
        ("New York City", "New York", True),
        ("new york  city", "New York", True),
        ("City of Panama", "Panama", True),
        ("Misratah", "Misrata", False),
        ("Quebec", "Quebec", False),
        ("Kansas City", "Missouri", False),
        ("Cityville", "Ville", False),
    ],
)
def test_is_city_of(town: str, region: str, expected: bool) -> None:
    assert is_city_of(town, region) is expected


def test_a_region_does_not_yield_to_its_city_called_x_city() -> None:
    ranked = rank([m(NEW_YORK_CITY, "alternate", "New York"), m(NEW_YORK_STATE)])
    assert ranked[0].id == NEW_YORK_STATE.id
    assert not any(r.startswith("named after") for c in ranked for r in c.reasons)


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        # Montreal lies 730 km from the province's middle but inside its reach of 400 km
        # plus 330: the province keeps its lead over the city 230 km away ...
        (RankContext(points=(MONTREAL,)), QUEBEC_PROVINCE),
        # ... and with no other place the province leads as a region of its size should.
        (RankContext(), QUEBEC_PROVINCE),
    ],
    ids=["next-to-montreal", "alone"],
)
def test_a_region_reaches_beyond_its_middle(context: RankContext, expected: PlaceRecord) -> None:
    assert rank([m(QUEBEC_CITY), m(QUEBEC_PROVINCE)], context)[0].id == expected.id


@pytest.mark.parametrize(
    ("kind", "km"),
    [("region", 330.0), ("historical region", 330.0), ("city", 730.0), ("county", 730.0)],
)
def test_context_distance_less_the_reach_of_a_region(kind: str, km: float) -> None:
    _, near_km, _ = context_score(52.0, -72.0, "CA", kind, (MONTREAL,))
    assert near_km == pytest.approx(km, abs=10.0)


def test_a_region_within_reach_says_so() -> None:
    ontario = rec("ontario", "Ontario", 50.0, -86.0, "CA", None, "region")
    thunder_bay = (48.382, -89.246, "CA")  # 300 km from Ontario's middle
    best = rank([m(ontario)], RankContext(points=(thunder_bay,)))[0]
    assert f"within {REGION_REACH_KM:,.0f} km of other places in the text" in best.reasons


def test_a_town_in_a_division_the_text_names_is_near_it() -> None:
    # GeoNames facts, rounded: Huntsville, Alabama and Huntsville, Texas; the text's other
    # place is Washington, D.C., nearer to Alabama, and it names Texas.
    alabama = rec("huntsville-al", "Huntsville", 34.730, -86.586, "US", 215_006)
    alabama.admin1 = "AL"
    texas = rec("huntsville-tx", "Huntsville", 30.724, -95.551, "US", 40_938)
    texas.admin1 = "TX"
    washington = (38.895, -77.036, "US")
    alone = RankContext(points=(washington,))
    named = RankContext(points=(washington,), divisions=(("US", "TX"),))
    assert rank([m(alabama), m(texas)], alone)[0].id == alabama.id
    best = rank([m(alabama), m(texas)], named)[0]
    assert best.id == texas.id and best.admin1 == "TX"
    assert "in a first-level division the text names" in best.reasons
    # Half the nearness bonus at most: a far bigger namesake elsewhere keeps its rank.
    _, near_km, _ = context_score(30.7, -95.6, "US", "city", (washington,), inside=True)
    assert near_km == pytest.approx(INSIDE_KM)


MARYVILLE_IL = rec("maryville-il", "Maryville", 38.724, -89.956, "US", 7_902)
BEEVILLE_TX = rec("beeville-tx", "Beeville", 28.401, -97.748, "US", 13_277, alt=("Maryville",))
SPRINGDALE_AR = rec("springdale-ar", "Springdale", 36.187, -94.129, "US", 77_859, alt=("Shiloh",))
SHILOH_IL = rec("shiloh-il", "Shiloh", 38.561, -89.897, "US", 12_961)
NYC = rec("nyc", "New York City", 40.714, -74.006, "US", 8_804_190, alt=("Manhattan",))
MANHATTAN_KS = rec("manhattan-ks", "Manhattan", 39.184, -96.572, "US", 56_308)


def test_a_former_name_yields_to_the_town_of_the_country_called_so_today() -> None:
    # Beeville was Maryville, Springdale was Shiloh: a text near either still means the
    # towns that have the name as their own, unless one is far bigger.
    near_beeville = RankContext(points=((27.801, -97.396, "US"),))  # Corpus Christi
    best = rank([m(BEEVILLE_TX, "alternate", "Maryville"), m(MARYVILLE_IL)], near_beeville)
    alone = rank([m(BEEVILLE_TX, "alternate", "Maryville")], near_beeville)
    assert next(c for c in best if c.id == BEEVILLE_TX.id).score < alone[0].score
    shiloh = rank([m(SPRINGDALE_AR, "alternate", "Shiloh"), m(SHILOH_IL)])
    assert shiloh[0].id == SHILOH_IL.id
    # New York City is more than ten times Manhattan, Kansas: its alternate name holds.
    manhattan = rank([m(NYC, "alternate", "Manhattan"), m(MANHATTAN_KS)])
    assert manhattan[0].id == NYC.id
    assert manhattan[0].score == rank([m(NYC, "alternate", "Manhattan")])[0].score
