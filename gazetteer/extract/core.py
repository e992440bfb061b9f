"""Report text -> place mentions resolved in context: :func:`extract`.

Detection (:mod:`gazetteer.extract.detect`) finds the spans; the one resolution policy
(:meth:`gazetteer.lookup.Gazetteer.resolve`) resolves all mentions of a document in one
call, the whole document being the context ("Tripoli" in a story about Lebanon is the
Lebanese one). A mention nothing resolves is dropped, with the reason, into
:attr:`Extraction.dropped`; an ambiguous one keeps its best candidate and says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from gazetteer.extract.detect import Detected, Dropped, detect
from gazetteer.extract.matcher import KeyIndex
from gazetteer.extract.model import require_spacy
from geo.errors import InputError
from geo.resolution import Ambiguous, DocumentContext, Mention, Resolution, Resolved, short

if TYPE_CHECKING:
    from gazetteer.lookup import Gazetteer

MAX_CHARS = 2_000_000  # a report longer than this is refused, not read for minutes
# Below this share of English function words among its words a text is not English: the
# model is not run and the gazetteer matcher finds the names alone (the notes say so).
ENGLISH_SHARE = 0.08
MIN_WORDS_FOR_LANGUAGE = 20
PARALLEL_FROM = 16  # documents; fewer are parsed in this process
# Documents the model reads at once. Its activations grow with the batch; the time per word
# does not shrink: 100 reports of 500 words took 6.1-6.7 s at 4, 8 and 16 on a quiet
# machine (within the noise of each other under load), and the three processes' memory
# (proportional set size) was 543, 641 and 794 MB (BENCHMARKS.md).
BATCH = 4
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place mention of a report, resolved: offsets into the text, the place, why."""

    start: int
    end: int
    text: str
    name: str
    lat: float
    lon: float
    country_code: str
    kind: str
    id: str
    score: float
    reasons: tuple[str, ...]
    demonym: bool = False
    status: str = "resolved"  # or "ambiguous": the best candidate, to be checked
    detector: str = "ner"  # or "gazetteer"
    prefer: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The ``geo extract --json`` object of the mention."""
        return {
            "start": self.start, "end": self.end, "text": self.text, "name": self.name,
            "lat": self.lat, "lon": self.lon, "country_code": self.country_code,
            "kind": self.kind, "id": self.id, "score": round(self.score, 4),
            "reasons": list(self.reasons), "demonym": self.demonym, "status": self.status,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one report gives: its mentions, the spans refused, and notes on the run."""

    text: str
    mentions: tuple[PlaceMention, ...]
    dropped: tuple[Dropped, ...] = ()
    notes: tuple[str, ...] = field(default=())


def is_english(text: str) -> bool:
    """Whether enough of the text's words are English function words for the model."""
    from spacy.lang.en.stop_words import STOP_WORDS

    found = _WORD.findall(text[:20_000])
    if len(found) < MIN_WORDS_FOR_LANGUAGE:
        letters = sum(c.isalpha() for c in text)
        return letters == 0 or len("".join(found)) >= 0.5 * letters
    share = sum(w.casefold() in STOP_WORDS for w in found) / len(found)
    return share >= ENGLISH_SHARE


class Extractor:
    """Detection and resolution over one gazetteer; hold one for many reports."""

    def __init__(self, gazetteer: Gazetteer | None = None, nlp: Any | None = None) -> None:
        if gazetteer is None:
            from gazetteer.lookup import Gazetteer

            gazetteer = Gazetteer.default()
        self.gazetteer = gazetteer
        self.keys = KeyIndex(gazetteer.paths)
        self._nlp = nlp

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from gazetteer.extract.model import load_model

            self._nlp = load_model()
        return self._nlp

    def run(
        self,
        texts: Sequence[str],
        *,
        country: str | None = None,
        contexts: Sequence[DocumentContext | None] | None = None,
    ) -> list[Extraction]:
        """One :class:`Extraction` per text, in order."""
        require_spacy()
        for text in texts:
            if len(text) > MAX_CHARS:
                raise InputError(f"text of {len(text):,} characters; at most {MAX_CHARS:,}")
        english = [is_english(t) for t in texts]
        docs = self._parse([t for t, e in zip(texts, english, strict=True) if e])
        out = []
        for i, text in enumerate(texts):
            doc = next(docs) if english[i] else None
            ctx = contexts[i] if contexts is not None else None
            out.append(self._one(text, doc, english[i], country, ctx))
        return out

    def _parse(self, texts: list[str]) -> Iterator[Any]:
        if not texts:
            return iter(())
        # Two processes for a batch: the model's time per word halves on two cores
        # (BENCHMARKS.md); a few reports are not worth the fork.
        procs = 2 if len(texts) >= PARALLEL_FROM else 1
        return iter(self.nlp.pipe(texts, batch_size=BATCH, n_process=procs))

    def _one(
        self,
        text: str,
        doc: Any | None,
        english: bool,
        country: str | None,
        context: DocumentContext | None,
    ) -> Extraction:
        found, dropped = detect(text, doc, self.keys, english=english)
        notes = () if english else ("not English: names found by the gazetteer matcher only",)
        mentions = [Mention(d.name, prefer=d.prefer) for d in found]
        resolved = self.gazetteer.resolve(mentions, country=country, context=context)
        found, resolved = self._stand_ins(text, found, resolved, country, context)
        out: list[PlaceMention] = []
        refused = list(dropped)
        for d, r in zip(found, resolved, strict=True):
            m = _mention(d, r)
            if m is None:
                why = r.message() if hasattr(r, "message") else "not found"
                refused.append(Dropped(d.start, d.end, d.text, why))
            else:
                out.append(m)
        refused.sort(key=lambda x: (x.start, x.end))
        return Extraction(text, tuple(out), tuple(refused), notes)

    def _stand_ins(
        self,
        text: str,
        found: list[Detected],
        resolved: list[Resolution],
        country: str | None,
        context: DocumentContext | None,
    ) -> tuple[list[Detected], list[Resolution]]:
        """Ask the part that stands in for each span no place answered ("Henderson County"
        for "Henderson County Jail"), all in one more call with the same context: the
        document's other mentions too (Athens, Texas tells which Henderson County)."""
        todo = [
            i
            for i, (d, r) in enumerate(zip(found, resolved, strict=True))
            if d.stand_in is not None and not isinstance(r, (Resolved, Ambiguous))
        ]
        if not todo:
            return found, resolved
        parts = []
        for i in todo:
            d = found[i]
            start, end = d.stand_in or (d.start, d.end)
            span = text[start:end]
            why = f"the place {span!r} standing in for {d.text!r}, which no place is named"
            parts.append(replace(d, start=start, end=end, text=span, name=span,
                                 reasons=(*d.reasons, why), stand_in=None))  # fmt: skip
        asked = list(found)
        for i, d in zip(todo, parts, strict=True):
            asked[i] = d
        again = self.gazetteer.resolve(
            [Mention(d.name, prefer=d.prefer) for d in asked], country=country, context=context
        )
        found, resolved = list(found), list(resolved)
        for i, d in zip(todo, parts, strict=True):
            if isinstance(again[i], (Resolved, Ambiguous)):
                found[i], resolved[i] = d, again[i]
        return found, resolved


def _mention(d: Detected, r: object) -> PlaceMention | None:
    if isinstance(r, Resolved):
        place, status, extra = r.place, "resolved", r.reasons
        warning = r.warning()
        if warning:
            extra = (*extra, warning)
    elif isinstance(r, Ambiguous):
        place, status = r.candidates[0], "ambiguous"
        rivals = ", ".join(short(c) for c in r.candidates[1:3])
        extra = (*place.reasons, f"ambiguous: as likely {rivals}; check")
    else:
        return None
    return PlaceMention(
        d.start, d.end, d.text, place.name, place.lat, place.lon, place.country_code,
        place.kind, place.id, place.score, (*d.reasons, *extra), d.demonym, status, d.how,
        d.prefer,
    )  # fmt: skip


def extract(
    text: str,
    *,
    context: DocumentContext | None = None,
    country: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[PlaceMention]:
    """The place mentions of a report, resolved with the whole report as context.

    Parameters
    ----------
    text
        The report's text (``start``/``end`` of each mention index into it).
    context
        Places the document gives by coordinates, as for :meth:`Gazetteer.resolve`.
    country
        ISO 3166-1 alpha-2 code of a country to prefer.
    gazetteer
        Where places come from (default: the embedded gazetteer).

    Returns
    -------
    list of PlaceMention
        In text order; demonyms ("Libyan forces") as mentions of their country, flagged.

    Examples
    --------
    >>> [m.name for m in extract("Fighters who escaped Sirte regrouped near Bani Walid.")]
    ['Sirte', 'Bani Walid']
    """
    return list(_default(gazetteer).run([text], country=country, contexts=[context])[0].mentions)


_LAST: list[Extractor] = []  # the extractor of the last gazetteer used (one model)


def _default(gazetteer: Gazetteer | None) -> Extractor:
    from gazetteer.lookup import Gazetteer

    g = gazetteer or Gazetteer.default()
    if not _LAST or _LAST[0].gazetteer is not g:
        _LAST[:] = [Extractor(g)]
    return _LAST[0]
