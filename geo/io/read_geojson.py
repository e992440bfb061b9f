"""Read GeoJSON event files: Point features are presence, LineStrings are movements,
Polygons and MultiPolygons are presence given as an area (issue 11).

Properties are the fields of the YAML format. A movement's ``waypoints`` property lists
``{place, date, mode, ...}`` in the order of the line's coordinates. A top-level
``"sources"`` member may carry the sources. JSON is parsed with the standard library's
pure-Python scanner so that every object knows the line it starts on (arrays of numbers,
such as coordinates, with its C scanner).
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import re
from typing import Any

from geo.errors import InputError, shown
from geo.io import fields as f
from geo.io.records import Fields, as_fields, build_movement, build_presence, build_source
from geo.model import Movement, Presence, Source
from geo.points import Point, from_geojson_position

# The pure-Python parts of the json module (typeshed does not declare them): its C scanner
# gives no positions, these let every object learn where it starts.
_JSON_OBJECT: Any = getattr(json.decoder, "JSONObject")  # noqa: B009
_PY_SCANNER: Any = getattr(json.scanner, "py_make_scanner")  # noqa: B009
_PY_SCANSTRING: Any = getattr(json.decoder, "py_scanstring")  # noqa: B009
# The C scanner, for arrays of numbers only (coordinates): no object in them needs a line.
_C_SCANNER: Any = getattr(json.scanner, "c_make_scanner", None)
_NUMBERS_ARRAY = re.compile(r"\[\s*[-0-9\[]")  # an array that starts like coordinates
_SURROGATE = re.compile("[\ud800-\udfff]")  # left after decoding: a lone \uD800 escape


class _LineDecoder(json.JSONDecoder):
    """A decoder whose objects are :class:`Fields` knowing their line and their keys' lines."""

    def __init__(self, text: str) -> None:
        super().__init__()
        newlines = [m.start() for m in re.finditer("\n", text)]
        # Arrays holding neither objects nor strings (a geometry's coordinates) are read
        # by the C scanner: tens of times faster, and the same values.
        fast = _C_SCANNER(json.JSONDecoder()) if _C_SCANNER is not None else None
        self.duplicates: list[tuple[str, int]] = []  # keys given twice in one object

        def line(index: int) -> int:
            return bisect.bisect_left(newlines, index) + 1

        def parse_object(
            s_and_end: tuple[str, int], strict: bool, scan_once: Any, *args: Any
        ) -> tuple[Fields, int]:
            starts: list[int] = []  # where each value starts: on its key's line, as written

            def scan(s: str, index: int) -> Any:
                starts.append(index)
                if fast is not None and _NUMBERS_ARRAY.match(s, index):
                    try:
                        value, end = fast(s, index)
                    except (StopIteration, ValueError, RecursionError):
                        pass  # the pure-Python scanner says what is wrong, and where
                    else:
                        if s.find("{", index, end) < 0 and s.find('"', index, end) < 0:
                            return value, end
                return scan_once(s, index)

            pairs, end = _JSON_OBJECT(s_and_end, strict, scan, None, list, *args[2:])
            keys: dict[str, int] = {}
            for (key, _), at in zip(pairs, starts, strict=True):
                if _SURROGATE.search(key):
                    raise _lone_surrogate(s_and_end[0], at)
                if key in keys:
                    self.duplicates.append((key, line(at)))
                keys.setdefault(key, line(at))
            return Fields(pairs, line=line(s_and_end[1] - 1), key_lines=keys), end

        def parse_string(s: str, end: int, strict: bool = True) -> tuple[str, int]:
            value, after = _PY_SCANSTRING(s, end, strict)
            if _SURROGATE.search(value):
                raise _lone_surrogate(s, end)
            return value, after

        self.parse_object = parse_object
        self.parse_string = parse_string
        self.scan_once = _PY_SCANNER(self)


def _lone_surrogate(text: str, at: int) -> json.JSONDecodeError:
    return json.JSONDecodeError(
        "a \\u escape that is half of a character (a lone surrogate)", text, at
    )


def _load(text: str, problems: f.Problems) -> Any:
    decoder = _LineDecoder(text)
    try:
        doc = decoder.decode(text)
    except json.JSONDecodeError as exc:
        problems.add(
            f"not valid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno, field="json"
        )
        return None
    except RecursionError:
        problems.add("nested too deeply to be GeoJSON", line=1, field="json")
        return None
    except ValueError:  # a number of over 4,300 digits (Python's int() limit)
        long = re.search(r"[0-9]{4000,}", text)
        line = text.count("\n", 0, long.start()) + 1 if long else None
        problems.add("a number of over 4,300 digits", line=line, field="json")
        return None
    for key, at in decoder.duplicates:  # JSON would silently keep the last
        problems.add("given twice in the same object", line=at, field=key)
    return doc


def _geometry(feature: Fields, problems: f.Problems) -> tuple[str, list[Any], int] | None:
    """The geometry's type, coordinates and the line where the coordinates start."""
    geom = feature.get("geometry")
    if not isinstance(geom, dict) or not isinstance(geom.get("coordinates"), list):
        problems.add(
            "missing; a feature needs a Point, LineString or (Multi)Polygon geometry",
            line=feature.line,
            field="geometry",
        )
        return None
    kind = geom.get("type")
    if kind not in ("Point", "LineString", "Polygon", "MultiPolygon"):
        problems.add(
            f"{shown(kind)} is not Point or (Multi)Polygon (presence) or LineString (movement)",
            line=feature.line,
            field="geometry",
        )
        return None
    return str(kind), geom["coordinates"], as_fields(geom, feature.line).line_of("coordinates")


def _position(value: Any, line: int, problems: f.Problems) -> Point | None:
    try:
        return from_geojson_position(value)
    except InputError as exc:  # a latitude of 95: name the axis
        problems.add_error(exc, line=line)
    except (TypeError, ValueError):
        problems.add(f"{shown(value)} is not a [lon, lat] position", line=line, field="coordinates")
    return None


def _presence(
    feature: Fields, props: Fields, coords: list[Any], at: int, problems: f.Problems
) -> Any:
    point = _position(coords, at, problems)
    r = Fields(props, line=feature.line, key_lines=dict(props.key_lines))
    if point is not None:
        r["lat"], r["lon"] = point.lat, point.lon
    record = build_presence(r, problems)  # check the properties even when the point is bad
    return record if point is not None else None


def _movement(
    feature: Fields, props: Fields, coords: list[Any], at: int, problems: f.Problems
) -> Any:
    raw = props.get("waypoints")
    if raw is None:
        raw = [{} for _ in coords]
    if not isinstance(raw, list) or len(raw) != len(coords):
        problems.add(
            f"has {len(raw) if isinstance(raw, list) else 'no list of'} waypoints for "
            f"{len(coords)} positions; give one per position, in order",
            line=feature.line,
            field="waypoints",
        )
        return None
    waypoints = []
    for position, wp in zip(coords, raw, strict=False):
        if not isinstance(wp, dict):
            problems.add(
                "expected an object {place, date, mode}", line=feature.line, field="waypoints"
            )
            return None
        w = as_fields(wp, feature.line)
        point = _position(position, at, problems)
        if point is None:
            return None
        w = Fields(w, line=w.line, key_lines=w.key_lines)
        w["lat"], w["lon"] = point.lat, point.lon
        waypoints.append(w)
    r = Fields(props, line=feature.line, key_lines=dict(props.key_lines))
    r["waypoints"] = waypoints
    return build_movement(r, None, problems)


def parse_geojson(
    text: str, problems: f.Problems
) -> tuple[list[Source], list[Presence], list[Movement]]:
    """Read the records of one GeoJSON document, recording every problem in ``problems``."""
    doc = _load(text, problems)
    if doc is None:
        return [], [], []
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        problems.add("expected a GeoJSON FeatureCollection", line=1, field="type")
        return [], [], []
    sources: list[Source] = []
    presence: list[Presence] = []
    movements: list[Movement] = []
    raw_sources = doc.get("sources") or []
    if not isinstance(raw_sources, list):
        problems.add("expected a list of sources", line=as_fields(doc, 1).line, field="sources")
        raw_sources = []
    for item in raw_sources:
        if isinstance(item, dict):
            s = build_source(as_fields(item, 1), problems)
            if s is not None:
                sources.append(s)
    features = doc.get("features")
    if not isinstance(features, list):
        problems.add("missing; expected a list of features", line=1, field="features")
        return sources, [], []
    for feature in features:
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.add("expected a Feature", line=getattr(feature, "line", 1), field="features")
            continue
        feat = as_fields(feature, 1)
        props = feat.get("properties") or Fields(line=feat.line)
        if not isinstance(props, dict):
            problems.add("expected an object", line=feat.line, field="properties")
            continue
        props = as_fields(props, feat.line)
        geom = _geometry(feat, problems)
        if geom is None:
            continue
        kind, coords, at = geom
        if kind in ("Polygon", "MultiPolygon"):  # an area: the presence fields, its polygon
            r = Fields(props, line=feat.line, key_lines=dict(props.key_lines))
            p = build_presence(r, problems, {"type": kind, "coordinates": coords}, at)
            if p is not None:
                presence.append(p)
        elif kind == "Point":
            p = _presence(feat, props, coords, at, problems)
            if p is not None:
                presence.append(p)
        else:
            m = _movement(feat, props, coords, at, problems)
            if m is not None:
                movements.append(m)
    return sources, presence, movements
