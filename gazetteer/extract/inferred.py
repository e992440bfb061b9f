"""Place mentions the report itself shows, after the first passes of detection.

:func:`gazetteer.extract.detect.detect` first takes the model's places and the gazetteer
names after a place cue. What is left may still be a place by what the report says
around it (one sense per report, an institution's or a people's place, a dateline, a list
of counties), or an adjective of nationality the model did not mark. The words of the
people a report names in full are never places of it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import Any

from gazetteer.context import demonym_country
from gazetteer.extract.cues import (
    AREA_LIST,
    AREA_TYPES,
    DATELINE_TAIL,
    INSTITUTION_HEADS,
    INSTITUTIONS_OF,
    LIST_GAPS,
    ORG_HEADS,
    PARTY_PLACE,
    PERSON_TOWN_POPULATION,
    WEAK_CUES,
)
from gazetteer.extract.detect import (
    BLOCKING,
    PLACE_LABELS,
    Detected,
    _Around,
    _overlaps,
    _trim,
    head_name,
)
from gazetteer.extract.matcher import KeyIndex, Span, Word
from gazetteer.normalize import normalize


def in_context(
    text: str,
    around: _Around,
    ents: list[Any],
    spans: list[Span],
    found: list[Detected],
    surnames: frozenset[str],
    keys: KeyIndex,
) -> list[Detected]:
    """Matches the first passes left, that the report shows to be places after all.

    - the name of a place the report mentions elsewhere (one sense per report: "Fargo
      raised its goal" after "floods in Fargo"), also where the model called it a person;
    - a name that heads one of its institutions ("Athens Police Department", "Mansfield
      residents") or that an institution is "of" ("the University of Rochester");
    - a dateline ("MANSFIELD -- The council...");
    - one of a list of areas ("Barrow and Jackson counties");
    - an area by its name heading an organisation or a title ("the Morrow County
      Municipal Court", "McMinn County Sheriff");
    - the place an organisation's name says it is in ("the Cooper School in Bicester");
    - a name listed with places of the report ("from Crockett, Palestine and Houston").

    Never inside a person's longer name, nor a word of a person the report names ("Jones"
    where it names Tom Jones); the refusals of the first pass hold. What makes a name a
    place of the report is the model's place, or a strong cue ("in", "near"), not "of" or
    "to" ("according to Jones").
    """
    towns = _person_towns(text, around, ents, spans, surnames, keys)
    known = {normalize(d.text) for d in found if not d.demonym and d.cue not in WEAK_CUES}
    known |= towns
    areas = area_names()
    lists = [(m.start(), m.end(), m.group().rsplit(None, 1)[-1]) for m in _AREA_LIST.finditer(text)]
    out: list[Detected] = []
    places = [(d.start, d.end) for d in found if not d.demonym]
    for s in spans:
        start, _ = _trim(text, s.start, s.end)  # "The Benghazi Police": the key left it out
        if start != s.start:
            s = replace(s, start=start, text=text[start : s.end])
        if _overlaps(s.start, s.end, [(d.start, d.end) for d in found]) or s.key in surnames:
            continue
        ent = next((e for e in ents if e.start_char < s.end and s.start < e.end_char), None)
        label = ent.label_ if ent is not None else ""
        if label == "ORG" and _institution_named(text, ent, s):
            # "Ohio State University": the index knows the campus; the report means the
            # institution, which its head may still locate.
            part = head_name(text, s.start, s.end, keys)
            if part is not None:
                s = replace(s, end=part[1], text=text[s.start : part[1]])
                s = replace(s, key=normalize(s.text))
        area = s.text.rsplit(None, 1)[-1].casefold().rstrip(".") in AREA_TYPES
        if ent is not None and label == "PERSON" and not area:
            e_start, e_end = _trim(text, ent.start_char, ent.end_char)
            if (e_start, e_end) != (s.start, s.end):
                continue  # "Andrew Jackson": a part of a person's name
        elif label and label not in BLOCKING and label not in PLACE_LABELS:
            continue  # a date, a number, a group (NORP)
        # "The Cooper School in Bicester": inside an organisation's name, where it is.
        located = label not in ("", "PERSON") and around.cue(s.start) in ("in", "within")
        if (
            ent is not None
            and (label != "PERSON" or area)
            and not located
            and not _heads(text, ent, s)
        ):
            continue
        why = around.refusal(s.start, s.end, s.text)
        if why is not None:
            continue
        nxt = around.after(s.end)
        head = nxt is not None and around.institution(nxt)
        head = head and nxt is not None and text[s.end : nxt.start] in (" ", "-")
        if s.key in towns and label == "PERSON":
            reason = "the name of a big town, not of a person the report names"
        elif s.key in known:
            reason = "the name of a place the report mentions elsewhere"
        elif head and nxt is not None:
            reason = f"the place of an institution ({s.text} {nxt.text}...)"
        elif ent is not None and _of_institution(text, ent, s):
            reason = "the place an institution is of"
        elif ent is not None and s.key in areas and (label != "PERSON" or " " in s.text):
            reason = "a country or first-level division heading a name"
        elif ent is not None and area:
            reason = f"an area by its name ({s.text}) heading a name"
        elif located:
            reason = "the place an organisation is in"
        elif s.text.isupper() and len(s.text) > 3 and _dateline(text, s.start, s.end):
            reason = "a dateline"
        elif listed := next((w for a, b, w in lists if a <= s.start and s.end <= b), ""):
            reason = f"one of a list of {listed}"
        elif _listed_with(text, s, places):
            reason = "listed with places of the report"
        else:
            continue
        if label:
            reason += f" (spaCy {label})"
        prefer = around.prefer(s.start, s.end)
        name = s.text
        if reason.startswith("one of a list"):  # "Barrow and Jackson counties": Barrow County
            prefer, name = "area", f"{s.text} {_SINGULAR[listed]}"
        out.append(Detected(s.start, s.end, s.text, name, False, prefer, "gazetteer", (reason,)))
        places.append((s.start, s.end))
    return out


def _person_towns(
    text: str,
    around: _Around,
    ents: list[Any],
    spans: list[Span],
    surnames: frozenset[str],
    keys: KeyIndex,
) -> frozenset[str]:
    """The one-word names the model calls people that are big towns' names, no word of a
    person the report names in full, and not refused ("Gainesville"; see
    ``PERSON_TOWN_POPULATION``): places of the whole report."""
    people = {_trim(text, e.start_char, e.end_char) for e in ents if e.label_ == "PERSON"}
    out = set()
    for s in spans:
        start, _ = _trim(text, s.start, s.end)
        if (start, s.end) not in people or " " in s.text or s.key in surnames:
            continue
        if around.refusal(start, s.end, text[start : s.end]) is not None:
            continue
        if keys.population(s.key) >= PERSON_TOWN_POPULATION:
            out.add(s.key)
    return frozenset(out)


def person_words(text: str, ents: list[Any]) -> frozenset[str]:
    """The words of the people a report names in full ("Tom Jones": tom, jones)."""
    out: set[str] = set()
    for e in ents:
        if e.label_ == "PERSON":
            parts = text[e.start_char : e.end_char].split()
            if len(parts) > 1:
                out.update(normalize(p) for p in parts)
    return frozenset(out)


def _heads(text: str, ent: Any, s: Span) -> bool:
    """Whether a match begins the entity (after "the") or follows its "of"."""
    start, _ = _trim(text, ent.start_char, ent.end_char)
    if s.start == start:
        return True
    return text[ent.start_char : s.start].casefold().endswith(" of ")


def _institution_named(text: str, ent: Any, s: Span) -> bool:
    """Whether a match is the whole of an organisation and ends in an institution's word
    ("Ohio State University"): a name of the institution, not of a place."""
    if _trim(text, ent.start_char, ent.end_char) != (s.start, s.end) or " " not in s.text:
        return False
    last = s.text.rsplit(None, 1)[-1].casefold()
    return last in INSTITUTION_HEADS or last in INSTITUTIONS_OF or last in ORG_HEADS


def _of_institution(text: str, ent: Any, s: Span) -> bool:
    start, _ = _trim(text, ent.start_char, ent.end_char)
    head = text[start : s.start].casefold()
    return head.endswith(" of ") and head.split()[0] in INSTITUTIONS_OF


_DATELINE = re.compile(DATELINE_TAIL)
_AREA_LIST = re.compile(AREA_LIST)
_PARTY = re.compile(PARTY_PLACE)
_SINGULAR = {
    "counties": "County", "parishes": "Parish", "provinces": "Province", "states": "State",
    "districts": "District", "governorates": "Governorate", "regions": "Region",
}  # fmt: skip


def _listed_with(text: str, s: Span, places: list[tuple[int, int]]) -> bool:
    """Whether a name and a place of the report are next to each other in a list: joined
    by "and" or "or", or by a comma where the list goes on after the name ("Crockett,
    Palestine and Houston"; not "in Houston, Wright said")."""
    goes_on = any(text[s.end :].startswith(gap) for gap in LIST_GAPS)
    for start, end in places:
        for gap in (text[end : s.start], text[s.end : start]):
            if gap in LIST_GAPS and (goes_on or gap.strip(",; ")):
                return True
    return False


def _dateline(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 3) : start]
    at_start = start == 0 or "\n" in before or before.rstrip().endswith((".", "!", "?"))
    return at_start and bool(_DATELINE.match(text[end : end + 40]))


def party_places(text: str, found: list[Detected], keys: KeyIndex) -> list[Detected]:
    """The places of legislators in US reports ("Sen. Bob Casey, D-Pa.", "Rep. Vicki
    Lensing, D-Iowa City"): the state or town each represents."""
    taken = [(d.start, d.end) for d in found]
    out: list[Detected] = []
    for m in _PARTY.finditer(text):
        start, place = m.start("place"), m.group("place")
        for name in (place, place.split()[0]):  # "D-Story City", else "R-Raleigh"
            name = name if "." in name[:-1] else name.rstrip(".")
            end = start + len(name)
            if len(normalize(name)) > 1 and normalize(name) in keys:
                if not _overlaps(start, end, taken):
                    reasons = ("the place a legislator represents (party-place)",)
                    out.append(Detected(start, end, name, name, False, None, "gazetteer", reasons))
                break
    return out


def demonyms(text: str, ws: list[Word], ents: list[Any], found: list[Detected]) -> list[Detected]:
    """Adjectives of nationality the model did not mark (in a name, an event, no entity):
    "the Sri Lankan government", "the Lebanese Army", "Egyptian-Israeli talks"."""
    taken = [(d.start, d.end) for d in found]
    people = [(e.start_char, e.end_char) for e in ents if e.label_ == "PERSON"]
    out: list[Detected] = []
    i = 0
    while i < len(ws):
        w = ws[i]
        if not w.text[0].isupper():
            i += 1
            continue
        for n in (2, 1):  # "Sri Lankan", "South Ossetian" before "Lankan"
            if i + n > len(ws):
                continue
            start, end = w.start, ws[i + n - 1].end
            span = text[start:end]
            if n == 2 and (
                text[ws[i].end : ws[i + 1].start] != " " or not ws[i + 1].text[0].isupper()
            ):
                continue
            if _overlaps(start, end, taken) or _overlaps(start, end, people):
                continue
            country = demonym_country(span)
            if country is None:
                continue
            reasons = (f"demonym of {country[1]}",)
            out.append(Detected(start, end, span, span, True, "area", "gazetteer", reasons))
            i += n - 1
            break
        i += 1
    return out


@functools.cache
def area_names() -> frozenset[str]:
    """Name keys of the countries and first-level divisions (Texas, Alberta, Sri Lanka):
    an organisation or a "person" such a name heads is that area's ("the Texas Forestry
    Service"), a town's name is more often a person's or a firm's."""
    from gazetteer.context import DEMONYMS_CSV, _read_table
    from gazetteer.sources.packaged import _load
    from gazetteer.sources.regions import admin1_rows

    names = {row["name"] for row in admin1_rows() if not row["id"].startswith("ne-region:")}
    names.update(s["name"] for s in _load("us_states.json").values())
    names.update(row["country"] for row in _read_table(DEMONYMS_CSV))
    return frozenset(normalize(n) for n in names if n)
