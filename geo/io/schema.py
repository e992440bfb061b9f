"""The one field schema of event records, from which every format's columns derive.

Each record kind (``source``, ``presence``, ``movement``, ``waypoint``) is a tuple of
:class:`Field` in the order exports write them. From it come the field sets the readers
accept, the CSV columns (and their order), the GeoPackage layer columns, the GeoJSON
property order, the CSV columns guarded against formula injection, and the field tables
of ``docs/event-format.md`` (:func:`field_table`; a test keeps the two in step).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum


class Type(str, Enum):
    """What a field holds, and how flat formats (CSV, GeoPackage, KML) store it."""

    TEXT = "text"  # free text, written as given: the only kind a spreadsheet could run
    CODE = "code"  # a checked word (country code, choice): never formula-like
    NUMBER = "number"
    DATE = "date"  # YYYY, YYYY-MM or YYYY-MM-DD, or `..`; kept as written
    FLAG = "true/false"
    IDS = "id list"  # a list; flat formats join the ids with ;
    STRENGTH = "strength"  # a figure, a range, or a list of figures (JSON text in flat formats)
    WAYPOINTS = "JSON list"  # the stops of a movement (JSON text in GeoPackage)
    DAY = "day"  # a calendar date (GeoPackage date column)
    EVIDENCE = "{file, start, end}"  # a report file and a character range of it


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a record kind.

    Parameters
    ----------
    name
        The field's name in YAML, GeoJSON properties and GeoPackage columns.
    type
        What it holds (:class:`Type`), hence how flat formats store it.
    description
        One line for help texts and the format reference.
    required
        ``""`` when optional, else the wording of the rule (``"yes"`` when always required).
    derived
        The exports (``geojson``, ``gpkg``) that add this column for GIS; readers ignore it.
    csv
        Its CSV column name: ``None`` for ``name``, ``""`` when CSV has no such column.
    aliases
        Other names readers accept for it.
    geometry
        ``True`` for ``lat``/``lon``: the geometry in GeoJSON and GeoPackage, no property.
    flat_only
        ``True`` for the columns that tie a waypoint row to its movement (``route``,
        ``seq``): only where a waypoint is a row of its own (CSV, GeoPackage).
    review
        ``True`` for what a draft carries for its review (``evidence``): read and checked
        in YAML and GeoJSON, never written by an export, no CSV column.
    """

    name: str
    type: Type
    description: str
    required: str = ""
    derived: tuple[str, ...] = ()
    csv: str | None = None
    aliases: tuple[str, ...] = ()
    geometry: bool = False
    flat_only: bool = False
    review: bool = False

    @property
    def column(self) -> str:
        """The CSV column name ("" when the field has no CSV column).

        CSV keeps to the fields as written: exports add no derived columns there.
        """
        if self.derived or self.review:
            return ""
        return self.name if self.csv is None else self.csv


# Fields that more than one kind shares, written once.
_ID = Field("id", Type.TEXT, "unique among records of its kind when given")
PLACE_FIELDS = (
    Field(
        "place",
        Type.TEXT,
        "a name the gazetteer resolves (`Derna`, `Darnah`, `درنة`); with `lat`/`lon` a label",
        required="yes, unless `lat`+`lon`",
    ),
    Field("lat", Type.NUMBER, "WGS84 decimal degrees; always with `lon`", geometry=True),
    Field("lon", Type.NUMBER, "WGS84 decimal degrees; always with `lat`", geometry=True),
    Field("country", Type.CODE, "ISO 3166-1 alpha-2 hint for the gazetteer (`LY`)"),
    Field("gazetteer_id", Type.TEXT, "written by exports (`geonames:87205`); kept when read"),
)
_DATE = Field(
    "date", Type.DATE, "start: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `..` when unknown", "yes"
)
_END = Field(
    "end", Type.DATE, "blank: the period of `date` (`2015-06`: all June); a date; `..`: still going"
)
_DETAIL = (
    Field("strength", Type.STRENGTH, "`800`, `4000-6000`, or a list of per-source figures"),
    Field(
        "sources",
        Type.IDS,
        "source ids: a list, or text with ids separated by `;`",
        csv="source",
        aliases=("source",),
    ),
    Field("confidence", Type.CODE, "`confirmed`, `reported` (default) or `claimed`"),
    Field("note", Type.TEXT, "our own words (never copied sentences)"),
    # Issue 13: offsets into a report on the drafting machine, for the review; a path of
    # the analyst's disk has no place in what is shared, so exports leave it out.
    Field(
        "evidence",
        Type.EVIDENCE,
        "where `geo extract` read the record: `{file, start, end}`, characters"
        " `[start, end)` of the report",
        review=True,
    ),
    Field(
        "strength_min",
        Type.NUMBER,
        "the lowest figure any source gives, for GIS styling",
        derived=("geojson", "gpkg"),
    ),
    Field(
        "strength_max",
        Type.NUMBER,
        "the highest figure any source gives, for GIS styling",
        derived=("geojson", "gpkg"),
    ),
    Field(
        "begin",
        Type.DAY,
        "the first day the record covers, for QGIS's time controller",
        derived=("gpkg",),
    ),
    Field(
        "until",
        Type.DAY,
        "the last day the record covers, for QGIS's time controller",
        derived=("gpkg",),
    ),
)

SOURCE = (
    Field("id", Type.TEXT, "lower-case letters, digits and `-`; unique across files", "yes"),
    Field("outlet", Type.TEXT, "who published it", "yes"),
    Field("title", Type.TEXT, "the headline, as a short citation"),
    Field("published", Type.DATE, "`YYYY`, `YYYY-MM` or `YYYY-MM-DD`"),
    Field("published_inferred", Type.FLAG, "`true` when the date was worked out from the content"),
    Field("author", Type.TEXT, "who wrote it"),
    Field("url", Type.TEXT, "where it can be read"),
    Field("reliability", Type.CODE, "Admiralty grade of the source: `A` (reliable) to `F`"),
)
PRESENCE = (
    _ID,
    *PLACE_FIELDS,
    Field("actor", Type.TEXT, "who", "yes"),
    Field(
        "status",
        Type.TEXT,
        "a free word, kept in lower case: control, presence, cells, attack, ousted, ...",
        "yes",
    ),
    _DATE,
    _END,
    Field("precision", Type.CODE, "`exact` (default), `near` (outskirts) or `region` (a district)"),
    *_DETAIL,
    Field("actor2", Type.TEXT, "the second actor: the other side, or the target"),
    Field("event_type", Type.TEXT, "the dataset's class of event (ACLED: `Battles`, ...)"),
    Field("fatalities", Type.STRENGTH, "deaths: `3`, `2-5`, or a list of per-source figures"),
    Field(
        "quote",
        Type.TEXT,
        "the dataset's own text, quoted as given (ACLED `notes`); not our words",
    ),
    Field("credibility", Type.CODE, "Admiralty grade of the information: `1` (confirmed) to `6`"),
    # Issue 11: areas. In GeoJSON and GeoPackage the feature's polygon is the area itself.
    Field(
        "area",
        Type.TEXT,
        "YAML: a GeoJSON file (path from the YAML file) or a gazetteer place whose area is"
        " used; exports: the place the area was made from",
        csv="",
    ),
    Field("buffer_km", Type.NUMBER, "grow the area by this many km (`area:` in YAML)", csv=""),
)
WAYPOINT = (
    Field(
        "route",
        Type.TEXT,
        "the id of the waypoint's movement (CSV and GeoPackage rows)",
        "yes",
        flat_only=True,
    ),
    Field(
        "seq",
        Type.NUMBER,
        "orders the waypoints of a route (CSV and GeoPackage rows)",
        "yes",
        flat_only=True,
    ),
    *PLACE_FIELDS,
    Field("date", Type.DATE, "when the movement was there (optional; must not go backwards)"),
    Field(
        "mode",
        Type.CODE,
        "how the leg arriving here went: `overland`, `air`, `sea`, `unknown` (default)",
    ),
)
MOVEMENT = (
    # CSV names a movement by the route column of its waypoint rows.
    replace(_ID, csv=""),
    Field("actor", Type.TEXT, "who", "yes"),
    # In CSV `date` is the waypoint's: the movement's own start is the `start` column.
    replace(
        _DATE,
        required="",
        csv="start",
        description="as for presence; left out with `end`: first to last dated waypoint",
    ),
    _END,
    *_DETAIL,
    Field(
        "waypoints",
        Type.WAYPOINTS,
        "in order; each a waypoint (below)",
        "yes, two or more",
        csv="",
    ),
)
KINDS = {"source": SOURCE, "presence": PRESENCE, "movement": MOVEMENT, "waypoint": WAYPOINT}
PLACE = tuple(f.name for f in PLACE_FIELDS)  # the fields a Place is made of, in order


def accepted(kind: str) -> frozenset[str]:
    """The field names (and aliases) a record of ``kind`` may have in YAML or GeoJSON.

    Derived columns that GeoJSON exports write are accepted and ignored, since GeoJSON
    properties reach the record builders as they are; GeoPackage readers drop theirs first.
    """
    return frozenset(
        name
        for f in KINDS[kind]
        if not f.flat_only and (not f.derived or "geojson" in f.derived)
        for name in (f.name, *f.aliases)
    )


def derived(kind: str) -> tuple[str, ...]:
    """The derived, export-only columns of ``kind``, which readers ignore."""
    return tuple(f.name for f in KINDS[kind] if f.derived)


def columns(kind: str, fmt: str) -> tuple[str, ...]:
    """The property or column names ``fmt`` (``geojson`` or ``gpkg``) writes for ``kind``.

    Geometry fields become the feature's geometry; flat-only ones exist in GeoPackage only.
    """
    return tuple(
        f.name
        for f in KINDS[kind]
        if not f.geometry
        and not f.review
        and (not f.derived or fmt in f.derived)
        and (not f.flat_only or fmt == "gpkg")
    )


# The CSV files and the record kinds whose fields make up each one's rows, in order: a
# movements file has one row per waypoint, the movement's own columns repeated on each.
CSV_FILES = {
    "presence": ("presence",),
    "movements": ("waypoint", "movement"),
    "sources": ("source",),
}


def _csv_own(kind: str) -> tuple[Field, ...]:
    picked = tuple(f for f in KINDS[kind] if f.column)
    if kind != "presence":
        return picked
    # Kept from the first CSV exports: a presence row reads where, then when, then who.
    first = len(PLACE) + 1
    spans = tuple(f for f in picked if f.type is Type.DATE)
    rest = tuple(f for f in picked[first:] if f.type is not Type.DATE)
    return (*picked[:first], *spans, *rest)


def csv_fields(file: str) -> tuple[tuple[str, Field], ...]:
    """``(kind, field)`` of each column of a CSV ``file`` (a key of :data:`CSV_FILES`)."""
    return tuple((kind, f) for kind in CSV_FILES[file] for f in _csv_own(kind))


def csv_columns(file: str) -> tuple[str, ...]:
    """The header a CSV export writes for ``file``."""
    return tuple(f.column for _, f in csv_fields(file))


def csv_accepted(file: str, kind: str | None = None) -> dict[str, str]:
    """The columns a CSV ``file`` may have (of ``kind`` only, if given), each to its field.

    A field's own name and aliases are accepted beside its CSV name, unless another column
    of the file has that name (in a movements file ``date`` is the waypoint's column).
    """
    fields = csv_fields(file)
    taken = {f.column for _, f in fields}
    out: dict[str, str] = {}
    for k, f in fields:
        if kind in (None, k):
            out[f.column] = f.name
            out.update({n: n for n in (f.name, *f.aliases) if n not in taken})
    if file == "presence":  # as in YAML, GeoJSON's derived columns read back, ignored
        review = {f.name for f in PRESENCE if f.review}
        out.update({n: n for n in accepted("presence") if n not in out and n not in review})
    return out


def csv_required(file: str) -> tuple[str, ...]:
    """The columns a CSV ``file`` must have (``place`` or ``lat``+``lon`` checked apart)."""
    return tuple(
        f.column
        for kind in CSV_FILES[file]
        for f in KINDS[kind]
        if f.column and f.required == "yes"
    )


def text_columns(file: str) -> frozenset[str]:
    """The free-text columns of a CSV ``file``: exports guard them against formulas.

    One rule for every column of :attr:`Type.TEXT`; the other types are checked words,
    numbers and dates, which cannot start like a formula (and ``lon`` may start with -).
    """
    return frozenset(f.column for _, f in csv_fields(file) if f.type is Type.TEXT)


def field_table(kind: str) -> str:
    """A Markdown table of the fields of ``kind``, for help texts and the format reference.

    Parameters
    ----------
    kind
        ``source``, ``presence``, ``movement`` or ``waypoint``.

    Returns
    -------
    str
        The table: one line per field with its names, type, whether it is required (or
        which exports derive it) and its meaning.
    """
    lines = ["| field | type | required | meaning |", "|---|---|---|---|"]
    for f in KINDS[kind]:
        names = " / ".join(f"`{n}`" for n in (f.name, *f.aliases))
        if f.csv:
            names += f" (CSV: `{f.csv}`)"
        elif f.review:
            names += " (not in exports)"
        elif f.csv == "" and not f.derived:
            names += " (not in CSV)"
        required = (
            f"derived by {', '.join(f.derived)}; ignored on reading" if f.derived else f.required
        )
        lines.append(f"| {names} | {f.type.value} | {required} | {f.description} |")
    return "\n".join(lines) + "\n"


def csv_help(file: str) -> str:
    """The columns a CSV ``file`` export writes, as the format reference lists them."""
    return ", ".join(csv_columns(file))
