"""The gazetteer-driven matcher: spans of text whose words are a name the index holds.

A dictionary matcher over the index's own name keys (:func:`gazetteer.normalize.normalize`
of every name and alternate name, Arabic script included): at each word that may begin a
name (a capital letter, or Arabic script), the next one to :data:`MAX_WORDS` words are
normalised and probed in the index, longest first. A probe is one B-tree lookup in the
``names`` table (a few microseconds); an automaton over the index's million keys would
have to be built or loaded at every start (seconds, hundreds of MB) to save those.

Only candidates come out of here, with what precedes them; :mod:`gazetteer.extract.detect`
decides which are places.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from gazetteer.extract.cues import CONNECTORS, NAME_ABBREVIATIONS
from gazetteer.index import connect
from gazetteer.normalize import normalize

MAX_WORDS = 5
# A word: letters (any script), digits, and apostrophes or hyphens inside it.
WORD = re.compile(r"[^\W_](?:[\w’'\-]*[^\W_])?")
ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# One-letter Arabic prefixes written onto the next word: and, in/with, to, so.
ARABIC_PREFIXES = ("و", "ب", "ل", "ف")
CACHE_SIZE = 50_000
# Arabic function words that are also (tiny) places somewhere: never a name on their own.
ARABIC_STOP = frozenset(
    {"ان", "في", "من", "علي", "الي", "عن", "مع", "هذا", "هذه", "التي", "الذي", "قال"}
)


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Span:
    """A run of words that is a name in the index: ``[start, end)`` of the text."""

    start: int
    end: int
    text: str
    key: str
    first: int  # index of its first word in :func:`words`
    last: int  # index of its last word
    arabic: bool


def words(text: str) -> list[Word]:
    """The words of a text, with their offsets."""
    return [Word(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


class KeyIndex:
    """Which keys the gazetteer's index files hold (read-only, cached)."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self._conns: list[sqlite3.Connection] = [connect(Path(p), immutable=True) for p in paths]
        self._known: dict[str, bool] = {}

    def __contains__(self, key: str) -> bool:
        held = self._known.get(key)
        if held is not None:
            return held
        found = any(
            c.execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)).fetchone()
            for c in self._conns
        )
        if len(self._known) >= CACHE_SIZE:
            self._known.clear()
        self._known[key] = found
        return found

    def population(self, key: str) -> int:
        """The population of the largest place whose own name has this key (0 if none)."""
        sql = (
            "SELECT max(p.population) FROM names n JOIN places p ON p.pid = n.pid"
            " WHERE n.key = ? AND n.how = 0"
        )
        return max((c.execute(sql, (key,)).fetchone()[0] or 0 for c in self._conns), default=0)

    def close(self) -> None:
        for c in self._conns:
            c.close()


def _may_begin(w: Word) -> bool:
    return w.text[0].isupper() or bool(ARABIC.match(w.text))


def _may_continue(w: Word, arabic: bool) -> bool:
    if arabic:
        return bool(ARABIC.match(w.text))
    return w.text[0].isupper() or w.text.casefold() in CONNECTORS or w.text[0].isdigit()


def find_spans(text: str, ws: list[Word], keys: KeyIndex) -> Iterator[Span]:
    """Longest runs of words that are index names, left to right, not overlapping.

    A run begins at a capitalised or Arabic-script word, continues through capitalised
    words and name connectors ("Bani Walid", "Ras al-Hilal"), stays within one line and
    does not cross punctuation other than hyphens, apostrophes and the full stop of an
    abbreviation that begins a name ("St. Cloud").
    """
    i = 0
    while i < len(ws):
        w = ws[i]
        if not _may_begin(w):
            i += 1
            continue
        arabic = bool(ARABIC.match(w.text))
        run = [i]
        j = i + 1
        while j < len(ws) and len(run) < MAX_WORDS and _may_continue(ws[j], arabic):
            gap = text[ws[j - 1].end : ws[j].start]
            if "\n" in gap or (gap.strip() and not _abbreviated(ws[j - 1], gap)):
                break
            run.append(j)
            j += 1
        found = _longest(text, ws, run, keys, arabic)
        if found is None:
            yield from _parts(w, i, keys)
            i += 1
            continue
        yield found
        i = found.last + 1


def _abbreviated(w: Word, gap: str) -> bool:
    """Whether the gap after a word is the full stop of an abbreviation that begins a name
    ("St. Cloud", "Mt. Pleasant")."""
    return gap in (".", ". ") and w.text.casefold() in NAME_ABBREVIATIONS


def _parts(w: Word, i: int, keys: KeyIndex) -> Iterator[Span]:
    """The names joined by hyphens in one word that is no name as a whole ("Egypt-US",
    "Fargo-Moorhead", "Israeli-Egyptian" are two each): each capitalised part that is."""
    if "-" not in w.text:
        return
    at = w.start
    for part in w.text.split("-"):
        key = normalize(part)
        if part[:1].isupper() and len(key) > 1 and key in keys:
            yield Span(at, at + len(part), part, key, i, i, False)
        at += len(part) + 1


def _longest(
    text: str, ws: list[Word], run: list[int], keys: KeyIndex, arabic: bool
) -> Span | None:
    first = run[0]
    for last in reversed(run):
        if ws[last].text.casefold() in CONNECTORS and last != first:
            continue  # a name does not end on "al" or "of"
        start, end = ws[first].start, ws[last].end
        surface = text[start:end]
        key = normalize(surface)
        if arabic and (len(key) < 3 or key in ARABIC_STOP):
            continue
        if key and len(key) > 1 and key in keys:
            return Span(start, end, surface, key, first, last, arabic)
        if arabic and surface[0] in ARABIC_PREFIXES and len(ws[first].text) > 3:
            key = normalize(surface[1:])
            if len(key) >= 3 and key not in ARABIC_STOP and key in keys:
                return Span(start + 1, end, surface[1:], key, first, last, arabic)
    return None
