"""Reports on disk -> extractions -> the outputs of ``geo extract`` (JSON, draft YAML).

The command is thin over these: :func:`extract_reports` reads and extracts every report
(all read before any is parsed, so that a bad file stops the run before work or output),
:func:`mentions_json` and :func:`draft_yaml` format the result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.extract.core import Extraction, Extractor
from gazetteer.extract.dates import find_dates, parse_date
from gazetteer.extract.read import Report, read_report, report_paths
from geo.errors import InputError

if TYPE_CHECKING:
    from gazetteer.lookup import Gazetteer

UNKNOWN_OUTLET = "unknown outlet (drafted by geo extract: fill in)"
HEAD_CHARS = 600  # a report's own date is looked for in its first characters


@dataclass(frozen=True, slots=True)
class ReportResult:
    """One report, what was extracted from it, and the date drafting used."""

    report: Report
    extraction: Extraction
    source_id: str
    published: str
    published_inferred: bool


def check_published(value: str | None) -> str:
    """``--published``: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or ``""``."""
    if not value:
        return ""
    if parse_date(value) is None:
        raise InputError(f"not a date: {value[:40]!r} (give YYYY, YYYY-MM or YYYY-MM-DD)",
                         field="--published")  # fmt: skip
    return value


def _own_date(report: Report) -> tuple[str, bool]:
    """The report's date: its metadata's, else the first full date in its first lines."""
    if report.published and parse_date(report.published) is not None:
        return report.published, False
    for f in find_dates(report.text[:HEAD_CHARS]):
        if not f.relative and len(f.date) >= 7:
            return f.date, True
    return "", False


def source_ids(paths: Sequence[Path]) -> list[str]:
    """A source id per report file: its name in lower case, ``-`` for the rest, unique."""
    out: list[str] = []
    for p in paths:
        base = re.sub(r"[^a-z0-9]+", "-", p.stem.casefold()).strip("-") or "report"
        ident, n = base, 2
        while ident in out:
            ident, n = f"{base}-{n}", n + 1
        out.append(ident)
    return out


def extract_reports(
    paths: Sequence[Path],
    *,
    published: str = "",
    country: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[ReportResult]:
    """Read every report (files, folders) and extract its place mentions."""
    published = check_published(published)
    files = report_paths(list(paths))
    reports = [read_report(p) for p in files]
    extractions = Extractor(gazetteer).run([r.text for r in reports], country=country)
    out = []
    for report, ex, ident in zip(reports, extractions, source_ids(files), strict=True):
        date, inferred = (published, False) if published else _own_date(report)
        out.append(ReportResult(report, ex, ident, date, inferred))
    return out


def mentions_json(results: Sequence[ReportResult]) -> list[dict[str, Any]]:
    """``geo extract --json``: one object per file, in order."""
    return [
        {
            "file": str(r.report.path),
            "mentions": [m.as_json() for m in r.extraction.mentions],
            **({"notes": list(r.extraction.notes)} if r.extraction.notes else {}),
        }
        for r in results
    ]


def draft_dict(results: Sequence[ReportResult]) -> dict[str, Any]:
    """The draft event file as data: sources, presence, movements."""
    from gazetteer.extract.draft import draft_records

    sources, presence, movements = [], [], []
    for r in results:
        source: dict[str, Any] = {"id": r.source_id, "outlet": r.report.outlet or UNKNOWN_OUTLET}
        if r.report.title:
            source["title"] = " ".join(r.report.title.split())[:200]
        if r.published:
            source["published"] = r.published
            if r.published_inferred:
                source["published_inferred"] = True
        sources.append(source)
        p, m = draft_records(
            r.extraction, source_id=r.source_id, file=str(r.report.path), published=r.published
        )
        presence.extend(p)
        movements.extend(m)
    out: dict[str, Any] = {"sources": sources}
    if presence:
        out["presence"] = presence
    if movements:
        out["movements"] = movements
    return out


def draft_yaml(results: Sequence[ReportResult]) -> str:
    """The draft event file: passes ``geo validate`` as it stands; every record to review."""
    import yaml

    head = (
        f"# Drafted by geo extract from {len(results)} report(s), for review before mapping.\n"
        "# Each record's evidence is the report and the characters it was read from, its\n"
        "# note the cue it was drafted from; places carry the gazetteer's choice (lat, lon, id).\n"
    )
    body = yaml.safe_dump(draft_dict(results), sort_keys=False, allow_unicode=True, width=100)
    return head + body
