"""ACLED-like presence rows for the map benchmarks, as a CSV the presence reader accepts.

The shape follows an ACLED export as geo maps it (issue 12): one row per event, given
coordinates (no gazetteer lookup), day dates over seven years, a few thousand distinct
locations, a few hundred actors, ACLED's six event types with their sub-event types as the
status, fatalities mostly zero, and one to three outlets per event. The columns are those
the current presence CSV reader accepts; the issue-12 columns (``event_type``, ``actor2``,
``fatalities``) are added only when the reader knows them, so the benchmark runs before
and after they are merged. No ACLED data is copied: names and figures are generated.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

#: ACLED's event types and their sub-event types (the category names of its codebook).
EVENT_TYPES = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Chemical weapon",
    ),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
TYPE_WEIGHTS = (0.25, 0.2, 0.15, 0.25, 0.07, 0.08)
PRECISIONS = ("exact", "near", "region")


def optional_columns() -> tuple[str, ...]:
    """The issue-12 columns the presence CSV reader of this tree accepts."""
    from geo.io import schema

    known = schema.csv_accepted("presence")
    return tuple(c for c in ("event_type", "actor2", "fatalities") if c in known)


def write_acled_like(path: Path, rows: int, seed: int = 12) -> None:
    """Write ``rows`` ACLED-like events to ``path`` and their outlets to ``sources.yaml``
    beside it."""
    rng = random.Random(seed)
    n_places = max(50, min(12_000, rows // 8))
    places = [
        (f"Location {k}", round(rng.uniform(4.0, 24.0), 4), round(rng.uniform(-16.0, 30.0), 4))
        for k in range(n_places)
    ]
    actors = [f"Armed Group {k}" for k in range(300)] + [
        f"Military Forces of State {k}" for k in range(20)
    ]
    actors2 = [*actors, *(f"Civilians (State {k})" for k in range(20)), ""]
    outlets = [f"outlet-{k}" for k in range(80)]
    types = list(EVENT_TYPES)
    extra = optional_columns()
    start = date(2018, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "place", "lat", "lon", "date", "actor", "status", "precision",
                    "source", "strength", "country", *extra])  # fmt: skip
        for i in range(rows):
            place, lat, lon = places[
                min(int(rng.paretovariate(1.2)) - 1, n_places - 1)
                if i % 2
                else rng.randrange(n_places)
            ]
            etype = rng.choices(types, TYPE_WEIGHTS)[0]
            day = start + timedelta(days=rng.randrange(0, 7 * 365))
            violent = etype in types[:3]
            deaths = rng.choice((0, 0, 0, 1, 2, 3, 5, 8, 12, 30, 100)) if violent else 0
            srcs = ";".join(sorted(set(rng.sample(outlets, rng.choice((1, 1, 2, 3))))))
            row = [f"EVT{i}", place, lat, lon, day.isoformat(), rng.choice(actors),
                   rng.choice(EVENT_TYPES[etype]), rng.choices(PRECISIONS, (0.7, 0.25, 0.05))[0],
                   srcs, "", ""]  # fmt: skip
            values = {"event_type": etype, "actor2": rng.choice(actors2), "fatalities": str(deaths)}
            w.writerow(row + [values[c] for c in extra])
    lines = ["sources:"] + [
        f"  - {{id: {o}, outlet: Outlet {o[7:]}, published: 2025}}" for o in outlets
    ]
    (path.parent / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
