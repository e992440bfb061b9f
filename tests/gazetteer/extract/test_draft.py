"""Drafting records from a report's mentions: cues, lists after a cue, dates near a place."""

from __future__ import annotations

import re

from gazetteer.extract.core import Extraction, PlaceMention
from gazetteer.extract.detect import Dropped
from gazetteer.extract.draft import draft_records

TOWNS = ("Gao", "Kidal", "Timbuktu", "Menaka", "Mopti")


def _draft(text: str, published: str = "") -> tuple[list[dict], list[dict]]:
    mentions = tuple(
        PlaceMention(m.start(), m.end(), m[0], m[0], 0.0, 0.0, "ML", "city", m[0], 1.0, ())
        for m in re.finditer("|".join(TOWNS), text)
    )
    return draft_records(Extraction(text, mentions), source_id="r", file="r.txt",
                         published=published)  # fmt: skip


def test_a_cue_takes_the_places_listed_after_it() -> None:
    text = "In 2013 the militia set up cells in Gao, Kidal (long a hub), Ansongo and even Mopti."
    presence, _ = _draft(text)
    assert [(p["place"], p["status"], p["date"]) for p in presence] == [
        ("Gao", "presence", "2013"), ("Kidal", "presence", "2013"), ("Mopti", "presence", "2013")
    ]  # fmt: skip


def test_each_place_takes_the_date_said_nearest_it() -> None:
    text = "Raids hit a camp in Gao on March 3 and a base near Kidal on May 9."
    presence, _ = _draft(text, published="2019-06")
    assert {(p["place"], p["date"]) for p in presence} == {
        ("Gao", "2019-03-03"), ("Kidal", "2019-05-09")
    }  # fmt: skip


def test_routes_are_dated_and_carried() -> None:
    text = "In the summer of 2012 fighters fled Timbuktu for Gao. Others headed to Menaka."
    _, moves = _draft(text)
    assert [([w["place"] for w in m["waypoints"]], m["date"]) for m in moves] == [
        (["Timbuktu", "Gao"], "2012-06"), (["Timbuktu", "Menaka"], "2012-06")
    ]  # fmt: skip
    assert "others of the group" in moves[1]["note"]


def test_the_country_is_the_country_named_last_before_it() -> None:
    text = "Mali is vast. In May 2016 the group said it had a presence in the country."
    mentions = (PlaceMention(0, 4, "Mali", "Mali", 17.0, -4.0, "ML", "country", "c:ml", 1.0, ()),)
    presence, _ = draft_records(Extraction(text, mentions), source_id="r", file="r.txt")
    assert [(p["place"], p["date"]) for p in presence] == [("Mali", "2016-05")]
    at = text.index("the country")
    assert f"place 'the country' at {at}-{at + 11}" in presence[0]["note"]


def test_a_cue_whose_object_was_refused_takes_no_later_place() -> None:
    text = "Rebels seized Tessit on 2 May and then pushed south towards Gao."
    at = text.index("Tessit")
    refused = (Dropped(at, at + 6, "Tessit", "no place named 'Tessit'"),)
    mentions = tuple(
        PlaceMention(m.start(), m.end(), m[0], m[0], 0.0, 0.0, "ML", "city", m[0], 1.0, ())
        for m in re.finditer("Gao", text)
    )
    presence, _ = draft_records(Extraction(text, mentions, dropped=refused), source_id="r",
                                file="r.txt")  # fmt: skip
    assert [p["place"] for p in presence] == []  # not "Gao seized"
    kept, _ = draft_records(Extraction(text, mentions), source_id="r", file="r.txt")
    assert [p["place"] for p in kept] == ["Gao"]  # without the refusal the cue reaches it
