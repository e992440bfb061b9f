"""Routes read from clauses: roles of places, their order, routes carried between sentences."""

from __future__ import annotations

import re

from gazetteer.extract.core import PlaceMention
from gazetteer.extract.routes import RouteState, routes_of

COUNTRIES = {"Chad": "TD", "Niger": "NE", "Mali": "ML", "Egypt": "EG"}
TOWNS = {"Agadez": "NE", "Kano": "NG", "Gao": "ML", "Faya": "TD", "Aswan": "EG", "Kidal": "ML"}


def _mentions(text: str) -> list[PlaceMention]:
    out = []
    for m in re.finditer("|".join([*COUNTRIES, *TOWNS]), text):
        name = m.group()
        kind = "country" if name in COUNTRIES else "city"
        cc = COUNTRIES.get(name) or TOWNS[name]
        out.append(PlaceMention(m.start(), m.end(), name, name, 0.0, 0.0, cc, kind, name, 1.0, ()))
    return out


def _paths(text: str) -> list[list[str]]:
    state, out = RouteState(), []
    for s in re.finditer(r"[^.]+\.", text):
        for route, _ in routes_of(text, s.start(), s.end(), _mentions(text), state):
            out.extend([m.text for m in p] for p in route.paths())
    return out


def test_destination_before_origin_and_waypoint_after_destination() -> None:
    assert _paths("The recruits travelled to Agadez from Kano.") == [["Kano", "Agadez"]]
    assert _paths("Smugglers entered Chad through Niger, driving there from Gao.") == [
        ["Gao", "Niger", "Chad"]
    ]


def test_alternative_origins_and_the_country_a_place_is_given_in() -> None:
    assert _paths("Men returned to Faya from Mali and Egypt.") == [
        ["Mali", "Faya"], ["Egypt", "Faya"]
    ]  # fmt: skip
    assert _paths("They were deployed at first in Gao in Mali and then Agadez in Niger.") == [
        ["Gao", "Agadez"]
    ]


def test_a_noun_phrase_and_who_said_it_do_not_hide_or_add_legs() -> None:
    text = "Fighters fled from Kidal to the desert town of Gao, according to a man in Aswan."
    assert _paths(text) == [["Kidal", "Gao"]]


def test_routes_carried_to_the_next_sentences() -> None:
    text = (
        "Fighters who escaped Kidal fled to Gao. Others escaped to the oasis of Faya. "
        "The group later spread to the town of Agadez."
    )
    assert _paths(text) == [["Kidal", "Gao"], ["Kidal", "Faya"], ["Faya", "Agadez"]]
    assert _paths("The commander left Kano. He is now thought to be in Chad.") == [["Kano", "Chad"]]


def test_no_move_no_route() -> None:
    assert _paths("Officials from Kano met envoys in Agadez.") == []
