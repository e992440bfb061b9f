"""Draft event records from a report's resolved mentions, for an analyst to review.

Per sentence: presence records for places next to a presence cue ("controls", "seized",
"stronghold", "attack in", "based in", "regrouped in"), movement records for route cues
("from X to Y", "fled X for Y", "moved south to X, then Y", "flew from X to Y", with the
mode where the text gives it; read by :mod:`gazetteer.extract.routes`), each dated by the
date said nearest its place in the sentence ("in June 2015"), else from the paragraph so
far, else by the report's own date. A cue takes the places listed after it ("cells in
A, B and C"). Each record's ``evidence`` is the
report and the characters it was read from (a sentence, a clause); its note says it was
drafted for review and from what cue; sentences are never copied into either.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from gazetteer.extract.core import Extraction, PlaceMention
from gazetteer.extract.dates import FoundDate, find_dates
from gazetteer.extract.routes import RouteState, routes_of
from geo.resolution import AREA_KINDS

# (pattern, status) in order; the first that matches a stretch of a sentence names it.
PRESENCE_CUES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.I), status)
    for p, status in (
        (r"\b(?:seized|captured|overran|took (?:over|control of))\b", "control"),
        (r"\bcontrol(?:s|led|ling)?\b", "control"),
        (r"\bstrongholds?\b", "stronghold"),
        (r"\battack(?:s|ed)? (?:in|on|near)\b|\b(?:bombing|assault|raid)s? (?:in|on)\b", "attack"),
        (r"\bblew (?:himself|herself|themselves) up\b", "attack"),
        (r"\bbased (?:in|at|near)\b|\bbases? (?:in|at|near)\b|\bcamps? (?:in|near)\b", "base"),
        (r"\bpositions? (?:in|near|around)\b", "base"),
        (r"\b(?:provinces?|wilayats?)\s*:", "province"),
        (r"\b(?:chapters?|branch(?:es)?|cells?|wings?|affiliates?|outposts?) in\b", "presence"),
        (r"\bregroup(?:ed|ing|s)? (?:in|around|near)\b", "regrouped"),
        (r"\bpresence in\b|\bactive in\b|\boperat(?:e|es|ing) (?:in|from)\b", "presence"),
        (
            r"\b(?:ousted|driven out|expelled|pushed out)(?: (?:this|last|in|early|late) \w+)?"
            r" (?:of|from)\b",
            "ousted",
        ),
    )
)
# How a route's first place came from another sentence (routes.Route.carried).
CARRIED = {
    "continued": "the last place of the route before",
    "parallel": "the first place of the route before: others of the group",
    "completed": "the origin the sentence before left open",
}
MODES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:flew|fly|flown|flight|plane|aircraft|airlift\w*|by air)\b", re.I), "air"),
    (re.compile(r"\b(?:boats?|ships?|sail\w*|by sea|ferr(?:y|ies)|dinghy)\b", re.I), "sea"),
    (
        re.compile(
            r"\b(?:drove|driv\w*|convoys?|trucks?|vehicles?|overland|by road|on foot|walked|"
            r"trek\w*|pick-?ups?)\b",
            re.I,
        ),
        "overland",
    ),
)
ACTORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), actor)
    for p, actor in (
        (r"\b(?:Islamic State|ISIS|ISIL|IS|Daesh|Daish)\b", "Islamic State"),
        (r"\b(?:al[- ]Qaeda|al[- ]Qaida|AQIM)\b", "al-Qaeda"),
        (r"\bAnsar al[- ]Sharia\b", "Ansar al-Sharia"),
        (r"\bBoko Haram\b", "Boko Haram"),
        (r"\bal[- ]Shabaab\b", "al-Shabaab"),
        (r"\bTaliban\b", "Taliban"),
    )
)
UNKNOWN_ACTOR = "unknown actor (review)"
# A full stop after a lone capital ("U.S.", "J. Smith") ends no sentence.
SENTENCE = re.compile(r"(?:[^.!?\n]|(?<=\b[A-Z])\.)+(?:[.!?]+|\n|$)")
NEAR_CUES = frozenset({"near", "around", "outside", "outskirts"})
# What stands between the places of a list after a cue (brackets taken out first).
LIST_WORDS = frozenset({",", "and", "or", "even", "as", "well"})
LIST_NAME = re.compile(r"(?:al|el|ad|as|az|ash)[-'’]\w", re.I)  # "al-Khums" in lower case
REVIEW = "Drafted by geo extract for review"


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets and paragraph numbers (a blank line starts one)."""
    out: list[Sentence] = []
    paragraph = 0
    for m in SENTENCE.finditer(text):
        if "\n\n" in text[max(0, m.start() - 2) : m.start() + 1]:
            paragraph += 1
        if m.group().strip():
            out.append(Sentence(m.start(), m.end(), paragraph))
    return out


def _actor(text: str) -> str | None:
    for pattern, actor in ACTORS:
        if pattern.search(text):
            return actor
    return None


def _precision(m: PlaceMention, text: str) -> str:
    if m.kind in AREA_KINDS or m.prefer == "area":
        return "region"
    before = text[max(0, m.start - 20) : m.start].casefold().split()
    return "near" if before and before[-1] in NEAR_CUES else "exact"


def _place(m: PlaceMention) -> dict[str, Any]:
    return {"place": m.name, "lat": m.lat, "lon": m.lon, "gazetteer_id": m.id}


@dataclass
class _Draft:
    source: str
    file: str
    text: str
    presence: list[dict[str, Any]]
    movements: list[dict[str, Any]]

    def note(self, what: str, date_how: str) -> str:
        return f"{REVIEW}: {what}; {date_how}."

    def evidence(self, start: int, end: int) -> dict[str, Any]:
        """The record's ``evidence`` field: where in which report it was read."""
        return {"file": self.file, "start": start, "end": end}


def draft_records(
    ex: Extraction, *, source_id: str, file: str, published: str = ""
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Presence and movement records (plain dicts in the event-file schema) of a report."""
    text = ex.text
    d = _Draft(source_id, file, text, [], [])
    doc_actor = Counter(a for s in sentences(text) if (a := _actor(text[s.start : s.end])))
    main_actor = doc_actor.most_common(1)[0][0] if doc_actor else UNKNOWN_ACTOR
    dates = find_dates(text, published)
    held: tuple[FoundDate | None, int] = (None, -1)
    actor = main_actor
    state = RouteState()
    for s in sentences(text):
        body = text[s.start : s.end]
        actor = _actor(body) or (actor if held[1] == s.paragraph else main_actor)
        inside = [m for m in ex.mentions if s.start <= m.start and m.end <= s.end]
        own = [f for f in dates if s.start <= f.start < s.end]
        if own:
            held = (own[0], s.paragraph)
        elif held[1] != s.paragraph:
            held = (None, s.paragraph)

        dating = functools.partial(_date_at, own=own, held=held[0], published=published)
        places = sorted([m for m in inside if not m.demonym] + _the_country(ex, s), key=_at)
        refused = [(x.start, x.end) for x in ex.dropped if s.start <= x.start < s.end]
        _presence(d, s, places, actor, dating, refused)
        _routes(d, s, places, actor, dating, state)
    return d.presence, d.movements


Dating = tuple[str, str, str]


def _date_at(
    at: int, *, own: Sequence[FoundDate], held: FoundDate | None, published: str
) -> Dating:
    """The date said nearest the place in its sentence, else the paragraph's so far."""
    near = min(own, key=lambda found: abs(found.start - at), default=None)
    return _dating(near or held, own, published)


def _dating(found: FoundDate | None, own: Sequence[FoundDate], published: str) -> Dating:
    if found is not None:
        where = "this sentence" if own else "an earlier sentence of the paragraph"
        how = f"date from {where} (characters {found.start}-{found.end})"
        if found.anchored:
            how += ", its year the last one the report gave before it"
        return found.date, found.until, how
    if published:
        return published, "", "no date in the text: dated by the report's date"
    return "..", "", "no date in the text or the report"


def _presence(
    d: _Draft,
    s: Sentence,
    places: list[PlaceMention],
    actor: str,
    dating: Callable[[int], Dating],
    refused: Sequence[tuple[int, int]] = (),
) -> None:
    body = d.text[s.start : s.end]
    seen: set[tuple[str, str]] = set()
    for pattern, status in PRESENCE_CUES:
        for cue in pattern.finditer(body):
            at = s.start + cue.end()
            after = [m for m in places if m.start >= at]
            named = [m for m in after if not THE_COUNTRY.fullmatch(m.text)]
            if named and named[0].start - at <= 80:
                after = named  # "in that part of the country, at X": X, not the country
            after = after if after and after[0].start - at <= 80 else []
            if after and any(at <= a and b <= after[0].start for a, b in refused):
                after = []  # the cue's object is a name refused or not found, not a later place
            before = [
                m
                for m in places
                if m.end <= s.start + cue.start() and s.start + cue.start() - m.end <= 60
            ]
            targets = _listed(d.text, after) if after else before[-1:]
            for m in targets:
                if (m.id, status) in seen:
                    continue
                seen.add((m.id, status))
                date, until, how = dating(m.start)
                record: dict[str, Any] = {
                    "id": f"{d.source}-p{len(d.presence) + 1}",
                    **_place(m),
                    "actor": actor,
                    "status": status,
                    "date": date,
                }
                if until:
                    record["end"] = until
                record.update(
                    precision=_precision(m, d.text),
                    sources=[d.source],
                    confidence="reported",
                    note=d.note(
                        f"presence cue {cue.group().casefold()!r} (characters "
                        f"{s.start + cue.start()}-{at}), place {m.text!r} at {m.start}-{m.end}",
                        how,
                    ),
                    evidence=d.evidence(s.start, s.end),
                )  # fmt: skip
                d.presence.append(record)


THE_COUNTRY = re.compile(r"\bthe country\b", re.I)


def _at(m: PlaceMention) -> int:
    return m.start


def _the_country(ex: Extraction, s: Sentence) -> list[PlaceMention]:
    """The phrase "the country" as a mention of the country the report named last before
    it: by name, not by a demonym ("near the Algerian border ... that part of the country")."""
    out = []
    for phrase in THE_COUNTRY.finditer(ex.text, s.start, s.end):
        named = [
            m
            for m in ex.mentions
            if m.kind == "country" and not m.demonym and m.end <= phrase.start()
        ]
        if named:
            out.append(dataclasses.replace(named[-1], start=phrase.start(), end=phrase.end(),
                                           text=phrase.group(), demonym=False))  # fmt: skip
    return out


def _listed(text: str, after: list[PlaceMention]) -> list[PlaceMention]:
    """The first place after a cue and those listed with it ("in A, B (...), C and even D").

    A name between two of them that is no mention (a place the gazetteer lacks) does not
    end the list.
    """
    out = after[:1]
    for m in after[1:]:
        gap = re.sub(r"\([^)]*\)", "", text[out[-1].end : m.start])
        words = re.findall(r"[\w'’-]+|,", gap)
        if not words or not all(w in LIST_WORDS or w[0].isupper() or LIST_NAME.match(w)
                                for w in words):  # fmt: skip
            break
        out.append(m)
    return out


def _routes(
    d: _Draft,
    s: Sentence,
    places: list[PlaceMention],
    actor: str,
    dating: Callable[[int], Dating],
    state: RouteState,
) -> None:
    for route, carried in routes_of(d.text, s.start, s.end, places, state):
        clause = d.text[route.start : route.end]
        mode = next((mo for pattern, mo in MODES if pattern.search(clause)), "unknown")
        for path in route.paths():
            if len(path) < 2:
                continue
            first = path[1] if carried is not None else path[0]
            date, _, how = dating(first.start)
            waypoints = [_place(path[0])] + [{**_place(m), "mode": mode} for m in path[1:]]
            named = path[1:] if carried is not None else path
            what = f"route of {len(path)} places ({', '.join(repr(m.text) for m in named)}"
            if carried is not None:
                what += f", from {carried.text!r} at {carried.start}-{carried.end}"
                what += f" ({CARRIED[route.carried]})"
            d.movements.append(
                {
                    "id": f"{d.source}-m{len(d.movements) + 1}",
                    "actor": actor,
                    "date": date,
                    "waypoints": waypoints,
                    "sources": [d.source],
                    "confidence": "reported",
                    "note": d.note(f"{what}), mode {mode}", how),
                    # From the place another sentence gave, so the reviewer reads both.
                    "evidence": d.evidence(min(path[0].start, route.start), route.end),
                }
            )  # fmt: skip
