"""What every gazetteer source offers the index builder."""

from __future__ import annotations

from collections.abc import Iterator

from gazetteer.records import PlaceRecord


class Source:
    """A source of place records: a name, a fingerprint and the records themselves.

    Subclasses override :meth:`records` and, when their records carry codes (IATA, ICAO,
    ISO), :meth:`codes`. ``fingerprint`` changes whenever the source's data changes, so the
    cached index is rebuilt.
    """

    name = "source"
    # What people read in the build's messages ("GeoNames cities"); ``name`` when empty.
    title = ""
    # True for a source that only adds names to places earlier sources hold: its records
    # with an id no earlier source has are skipped, never made into places.
    names_only = False

    def label(self) -> str:
        """The human name of the source: its ``title``, else its ``name``."""
        return self.title or self.name

    def fingerprint(self) -> str:
        """A string that changes when the source's data changes."""
        return self.name

    def records(self) -> Iterator[PlaceRecord]:
        """Every place of the source."""
        raise NotImplementedError

    def codes(self, record: PlaceRecord) -> tuple[str, ...]:
        """Codes that name the record (matched as ``how="code"``)."""
        return ()
