"""Draft event records from a report's resolved mentions, for an analyst to review.

Per sentence: presence records for places next to a presence cue ("controls", "seized",
"stronghold", "attack in", "based in", "regrouped in"), movement records for route cues
("from X to Y", "fled X for Y", "moved south to X, then Y", "flew from X to Y", with the
mode where the text gives it), dated from the sentence ("in June 2015"), else from the
paragraph so far, else by the report's own date. Each record's ``evidence`` is the
report and the characters it was read from (a sentence, a clause); its note says it was
drafted for review and from what cue; sentences are never copied into either.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gazetteer.extract.core import Extraction, PlaceMention
from gazetteer.extract.dates import FoundDate, find_dates
from geo.resolution import AREA_KINDS

# (pattern, status) in order; the first that matches a stretch of a sentence names it.
PRESENCE_CUES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.I), status)
    for p, status in (
        (r"\b(?:seized|captured|overran|took (?:over|control of))\b", "control"),
        (r"\bcontrol(?:s|led|ling)?\b", "control"),
        (r"\bstrongholds?\b", "stronghold"),
        (r"\battack(?:s|ed)? (?:in|on|near)\b|\b(?:bombing|assault|raid)s? (?:in|on)\b", "attack"),
        (r"\bbased (?:in|at|near)\b|\bbases? (?:in|at|near)\b|\bcamps? (?:in|near)\b", "base"),
        (r"\bregroup(?:ed|ing|s)? (?:in|around|near)\b", "regrouped"),
        (r"\bpresence in\b|\bactive in\b|\boperat(?:e|es|ing) (?:in|from)\b", "presence"),
        (r"\b(?:ousted|driven out|expelled|pushed out) (?:of|from)\b", "ousted"),
    )
)
MOVE = re.compile(
    r"\b(?:mov|went|go(?:ne|ing)?\b|fled|flee|escap|left|leav|travel|flew|fly|head|"
    r"relocat|retreat|withdr|sail|drove|driv|return|cross|arriv|regroup|push|march|"
    r"smuggl|transit|made (?:their|his|her|its) way)",
    re.I,
)
ORIGIN_WORDS = frozenset({"from", "fled", "left", "escaped", "leaving", "departed", "quit"})
NEXT_WORDS = frozenset(
    {"to", "for", "towards", "toward", "into", "then", "via", "through", "reached", "in",
     "around", "near", "reach", "and"}
)  # fmt: skip
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
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
NEAR_CUES = frozenset({"near", "around", "outside", "outskirts"})
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
    for s in sentences(text):
        body = text[s.start : s.end]
        actor = _actor(body) or (actor if held[1] == s.paragraph else main_actor)
        inside = [m for m in ex.mentions if s.start <= m.start and m.end <= s.end]
        own = [f for f in dates if s.start <= f.start < s.end]
        if own:
            held = (own[0], s.paragraph)
        elif held[1] != s.paragraph:
            held = (None, s.paragraph)
        date, until, how = _dating(held[0], own, published)
        places = [m for m in inside if not m.demonym]
        if not places:
            continue
        _presence(d, s, places, actor, date, until, how)
        _routes(d, s, places, actor, date, how)
    return d.presence, d.movements


def _dating(
    found: FoundDate | None, own: Sequence[FoundDate], published: str
) -> tuple[str, str, str]:
    if found is not None:
        where = "this sentence" if own else "an earlier sentence of the paragraph"
        return found.date, found.until, f"date from {where} (characters {found.start}-{found.end})"
    if published:
        return published, "", "no date in the text: dated by the report's date"
    return "..", "", "no date in the text or the report"


def _presence(
    d: _Draft, s: Sentence, places: list[PlaceMention], actor: str, date: str, until: str, how: str
) -> None:
    body = d.text[s.start : s.end]
    seen: set[tuple[str, str]] = set()
    for pattern, status in PRESENCE_CUES:
        for cue in pattern.finditer(body):
            at = s.start + cue.end()
            after = [m for m in places if m.start >= at and m.start - at <= 80]
            before = [
                m
                for m in places
                if m.end <= s.start + cue.start() and s.start + cue.start() - m.end <= 60
            ]
            targets = after[:1] or before[-1:]
            for m in targets:
                if (m.id, status) in seen:
                    continue
                seen.add((m.id, status))
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


def _routes(
    d: _Draft, s: Sentence, places: list[PlaceMention], actor: str, date: str, how: str
) -> None:
    offset = s.start
    for clause in re.split(r";|\bwhile\b|\bwhereas\b", d.text[s.start : s.end]):
        c_start, c_end = offset, offset + len(clause)
        offset = c_end + 1
        if not MOVE.search(clause):
            continue
        points = [m for m in places if c_start <= m.start and m.end <= c_end]
        route: list[PlaceMention] = []
        has_origin = False
        for m in points:
            prev = d.text[max(c_start, m.start - 30) : m.start].casefold().split()
            word = prev[-1] if prev else ""
            if word in ORIGIN_WORDS and not route:
                route.append(m)
                has_origin = True
            elif (
                word in NEXT_WORDS
                and (route or word in ("to", "for", "towards", "into"))
                and (not route or route[-1].id != m.id)
            ):
                route.append(m)
        if len(route) < 2 or not (has_origin or "then" in clause.casefold()):
            continue
        mode = next((mo for pattern, mo in MODES if pattern.search(clause)), "unknown")
        waypoints = [_place(route[0])] + [{**_place(m), "mode": mode} for m in route[1:]]
        d.movements.append(
            {
                "id": f"{d.source}-m{len(d.movements) + 1}",
                "actor": actor,
                "date": date,
                "waypoints": waypoints,
                "sources": [d.source],
                "confidence": "reported",
                "note": d.note(
                    f"route of {len(route)} places ({', '.join(repr(m.text) for m in route)}), "
                    f"mode {mode}",
                    how,
                ),
                "evidence": d.evidence(c_start, c_end),
            }
        )  # fmt: skip
