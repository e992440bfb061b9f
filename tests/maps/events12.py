"""A dataset with issue 12's record fields (event type, second actor, fatalities, grades)."""

from __future__ import annotations

from datetime import date, timedelta

from geo.model import Dataset, Estimate, Place, Presence, Source, Strength
from geo.points import Point
from geo.timespan import FuzzyDate, TimeSpan

TYPES = ("Battles", "Protests", "Riots")


def events(n: int = 60) -> Dataset:
    """``n`` one-day events, one every ten days from 2020-01-01 at six places; event ``k``
    has type ``TYPES[k % 3]``, ``k`` fatalities when a battle, credibility ``k % 6 + 1``,
    and its source is ``a`` (reliability A) for even ``k``, else ``d`` (reliability D)."""
    places = [Place(f"Town {j}", Point(12.0 + j * 0.7, 2.0 + j * 0.9)) for j in range(6)]
    records = []
    for k in range(n):
        day = FuzzyDate.parse((date(2020, 1, 1) + timedelta(days=10 * k)).isoformat())
        etype = TYPES[k % 3]
        records.append(
            Presence(
                place=places[k % 6],
                actor="Northern Front" if k % 2 else "Coast Militia",
                status="armed clash" if etype == "Battles" else "peaceful protest",
                span=TimeSpan(day, day),
                sources=("a" if k % 2 == 0 else "d",),
                note=f"event {k}",
                id=f"e{k}",
                actor2="Civilians" if etype != "Battles" else "Army",
                event_type=etype,
                fatalities=(Estimate(Strength(k, k)),) if etype == "Battles" else (),
                credibility=k % 6 + 1,
            )
        )
    sources = {
        "a": Source("a", "Wire A", published=FuzzyDate.parse("2021"), reliability="A"),
        "d": Source("d", "Blog D", published=FuzzyDate.parse("2021"), reliability="D"),
    }
    return Dataset(sources=sources, presence=tuple(records))
