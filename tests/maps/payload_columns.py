"""Columns of the map payload (maps/columns.py) read back as the page reads them
(``geo.column`` in maps/assets/geo-map-1-data.js), for the tests."""

from __future__ import annotations

import base64
from array import array
from typing import Any

CODES = {"u1": "B", "u2": "H", "i2": "h", "i4": "i", "f4": "f"}


def decode(col: dict[str, Any]) -> list[Any]:
    """A column's values: a typed array, or one value repeated."""
    if col["t"] == "k":  # one value, repeated
        return [col["v"]] * col["n"]
    return list(array(CODES[col["t"]], base64.b64decode(col["b"])))
