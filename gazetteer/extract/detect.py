"""Detection: which spans of a report are place mentions, before any resolution.

Two detectors, merged: spaCy's entities (GPE, LOC, FAC as places; NORP as a demonym when
the demonym table knows it) and the gazetteer matcher (:mod:`gazetteer.extract.matcher`)
for what the model misses: Arabic-script names always, Latin-script names when a place cue
precedes them ("in Awbari", "the town of Ubari"). Then the non-places are dropped:

- common words that are also place names, without a cue ("Nice weather", "Reading a
  report", "Mobile phone"; :data:`~gazetteer.extract.cues.COMMON_WORDS`);
- organisations named after a place ("Manchester United", "Libya Dawn"): spans inside
  the model's ORG entities, or followed by an organisation word;
- people: spans inside PERSON entities, or after a title ("President Washington").

What the first passes leave may still be a place by what the report shows around it
(:mod:`gazetteer.extract.inferred`): the same name given as a place elsewhere, the place
of an institution or of its people, a dateline, a list of counties, a demonym in a name.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gazetteer.context import demonym_country
from gazetteer.extract.cues import (
    AREA_TYPES,
    AREA_WORDS,
    COMMON_WORDS,
    COMPASS_PARTS,
    CONNECTORS,
    DISEASE_HEADS,
    EXAMPLE_CUES,
    FEATURE_WORDS,
    GROUP_ENDINGS,
    INSTITUTION_HEADS,
    INSTITUTION_NAME_WORDS,
    NEVER_ALONE,
    ORG_HEADS,
    ORG_PLACE_CUES,
    PERSON_TITLES,
    PLACE_ABBREVIATIONS,
    PLACE_CUES,
    POINT_CUES,
    TOWN_BODIES,
    TOWN_WORDS,
)
from gazetteer.extract.matcher import ARABIC, KeyIndex, Span, Word, find_spans, words
from gazetteer.normalize import normalize
from geo.resolution import Prefer

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities whose words are never a place mention of their own ("Bank of America").
BLOCKING = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LANGUAGE"})
LEADING = ("the ", "The ")
TRAILING = ("'s", "’s", "'", "’")


@dataclass(frozen=True, slots=True)
class Detected:
    """A span taken as a place mention: ``[start, end)`` of the text, and why."""

    start: int
    end: int
    text: str
    name: str  # what the resolver is asked
    demonym: bool
    prefer: Prefer | None
    how: str  # "ner" or "gazetteer"
    reasons: tuple[str, ...]
    cue: str = ""  # the place cue before a gazetteer match ("in", "the town of")
    # The part of the span that stands in for it when the whole is no place the gazetteer
    # knows ("Henderson County" for "Henderson County Jail", "Texas" for "North Texas").
    stand_in: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Dropped:
    """A span one of the detectors offered and a filter refused (for the review page)."""

    start: int
    end: int
    text: str
    why: str


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    for lead in LEADING:
        if span.startswith(lead) and len(span) > len(lead):
            start += len(lead)
            span = span[len(lead) :]
    for tail in TRAILING:
        if span.endswith(tail) and len(span) > len(tail) + 1:
            end -= len(tail)
            span = span[: -len(tail)]
    return start, end


class _Around:
    """The words before and after spans of one text."""

    def __init__(self, text: str, ws: list[Word]) -> None:
        self.text = text
        self.ws = ws
        self.starts = [w.start for w in ws]

    def _index(self, offset: int) -> int:
        import bisect

        return bisect.bisect_left(self.starts, offset)

    def before(self, start: int, n: int = 1) -> list[str]:
        i = self._index(start)
        return [w.text.casefold() for w in self.ws[max(0, i - n) : i]]

    def after(self, end: int) -> Word | None:
        i = self._index(end)
        return self.ws[i] if i < len(self.ws) else None

    def cue(self, start: int) -> str | None:
        """The place cue just before ``start`` ("in", "the town of"), or None."""
        head = self.text[max(0, start - 24) : start].casefold().rstrip()
        for phrase in (*POINT_CUES, *EXAMPLE_CUES):
            # "City of Lansing", "the town of Ubari"; not "the capacity of".
            if head.endswith(phrase) and not head[: -len(phrase)][-1:].isalpha():
                return phrase
        i = self._index(start)
        if i == 0:
            return None
        prev = self.ws[i - 1]
        word = prev.text.casefold()
        if word in PLACE_CUES and not self.text[prev.end : start].strip():
            return word
        return None

    def org_cue(self, start: int) -> str | None:
        """A cue strong enough to make the model's organisation a place ("in Elkhart",
        "a man, 24, of Elkhart"), or None."""
        cue = self.cue(start)
        if cue in ("of", "from") and self.text[:start].rstrip()[: -len(cue)].rstrip().endswith(","):
            return f", {cue}"
        return cue if cue in ORG_PLACE_CUES or cue in POINT_CUES else None

    def refusal(self, start: int, end: int, span: str) -> str | None:
        """Why a span is not a place, or None."""
        lower = span.casefold()
        cue = self.cue(start)
        if lower in NEVER_ALONE:
            return "a common word, not a name"
        if span[:1].islower():
            return "in lower case, not a name"
        if lower.rstrip(".") in PERSON_TITLES:
            return "a title, not a name"
        if 2 <= len(span) <= 3 and span.isupper() and span not in PLACE_ABBREVIATIONS:
            return "initials (a group's or an organisation's), not a place name"
        if lower in COMMON_WORDS and cue is None:
            return "a common word without a place cue before it"
        if cue is None and span[1:].islower() and lower in _stop_words():
            # "Many area cities plan to...": a word capitalised where a sentence begins
            # (not "US", written in capitals).
            return "a common word without a place cue before it"
        nxt = self.after(end)
        if nxt is not None and nxt.text.casefold() in DISEASE_HEADS and nxt.start - end <= 1:
            return f"a disease named after a place ({span} {nxt.text})"
        if nxt is not None and nxt.text[0].isupper() and nxt.text.casefold() in ORG_HEADS:
            gap = self.text[end : nxt.start]
            if gap in (" ", "-") and not self.town_body(nxt):
                return f"part of a name ({span} {nxt.text}...): an organisation or a title"
        prev = self.before(start)
        if prev and prev[0].rstrip(".") in PERSON_TITLES:
            return f"after the title {prev[0]!r}: a person"
        return None

    def town_body(self, w: Word) -> bool:
        """Whether a word after a name begins the name of the town's own body: "City"
        or "Town" then an institution ("the DeKalb City Council", "Sligo Town Hall"; not
        "Manchester City")."""
        if w.text.casefold() not in TOWN_WORDS:
            return False
        nxt = self.after(w.end)
        if nxt is None or not nxt.text[0].isupper() or self.text[w.end : nxt.start] != " ":
            return False
        head = nxt.text.casefold().replace("’", "'")
        return head in INSTITUTION_HEADS or head in TOWN_BODIES

    def institution(self, w: Word) -> bool:
        """Whether a word after a name begins one of the place's institutions or its
        people ("Athens Police", "Misrata residents", "Paris Public Library", "the DeKalb
        City Council")."""
        head = w.text.casefold().replace("’", "'")
        if head in INSTITUTION_HEADS or self.town_body(w):
            return True
        return head in INSTITUTION_NAME_WORDS and w.text[0].isupper()

    def prefer(self, start: int, end: int) -> Prefer | None:
        cue = self.cue(start)
        if cue in POINT_CUES:
            return "point"
        nxt = self.after(end)
        if nxt is not None and nxt.text.casefold() in AREA_WORDS and nxt.start - end <= 1:
            return "area"
        return None


def detect(
    text: str, doc: Any | None, keys: KeyIndex, *, english: bool = True
) -> tuple[list[Detected], list[Dropped]]:
    """Place mentions of one text, in text order, and the spans refused with the reason.

    ``doc`` is spaCy's parse of ``text`` (None, or ``english=False``: the gazetteer
    matcher alone, for text the English model cannot read).
    """
    # The second passes read this module's spans and filters: imported here, not above.
    from gazetteer.extract.inferred import demonyms, in_context, party_places, person_words

    ws = words(text)
    around = _Around(text, ws)
    found: list[Detected] = []
    dropped: list[Dropped] = []
    taken: list[tuple[int, int]] = []  # spans no gazetteer match may overlap
    ents = list(doc.ents) if doc is not None and english else []
    surnames = person_words(text, ents)
    for ent in ents:
        start, end = _trim(text, ent.start_char, ent.end_char)
        span = text[start:end]
        if _arabic(span):
            continue  # the English model reads nothing in Arabic script: the matcher does
        cue = (
            around.cue(start)
            if ent.label_ == "PERSON"
            or (ent.label_ == "NORP" and _group_place(around, start, end, span))
            else around.org_cue(start)
            if ent.label_ == "ORG"
            else None
        )
        if (
            cue is not None
            and normalize(span) not in surnames
            and normalize(span) in keys
            and around.refusal(start, end, span) is None
        ):
            # "around Bani Walid", "24, of Elkhart", "nuns in Pewaukee": the model's person,
            # organisation or group (no demonym) is a place name after a place cue (not
            # Jones where the report names Tom Jones).
            reasons = (f"gazetteer name after {cue!r} (spaCy said {ent.label_})",)
            taken.append((ent.start_char, ent.end_char))
            found.append(
                Detected(start, end, span, span, False, None, "gazetteer", reasons, cue or "")
            )
            continue
        if ent.label_ in BLOCKING:
            taken.append((ent.start_char, ent.end_char))
            head = span.split(maxsplit=1)[0] if span.split() else ""
            if (
                ent.label_ == "ORG"
                and head.isupper()
                and head.replace(".", "") in PLACE_ABBREVIATIONS
            ):
                # "the U.S. Centers for Disease Control": the country's institution.
                reasons = (f"initials of a place heading an organisation (spaCy {ent.label_})",)
                end = start + len(head)
                found.append(Detected(start, end, head, head, False, "area", "ner", reasons))
            continue
        if ent.label_ == "NORP":
            country = demonym_country(span)
            taken.append((ent.start_char, ent.end_char))
            if country is not None:
                reasons = (f"spaCy NORP: demonym of {country[1]}",)
                found.append(Detected(start, end, span, span, True, "area", "ner", reasons))
            continue
        if ent.label_ not in PLACE_LABELS:
            taken.append((ent.start_char, ent.end_char))
            continue
        taken.append((ent.start_char, ent.end_char))
        why = around.refusal(start, end, span)
        if why is not None:
            dropped.append(Dropped(start, end, span, why))
            continue
        if "-" in span and " " not in span and normalize(span) not in keys:
            # "Fargo-Moorhead", "Egypt-Israel": the names it joins, each a mention.
            at = start
            for part in span.split("-"):
                if part[:1].isupper() and len(part) > 1 and normalize(part) in keys:
                    reasons = (f"spaCy {ent.label_}: a part of {span!r}",)
                    found.append(
                        Detected(at, at + len(part), part, part, False, None, "ner", reasons)
                    )
                at += len(part) + 1
            continue
        reasons = (f"spaCy {ent.label_}",)
        stand_in = None if normalize(span) in keys else _stand_in(text, start, end, keys)
        prefer = around.prefer(start, end)
        found.append(Detected(start, end, span, span, False, prefer, "ner", reasons, "", stand_in))
    spans = list(find_spans(text, ws, keys))
    later: list[Span] = []  # matches no cue took: the report itself may show them places
    for s in spans:
        if _overlaps(s.start, s.end, taken):
            later.append(s)
            continue
        cue = None
        if s.arabic:
            reasons = ("gazetteer name (Arabic script)",)
        else:
            cue = around.cue(s.start)
            if english and cue is None:
                later.append(s)
                continue  # a capitalised word that happens to be a name somewhere
            if english and s.key in surnames:
                continue  # "of Jones" where the report names Tom Jones: the person
            if not english and _sentence_start(text, s.start):
                continue
            why = around.refusal(s.start, s.end, s.text)
            if why is not None:
                dropped.append(Dropped(s.start, s.end, s.text, why))
                continue
            reasons = (f"gazetteer name after {cue!r}" if cue else "gazetteer name",)
        prefer = around.prefer(s.start, s.end)
        found.append(
            Detected(s.start, s.end, s.text, s.text, False, prefer, "gazetteer", reasons, cue or "")
        )
    if english:
        found.extend(in_context(text, around, ents, later, found, surnames, keys))
        found.extend(party_places(text, found, keys))
        found.extend(demonyms(text, ws, ents, found))
    found.sort(key=lambda d: (d.start, d.end))
    dropped.sort(key=lambda d: (d.start, d.end))
    return found, dropped


def _group_place(around: _Around, start: int, end: int, span: str) -> bool:
    """Whether the model's group (NORP) may be a place name: no demonym, no adjective or
    plural of a people ("Asian", "Ohioans"), nothing the first-pass filters refuse."""
    if demonym_country(span) is not None or span.casefold().endswith(GROUP_ENDINGS):
        return False
    return around.refusal(start, end, span) is None


def _stand_in(text: str, start: int, end: int, keys: KeyIndex) -> tuple[int, int] | None:
    """The part of a span that names the place when the whole is no name the index holds:
    the country or first-level division a compass word qualifies ("North Texas": Texas),
    or the area or town heading one of its institutions ("Henderson County" of "Henderson
    County Jail", "Greer" of "Greer City Hall"). Not the head of a street, a building, a
    brand or a person the model took for a place ("Darby Street", "Nino Burjanadze")."""
    from gazetteer.extract.inferred import area_names

    ws = words(text[start:end])
    if len(ws) < 2:
        return None
    if ws[0].text.casefold() in COMPASS_PARTS:
        n = 1  # "Far North Queensland": every compass word before the area
        while n < len(ws) - 1 and ws[n].text.casefold() in COMPASS_PARTS:
            n += 1
        tail = start + ws[n].start
        return (tail, end) if normalize(text[tail:end]) in area_names() else None
    head = head_name(text, start, end, keys)
    if head is None:
        return None
    inside = words(text[head[0] : head[1]])
    after = ws[len(inside)].text
    nxt = after.casefold().replace("’", "'")
    institution = nxt in INSTITUTION_HEADS or (nxt in INSTITUTION_NAME_WORDS and after[0].isupper())
    if inside[-1].text.casefold() in AREA_TYPES or institution or nxt in TOWN_WORDS:
        return head
    return None


def head_name(text: str, start: int, end: int, keys: KeyIndex) -> tuple[int, int] | None:
    """The longest name the index holds that heads a span and is shorter than it, unless
    what follows makes the whole a feature of its own or the head is a common word."""
    ws = words(text[start:end])
    for n in range(len(ws) - 1, 0, -1):
        head, nxt = ws[n - 1], ws[n]
        if nxt.text.casefold() in FEATURE_WORDS or head.text.casefold() in CONNECTORS:
            continue
        key = normalize(text[start : start + head.end])
        if n == 1 and (
            len(key) < 3 or key in NEVER_ALONE or key in COMMON_WORDS or key in FEATURE_WORDS
        ):
            continue
        if key and key in keys:
            return (start, start + head.end)
    return None


@functools.cache
def _stop_words() -> frozenset[str]:
    """English function words (spaCy's list), read when detection first runs."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _sentence_start(text: str, start: int) -> bool:
    head = text[max(0, start - 3) : start].rstrip()
    return not head or head[-1] in ".!?\n\"'«"


def _arabic(span: str) -> bool:
    return bool(ARABIC.search(span))
