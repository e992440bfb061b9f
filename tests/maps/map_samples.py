"""Datasets for the map generator's tests: a small Libya map with every symbol, hostile text,
and a synthetic dataset of any size.

Coordinates are approximate city positions (GeoNames); the records are made up for tests.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from geo.model import (
    Confidence,
    Dataset,
    Estimate,
    LocationPrecision,
    Mode,
    Movement,
    Place,
    Presence,
    Source,
    Strength,
    Waypoint,
)
from geo.points import Point
from geo.timespan import DatePrecision, FuzzyDate, TimeSpan

#: Strings that must show as text and run nothing.
HOSTILE = (
    "<script>window.__pwned=1</script></script> ${window.__pwned=2}"
    ' "><img src=x onerror=window.__pwned=3>'
)
HOSTILE_URL = "javascript:window.__pwned=4"


def _p(name: str, lat: float, lon: float) -> Place:
    return Place(name, Point(lat, lon))


def libya(note: str = "Took the city") -> Dataset:
    """Seven presence records (every status colour, precision and strength form) and three
    movements (overland, air with a long leg, sea)."""
    src = {
        "cnn": Source("cnn", "CNN", "Derna report", FuzzyDate.parse("2014-11"), url="https://example.com/cnn"),
        "wsj": Source("wsj", "WSJ", "South", FuzzyDate.parse("2017-09"), url=HOSTILE_URL),
        "nw": Source("nw", "Newsweek", "Numbers", FuzzyDate.parse("2015-02-10")),
    }  # fmt: skip
    day = TimeSpan.parse
    presence = (
        Presence(
            _p("Derna", 32.767, 22.636),
            "Islamic State",
            "control",
            day("2014-10", "2015-06"),
            estimates=(Estimate(Strength(800, 800), "cnn"),),
            sources=("cnn",),
            note=note,
        ),
        Presence(
            _p("Derna", 32.767, 22.636), "Islamic State", "ousted", day("2015-06"), sources=("cnn",)
        ),
        Presence(
            _p("Sirte", 31.205, 16.588),
            "Islamic State",
            "control",
            day("2015-02", "2016-12"),
            estimates=(Estimate(Strength(4000, 6000), "nw"), Estimate(Strength(3000, 3000), "wsj")),
            sources=("nw", "wsj"),
            confidence=Confidence.CONFIRMED,
        ),
        Presence(
            _p("Benghazi", 32.116, 20.068),
            "Islamic State",
            "presence",
            day("2014-11", ".."),
            precision=LocationPrecision.NEAR,
            sources=("cnn",),
        ),
        Presence(
            _p("Sabratha", 32.793, 12.488),
            "Ansar",
            "training camp",
            day("2015-10", "2016-02"),
            estimates=(Estimate(Strength(200, 200)),),
            sources=("cnn",),
        ),
        Presence(
            _p("Fezzan", 26.0, 14.0),
            "Islamic State",
            "cells",
            day("2017", ".."),
            precision=LocationPrecision.REGION,
            sources=("wsj",),
        ),
        Presence(
            _p("Tripoli", 32.887, 13.191),
            "Islamic State",
            "attack",
            day("2015-01-27"),
            sources=("cnn",),
        ),
    )
    movements = (
        Movement(
            (
                Waypoint(_p("Sirte", 31.205, 16.588), FuzzyDate.parse("2016-12")),
                Waypoint(_p("Ghat", 24.963, 10.173), mode=Mode.OVERLAND),
                Waypoint(_p("Ubari", 26.59, 12.78), FuzzyDate.parse("2017"), Mode.OVERLAND),
            ),
            "Islamic State",
            day("2016-12", "2017"),
            sources=("wsj",),
        ),
        Movement(
            (
                Waypoint(_p("Istanbul", 41.01, 28.97), FuzzyDate.parse("2015-03")),
                Waypoint(_p("Khartoum", 15.5, 32.56), mode=Mode.AIR),
                Waypoint(_p("Kufra", 24.18, 23.31), FuzzyDate.parse("2015-05"), Mode.OVERLAND),
            ),
            "Foreign fighters",
            day("2015-03", "2015-05"),
            sources=("nw",),
        ),
        Movement(
            (
                Waypoint(_p("Tripoli", 32.887, 13.191), FuzzyDate.parse("2016-02")),
                Waypoint(_p("Misrata", 32.377, 15.092), mode=Mode.SEA),
            ),
            "Islamic State",
            day("2016-02"),
            sources=("nw",),
        ),
    )
    return Dataset(src, presence, movements)


def hostile() -> Dataset:
    """The Libya dataset with hostile text in a note, an actor, a place and a source."""
    base = libya(note=HOSTILE)
    first = base.presence[0]
    evil = Presence(Place(HOSTILE, Point(30.0, 19.0)), HOSTILE, "control", first.span,
                    sources=("evil",), note=HOSTILE)  # fmt: skip
    sources = dict(base.sources)
    sources["evil"] = Source("evil", HOSTILE, HOSTILE, FuzzyDate.parse("2015"), url=HOSTILE_URL)
    return Dataset(sources, (*base.presence, evil), base.movements)


def synthetic(n: int, seed: int = 1) -> Dataset:
    """``n`` day-precision records scattered over Libya in 2014-2017, five statuses."""
    rnd = random.Random(seed)
    sources = {f"s{i}": Source(f"s{i}", f"Outlet {i}", f"Title {i}", FuzzyDate.parse("2015-01"))
               for i in range(20)}  # fmt: skip
    statuses = ("control", "presence", "cells", "attack", "ousted")
    start = date(2014, 1, 1)
    records = []
    for i in range(n):
        d = FuzzyDate(start + timedelta(days=rnd.randrange(1460)), DatePrecision.DAY)
        records.append(Presence(
            Place(f"Place {i % 2000}", Point(rnd.uniform(24, 33), rnd.uniform(10, 25))),
            "Islamic State", statuses[i % 5], TimeSpan(d, d),
            estimates=(Estimate(Strength(10 + i % 300, 10 + i % 300), f"s{i % 20}"),),
            sources=(f"s{i % 20}",),
        ))  # fmt: skip
    return Dataset(sources, tuple(records), ())
