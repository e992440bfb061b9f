"""Resolving the names one document mentions together, each in the light of the others.

A name alone is often ambiguous ("Tripoli"), but the other names of the same text usually
settle it ("Misrata" is only Libyan). :func:`resolve_in_context` first resolves every name
alone, takes the clear ones as anchors, ranks the rest with the anchors' points and
countries as context, and then re-ranks every name with all the others' current choices for
a few passes, until no choice changes.

Some names are not what the index calls a place: demonyms ("Libyan", "Americans") always
mean their country; aliases ("U.S.", "W.Va.", "Palestine") add the place they stand for to
the candidates of the name itself, and context chooses (``data/demonyms.csv`` and
``data/aliases.csv``, each row with its source).
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from gazetteer.candidate import Candidate
from gazetteer.rank import REGION_KINDS
from gazetteer.records import RankContext

# A name is an anchor when its best candidate leads the next by this much score (or has no
# rival): such names decide the context before the ambiguous ones are looked at.
ANCHOR_MARGIN = 0.08
CANDIDATES_PER_NAME = 10
MAX_PASSES = 3
# Two ambiguous names of one text that each have a place within this distance of a place
# of the other, among their first few candidates, mean those two places (Athens and Clarke
# County: Athens, Georgia, the county's seat, rather than Athens, Ohio and a Clarke County
# of Virginia): the pair is taken as an anchor before the passes, which may still move it.
COLOCATED_KM = 25.0
COLOCATED_CANDIDATES = 3
COLOCATED_MARGIN = 0.03  # score behind the name's first candidate, at most
DEMONYMS_CSV = Path(__file__).parent / "data" / "demonyms.csv"
ALIASES_CSV = Path(__file__).parent / "data" / "aliases.csv"


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


Key = tuple[str, "str | None"]  # (the name's key, the mention's country condition)


def resolve_in_context(
    gazetteer: SupportsLookup, names: Sequence[str], *, country: str | None = None
) -> list[Candidate | None]:
    """The best candidate for each of the names mentioned together in one document.

    The ranking step alone (no decision: nothing is ambiguous or refused here); the
    policy that users run is :func:`gazetteer.resolve.resolve`, built on
    :func:`rank_document`.

    Returns
    -------
    list of Candidate or None
        One entry per name, in order; None where the gazetteer knows no place of that name.
    """
    keys: list[Key] = [(_key(n), None) for n in names]
    spelled = {k: n for k, n in zip(keys, names, strict=True)}
    ranked = rank_document(gazetteer, spelled, country=country)
    return [ranked[k][0] if ranked[k] else None for k in keys]


def rank_document(
    gazetteer: SupportsLookup,
    spelled: dict[Key, str],
    *,
    country: str | None = None,
    fixed_points: tuple[tuple[float, float, str], ...] = (),
) -> dict[Key, list[Candidate]]:
    """Every mention's candidates, ranked with the document's other places as context.

    Parameters
    ----------
    spelled
        For each mention key ``(name key, country condition)``, the name as written. A
        mention with a country condition only ranks places of that country.
    country
        The user's preferred country (a preference, not a condition).
    fixed_points
        Places the document gives by coordinates: context from the start.

    Returns
    -------
    dict
        Key -> candidates best first (empty when nothing matches); each ranked with the
        final choices of all the other mentions as context.
    """
    alone = {
        k: _lookup(gazetteer, spelled[k], k[1] or country, RankContext(), k[1])
        for k in sorted(spelled, key=_order)
    }
    choice: dict[Key, Candidate | None] = {k: (c[0] if c else None) for k, c in alone.items()}
    # A demonym always means its country: an anchor that context never moves.
    fixed = {k for k in alone if _is_demonym_of(choice[k], spelled[k])}
    anchors = fixed | {k for k, c in alone.items() if _is_clear(c)}
    if len(choice) > 1:
        pairs = _colocated(alone, anchors)
        choice.update(pairs)
        anchors = anchors | set(pairs)
    final = dict(alone)
    if len(choice) > 1 or fixed_points:
        _passes(gazetteer, spelled, alone, choice, fixed, anchors, country, fixed_points)
        for k in sorted(choice, key=_order):
            points = (*fixed_points, *_points(choice, exclude=k, among=set(choice)))
            if alone[k] and k not in fixed and points:
                ctx = RankContext(
                    country=k[1] or country,
                    points=_unique(points),
                    divisions=_divisions(choice, exclude=k, among=set(choice)),
                )
                final[k] = _lookup(gazetteer, spelled[k], k[1] or country, ctx, k[1])
    return final


def _order(k: Key) -> tuple[str, str]:
    return (k[0], k[1] or "")


def _unique(points: Sequence[tuple[float, float, str]]) -> tuple[tuple[float, float, str], ...]:
    return tuple(sorted(set(points)))


@dataclass(frozen=True, slots=True)
class Rewrite:
    """What a name stands for when the index knows the place under another name."""

    name: str  # the name the place is indexed under
    country_code: str  # "" for a continent
    kind: str  # country, region, continent
    reason: str  # e.g. "demonym of Libya", "alias of United States"


def rewrite_of(name: str) -> Rewrite | None:
    """The place a demonym ("Libyans") or a common alias ("U.S.", "W.Va.") stands for.

    The tables are ``data/demonyms.csv`` and ``data/aliases.csv``; each names its source.
    """
    return _rewrites().get(_key(name))


def demonym_country(name: str) -> tuple[str, str] | None:
    """The country a demonym or adjective of nationality names, as (code, country name).

    >>> demonym_country("Libyans")
    ('LY', 'Libya')
    """
    found = _rewrites().get(_key(name))
    if found is None or not found.reason.startswith("demonym"):
        return None
    return found.country_code, found.name


@functools.cache
def _rewrites() -> dict[str, Rewrite]:
    table: dict[str, Rewrite] = {}
    for row in _read_table(ALIASES_CSV):
        table[_key(row["alias"])] = Rewrite(
            row["name"], row["country_code"], row["kind"], f"alias of {row['name']}"
        )
    for row in _read_table(DEMONYMS_CSV):
        table[_key(row["demonym"])] = Rewrite(
            row["country"], row["country_code"], "country", f"demonym of {row['country']}"
        )
    return table


def _read_table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def _lookup(
    gazetteer: SupportsLookup,
    name: str,
    country: str | None,
    context: RankContext = RankContext(),
    condition: str | None = None,
) -> list[Candidate]:
    """Candidates for a name, with what its demonym or alias stands for among them; only
    those in the ``condition`` country when one is given."""
    found = _rewritten(gazetteer, name, country, context)
    if condition is not None:
        return [c for c in found if c.country_code == condition]
    return found


def _rewritten(
    gazetteer: SupportsLookup, name: str, country: str | None, context: RankContext
) -> list[Candidate]:
    found = gazetteer.lookup(name, country=country, limit=CANDIDATES_PER_NAME, context=context)
    rewrite = rewrite_of(name)
    if rewrite is None:
        return found
    meant = [
        c
        for c in gazetteer.lookup(
            rewrite.name, country=country, limit=CANDIDATES_PER_NAME, context=context
        )
        if c.kind == rewrite.kind and c.country_code == rewrite.country_code
    ]
    if not meant:
        return found
    # "Libyan" resolves as "Libya" would, and says so.
    place = replace(meant[0], matched=name, reasons=(rewrite.reason, *meant[0].reasons[1:]))
    if rewrite.reason.startswith("demonym"):
        return [place]  # a demonym names no place but its country
    # An alias competes with the places that bear the name itself ("Palestine", Texas).
    merged = [place, *(c for c in found if c.id != place.id)]
    merged.sort(key=lambda c: (-c.score, -(c.population or 0), c.id))
    return merged


def _is_demonym_of(candidate: Candidate | None, name: str) -> bool:
    rewrite = rewrite_of(name)
    return (
        candidate is not None
        and rewrite is not None
        and rewrite.reason.startswith("demonym")
        and candidate.reasons[:1] == (rewrite.reason,)
    )


def _key(name: str) -> str:
    # The same name written twice is one place in one text; spacing and case do not matter.
    return " ".join(name.split()).casefold()


def _passes(
    gazetteer: SupportsLookup,
    spelled: dict[Key, str],
    alone: dict[Key, list[Candidate]],
    choice: dict[Key, Candidate | None],
    fixed: set[Key],
    anchors: set[Key],
    country: str | None,
    fixed_points: tuple[tuple[float, float, str], ...] = (),
) -> None:
    # First pass: ambiguous names see only the anchors; later passes see every choice.
    seen = anchors
    for _ in range(MAX_PASSES):
        changed = False
        for k in sorted(choice, key=_order):
            if not alone[k] or k in fixed or (k in anchors and seen is anchors):
                continue
            points = _unique((*fixed_points, *_points(choice, exclude=k, among=seen)))
            if not points:
                continue
            cc = k[1] or country
            divisions = _divisions(choice, exclude=k, among=seen)
            ctx = RankContext(country=cc, points=points, divisions=divisions)
            ranked = _lookup(gazetteer, spelled[k], cc, ctx, k[1])
            held = choice[k]
            best = ranked[0] if ranked else held
            if best is not None and (held is None or best.id != held.id):
                changed = True
            choice[k] = best
        if not changed and seen is not anchors:
            break
        seen = set(choice)


def _colocated(alone: dict[Key, list[Candidate]], anchors: set[Key]) -> dict[Key, Candidate]:
    """The ambiguous names whose first candidates hold a place near one of another
    ambiguous name's: each such name, and the nearest pair's place (see COLOCATED_KM)."""
    from geo.geodesy import haversine_km

    open_keys = sorted((k for k in alone if k not in anchors and alone[k]), key=_order)
    heads = {
        k: [
            c
            for c in alone[k][:COLOCATED_CANDIDATES]
            if alone[k][0].score - c.score <= COLOCATED_MARGIN
        ]
        for k in open_keys
    }
    best: dict[Key, tuple[int, float, Candidate]] = {}
    for i, a in enumerate(open_keys):
        for b in open_keys[i + 1 :]:
            for ra, ca in enumerate(heads[a]):
                for rb, cb in enumerate(heads[b]):
                    if ca.id == cb.id:
                        continue  # one place under two names ("Athens", "Athens city")
                    km = haversine_km(ca.lat, ca.lon, cb.lat, cb.lon)
                    if km > COLOCATED_KM:
                        continue
                    for k, c, rank in ((a, ca, ra), (b, cb, rb)):
                        held = best.get(k)
                        if held is None or (rank, km) < held[:2]:
                            best[k] = (rank, km, c)
    return {k: c for k, (rank, _, c) in best.items() if rank > 0}


def _is_clear(candidates: list[Candidate]) -> bool:
    if not candidates:
        return False
    if len(candidates) == 1:
        return True
    return candidates[0].score - candidates[1].score >= ANCHOR_MARGIN


def _divisions(
    choice: dict[Key, Candidate | None], *, exclude: Key, among: set[Key]
) -> tuple[tuple[str, str], ...]:
    """The first-level divisions the other mentions chose, as (country code, admin1)."""
    found = {
        (c.country_code, c.admin1)
        for k in among
        if k != exclude and (c := choice.get(k)) is not None and c.kind in REGION_KINDS and c.admin1
    }
    return tuple(sorted(found))


def _points(
    choice: dict[Key, Candidate | None], *, exclude: Key, among: set[Key]
) -> tuple[tuple[float, float, str], ...]:
    # One point per place, however often it is mentioned, in a fixed order (determinism).
    by_id: dict[str, tuple[float, float, str]] = {}
    for k in sorted(among, key=_order):
        c = choice.get(k)
        if k != exclude and c is not None:
            by_id.setdefault(c.id, (c.lat, c.lon, c.country_code))
    return tuple(by_id[i] for i in sorted(by_id))
