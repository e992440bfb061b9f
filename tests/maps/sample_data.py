"""A small fixed dataset for the image and briefing tests: stable, so references stay valid.

Coordinates are approximate city positions (GeoNames); the records are made up for tests.
"""

from __future__ import annotations

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
from geo.timespan import FuzzyDate, TimeSpan

PLACES = {
    "Derna": Point(32.767, 22.639),
    "Sirte": Point(31.205, 16.588),
    "Sabratha": Point(32.793, 12.488),
    "Benghazi": Point(32.115, 20.068),
    "Ubari": Point(26.590, 12.776),
    "Tripoli": Point(32.888, 13.191),
    "Khartoum": Point(15.552, 32.532),
}


def place(name: str) -> Place:
    return Place(name, PLACES[name], country="LY" if name != "Khartoum" else "SD")


def sample_dataset(note: str = "") -> Dataset:
    """Six presence records over 2014-2016 with three statuses, and one movement."""
    sources = {
        "s1": Source(
            "s1",
            "Example Wire",
            "Group expands along the coast",
            FuzzyDate.parse("2015-03"),
            url="https://example.org/a",
        ),
        "s2": Source("s2", "Example Monitor", "Strength estimates", FuzzyDate.parse("2016-01-10")),
    }

    def rec(
        i: int,
        name: str,
        status: str,
        start: str,
        end: str | None,
        low: int,
        high: int,
        precision: LocationPrecision = LocationPrecision.EXACT,
    ) -> Presence:
        return Presence(
            place=place(name),
            actor="Group A",
            status=status,
            span=TimeSpan.parse(start, end),
            precision=precision,
            estimates=(Estimate(Strength(low, high), "s1"),),
            sources=("s1", "s2") if i % 2 else ("s1",),
            confidence=Confidence.REPORTED,
            note=note or f"record {i}",
            id=f"p{i}",
        )

    presence = (
        rec(0, "Derna", "control", "2014-10", "2015-06", 800, 1100),
        rec(1, "Sirte", "control", "2015-02", "2016-12", 4000, 6000),
        rec(2, "Sabratha", "cells", "2015-06", "2016-02", 200, 200),
        rec(3, "Benghazi", "presence", "2014-11", "2016-06", 300, 500),
        rec(4, "Ubari", "presence", "2016-03", "2016-09", 100, 100, LocationPrecision.NEAR),
        rec(5, "Tripoli", "attack", "2015-01-27", None, 5, 5),
    )
    movement = Movement(
        waypoints=(
            Waypoint(place("Khartoum"), FuzzyDate.parse("2015-04"), Mode.UNKNOWN),
            Waypoint(place("Sirte"), FuzzyDate.parse("2015-05"), Mode.OVERLAND),
        ),
        actor="Group A",
        sources=("s2",),
        id="m0",
    )
    return Dataset(sources=sources, presence=presence, movements=(movement,))
