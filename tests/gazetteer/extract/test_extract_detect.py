"""Detection and resolution of place mentions on the embedded gazetteer and the real model."""

from __future__ import annotations

import pytest

from gazetteer.extract import Extractor, extract
from gazetteer.lookup import Gazetteer


def names(text: str, g: Gazetteer) -> list[tuple[str, str, str]]:
    return [(m.text, m.name, m.country_code) for m in extract(text, gazetteer=g)]


def test_report_sentence_places_in_order_with_offsets(embedded: Gazetteer) -> None:
    text = (
        "Fighters who escaped Sirte regrouped in the valleys around Bani Walid; another "
        "group went south to Ghat, then Ubari."
    )
    found = extract(text, gazetteer=embedded)
    assert [(m.text, m.country_code) for m in found] == [
        ("Sirte", "LY"), ("Bani Walid", "LY"), ("Ghat", "LY"), ("Ubari", "LY"),
    ]  # fmt: skip
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.id.startswith("geonames:") and 0 < m.score <= 1 and m.reasons


def test_arabic_script_and_transliterations_found_by_the_matcher(embedded: Gazetteer) -> None:
    found = extract("وقال مسؤول في درنة إن المقاتلين غادروا. Later they took the town of Awbari.",
                    gazetteer=embedded)  # fmt: skip
    by_text = {m.text: m for m in found}
    assert by_text["درنة"].name == "Darnah" and by_text["درنة"].detector == "gazetteer"
    assert by_text["Awbari"].name == "Ubari"
    assert by_text["Awbari"].prefer == "point"  # "the town of" asks for a point


@pytest.mark.parametrize(
    "text",
    [
        "Nice weather today, said the spokesman.",
        "Reading a report takes time.",
        "He lost his Mobile phone and some gold.",
        "Manchester United won again on Sunday.",
        "President Washington spoke to the press.",
        "Libya Dawn said it would fight.",
        "IS said it would fight on.",
    ],
)
def test_non_places_are_dropped(embedded: Gazetteer, text: str) -> None:
    assert names(text, embedded) == []


def test_common_word_with_a_place_cue_is_a_place(embedded: Gazetteer) -> None:
    assert names("He moved to Nice in June and then lived in Reading.", embedded) == [
        ("Nice", "Nice", "FR"), ("Reading", "Reading", "GB"),
    ]  # fmt: skip


def test_demonyms_are_their_country_and_flagged(embedded: Gazetteer) -> None:
    found = extract("Libyan forces pushed the militants out of Sirte.", gazetteer=embedded)
    libyan = found[0]
    assert (libyan.text, libyan.name, libyan.kind, libyan.demonym) == (
        "Libyan", "Libya", "country", True,
    )  # fmt: skip
    assert not found[1].demonym


def test_the_whole_document_is_the_context(embedded: Gazetteer) -> None:
    lebanon = "Clashes in Tripoli spread to Beirut and Sidon overnight."
    libya = "Clashes in Tripoli spread to Misrata and Sirte overnight."
    assert names(lebanon, embedded)[0] == ("Tripoli", "Tripoli", "LB")
    assert names(libya, embedded)[0] == ("Tripoli", "Tripoli", "LY")


def test_text_in_another_language_falls_back_to_the_matcher(embedded: Gazetteer) -> None:
    french = (
        "Les combattants qui ont fui la ville sont arrivés à Syrte puis ont rejoint les "
        "autres dans le sud, selon les responsables locaux qui ont parlé à la presse de la "
        "région hier soir."
    )
    (one,) = Extractor(embedded).run([french])
    assert one.notes == ("not English: names found by the gazetteer matcher only",)
    assert [m.name for m in one.mentions] == ["Sirte"]


def test_dropped_spans_say_why(embedded: Gazetteer) -> None:
    (one,) = Extractor(embedded).run(["He lost his Mobile phone in the desert."])
    assert any(d.text == "Mobile" and "common word" in d.why for d in one.dropped)


def test_deterministic(embedded: Gazetteer) -> None:
    text = "Attacks in Derna and Benghazi; the group fled to Sirte, then Ubari."
    assert extract(text, gazetteer=embedded) == extract(text, gazetteer=embedded)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # The institutions of a place locate at the place.
        ("The Benghazi Police Department arrested two men.", "Benghazi"),
        ("He teaches at the University of Tripoli now.", "Tripoli"),
        ("Misrata residents said the road was closed.", "Misrata"),
        ("A 24-year-old Misrata man was arrested on Monday.", "Misrata"),
        # A capitalised word that begins an institution's name after the place's name.
        ("The Paris Public Library will offer a workshop.", "Paris"),
        ("The two appeared at Feltham Magistrates’ Court on Monday.", "Feltham"),
        ("He was taken to Gwinnett Medical Center for treatment.", "Gwinnett"),
        # A country or first-level division heading an organisation's name.
        ("Trees are courtesy of the Texas Forestry Service this year.", "Texas"),
        # A dateline.
        ("DERNA -- The council met on Monday.", "DERNA"),
        # An example after "such as", a name the gazetteer knows.
        ("The men hid in other parts of the country such as Bani Walid, we hear.", "Bani Walid"),
        # The initials of a country heading one of its institutions.
        ("The U.S. Centers for Disease Control sent a team.", "U.S."),
    ],
)
def test_places_the_report_itself_shows(embedded: Gazetteer, text: str, wanted: str) -> None:
    found = Extractor(embedded).run([text])[0].mentions
    assert wanted in [m.text for m in found], [(m.text, m.reasons) for m in found]


def test_a_list_of_counties_asks_for_each_county(embedded: Gazetteer) -> None:
    text = "The rate rose in the metro area - Clarke, Madison, Oconee and Oglethorpe counties."
    (one,) = Extractor(embedded).run([text])
    found = {m.text: m for m in one.mentions}
    assert "metro" not in found  # lower case: no name
    assert found["Oconee"].name == "Oconee County" and found["Oconee"].kind == "county"
    assert found["Clarke"].name == "Clarke County"


def test_one_sense_per_report_but_not_inside_a_persons_name(embedded: Gazetteer) -> None:
    text = (
        "Floods hit homes in Fargo on Monday. Fargo raised its goal for sandbags. "
        "Mayor Dennis Walaker said Fargo would hold."
    )
    (one,) = Extractor(embedded).run([text])
    fargo = [m for m in one.mentions if m.text == "Fargo"]
    assert len(fargo) == 3
    assert any("mentions elsewhere" in " ".join(m.reasons) for m in fargo)
    person = "Floods hit homes in Jackson on Monday. Andrew Jackson was president once."
    (two,) = Extractor(embedded).run([person])
    assert [m.start for m in two.mentions if m.text == "Jackson"] == [20]
    # "of Jones" where the report names Tom Jones: the person, here and after.
    surname = "Tom Jones spoke on Monday. The appointment of Jones was new; Jones said so."
    (three,) = Extractor(embedded).run([surname])
    assert [m.text for m in three.mentions] == []


def test_demonym_inside_a_name_is_its_country(embedded: Gazetteer) -> None:
    (one,) = Extractor(embedded).run(["The Lebanese Army said the Sri Lankan talks failed."])
    found = {m.text: m for m in one.mentions}
    assert found["Lebanese"].demonym and found["Lebanese"].country_code == "LB"
    assert found["Sri Lankan"].country_code == "LK"


@pytest.mark.parametrize(
    "text",
    [
        "She lives at 12 Derna Street with her aunt.",
        "Manchester United won the cup again.",
        "Cases of West Nile virus rose again.",
        "Many area cities plan to add chlorine to their water.",
        "The Township Committee introduced an ordinance.",
        "He switched to the closest English public school.",  # not a name's word
        "The news came, from CNN, on Monday.",  # initials, whatever the cue
    ],
)
def test_features_and_teams_named_after_places_stay_dropped(embedded: Gazetteer, text: str) -> None:
    assert names(text, embedded) == []


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # An area by its name heading an organisation or a title.
        ("He appeared in Clarke County Superior Court on Friday.", "Clarke County"),
        # A legislator's party and place.
        ("State Sen. Ray Miller, D-Columbus, spoke against the bill.", "Columbus"),
        # The full stop of an abbreviation that begins a name.
        ("The injured man was transferred to St. Cloud Hospital.", "St. Cloud"),
        # The index knows the campus; the report means the institution, which Ohio locates.
        ("Paul Beck, a professor at Ohio State University, said so.", "Ohio"),
        # The model's organisation after a strong cue (", of": where a person lives).
        ("William Lee Spafford III, 24, of Elkhart was indicted on the charge.", "Elkhart"),
        ("The boy, 15, from Bicester, joined a slimming club.", "Bicester"),
        # Legislators' places, and the "capital", "City of" and "City Council" cues.
        ("Rep. Charles Rangel, D-N.Y., chairman of the committee, spoke.", "N.Y."),
        ("Sen. Rich Olive, D-Story City, and others agreed.", "Story City"),
        ("The bomb went off 160 km south of the Sri Lankan capital Colombo.", "Colombo"),
        ("Source: City of Lansing, March 2009.", "Lansing"),
        ("Roselle officers this month are continuing the patrols.", "Roselle"),
        ("The DeKalb City Council voted on Monday.", "DeKalb"),
    ],
)
def test_places_inside_names_and_after_strong_cues(
    embedded: Gazetteer, text: str, wanted: str
) -> None:
    found = Extractor(embedded).run([text])[0].mentions
    assert wanted in [m.text for m in found], [(m.text, m.reasons) for m in found]


def test_a_part_stands_in_for_a_span_no_place_is_named(embedded: Gazetteer) -> None:
    text = "Deputies with the Anderson County Sheriff's Office arrested a man on Tuesday."
    (one,) = Extractor(embedded).run([text])
    (m,) = one.mentions
    assert (m.text, m.kind, m.country_code) == ("Anderson County", "county", "US")
    assert text[m.start : m.end] == "Anderson County"
    assert any("standing in for" in r for r in m.reasons)
    (two,) = Extractor(embedded).run(["Storms moved across North Texas overnight."])
    assert [(m.text, m.name) for m in two.mentions] == [("Texas", "Texas")]
    (three,) = Extractor(embedded).run(["Floods hit Far North Queensland again."])
    assert [(m.text, m.kind) for m in three.mentions] == [("Queensland", "region")]


@pytest.mark.parametrize(
    "text",
    [
        "The state Supreme Court denied the request on Monday.",
        "She taught journalism at Columbia University for years.",
        "The crash closed Darby Street for an hour.",
    ],
)
def test_courts_universities_and_streets_are_not_their_namesakes(
    embedded: Gazetteer, text: str
) -> None:
    assert names(text, embedded) == []


def test_a_name_listed_with_places_is_a_place_but_not_the_speaker_after(
    embedded: Gazetteer,
) -> None:
    text = "We had a lot of volunteers from Crockett, Palestine and Houston, Wright said."
    found = {m.text: m for m in Extractor(embedded).run([text])[0].mentions}
    assert "listed with places of the report" in found["Crockett"].reasons[0]
    assert "Wright" not in found


def test_a_group_the_model_marks_after_a_place_cue_is_the_place(embedded: Gazetteer) -> None:
    # The model calls these towns groups (NORP); the cue before them says they are places.
    text = "He was born in the small village of Flumeri in southern Italy."
    assert ("Flumeri", "Flumeri", "IT") in names(text, embedded)
    assert ("Toruń", "Toruń", "PL") in names("The town of Toruń is famous for it.", embedded)
    # Peoples, faiths and initials stay groups, cue or not.
    assert names("Muslims and Christians met in a bid for peace.", embedded) == []
    assert names("Western and Asian investors want casinos.", embedded) == []
    assert names("The daughter of D. Valentine spoke.", embedded) == []


def test_a_part_standing_in_is_resolved_with_the_reports_other_places(
    embedded: Gazetteer,
) -> None:
    text = "Deputies took the man to the Henderson County Jail. He lives in Athens, Texas."
    (one,) = Extractor(embedded).run([text])
    county = next(m for m in one.mentions if m.text == "Henderson County")
    assert any("standing in for" in r for r in county.reasons)
    assert county.id == "uscounty:48213"  # Texas's, where Athens is; not Illinois's


def test_a_big_towns_name_the_model_calls_a_person_is_the_town(embedded: Gazetteer) -> None:
    # The model calls these towns people; no person of the report is named so in full.
    text = "Flying Tiger bids Gainesville goodbye after two years."
    assert [(m.text, m.country_code) for m in extract(text, gazetteer=embedded)] == [
        ("Gainesville", "US")
    ]
    (one,) = Extractor(embedded).run(["Once again, Alexandria is a finalist for the award."])
    assert [m.text for m in one.mentions] == ["Alexandria"]
    assert "big town" in one.mentions[0].reasons[0]
    # A person the report names in full stays that person.
    assert names("Tom Brent spoke first. Later Brent said the plan would work.", embedded) == []


def test_key_index_population_is_the_largest_place_of_the_own_name(
    embedded: Gazetteer,
) -> None:
    keys = Extractor(embedded).keys
    assert keys.population("gainesville") >= 100_000  # Gainesville, Florida
    assert keys.population("no such place anywhere") == 0
