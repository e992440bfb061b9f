"""The briefing page: the map, a chronology linked to it, and the sources, in one file.

The page wraps the map's embeddable fragment (``build_map`` with ``embed=True`` and
``offline=True``, so the file works with no network) in a frame of its own: title, banner,
a chronology table of every record (click a row and the map flies to it; click a marker and
its row lights up) and the list of sources, with print styles that give a clean document.
All report text is escaped here, once, as it is written into the page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from html import escape
from importlib import resources

from geo.model import Confidence, Dataset, Estimate, LocationPrecision, Movement, Presence, Source
from maps.columns import credibility_of, fatalities_of, reliability_of
from maps.data import safe_url
from maps.options import MapOptions

MAP_ID = "geo-brief-map"
MAP_HEIGHT = "640px"


@dataclass(frozen=True)
class Row:
    """One line of the chronology: a presence record (``record`` set) or a movement."""

    sort_key: tuple[date, int, int]
    date: str
    place: str
    what: str
    note: str
    strength: tuple[tuple[str, str | None], ...]  # (figure, source id or None) per estimate
    sources: tuple[str, ...]  # source ids, in the record's order
    record: int | None = None  # index in ``Dataset.presence``: the map's flyToRecord(i)
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None  # for movements
    fatalities: tuple[tuple[str, str | None], ...] = ()  # (figure, source id or None) each


def build_brief(dataset: Dataset, options: MapOptions | None = None) -> str:
    """Build the briefing page of ``dataset`` (places resolved) as one HTML string.

    Parameters
    ----------
    dataset
        The records, with every ``Place.point`` set.
    options
        Title, subtitle, banner and layer choices; the map is always built offline and
        embedded, whatever ``offline``/``embed`` say, so the page is self-contained.
    """
    from maps.build import build_map

    options = options or MapOptions()
    map_options = replace(
        options,
        embed=True,
        offline=True,
        element_id=MAP_ID,
        width="100%",
        height=MAP_HEIGHT,
        banner=None,  # the page shows the banner once, around everything
    )
    return brief_page(dataset, options, build_map(dataset, map_options))


def chronology(dataset: Dataset) -> list[Row]:
    """The records of ``dataset`` as chronology rows, earliest first, undated last."""
    rows = [_presence_row(i, p) for i, p in enumerate(dataset.presence)]
    rows += [_movement_row(i, m) for i, m in enumerate(dataset.movements)]
    return sorted(rows, key=lambda r: r.sort_key)


def brief_page(dataset: Dataset, options: MapOptions, map_fragment: str) -> str:
    """Assemble the page around an already built map fragment whose element is ``MAP_ID``."""
    rows = chronology(dataset)
    anchors = {sid: f"src-{n}" for n, sid in enumerate(dataset.sources, start=1)}
    outlets = {sid: s.outlet or sid for sid, s in dataset.sources.items()}
    banner = f'<div class="banner">{escape(options.banner)}</div>' if options.banner else ""
    subtitle = f'<p class="sub">{escape(options.subtitle)}</p>' if options.subtitle else ""
    firsts = [d for p in dataset.presence if (d := p.span.first_day)]
    lasts = [d for p in dataset.presence if (d := p.span.last_day)]
    span = f"; {min(firsts)} to {max(lasts)}" if firsts and lasts else ""
    meta = (
        f"{_count(len(dataset.presence), 'presence record')}, "
        f"{_count(len(dataset.movements), 'movement')}, "
        f"{_count(len(dataset.sources), 'source')}{span}."
    )
    grades = {
        sid: f' <span class="grade" title="source reliability">[{g}]</span>'
        for sid, s in dataset.sources.items()
        if (g := reliability_of(s))
    }
    body = "".join(_row_html(r, anchors, outlets, grades) for r in rows)
    sources = "".join(_source_html(anchors[sid], s) for sid, s in dataset.sources.items())
    css = _asset("brief.css")
    js = _asset("brief.js").replace("</", "<\\/")
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(options.title)}</title>\n<style>{css}</style></head>\n"
        f'<body><div class="geo-brief" data-map="{MAP_ID}">{banner}'
        f"<header><h1>{escape(options.title)}</h1>{subtitle}"
        f'<p class="meta">{escape(meta)}</p></header>\n'
        f'<section class="map-section"><div class="map">{map_fragment}</div>'
        '<p class="hint">Click a row of the chronology to show it on the map; click a marker '
        "to find its row.</p></section>\n"
        '<section class="chronology"><h2>Chronology</h2><table class="chronology">'
        '<colgroup><col class="c-date"><col class="c-place"><col class="c-what">'
        '<col class="c-strength"><col class="c-source"></colgroup>'
        "<thead><tr><th>Date</th><th>Place</th><th>What</th><th>Strength, fatalities</th>"
        "<th>Source</th>"
        f"</tr></thead><tbody>\n{body}</tbody></table></section>\n"
        f'<section class="sources"><h2>Sources</h2><ol class="sources">\n{sources}</ol>'
        f"</section>{banner}\n<script>{js}</script></div></body></html>\n"
    )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _asset(name: str) -> str:
    return resources.files("maps").joinpath("assets", name).read_text(encoding="utf-8")


def _strength(estimates: tuple[Estimate, ...]) -> tuple[tuple[str, str | None], ...]:
    return tuple((str(e.strength), e.source) for e in estimates)


#: What the Admiralty grades mean (source reliability A-F, information credibility 1-6).
RELIABILITY_TEXT = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "cannot be judged",
}
CREDIBILITY_TEXT = ("", "confirmed", "probably true", "possibly true", "doubtful", "improbable",
                    "cannot be judged")  # fmt: skip


def _presence_row(i: int, p: Presence) -> Row:
    what = f"{p.actor}: {p.status}"
    if p.actor2:
        what += f", with {p.actor2}"
    qualifiers = [p.event_type] if p.event_type else []
    if p.precision is not LocationPrecision.EXACT:
        qualifiers.append(f"location {p.precision.value}")
    if p.confidence is not Confidence.REPORTED:
        qualifiers.append(p.confidence.value)
    credibility = credibility_of(p)
    if credibility:
        qualifiers.append(f"credibility {credibility}, {CREDIBILITY_TEXT[credibility]}")
    if qualifiers:
        what += f" ({', '.join(qualifiers)})"
    return Row(
        sort_key=(p.span.first_day or date.max, 0, i),
        date=str(p.span),
        place=p.place.label,
        what=what,
        note=p.note,
        strength=_strength(p.estimates),
        sources=p.sources,
        record=i,
        fatalities=tuple(
            (str(lo) if lo == hi else f"{lo}-{hi}", sid) for lo, hi, sid, _ in fatalities_of(p)
        ),
    )


def _movement_row(i: int, m: Movement) -> Row:
    dated = [w.date.first for w in m.waypoints if w.date is not None]
    first = m.span.first_day or (min(dated) if dated else date.max)
    when = str(m.span) if m.span.start or m.span.end else _waypoint_dates(m)
    modes = sorted({mode.value for mode in m.modes if mode.value != "unknown"})
    points = [w.place.point for w in m.waypoints if w.place.point is not None]
    bounds = None
    if points:
        pad = 0.5  # degrees: a route's ends stay clear of the map's edge
        south, north = min(p.lat for p in points), max(p.lat for p in points)
        west, east = min(p.lon for p in points), max(p.lon for p in points)
        bounds = (
            (max(-90.0, south - pad), max(-180.0, west - pad)),
            (min(90.0, north + pad), min(180.0, east + pad)),
        )
    return Row(
        sort_key=(first, 1, i),
        date=when,
        place=" → ".join(w.place.label for w in m.waypoints),
        what=f"{m.actor}: movement" + (f" ({', '.join(modes)})" if modes else ""),
        note=m.note,
        strength=_strength(m.estimates),
        sources=m.sources,
        bounds=bounds,
    )


def _waypoint_dates(m: Movement) -> str:
    dated = [w.date for w in m.waypoints if w.date is not None]
    if not dated:
        return "undated"
    return str(dated[0]) if len(dated) == 1 else f"{dated[0]} to {dated[-1]}"


def _row_html(
    row: Row, anchors: dict[str, str], outlets: dict[str, str], grades: dict[str, str]
) -> str:
    if row.record is not None:
        link = f'data-record="{row.record}"'
        kind = ""
    else:
        link = f'data-bounds="{escape(json.dumps(row.bounds))}"' if row.bounds else ""
        kind = '<span class="kind">route</span> '

    def ref(sid: str) -> str:
        if sid not in anchors:
            return escape(sid)
        return f'<a href="#{anchors[sid]}">[{anchors[sid].removeprefix("src-")}]</a>'

    cited = "<br>".join(
        f"{ref(s)} {escape(outlets[s])}{grades.get(s, '')}" if s in anchors else escape(s)
        for s in row.sources
    )
    strength = "<br>".join(
        f'<span class="est">{escape(figure)}{" " + ref(sid) if sid else ""}</span>'
        for figure, sid in row.strength
    )
    fatalities = "<br>".join(
        f'<span class="est fat">{escape(figure)} killed{" " + ref(sid) if sid else ""}</span>'
        for figure, sid in row.fatalities
    )
    strength = "<br>".join(x for x in (strength, fatalities) if x)
    note = f'<span class="note">{escape(row.note)}</span>' if row.note else ""
    return (
        f'<tr tabindex="0" {link}><td class="date">{escape(row.date)}</td>'
        f"<td>{kind}{escape(row.place)}</td><td>{escape(row.what)}{note}</td>"
        f'<td class="strength">{strength}</td><td class="cited">{cited}</td></tr>\n'
    )


def _source_html(anchor: str, s: Source) -> str:
    parts = [f"<b>{escape(s.outlet or s.id)}</b>"]
    if s.title:
        parts.append(f"<i>{escape(s.title)}</i>")
    if s.author:
        parts.append(escape(s.author))
    if s.published:
        parts.append(
            escape(str(s.published)) + (" (date inferred)" if s.published_inferred else "")
        )
    grade = reliability_of(s)
    if grade:
        parts.append(f"reliability {grade} ({RELIABILITY_TEXT[grade]})")
    url = safe_url(s.url)
    if url:
        parts.append(f'<a class="link url" href="{escape(url)}" rel="noopener">{escape(url)}</a>')
    elif s.url:
        parts.append(f'<span class="url">{escape(s.url)}</span>')  # not a web link: text only
    return f'<li id="{anchor}">{", ".join(parts)} <span class="sid">[{escape(s.id)}]</span></li>\n'
