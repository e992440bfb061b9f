"""What changed between two readings of the same events: added, changed, removed, by id.

A newer export of a dataset (ACLED's, or any with record ids) revises events: new ones
appear, figures and wording change, some are withdrawn. :func:`diff_datasets` compares
two datasets record by record, matching them by ``id`` within each kind (sources,
presence, movements), and says for each changed record which fields changed, as the
exports write them (:mod:`geo.io.serialize`). Records without an id cannot be matched;
they are counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from geo.io.serialize import movement_fields, presence_fields, source_fields, waypoint_fields
from geo.model import Dataset, Movement

KINDS = ("source", "presence", "movement")
SHOWN = 20  # ids a text summary lists per line; --json gives them all


def _movement(m: Movement) -> dict[str, Any]:
    return {**movement_fields(m), "waypoints": waypoint_fields(m)}


_FIELDS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "source": source_fields,
    "presence": presence_fields,
    "movement": _movement,
}


@dataclass(frozen=True, slots=True)
class Change:
    """A record in both datasets whose fields differ: each as ``(old, new)``."""

    kind: str
    id: str
    fields: dict[str, tuple[Any, Any]]


@dataclass(frozen=True, slots=True)
class DatasetDiff:
    """What :func:`diff_datasets` found, each list in the order of the datasets."""

    added: list[tuple[str, str]] = field(default_factory=list)  # (kind, id)
    removed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    without_id: tuple[int, int] = (0, 0)  # records without an id, old and new

    @property
    def same(self) -> bool:
        """True when no matched record was added, removed or changed."""
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        """``3 added, 2 changed, 1 removed, 994 unchanged`` and the ids of each."""
        head = (
            f"{len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed,"
            f" {self.unchanged} unchanged"
        )
        if any(self.without_id):
            head += f" ({self.without_id[0]} old and {self.without_id[1]} new without an id)"
        lines = [head]
        lines += _listed("added", [f"{k} {i}" for k, i in self.added])
        lines += _listed(
            "changed", [f"{c.kind} {c.id} ({', '.join(c.fields)})" for c in self.changed]
        )
        lines += _listed("removed", [f"{k} {i}" for k, i in self.removed])
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``geo diff --json``."""
        return {
            "added": [{"kind": k, "id": i} for k, i in self.added],
            "changed": [
                {
                    "kind": c.kind,
                    "id": c.id,
                    "fields": {n: {"old": o, "new": v} for n, (o, v) in c.fields.items()},
                }
                for c in self.changed
            ],
            "removed": [{"kind": k, "id": i} for k, i in self.removed],
            "unchanged": self.unchanged,
            "without_id": {"old": self.without_id[0], "new": self.without_id[1]},
        }


def _listed(what: str, items: list[str]) -> list[str]:
    if not items:
        return []
    more = f"; and {len(items) - SHOWN} more (--json lists all)" if len(items) > SHOWN else ""
    return [f"{what}: {'; '.join(items[:SHOWN])}{more}"]


def _records(data: Dataset, kind: str) -> Iterable[Any]:
    if kind == "source":
        return data.sources.values()
    return data.presence if kind == "presence" else data.movements


def diff_datasets(old: Dataset, new: Dataset) -> DatasetDiff:
    """Compare ``new`` with ``old``, record by record, matched by kind and id.

    Parameters
    ----------
    old, new
        Two readings of the same events (an export and its newer version).
    """
    out = DatasetDiff()
    unchanged, no_id = 0, [0, 0]
    for kind in KINDS:
        before: dict[str, Any] = {}
        for rec in _records(old, kind):
            if rec.id:
                before[rec.id] = rec
            else:
                no_id[0] += 1
        seen: set[str] = set()
        for rec in _records(new, kind):
            if not rec.id:
                no_id[1] += 1
                continue
            seen.add(rec.id)
            was = before.get(rec.id)
            if was is None:
                out.added.append((kind, rec.id))
                continue
            a, b = _FIELDS[kind](was), _FIELDS[kind](rec)
            changed = {n: (a.get(n), b[n]) for n in b if a.get(n) != b[n]}
            if changed:
                out.changed.append(Change(kind, rec.id, changed))
            else:
                unchanged += 1
        out.removed.extend((kind, rid) for rid in before if rid not in seen)
    return DatasetDiff(out.added, out.removed, out.changed, unchanged, (no_id[0], no_id[1]))
