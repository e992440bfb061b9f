"""Resolving the names one document mentions together, each in the light of the others.

A name alone is often ambiguous ("Tripoli"), but the other names of the same text usually
settle it ("Misrata" is only Libyan). :func:`resolve_in_context` first resolves every name
alone, takes the clear ones as anchors, ranks the rest with the anchors' points and
countries as context, and then re-ranks every name with all the others' current choices for
a few passes, until no choice changes.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from gazetteer.candidate import Candidate
from gazetteer.records import RankContext

# A name is an anchor when its best candidate leads the next by this much score (or has no
# rival): such names decide the context before the ambiguous ones are looked at.
ANCHOR_MARGIN = 0.08
CANDIDATES_PER_NAME = 10
MAX_PASSES = 3
DEMONYMS_CSV = Path(__file__).parent / "data" / "demonyms.csv"


class SupportsLookup(Protocol):
    """What :func:`resolve_in_context` needs of a gazetteer: its public lookup."""

    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        limit: int = 10,
        context: RankContext = RankContext(),
    ) -> list[Candidate]:
        """Candidates for a name, best first."""
        ...


def resolve_in_context(
    gazetteer: SupportsLookup, names: Sequence[str], *, country: str | None = None
) -> list[Candidate | None]:
    """The best candidate for each of the names mentioned together in one document.

    Parameters
    ----------
    gazetteer : object with ``lookup(name, *, country, limit, context)``
        Usually :class:`gazetteer.lookup.Gazetteer`.
    names : sequence of str
        The names as the document writes them, in any order; repeats are allowed.
    country : str, optional
        ISO 3166-1 alpha-2 code of the country the user prefers.

    Returns
    -------
    list of Candidate or None
        One entry per name, in order; None where the gazetteer knows no place of that name.
    """
    keys = [_key(n) for n in names]
    spelled = {k: n for k, n in zip(keys, names, strict=True)}
    alone = {k: _lookup_alone(gazetteer, spelled[k], country) for k in sorted(spelled)}
    choice: dict[str, Candidate | None] = {k: (c[0] if c else None) for k, c in alone.items()}
    # A demonym always means its country: it is an anchor that context never moves.
    fixed = {k for k in alone if demonym_country(spelled[k]) is not None and choice[k]}
    anchors = fixed | {k for k, c in alone.items() if _is_clear(c)}
    if len(choice) > 1:
        # First pass: ambiguous names see only the anchors; later passes see every choice.
        seen = anchors
        for _ in range(MAX_PASSES):
            changed = False
            for k in sorted(choice):
                if not alone[k] or k in fixed or (k in anchors and seen is anchors):
                    continue
                points = _points(choice, exclude=k, among=seen)
                if not points:
                    continue
                ranked = gazetteer.lookup(
                    spelled[k],
                    country=country,
                    limit=1,
                    context=RankContext(country=country, points=points),
                )
                held = choice[k]
                best = ranked[0] if ranked else held
                if best is not None and (held is None or best.id != held.id):
                    changed = True
                choice[k] = best
            if not changed and seen is not anchors:
                break
            seen = set(choice)
    return [choice[k] for k in keys]


def demonym_country(name: str) -> tuple[str, str] | None:
    """The country a demonym or adjective of nationality names, as (code, country name).

    >>> demonym_country("Libyans")
    ('LY', 'Libya')
    """
    return _demonyms().get(_key(name))


@functools.cache
def _demonyms() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    with DEMONYMS_CSV.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        for row in rows:
            table[_key(row["demonym"])] = (row["country_code"], row["country"])
    return table


def _lookup_alone(gazetteer: SupportsLookup, name: str, country: str | None) -> list[Candidate]:
    found = gazetteer.lookup(name, country=country, limit=CANDIDATES_PER_NAME)
    demonym = demonym_country(name)
    if demonym is None:
        return found
    code, country_name = demonym
    states = [
        c
        for c in gazetteer.lookup(country_name, limit=CANDIDATES_PER_NAME)
        if c.kind == "country" and c.country_code == code
    ]
    if not states:
        return found
    # "Libyan" resolves as "Libya" would, and says so.
    state = replace(
        states[0], matched=name, reasons=(f"demonym of {country_name}", *states[0].reasons[1:])
    )
    return [state, *(c for c in found if c.id != state.id)]


def _key(name: str) -> str:
    # The same name written twice is one place in one text; spacing and case do not matter.
    return " ".join(name.split()).casefold()


def _is_clear(candidates: list[Candidate]) -> bool:
    if not candidates:
        return False
    if len(candidates) == 1:
        return True
    return candidates[0].score - candidates[1].score >= ANCHOR_MARGIN


def _points(
    choice: dict[str, Candidate | None], *, exclude: str, among: set[str]
) -> tuple[tuple[float, float, str], ...]:
    # One point per place, however often it is mentioned, in a fixed order (determinism).
    by_id: dict[str, tuple[float, float, str]] = {}
    for k in sorted(among):
        c = choice.get(k)
        if k != exclude and c is not None:
            by_id.setdefault(c.id, (c.lat, c.lon, c.country_code))
    return tuple(by_id[i] for i in sorted(by_id))
