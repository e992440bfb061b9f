"""The one resolution policy on the real embedded index: context, kind, typos, refusals.

Places are GeoNames and Natural Earth facts as the index holds them.
"""

from __future__ import annotations

import pytest

from gazetteer.lookup import Gazetteer
from geo.resolution import AREA_KINDS, Ambiguous, DocumentContext, Mention, NotFound, Resolved

MALI = ["Gao", "Mopti", "Kidal", "Tombouctou"]


def test_a_document_is_resolved_in_order_with_typed_results(embedded: Gazetteer) -> None:
    found = embedded.resolve(["Derna", "Qwxzt", "Sirte"])
    assert [type(r) for r in found] == [Resolved, NotFound, Resolved]
    assert [r.place.country_code for r in found if isinstance(r, Resolved)] == ["LY", "LY"]
    assert isinstance(found[1], NotFound) and "no place named 'Qwxzt'" in found[1].message()


@pytest.mark.parametrize(
    ("typo", "meant"),
    [("Ubary", "Ubari"), ("Tobrok", "Tobruk"), ("Derrna", "Darnah"), ("Sirtte", "Sirte"),
     ("Ghatt", "Ghat")],
)  # fmt: skip
def test_one_letter_typos_of_well_known_places_resolve_and_say_so(
    embedded: Gazetteer, typo: str, meant: str
) -> None:
    (r,) = embedded.resolve([typo])
    assert isinstance(r, Resolved) and r.place.name == meant and r.fuzzy
    assert r.warning() == f"{typo!r} taken as {meant}, LY (spelling)"


def test_a_short_typo_of_a_small_place_is_not_guessed(embedded: Gazetteer) -> None:
    # "Dafur" is one letter from Dufur, Oregon (623 people): no guess, a suggestion list.
    (r,) = embedded.resolve(["Dafur"])
    assert not (isinstance(r, Resolved) and r.place.name == "Dufur" and r.fuzzy)


def test_a_small_namesake_far_from_the_other_places_is_refused(embedded: Gazetteer) -> None:
    # The index knows no Konna in Mali; its only Konna is Conna, Ireland (526 people).
    *mali, konna = embedded.resolve([*MALI, "Konna"])
    assert all(isinstance(r, Resolved) and r.place.country_code == "ML" for r in mali)
    assert isinstance(konna, NotFound)
    assert konna.elsewhere[0].country_code == "IE"
    assert "give lat/lon or country" in konna.message()


def test_a_country_s_point_does_not_make_a_namesake_near(embedded: Gazetteer) -> None:
    # Conna, Ireland lies under 1,000 km from France's middle: France, named with the
    # Malian towns, lends its code (a town in France would stay), not its point.
    *mali, france, konna = embedded.resolve([*MALI, "France", "Konna"])
    assert all(isinstance(r, Resolved) and r.place.country_code == "ML" for r in mali)
    assert isinstance(france, Resolved) and france.place.kind == "country"
    assert isinstance(konna, NotFound) and konna.elsewhere[0].country_code == "IE"
    *_, lyon = embedded.resolve([*MALI, "France", "Villeurbanne"])
    assert isinstance(lyon, Resolved) and lyon.place.country_code == "FR"


def test_alone_the_same_name_is_not_refused(embedded: Gazetteer) -> None:
    (r,) = embedded.resolve(["Konna"])  # nothing says it is out of place
    assert isinstance(r, Resolved) and r.place.country_code == "IE"


@pytest.mark.parametrize(
    ("prefer", "kind"), [("point", "city"), ("area", "region"), (None, "region")]
)
def test_kind_follows_precision(embedded: Gazetteer, prefer: str | None, kind: str) -> None:
    mentions = [Mention("Tombouctou", prefer=prefer), "Gao", "Mopti"]  # type: ignore[arg-type]
    r = embedded.resolve(mentions)[0]
    assert isinstance(r, Resolved) and r.place.kind == kind and r.place.country_code == "ML"
    assert not r.close  # the other kind is no rival
    if prefer == "point":
        assert r.place.name == "Timbuktu" and "precision" in r.reasons[-1]


@pytest.mark.parametrize(
    ("name", "country", "division"),
    [("Kidal", "ML", "Kidal Region"), ("Kabul", "AF", "Kabul Province")],
)
def test_a_region_named_after_its_seat_is_the_division_at_region_precision(
    embedded: Gazetteer, name: str, country: str, division: str
) -> None:
    town, area = embedded.resolve([Mention(name, country), Mention(name, country, "area")])
    assert isinstance(town, Resolved) and town.place.name == name
    assert town.place.kind == "city"  # a bare name, or exact precision: the town
    assert isinstance(area, Resolved) and area.place.name == division
    assert area.place.kind in AREA_KINDS and area.place.country_code == country
    assert f"named after the {town.place.kind}" in area.reasons[-1]


def test_points_given_by_coordinates_are_context(embedded: Gazetteer) -> None:
    beirut = DocumentContext(points=((33.89, 35.50, ""),))
    (alone,) = embedded.resolve(["Tripoli"])
    (near_beirut,) = embedded.resolve(["Tripoli"], context=beirut)
    assert isinstance(alone, (Resolved, Ambiguous))
    assert isinstance(near_beirut, Resolved) and near_beirut.place.country_code == "LB"


def test_a_country_condition_refuses_places_elsewhere(embedded: Gazetteer) -> None:
    (r,) = embedded.resolve([Mention("Derna", country="FR")])
    assert isinstance(r, NotFound) and r.elsewhere and "in FR" in r.message()
    (ok,) = embedded.resolve([Mention("Tripoli", country="LB")])
    assert isinstance(ok, Resolved) and ok.place.country_code == "LB"


def test_a_refused_name_does_not_stop_the_document(embedded: Gazetteer) -> None:
    bad, good = embedded.resolve(["Der\x07na", "Derna"])
    assert isinstance(bad, NotFound) and "control character" in bad.message()
    assert isinstance(good, Resolved)


def test_the_same_document_gives_the_same_answer(embedded: Gazetteer) -> None:
    names = ["Tripoli", "Misrata", "Homs", "Sirte", "Tripoli"]
    first = [r.place.id for r in embedded.resolve(names) if isinstance(r, Resolved)]
    again = [r.place.id for r in embedded.resolve(list(reversed(names))) if isinstance(r, Resolved)]
    assert first == list(reversed(again)) and len(first) == 5


def test_a_spelling_guess_does_not_cross_into_another_country(embedded: Gazetteer) -> None:
    # "Hawija" is one edit from Hawiza, an alternate name of Hoveyzeh, Iran (19,481 people).
    *iraq, hawija = embedded.resolve(["Mosul", "Tikrit", "Baiji", "Hawija"])
    assert all(isinstance(r, Resolved) and r.place.country_code == "IQ" for r in iraq)
    assert isinstance(hawija, NotFound) and hawija.elsewhere[0].country_code == "IR"
    assert "did you mean" in hawija.message()


def test_a_namesake_by_an_alternate_name_far_away_is_refused(embedded: Gazetteer) -> None:
    # Baga, Nigeria is not in the index; Bargarh, India (80,625 people) lists "Baga".
    *nigeria, baga = embedded.resolve(["Maiduguri", "Bama", "Gwoza", "Monguno", "Baga"])
    assert all(isinstance(r, Resolved) and r.place.country_code == "NG" for r in nigeria)
    assert isinstance(baga, NotFound) and baga.elsewhere[0].country_code == "IN"


def test_a_big_city_by_its_own_name_may_lie_far_away(embedded: Gazetteer) -> None:
    *_, paris = embedded.resolve(["Derna", "Sirte", "Benghazi", "Paris"])
    assert isinstance(paris, Resolved) and paris.place.country_code == "FR"
