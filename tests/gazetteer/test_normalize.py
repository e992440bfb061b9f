"""The normalisation tables, one row per rule."""

from __future__ import annotations

import pytest

from gazetteer.normalize import fallback_key, normalize


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # case and spaces
        ("Derna", "derna"),
        ("  DERNA  ", "derna"),
        ("Bani   Walid", "bani walid"),
        # diacritics and letters NFKD keeps
        ("Şabrātah", "sabratah"),
        ("Benghází", "benghazi"),
        ("Straße", "strasse"),
        ("Łódź", "lodz"),
        ("Ærøskøbing", "aeroskobing"),
        # articles before another word, with hyphen or space
        ("al-Khums", "khums"),
        ("Al Khums", "khums"),
        ("El Agheila", "agheila"),
        ("ash-Shati", "shati"),
        ("Ras al-Unuf", "ras unuf"),
        ("az-Zawiyah", "zawiyah"),
        ("as-Sidra", "sidra"),
        ("ad-Dawun", "dawun"),
        ("at-Taj", "taj"),
        # an article alone is a name, not an article
        ("Al", "al"),
        # apostrophes and ayn/hamza marks join, other punctuation separates
        ("Ra's Lanuf", "ras lanuf"),
        ("Ra’s Lanuf", "ras lanuf"),
        ("Zuwārah‘", "zuwarah"),
        ("Beni-Walid", "beni walid"),
        ("St. Louis", "st louis"),
        # generic leading words
        ("the city of Derna", "derna"),
        ("near Sirte", "sirte"),
        ("outskirts of Tripoli", "tripoli"),
        ("near the city of al-Bayda", "bayda"),
        ("The Hague", "hague"),
        # Arabic script: ta marbuta, alef forms, tashkeel, tatweel, article
        ("درنة", "درنه"),
        ("دَرْنَة", "درنه"),
        ("درنـــة", "درنه"),
        ("ﺩﺭﻧﺔ", "درنه"),  # presentation forms
        ("سرت", "سرت"),
        ("صبراتة", "صبراته"),
        ("أوباري", "اوباري"),
        ("إجدابيا", "اجدابيا"),
        ("الخمس", "خمس"),
        ("مدينة درنة", "درنه"),
        ("بنى وليد", "بني وليد"),
        ("بنی\u200cولید", "بني وليد"),
        # nothing left
        ("", ""),
        ("--", ""),
    ],
)
def test_normalize(text: str, key: str) -> None:
    assert normalize(text) == key


@pytest.mark.parametrize(
    ("spellings"),
    [
        ("Derna", "DERNA", "the city of Derna", "near Derna"),
        ("al-Khums", "Al Khums", "el Khums", "Al-Khums"),
        ("Şabrātah", "Sabratah", "SABRATAH"),
        ("درنة", "درنه", "دَرنة"),
    ],
)
def test_spellings_share_a_key(spellings: tuple[str, ...]) -> None:
    assert len({normalize(s) for s in spellings}) == 1


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Kufra province", "kufra"),
        ("Derna District", "derna"),
        ("Jufra district municipality", "jufra"),
        ("Derna", ""),
        ("District", ""),
    ],
)
def test_fallback_key_drops_trailing_type_words(text: str, key: str) -> None:
    assert fallback_key(text) == key
