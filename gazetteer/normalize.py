"""Name normalisation: the one place where a spelling becomes an index key.

Everything here is driven by the tables below (DESIGN.md, style 3): edit a table, not a
chain of regular expressions. The same function normalises the names of the index and the
queries, so a rule only has to be consistent, not linguistically perfect.

Steps of :func:`normalize`:

1. casefold, map letters that Unicode does not decompose (``ß``, ``ø``, ``ł``) and the
   Arabic letter variants (alef forms, ta marbuta, alef maqsura, Persian yeh and kaf);
2. decompose (NFKD) and drop combining marks: Latin diacritics (``Şabrātah``) and Arabic
   tashkeel alike;
3. drop apostrophes and transliteration marks for ayn and hamza (``Ra's`` -> ``ras``), turn
   other punctuation (hyphens, dots, commas) into spaces;
4. drop leading generic phrases (``the city of``, ``near``, ``outskirts of``) and Arabic
   articles (``al-``, ``el-``, ``ash-``, ``ال``) that precede another word.

:func:`fallback_key` also drops trailing type words (``province``, ``district``): lookup
tries it only when the full key finds nothing, so ``Derna District`` still prefers a
place called so.
"""

from __future__ import annotations

import unicodedata

# Letters NFKD leaves alone, and Arabic-script variants folded to one form.
LETTER_MAP: dict[str, str] = {
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ı": "i",
    "ħ": "h",
    "ŧ": "t",
    "ŀ": "l",
    # Arabic: hamza carriers and alef forms -> bare alef / waw / yaa.
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ؤ": "و",
    "ئ": "ي",
    "ء": "",
    # ta marbuta -> ha, alef maqsura and Persian/Urdu yeh -> yaa, keheh -> kaf.
    "ة": "ه",
    "ى": "ي",
    "ی": "ي",
    "ې": "ي",
    "ے": "ي",
    "ک": "ك",
    "ہ": "ه",
    "ە": "ه",
}

# Code points removed outright: tatweel, zero-width joiner, direction marks. (The
# zero-width non-joiner separates words in Persian spellings: it is a separator.)
DROPPED = "\u0640\u200b\u200d\u200e\u200f\u2060\ufeff"

# Combining marks dropped after NFKD: (first, last) code point ranges, inclusive.
COMBINING_RANGES: tuple[tuple[int, int], ...] = (
    (0x0300, 0x036F),  # Latin, Greek, Cyrillic diacritics
    (0x0483, 0x0489),  # Cyrillic
    (0x0591, 0x05C7),  # Hebrew points
    (0x0610, 0x061A),  # Arabic signs
    (0x064B, 0x065F),  # Arabic tashkeel
    (0x0670, 0x0670),  # superscript alef
    (0x06D6, 0x06ED),  # Quranic marks
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)

# Removed without leaving a space: apostrophes and the marks that transliterate ayn/hamza.
JOINERS = "'’‘`´ʼʻʽʾʿˈ′"

# Turned into a space: word separators.
SEPARATORS = '\u200c-‐‑‒–—―_.,;:/\\()[]{}"“”«»!?·•،؛|+*&#@~<>=^$%'

# Articles dropped when another word follows them (al-Khums, El Agheila, ash-Shatti).
ARTICLES: frozenset[str] = frozenset(
    {"al", "el", "ad", "ed", "as", "es", "az", "ez", "ash", "esh", "at", "et", "an", "ar", "ul"}
)

# Arabic-script article attached to the word.
ARABIC_ARTICLE = "ال"

# Leading phrases that describe a place but are not its name, longest first.
LEADING_GENERICS: tuple[tuple[str, ...], ...] = (
    ("in", "the", "city", "of"),
    ("the", "outskirts", "of"),
    ("the", "town", "of"),
    ("the", "city", "of"),
    ("the", "village", "of"),
    ("the", "area", "of"),
    ("the", "region", "of"),
    ("outskirts", "of"),
    ("town", "of"),
    ("city", "of"),
    ("village", "of"),
    ("area", "of"),
    ("region", "of"),
    ("south", "of"),
    ("north", "of"),
    ("east", "of"),
    ("west", "of"),
    ("near", "to"),
    ("close", "to"),
    ("around",),
    ("near",),
    ("in",),
    ("the",),
    ("مدينه",),  # "city" (after ta marbuta folding)
    ("بلديه",),  # "municipality"
    ("منطقه",),  # "area"
)

# Trailing type words, dropped only by the fallback key.
TRAILING_TYPES: frozenset[str] = frozenset(
    {
        "province",
        "district",
        "governorate",
        "municipality",
        "region",
        "county",
        "city",
        "town",
        "village",
        "area",
        "shabiyat",
        "shabiya",
        "oasis",
        "airport",
    }
)


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(k): v for k, v in LETTER_MAP.items()}
    for ch in DROPPED + JOINERS:
        table[ord(ch)] = None
    for ch in SEPARATORS:
        table[ord(ch)] = " "
    return table


def _build_marks() -> dict[int, None]:
    return {cp: None for lo, hi in COMBINING_RANGES for cp in range(lo, hi + 1)}


_TABLE = _build_table()
_MARKS = _build_marks()
_MAX_GENERIC = max(len(g) for g in LEADING_GENERICS)
_GENERICS = frozenset(LEADING_GENERICS)
_GENERIC_FIRST = frozenset(g[0] for g in LEADING_GENERICS)
_ARTICLE_SET = set(ARTICLES)


def _tokens(name: str) -> list[str]:
    text = name.casefold()
    if text.isascii():
        return text.translate(_TABLE).split()
    text = text.translate(_TABLE)
    text = unicodedata.normalize("NFKD", text).translate(_MARKS)
    # NFKD may expose letters the first pass maps (Arabic presentation forms such as
    # U+FE93 become ta marbuta). Keys stay decomposed: both sides are, so they still meet.
    return text.translate(_TABLE).split()


def _strip(tokens: list[str]) -> list[str]:
    # Fast path: most names have no generic phrase, no article and no Arabic article.
    if len(tokens) > 1 and tokens[0] in _GENERIC_FIRST:
        tokens = _strip_generics(tokens)
    if len(tokens) > 1 and not _ARTICLE_SET.isdisjoint(tokens[:-1]):
        last = len(tokens) - 1
        tokens = [t for i, t in enumerate(tokens) if i == last or t not in ARTICLES]
    if not tokens or tokens[0].isascii():
        return tokens
    return [t[2:] if t.startswith(ARABIC_ARTICLE) and len(t) > 3 else t for t in tokens]


def _strip_generics(tokens: list[str]) -> list[str]:
    # Leading generic phrases, repeatedly ("near the city of"), keeping at least one word.
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        for size in range(min(_MAX_GENERIC, len(tokens) - 1), 0, -1):
            if tuple(tokens[:size]) in _GENERICS:
                tokens = tokens[size:]
                changed = True
                break
    return tokens


def normalize(name: str) -> str:
    """The index key of a name: folded, stripped of marks, articles and generic words.

    Parameters
    ----------
    name : str
        A place name as a source or a report spells it.

    Returns
    -------
    str
        Lower-case words separated by single spaces; ``""`` when nothing is left.

    Examples
    --------
    >>> normalize("the city of al-Khums")
    'khums'
    >>> normalize("Şabrātah")
    'sabratah'
    """
    return " ".join(_strip(_tokens(name)))


def fallback_key(name: str) -> str:
    """The key with trailing type words dropped (``Kufra province`` -> ``kufra``).

    Returns ``""`` when no such word is present, so callers can skip the second try.
    """
    tokens = _strip(_tokens(name))
    if len(tokens) < 2 or tokens[-1] not in TRAILING_TYPES:
        return ""
    while len(tokens) > 1 and tokens[-1] in TRAILING_TYPES:
        tokens.pop()
    return " ".join(tokens)


def is_latin_key(key: str) -> bool:
    """True for keys typed on a Latin keyboard: the ones the typo index covers."""
    return key.isascii()
