"""Sources named by outlet ("Reuters", "Libya Herald, 12 Jan 2016") instead of by id.

Spreadsheets and datasets such as ACLED name the outlets that reported an event, several
separated by ``;``, and define no sources. Each distinct outlet becomes one source whose id
is derived from its name (:func:`outlet_id`: the same name always gives the same id). In a
dataset that does define its sources, an outlet name that matches none of their ids stays
an error, as an undefined id does.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from geo.errors import shown
from geo.io import fields as f
from geo.model import Source

# "Libya Herald, 12 Jan 2016": the date after the last comma says which report, not who.
_DATED = re.compile(
    r"^(?P<name>.+?),\s*(?:\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{4}-\d{2}(?:-\d{2})?|\d{1,2}/\d{1,2}/\d{2,4})$"
)
_NOT_ID = re.compile(r"[^a-z0-9]+")
DEFINE_HINT = (
    "define sources in a CSV with an `outlet` column (id, outlet, ...) or in a `sources:` section"
)


@functools.lru_cache(maxsize=8192)
def outlet_id(name: str) -> str:
    """The source id of an outlet: its name in lower-case ASCII, words joined by ``-``.

    A name with no Latin letters or digits (``الوسط``) gets ``outlet-`` and a short hash
    of the name, so that it too is stable from run to run.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = _NOT_ID.sub("-", folded).strip("-")[:60].strip("-")
    if slug:
        return slug
    return "outlet-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]


@functools.lru_cache(maxsize=8192)
def _outlet(item: str) -> str:
    """One outlet of a cell, without a trailing date (outlets repeat: cached)."""
    name = f.text(item, field="sources")
    m = _DATED.match(name)
    return m["name"].strip() if m else name


def outlet_names(value: str) -> tuple[str, ...]:
    """The outlets of a cell: split on ``;``, each without a trailing date, once each."""
    out: list[str] = []
    for item in value.split(";"):
        name = _outlet(item)
        if name and name not in out:
            out.append(name)
    return tuple(out)


def _id_shaped(value: str) -> bool:
    return all(f.SOURCE_ID.match(item.strip()) for item in re.split(r"[;,]", value) if item.strip())


_ITEMS = re.compile(r"[;,]")


@functools.lru_cache(maxsize=65536)
def _id_item(item: str) -> str | None:
    """The id that one item of a cell of ids is ("" when blank), or ``None`` when the item
    is not plainly an id (the whole cell then takes the long road)."""
    sid = item.strip()
    if sid != item and not item.isprintable():  # stripped control characters are refused
        return None
    return sid if not sid or f.SOURCE_ID.match(sid) else None


@functools.lru_cache(maxsize=65536)
def _named(item: str) -> tuple[str, str] | None:
    """``(id, name)`` of one outlet of a cell, ``None`` for a blank one (cached: outlets
    repeat in cell after cell)."""
    name = _outlet(item)
    return (outlet_id(name), name) if name else None


def source_refs(
    *values: object, names: bool = False
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The source ids a record cites, and ``(id, name)`` for those given as outlet names.

    A cell of ids (``wsj-2017; afp-3``) reads as ids; any other cell (or every cell, with
    ``names``) as outlet names, each cited by its derived id.
    """
    ids: list[str] = []
    named: list[tuple[str, str]] = []
    for value in values:
        if f.blank(value):
            continue
        text = str(value)
        if not names:
            items = [_id_item(item) for item in _ITEMS.split(text)]
            if None not in items:
                ids.extend(i for i in items if i and i not in ids)
                continue
            if _id_shaped(text):
                ids.extend(i for i in f.source_ids(text) if i not in ids)
                continue
        for item in text.split(";"):
            hit = _named(item)
            if hit is not None and hit[0] not in ids:
                ids.append(hit[0])
                named.append(hit)
    return tuple(ids), tuple(named)


def undefined(sid: str, name: str | None) -> str:
    """How a problem names a cited source: ``'Reuters' (outlet reuters)`` or ``'afp-3'``."""
    if name is None:
        return f"source {shown(sid)}"
    return f"source {shown(name)} (id {sid})"


def adopt(
    sources: dict[str, Source], named: dict[str, tuple[str, str, int]], notices: list[str]
) -> int:
    """In a dataset that defines no sources, one source per outlet cited by name.

    ``named`` maps each derived id to ``(name, file, line)`` of its first citation. Adds
    the sources to ``sources`` (in order of first citation), says so once in ``notices``,
    and returns how many it made (0 when the dataset defines sources of its own).
    """
    if sources or not named:
        return 0
    for sid, (name, file, line) in named.items():
        sources[sid] = Source(id=sid, outlet=name, file=file, line=line)
    n = len(named)
    notices.append(
        f"made {n} source{'s' if n != 1 else ''} from outlet names (the dataset defines none)"
    )
    return n
