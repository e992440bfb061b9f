"""The ``evidence`` field of drafted records: ``{file, start, end}``, read and checked.

``geo extract`` writes it on every record it drafts: the report and the characters
``[start, end)`` the record was read from. Readers keep it (YAML, GeoJSON properties);
exports leave it out (:data:`geo.io.schema.PRESENCE`, a review field).
"""

from __future__ import annotations

from typing import Any

from geo.errors import InputError, shown
from geo.io.fields import Problems, check_writable
from geo.model import Evidence

_EVIDENCE_KEYS = ("file", "start", "end")


def evidence(value: object) -> Evidence | None:
    """``{file, start, end}``: the report and its characters ``[start, end)``, or ``None``.

    A YAML mapping keeps the line of each key: a problem names the line of its key.
    """
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InputError(
            f"{shown(value)} is not a mapping; give {{file, start, end}}", field="evidence"
        )
    line_of = getattr(value, "line_of", lambda key: None)
    unknown = sorted(set(map(str, value)) - set(_EVIDENCE_KEYS))
    if unknown:
        raise InputError(
            f"unknown key {shown(unknown[0])} (give file, start, end)",
            field="evidence",
            line=line_of(unknown[0]),
        )
    for key in _EVIDENCE_KEYS:
        if key not in value:
            raise InputError(f"{key} missing; give file, start, end", field="evidence")
    file = value["file"]
    if not isinstance(file, str) or not file.strip():
        raise InputError(
            f"file {shown(file)} is not the name of a report",
            field="evidence",
            line=line_of("file"),
        )
    check_writable(file, field="evidence")
    at: dict[str, int] = {}
    for key in ("start", "end"):
        n = value[key]
        if isinstance(n, bool) or not isinstance(n, int):
            raise InputError(
                f"{key} {shown(n)} is not a whole number of characters",
                field="evidence",
                line=line_of(key),
            )
        at[key] = n
    if not 0 <= at["start"] < at["end"]:
        raise InputError(
            f"start {at['start']}, end {at['end']}: need 0 <= start < end",
            field="evidence",
            line=line_of("start"),
        )
    return Evidence(file.strip(), at["start"], at["end"])


def evidence_field(r: Any, problems: Problems) -> Evidence | None:
    """A record's ``evidence`` (None when absent, or with its problem recorded)."""
    if "evidence" not in r:
        return None
    return problems.take(evidence, r["evidence"], line=r.line_of("evidence"), field="evidence")
