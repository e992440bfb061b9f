"""The one resolution policy: retrieval, ranking in context, decision.

Every command that turns names into places calls :func:`resolve` (through
:meth:`gazetteer.lookup.Gazetteer.resolve`): ``geo validate``, ``map``, ``brief``,
``export``, ``--fit``, ``near``, ``distance`` and ``lookup`` of several names; so does the
accuracy benchmark. The three steps:

1. retrieval: each distinct mention's candidates (:meth:`Gazetteer.lookup`, with
   demonyms and aliases, :mod:`gazetteer.context`);
2. ranking in context: every mention ranked with the document's other places
   (:func:`gazetteer.context.rank_document`); places the document gives by coordinates
   are context from the start;
3. decision, per mention (:func:`decide`): :class:`~geo.resolution.Resolved`, with
   notes for a spelling match or a small margin; :class:`~geo.resolution.Ambiguous` when
   two places in different countries are equally likely and nothing tells them apart;
   :class:`~geo.resolution.NotFound` with suggestions, or with the places refused (outside
   the record's country; a small place far from all of the document's others).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from gazetteer.candidate import Candidate
from gazetteer.checks import check_country, check_name
from gazetteer.context import Key, rank_document
from gazetteer.rank import by_spelling
from geo.errors import InputError
from geo.geodesy import haversine_km
from geo.resolution import (
    AREA_KINDS,
    Ambiguous,
    DocumentContext,
    Mention,
    NotFound,
    Resolution,
    Resolved,
    short,
)

if TYPE_CHECKING:
    from gazetteer.lookup import Gazetteer

# Two places in different countries closer than this in score, with nothing else to tell
# them apart (no country hint, no context, neither ten times the other's size), are
# ambiguous: the analyst must say which (the first release's rule, kept).
AMBIGUITY_MARGIN = 0.05
DOMINANCE = 10
# A choice over a distinct place (another country, or more than SAME_PLACE_KM away)
# by less than this is made, and said (``geo validate`` warns). Measured on the three
# news corpora (BENCHMARKS.md): 0.08 flagged a third of LGL's names, 0.03 one in nine.
CLOSE_MARGIN = 0.03
SAME_PLACE_KM = 50.0
# A small place far from every other place of a document, in none of its countries, is
# more often a namesake than what the text meant ("Konna" in a Malian file: the only
# Konna the index knows is Conna, Ireland). Refused, with the place named.
FAR_KM = 1500.0
BROAD_KINDS = frozenset({"country", "continent", "world region"})  # no point says "near"
FAR_SMALL_POPULATION = 20_000
FAR_WEAK_POPULATION = 1_000_000  # the same for a match by an alternate name, code or typo
# An area and a point of one name (Tombouctou region, Timbuktu town): the record's
# precision picks the kind, if the other kind's candidate is not far behind.
KIND_SWAP_MARGIN = 0.3
SUGGESTIONS = 3


def resolve(
    gazetteer: Gazetteer,
    mentions: Sequence[Mention | str],
    *,
    country: str | None = None,
    context: DocumentContext | None = None,
) -> list[Resolution]:
    """Resolve the place names one document mentions together.

    Parameters
    ----------
    gazetteer
        Where candidates come from.
    mentions
        Names (or :class:`Mention` with a country condition and a kind preference), in
        any order; repeats are allowed and resolve alike.
    country
        ISO 3166-1 alpha-2 code of a country to prefer (``--country``).
    context
        Places the document gives by coordinates.

    Returns
    -------
    list of Resolved, Ambiguous or NotFound
        One per mention, in order. A name the gazetteer refuses (empty, control
        characters) is NotFound with the reason; it does not stop the others.
    """
    preferred = check_country(country)
    ctx = context or DocumentContext()
    items = [m if isinstance(m, Mention) else Mention(m) for m in mentions]
    refused: dict[Mention, str] = {}
    spelled: dict[Key, str] = {}
    for m in items:
        try:
            check_name(m.name)
            cc = check_country(m.country)
        except InputError as exc:
            refused[m] = exc.message
            continue
        spelled.setdefault(_key(m.name, cc), m.name)
    ranked = rank_document(gazetteer, spelled, country=preferred, fixed_points=ctx.points)
    # Where each mention's first choice lies: the others' points decide each one.
    chosen = {k: (c[0].lat, c[0].lon, c[0].country_code) for k, c in ranked.items() if c}
    # A country's (or continent's) point says nothing of what lies near it: its places are
    # known by its code ("French troops" keeps no Irish village near France's middle).
    broad = {k for k, c in ranked.items() if c and c[0].kind in BROAD_KINDS}
    out: list[Resolution] = []
    for m in items:
        if m in refused:
            out.append(NotFound(m, why=refused[m]))
            continue
        key = _key(m.name, check_country(m.country))
        others = [pt for k, pt in chosen.items() if k != key] + list(ctx.points)
        near = [pt for k, pt in chosen.items() if k != key and k not in broad]
        out.append(decide(gazetteer, m, ranked[key], others, near + list(ctx.points)))
    return out


def decide(
    gazetteer: Gazetteer,
    mention: Mention,
    candidates: list[Candidate],
    others: list[tuple[float, float, str]],
    near: list[tuple[float, float, str]] | None = None,
) -> Resolution:
    """The decision for one mention, from its candidates ranked in context and the points
    ``(lat, lon, country_code)`` of the document's other places (``near``: those that are
    not a country or a continent, whose points tell what is near; by default all)."""
    cc = mention.country.strip().upper() if mention.country else None
    if not candidates:
        if cc is not None:
            elsewhere = gazetteer.lookup(mention.name, limit=2)
            if elsewhere:
                return NotFound(mention, elsewhere=tuple(elsewhere), why=f"in {cc}")
        return NotFound(mention, tuple(gazetteer.suggest(mention.name)[:SUGGESTIONS]))
    best, kind_note = _by_precision(gazetteer, candidates, mention)
    # With a kind asked for, only places of that kind compete (the region of a town's
    # name is no rival to the town for an ``exact`` record).
    rivals = [
        c
        for c in candidates
        if c is not best
        and best.score - c.score < max(CLOSE_MARGIN, AMBIGUITY_MARGIN)
        and _distinct(best, c)
        and (mention.prefer is None or _is_area(c) == _is_area(best))
    ]
    if cc is None and rivals and not others and _is_ambiguous(best, rivals[0]):
        return Ambiguous(mention, tuple([best, *rivals]))
    rivals = [c for c in rivals if best.score - c.score < CLOSE_MARGIN]
    points = others if near is None else near
    if cc is None and points and _far_and_small(best, others, points):
        km = min(haversine_km(best.lat, best.lon, p[0], p[1]) for p in points)
        why = (
            f"near the other places of the file ({short(best)} lies {km:,.0f} km from the "
            "nearest); give lat/lon or country"
        )
        return NotFound(mention, elsewhere=(best,), why=why, candidates=tuple(candidates))
    if cc is None and others and _spelled_abroad(best, others):
        suggestions = tuple(gazetteer.suggest(mention.name)[:SUGGESTIONS])
        why = f"in the countries of the file's other places (the nearest spelling is {short(best)})"
        return NotFound(mention, suggestions, elsewhere=(best,), why=why)
    fuzzy = by_spelling(best)
    rival = rivals[0] if rivals else None
    return Resolved(
        mention, best, tuple(candidates), fuzzy=fuzzy, close=rival is not None, rival=rival,
        kind_note=kind_note,
    )  # fmt: skip


def _key(name: str, country: str | None) -> Key:
    return (" ".join(name.split()).casefold(), country)


def _by_precision(
    gazetteer: Gazetteer, candidates: list[Candidate], mention: Mention
) -> tuple[Candidate, str]:
    """The best candidate of the kind the record's precision asks for, when it is close;
    for an area, else the division named after the town (:func:`_seat_division`)."""
    best = candidates[0]
    if mention.prefer is None:
        return best, ""
    want_area = mention.prefer == "area"
    if (best.kind in AREA_KINDS) == want_area:
        return best, ""
    for c in candidates[1:]:
        if (
            (c.kind in AREA_KINDS) == want_area
            and c.country_code == best.country_code
            and best.score - c.score <= KIND_SWAP_MARGIN
            and not by_spelling(c)
        ):
            what = (
                "an area, as the record's precision is region"
                if want_area
                else ("a point, as the record's precision is exact or near")
            )
            return c, f"{c.kind} rather than the {best.kind} of that name: {what}"
    division = _seat_division(gazetteer, best) if want_area else None
    if division is not None:
        return division, (
            f"{division.name}, the {division.kind} named after the {best.kind}: an area, as"
            " the record's precision is region"
        )
    return best, ""


def _seat_division(gazetteer: Gazetteer, town: Candidate) -> Candidate | None:
    """The first-level division named after ``town`` ("Kidal Region" for Kidal), which the
    index lists under its full name only, so that a bare name stays the town's."""
    from gazetteer.normalize import normalize
    from gazetteer.sources.regions import seat_divisions

    listed = seat_divisions().get((town.country_code, normalize(town.name)))
    if listed is None:
        return None
    found = gazetteer.lookup(listed, country=town.country_code, limit=3)
    return next((c for c in found if c.kind in AREA_KINDS and c.name == listed), None)


def _is_area(c: Candidate) -> bool:
    return c.kind in AREA_KINDS


def _distinct(a: Candidate, b: Candidate) -> bool:
    """Whether two candidates are different places (not one place in two sources)."""
    if a.country_code != b.country_code:
        return True
    return haversine_km(a.lat, a.lon, b.lat, b.lon) > SAME_PLACE_KM


def _is_ambiguous(first: Candidate, second: Candidate) -> bool:
    if first.country_code == second.country_code:
        return False
    if first.score - second.score >= AMBIGUITY_MARGIN:
        return False
    big, small = first.population, second.population
    return not (big and small is not None and big >= DOMINANCE * max(small, 1))


def _far_and_small(
    best: Candidate, others: list[tuple[float, float, str]], points: list[tuple[float, float, str]]
) -> bool:
    """Whether a place looks like a namesake of what the document meant: in none of the
    document's countries (``others``) and far from all of its ``points``, and either small
    or matched only by an alternate name, a code or a spelling difference (a big city by
    its own name, "Paris" in a story from Libya, stays)."""
    if best.kind in AREA_KINDS:
        return False
    people = best.population or 0
    own_name = (best.reasons[:1] or ("",))[0] == "exact name"
    if people >= (FAR_SMALL_POPULATION if own_name else FAR_WEAK_POPULATION):
        return False
    if any(cc and cc == best.country_code for *_, cc in others):
        return False
    return all(haversine_km(best.lat, best.lon, p[0], p[1]) > FAR_KM for p in points)


def _spelled_abroad(best: Candidate, others: list[tuple[float, float, str]]) -> bool:
    """A spelling guess that crosses into a country none of the document's places is in
    ("Hawija" in an Iraqi file is not Hoveyzeh, Iran): refused; the suggestions stay."""
    countries = {cc for *_, cc in others if cc}
    return bool(countries) and by_spelling(best) and best.country_code not in countries
