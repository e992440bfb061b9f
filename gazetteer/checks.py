"""What a place-name query must be: the checks every entry point of the gazetteer runs."""

from __future__ import annotations

import re

from geo.errors import InputError

MAX_NAME_LENGTH = 200
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
    return code
