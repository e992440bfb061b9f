"""Routes in report text: which places of a clause are the legs of a movement, in order.

Each place of a clause gets a role from the words that govern it, read back over a noun
phrase ("headed to the old desert town of X" is governed by "to"): an origin ("from
X", "fled X", "left X"), a destination ("to", "for", "into", "entered"), a stop ("then
X", "arrived in X", "regrouped around X"), a waypoint ("via", "through"), or none. The
order is the text's, except where English puts the earlier place later: "to Y from X"
and "entered Y through X" go X, Y. Origins joined by "and"/"or" are alternatives ("from
Chad and Niger": two routes); the country a place is given in ("Gao in Mali", "Kano,
Nigeria") is no leg. A clause with one destination and no origin continues a route of the
two sentences before, from its last place, or from its first when the clause is about "other"
members ("Others headed to X"); a route with an origin and no destination takes the
place the next sentence puts its people in ("... is now thought to be in X").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer.extract.core import PlaceMention
from gazetteer.extract.cues import COMPASS_PARTS, LIST_GAPS

MOVE = re.compile(
    r"\b(?:mov|went|go(?:ne|ing|es)?\b|fled|flee|escap|left|leav|travel|flew|fly|flown|head|"
    r"relocat|retreat|withdr|sail|drove|driv|return|cross|arriv|regroup|push|march|"
    r"smuggl|transit|deploy|dispatch|sen[dt]\b|enter|expand|extend|spread|reach|"
    r"ended up|transferr|mak(?:e|es|ing)|made (?:their|his|her|its) way)",
    re.I,
)
ORIGIN = frozenset(
    {"from", "fled", "flee", "fleeing", "left", "leaving", "escaped", "escaping", "departed",
     "quit", "abandoned", "deserted", "evacuated"}
)  # fmt: skip
DEST = frozenset(
    {"to", "for", "towards", "toward", "into", "reached", "reach", "reaching", "entered",
     "enter", "entering", "onward"}
)  # fmt: skip
VIA = frozenset({"via", "through", "across", "thru"})
STOP = frozenset({"in", "at", "around", "near", "outside", "on"})
# Before a stop's preposition: a verb of arriving or staying ("arrived in", "regrouped
# around", "deployed at first in", "is now thought to be in").
ARRIVAL = re.compile(
    r"(?:\b(?:arriv\w*|end(?:ed|s|ing)? up|settl\w*|regroup\w*|stay\w*|stopp\w*|land\w*|"
    r"resurfac\w*|remain\w*|hid\w*|deploy\w*|stationed|reappear\w*|turn(?:ed)? up|"
    r"surfac\w*|gather\w*)(?:\s+[\w'-]+){0,4}|\b(?:now|to be))\s+\S+\s*$",
    re.I,
)
# A noun phrase between the governing word and the name ("the old desert town of").
NOUN_PHRASE = re.compile(
    r"\s(?:the|a|an)\s+(?:[\w'-]+\s+){0,2}?(?:town|city|village|oasis|port|capital|region|"
    r"province|district|area|outskirts|valleys?|mountains|desert|border|coast)\s+(?:of\s+)?$",
    re.I,
)
EXAMPLES = re.compile(r"(?:,\s*)?\b(?:such as|including|notably|especially)\s*$", re.I)
# Where a clause ends for routes: ";", "while", a dash, and who said it ("according to").
CLAUSE_BREAK = re.compile(
    r";|\bwhile\b|\bwhereas\b|\s[–—]\s|\s--\s|,?\s*\baccording to\b"
    r"|,[\"”’']?\s*(?:said|says|told)\b",
    re.I,
)
REACH = 2  # sentences: how far back a route or an open origin is continued
OTHERS = re.compile(r"\b(?:others?|another|the rest|some)\b", re.I)
MAX_GAP = 30  # characters back to the governing word


@dataclass(frozen=True, slots=True)
class Route:
    """A route read from a clause: alternative origins, the places after them, in order."""

    origins: tuple[PlaceMention, ...]
    stops: tuple[PlaceMention, ...]
    start: int  # the clause's characters
    end: int
    # How the first place came from another sentence: "continued" (the last place of the
    # route before), "parallel" (its first), "completed" (an origin left open), or "".
    carried: str = ""

    def paths(self) -> list[tuple[PlaceMention, ...]]:
        """One path per origin (the stops alone when there is none)."""
        return [(o, *self.stops) for o in self.origins] or [self.stops]


@dataclass
class RouteState:
    """What a sentence leaves for the next: its last route, an origin still open."""

    sentence: int = 0
    last: tuple[int, Route] | None = None
    open_origin: tuple[int, PlaceMention] | None = None


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of ``text[start:end]`` for routes, as character ranges."""
    out, at = [], start
    for b in CLAUSE_BREAK.finditer(text, start, end):
        out.append((at, b.start()))
        at = b.end()
    out.append((at, end))
    return [(a, b) for a, b in out if b > a]


def _role(text: str, c_start: int, m: PlaceMention) -> str:
    # Room for a noun phrase ("the old desert town of") and the words that govern it.
    before = text[max(c_start, m.start - MAX_GAP - 40) : m.start]
    before = NOUN_PHRASE.sub(" ", before)
    if EXAMPLES.search(before):  # "to parts of the country such as X": the earlier role
        head = EXAMPLES.sub("", before)
        for word in reversed(head.casefold().split()[-8:]):
            if word in DEST or word in ORIGIN:
                return "dest" if word in DEST else "origin"
        return ""
    words = before.casefold().replace(",", " ").split()
    if not words:
        return ""
    word, prev = words[-1], (words[-2] if len(words) > 1 else "")
    if word == "then" or (word in STOP and prev == "then"):
        return "then"
    if word in ORIGIN or (word == "of" and prev == "out"):
        return "origin"
    if word in DEST:
        return "dest"
    if word in VIA:
        return "via"
    if word in STOP and ARRIVAL.search(before):
        return "stop"
    return ""


def _contains(outer: PlaceMention, inner: PlaceMention, gap: str) -> bool:
    """``outer`` is the country ``inner`` is given in ("Gao in Mali", "Kano, Nigeria")."""
    words = [w for w in gap.casefold().replace(",", " ").split() if w not in COMPASS_PARTS]
    return (
        outer.kind == "country"
        and inner.kind != "country"
        and outer.country_code == inner.country_code
        and words in ([], ["in"])
    )


def read_route(text: str, c_start: int, c_end: int, places: Sequence[PlaceMention]) -> Route:
    """The places of one clause that a route may have, by role, in the route's order."""
    roled: list[tuple[PlaceMention, str]] = []
    for m in (p for p in places if c_start <= p.start and p.end <= c_end):
        if roled:
            prev, prev_role = roled[-1]
            gap = text[prev.end : m.start]
            if _contains(m, prev, gap):
                continue
            if gap in LIST_GAPS:  # "from Chad and Niger": alternatives; "to X and Y": on
                roled.append((m, "or" if prev_role in ("origin", "or") else "dest"))
                continue
        role = _role(text, c_start, m)
        if role:
            roled.append((m, role))
    origins: list[PlaceMention] = []
    stops: list[PlaceMention] = []
    last_role = ""
    for m, role in roled:
        if role == "or" or (role == "origin" and not origins):
            origins.append(m)
        elif role == "via" and last_role == "dest":
            stops.insert(len(stops) - 1, m)  # "entered Y through X", "to Y via X": X first
        elif role in ("dest", "stop", "then", "via") and (not stops or stops[-1].id != m.id):
            stops.append(m)
        else:
            continue
        last_role = role
    # Origins come first wherever the clause gives them ("to Y from X" is X, Y).
    if origins and stops and stops[0].id == origins[0].id:
        stops.pop(0)
    return Route(tuple(origins), tuple(stops), c_start, c_end)


def routes_of(
    text: str, start: int, end: int, places: Sequence[PlaceMention], state: RouteState
) -> list[tuple[Route, PlaceMention | None]]:
    """The routes of a sentence, each with the place another sentence gave it first."""
    state.sentence += 1
    out: list[tuple[Route, PlaceMention | None]] = []
    for c_start, c_end in clauses(text, start, end):
        r = read_route(text, c_start, c_end, places)
        move = MOVE.search(text, c_start, c_end) is not None
        opened = state.open_origin
        if opened and state.sentence - opened[0] <= REACH and len(r.stops) == 1 and not r.origins:
            # "X left Kano. X is now thought to be in Chad."
            route = Route((opened[1],), r.stops, c_start, c_end, "completed")
            out.append((route, opened[1]))
            state.open_origin, state.last = None, (state.sentence, route)
            continue
        if not move:
            continue
        if r.origins and r.stops:
            out.append((r, None))
            state.last = (state.sentence, r)
        elif r.origins:
            state.open_origin = (state.sentence, r.origins[0])
        elif len(r.stops) > 1 and re.search(r"\bthen\b", text[c_start:c_end], re.I):
            out.append((r, None))
            state.last = (state.sentence, r)
        elif len(r.stops) == 1 and state.last and state.sentence - state.last[0] <= REACH:
            before = state.last[1].paths()[0]
            others = OTHERS.search(text, c_start, r.stops[0].start) is not None
            carried = before[0] if others else before[-1]
            if carried.id != r.stops[0].id:
                kind = "parallel" if others else "continued"
                route = Route((carried,), r.stops, c_start, c_end, kind)
                out.append((route, carried))
                state.last = (state.sentence, route)
    return out
