"""Fixtures of the event-data tests: a small fake gazetteer and a file writer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from gazetteer.candidate import Candidate
from gazetteer.records import RankContext
from geo.errors import InputError
from geo.resolution import DocumentContext, Mention, Resolution


def FakeCandidate(
    name: str,
    lat: float,
    lon: float,
    country_code: str,
    id: str,
    score: float,
    population: int | None = None,
    kind: str = "city",
) -> Candidate:
    return Candidate(name, lat, lon, country_code, kind, population, id, "test", score, name)


PLACES = {
    "derna": [FakeCandidate("Derna", 32.767, 22.639, "LY", "geonames:87205", 0.9)],
    "sirte": [FakeCandidate("Sirte", 31.205, 16.588, "LY", "geonames:2210554", 0.9)],
    "ghat": [FakeCandidate("Ghat", 24.963, 10.173, "LY", "geonames:2217362", 0.8)],
    "ubari": [FakeCandidate("Ubari", 26.590, 12.776, "LY", "geonames:2219235", 0.8)],
    "tripoli": [
        FakeCandidate("Tripoli", 32.887, 13.191, "LY", "geonames:2210247", 0.80),
        FakeCandidate("Tripoli", 34.437, 35.850, "LB", "geonames:266826", 0.78),
    ],
    # Close scores, but one is a city of 200,000 and the other a village of 3,000.
    "athens": [
        FakeCandidate("Athens", 37.98, 23.73, "GR", "geonames:264371", 0.60, 664_046),
        FakeCandidate("Athens", 33.96, -83.38, "US", "geonames:4180386", 0.59, 3_000),
    ],
    # Close scores and populations of one order: a real ambiguity.
    "homs": [
        FakeCandidate("Homs", 34.73, 36.71, "SY", "geonames:169577", 0.48, 775_404),
        FakeCandidate("Al Khums", 32.65, 14.26, "LY", "geonames:2219905", 0.47, 201_943),
    ],
    "springfield": [
        FakeCandidate("Springfield", 39.80, -89.64, "US", "geonames:4250542", 0.70),
        FakeCandidate("Springfield", -43.30, 172.00, "NZ", "geonames:2181000", 0.69),
    ],
}


class FakeResolver:
    """A gazetteer of a few places that counts its lookups; the decision is the real
    policy (:func:`gazetteer.resolve.resolve`) over these candidates."""

    def __init__(self) -> None:
        self.lookups: list[tuple[str, str | None]] = []

    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        limit: int = 10,
        context: RankContext | None = None,
    ) -> list[Candidate]:
        if context is None or not context.points:
            self.lookups.append((name, country))
        if any(ord(ch) < 32 for ch in name):  # as the real gazetteer refuses such names
            raise InputError("a place name cannot hold control characters", field="name")
        found = PLACES.get(name.casefold(), [])
        # As ranking does: the country of the text's other places counts.
        near = {cc for *_, cc in (context.points if context else ())}
        found = [replace(c, score=c.score + 0.1 * (c.country_code in near)) for c in found]
        found.sort(key=lambda c: (-c.score, c.id))
        if country:  # a preference, as in the real gazetteer, not a filter
            found = sorted(found, key=lambda c: c.country_code != country)
        return found[:limit]

    def resolve(
        self,
        mentions: Sequence[Mention | str],
        *,
        country: str | None = None,
        context: DocumentContext | None = None,
    ) -> list[Resolution]:
        from gazetteer.resolve import resolve

        return resolve(self, mentions, country=country, context=context)  # type: ignore[arg-type]

    def suggest(self, name: str) -> list[str]:
        return sorted(c[0].name for k, c in PLACES.items() if k[0] == name[:1].casefold())


@pytest.fixture
def resolver() -> FakeResolver:
    return FakeResolver()


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write text (or bytes) to a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


EVENTS = """\
sources:
  - id: news-2014-11
    outlet: News & Co
    title: "Headline with <b>tags</b>"
    published: 2014-11
    published_inferred: true
    reliability: b
  - id: paper-2017
    outlet: Paper
    published: 2017-09-12
    author: A. Writer
    url: https://example.org/a?b=1&c=2
presence:
  - id: derna-2014
    place: Derna
    actor: Islamic State
    status: control
    date: 2014-10
    end: 2015-06
    precision: near
    strength:
      - {value: 3000, source: news-2014-11}
      - {min: 4000, max: 6000, source: paper-2017, note: "peak </script><script>alert(1)"}
    sources: [news-2014-11, paper-2017]
    confidence: claimed
    note: "x </script> ${alert(1)} & ]]> <b>bold</b> \\"quoted\\" ünïcode درنة"
    actor2: Libyan National Army
    event_type: Battles
    fatalities:
      - {value: 12, source: news-2014-11}
      - {min: 10, max: 15, source: paper-2017}
    quote: "=the dataset's <i>words</i> & \\"shelling\\" </script>"
    credibility: 2
  - place: Camp in the hills
    lat: 32.5
    lon: 22.125
    actor: Islamic State
    status: training camp
    date: 2015
    end: ..
    strength: 800
    source: news-2014-11
    fatalities: 0
    event_type: Strategic developments
  - place: Tripoli
    country: LY
    actor: '=HYPERLINK("http://x.example","y")'
    status: "-cells"
    date: ..
    end: 2016-02-29
    source: paper-2017
movements:
  - id: south
    actor: Islamic State
    waypoints:
      - {place: Sirte, date: 2016-12}
      - {place: Ghat, mode: overland}
      - {place: Ubari, mode: overland, date: 2017}
    strength: 100-300
    sources: [paper-2017]
    note: "'=not a formula, exactly as written"
  - actor: Islamic State
    date: 2017-03
    waypoints:
      - {place: Sirte}
      - {place: Derna, mode: sea}
    source: paper-2017
"""


@pytest.fixture
def dataset(write: Callable[..., Path], resolver: FakeResolver) -> Any:
    """A resolved dataset with every kind of field, and report text that tries injection."""
    from geo.validate import read_resolved

    return read_resolved([write("events.yaml", EVENTS)], resolver)


def _records(data: Any) -> Any:
    """The records of a dataset without where they were read from."""
    from dataclasses import replace

    presence = [replace(p, file="", line=0) for p in data.presence]
    movements = [
        replace(m, file="", line=0, waypoints=tuple(replace(w, line=0) for w in m.waypoints))
        for m in data.movements
    ]
    return presence, movements, data.sources


@pytest.fixture
def records() -> Callable[[Any], Any]:
    """A function giving a dataset's records without file and line, to compare datasets."""
    return _records


# A synthetic ACLED event (invented names and text, no real ACLED row): the fields a test
# changes are given by name.
ACLED_EVENT = {
    "event_id_cnty": "XLY1",
    "event_date": "2016-05-12",
    "year": "2016",
    "time_precision": "1",
    "disorder_type": "Political violence",
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "actor1": "Militia of the North",
    "assoc_actor_1": "",
    "inter1": "3",
    "actor2": "Militia of the South",
    "assoc_actor_2": "",
    "inter2": "3",
    "interaction": "33",
    "civilian_targeting": "",
    "iso": "434",
    "region": "Northern Africa",
    "country": "Libya",
    "admin1": "District One",
    "admin2": "",
    "admin3": "",
    "location": "Town One",
    "latitude": "32.1",
    "longitude": "22.2",
    "geo_precision": "1",
    "source": "Wire One; Daily Two",
    "source_scale": "National",
    "notes": "On 12 May 2016, two invented militias clashed, as a test says.",
    "fatalities": "3",
    "tags": "",
    "timestamp": "1600000000",
}


@pytest.fixture
def acled_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write an ACLED-format CSV of events (each ``ACLED_EVENT`` with the changes given);
    ``upper`` writes the older exports' upper-case header, ``drop`` leaves columns out."""
    import csv

    def _write(
        *events: dict[str, str], name: str = "acled.csv", upper: bool = False, drop: tuple = ()
    ) -> Path:
        columns = [c for c in ACLED_EVENT if c not in drop]
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as fh:
            out = csv.writer(fh)
            out.writerow([c.upper() if upper else c for c in columns])
            for e in events or ({},):
                row = {**ACLED_EVENT, **e}
                out.writerow([row[c] for c in columns])
        return path

    return _write
