"""How to read event files: a column mapping, day-first dates, and the notices of a read.

The command line builds one :class:`ReadOptions` (``--map``, ``--map-file``,
``--dayfirst``, defined once in :mod:`geo.cli.options`) and hands it to the reader; each
file's :class:`~geo.io.fields.Problems` carries it to the format's reader. Notices are
what a read tells the user without being a problem (a guessed column mapping, the sources
made from outlet names); the command prints them on stderr.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class ReadOptions:
    """Options of one read of event files.

    Parameters
    ----------
    mapping
        Record field -> the spreadsheet column that holds it (``{"place": "Location"}``);
        empty: guess from the header when it is not geo's own.
    origin
        Where the mapping came from, for messages (``--map`` or the mapping file).
    dayfirst
        Read ``05/04/2016`` as 5 April (dd/mm/yyyy) rather than May 4.
    notices
        Filled by the read: one line each, for stderr.
    """

    mapping: dict[str, str] = field(default_factory=dict)
    origin: str = "--map"
    dayfirst: bool = False
    notices: list[str] = field(default_factory=list)
