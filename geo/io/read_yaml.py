"""Read the hand-written YAML event files (sources, presence and movements in one file).

The loader keeps the line of every mapping and of each of its keys, so a problem names
the line an analyst must edit. It reads YAML 1.2's booleans only (``true``/``false``:
``country: NO`` stays Norway) and leaves dates as the text written (``2015-06`` and
``2015-06-12`` alike), because the precision of a date is part of the data.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml

from geo.errors import shown
from geo.io import fields as f
from geo.io.records import Fields, as_fields, build_movement, build_presence, build_source
from geo.model import Movement, Presence, Source

SECTIONS = ("sources", "presence", "movements")
# Values that aliases may add to a document beyond those it writes out (plus as many as it
# writes): a few hundred bytes of nested aliases otherwise expand to billions (a "billion
# laughs" bomb), and every later step walks the expansion.
MAX_ALIAS_VALUES = 10_000
# What a constructor raises on a tagged value it cannot read (``!!int x``, ``!!map x``).
_CONSTRUCT_ERRORS = (ValueError, KeyError, AttributeError, TypeError, IndexError, OverflowError)

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineLoader(_Base):
    """A safe loader whose mappings are :class:`Fields` that know their lines."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {
        first: [
            (tag, rx)
            for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
        ]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except _CONSTRUCT_ERRORS:
            raise _unreadable(node) from None


def _unreadable(node: Any) -> yaml.MarkedYAMLError:
    tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
    value = node.value if isinstance(node.value, str) else type(node).__name__[:-4].lower()
    return yaml.constructor.ConstructorError(
        None, None, f"{shown(value)} cannot be read as {shown(tag, 40)}", node.start_mark
    )


class _AliasBomb(Exception):
    def __init__(self, line: int, why: str) -> None:
        super().__init__(why)
        self.line, self.why = line, why


def _children(node: Any) -> list[Any]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _check_aliases(root: Any) -> None:
    """Raise :class:`_AliasBomb` if aliases expand the document past the budget, or refer
    to their own anchor (a document that never ends)."""
    size: dict[int, int] = {}  # values under each node, aliases expanded
    refs: dict[int, int] = {}
    nodes: dict[int, Any] = {}
    ancestors: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        k = id(node)
        if done:
            ancestors.discard(k)
            size[k] = 1 + sum(size[id(c)] for c in _children(node))
            continue
        if k in size:
            continue
        if k in ancestors:
            raise _AliasBomb(node.start_mark.line + 1, "an alias inside its own anchor")
        ancestors.add(k)
        nodes[k] = node
        stack.append((node, True))
        for child in _children(node):
            refs[id(child)] = refs.get(id(child), 0) + 1
            if id(child) in ancestors:
                raise _AliasBomb(child.start_mark.line + 1, "an alias inside its own anchor")
            if id(child) not in size:
                stack.append((child, False))
    extra = size[id(root)] - len(size)
    if extra > MAX_ALIAS_VALUES + len(size):
        worst = max((k for k in refs if refs[k] > 1), key=lambda k: size[k] * refs[k])
        raise _AliasBomb(
            nodes[worst].start_mark.line + 1,
            f"aliases expand the file to {shown(size[id(root)])} values; geo reads at most "
            f"{MAX_ALIAS_VALUES:,} more than a file writes out (write the values out)",
        )


def _load(text: str) -> Any:
    """The document of ``text``, aliases checked before anything is built from them."""
    loader = LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_aliases(node)
        try:
            return loader.construct_document(node)
        except _CONSTRUCT_ERRORS:  # the document itself, e.g. "!!map x"
            raise _unreadable(node) from None
    finally:
        loader.dispose()


def _construct_fields(loader: Any, node: yaml.MappingNode) -> Any:
    data = Fields(line=node.start_mark.line + 1)
    yield data
    seen: dict[str, int] = {}
    duplicates: list[tuple[str, int]] = []
    for key_node, _ in node.value:  # as written: keys merged in by "<<: *x" may be replaced
        key = str(key_node.value)
        line = key_node.start_mark.line + 1
        if key in seen and key_node.tag != "tag:yaml.org,2002:merge":
            duplicates.append((key, line))
        seen.setdefault(key, line)
    loader.flatten_mapping(node)
    for key_node, _ in node.value:
        seen.setdefault(str(key_node.value), key_node.start_mark.line + 1)
    data.key_lines = seen
    data.duplicates = duplicates  # type: ignore[attr-defined]
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        data[str(key)] = loader.construct_object(value_node, deep=True)


LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_fields)


def _duplicates(node: Any, problems: f.Problems) -> None:
    """Report keys given twice in one mapping (YAML would silently keep the last)."""
    if isinstance(node, Fields):
        for key, line in getattr(node, "duplicates", ()):
            problems.add("given twice in the same record", line=line, field=key)
        for value in node.values():
            _duplicates(value, problems)
    elif isinstance(node, list):
        for value in node:
            _duplicates(value, problems)


def parse_yaml(
    text: str, problems: f.Problems
) -> tuple[list[Source], list[Presence], list[Movement]]:
    """Read the records of one YAML document, recording every problem in ``problems``."""
    try:
        doc = _load(text)
        if isinstance(doc, (Fields, list)):
            _duplicates(doc, problems)
    except yaml.reader.ReaderError as exc:  # a raw control character
        at = text.count("\n", 0, exc.position) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        problems.add(
            f"not valid YAML: {exc.reason} (U+{char:04X}); remove it", line=at, field="yaml"
        )
        return [], [], []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        problems.add(f"not valid YAML: {what}", line=line, field="yaml")
        return [], [], []
    except _AliasBomb as exc:
        problems.add(exc.why, line=exc.line, field="file")
        return [], [], []
    except RecursionError:
        problems.add("nested too deeply to be an event file", line=1, field="file")
        return [], [], []
    if doc is None:
        problems.add(
            "the file is empty; expected sources, presence or movements", line=1, field="file"
        )
        return [], [], []
    if not isinstance(doc, Fields):
        problems.add(f"expected a mapping with {', '.join(SECTIONS)}", line=1, field="file")
        return [], [], []
    for key in doc:
        if key not in SECTIONS:
            problems.add(
                f"unknown section (known: {', '.join(SECTIONS)})", line=doc.line_of(key), field=key
            )
    sources: list[Source] = []
    presence: list[Presence] = []
    movements: list[Movement] = []
    for section in SECTIONS:
        items = doc.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            problems.add(
                "expected a list of records (each starting with '- ')",
                line=doc.line_of(section),
                field=section,
            )
            continue
        for item in items:
            if not isinstance(item, Fields):
                problems.add(
                    "expected a record (key: value lines)", line=doc.line_of(section), field=section
                )
                continue
            if section == "sources":
                s = build_source(item, problems)
                if s is not None:
                    sources.append(s)
            elif section == "presence":
                p = build_presence(item, problems)
                if p is not None:
                    presence.append(p)
            else:
                m = build_movement(as_fields(item, item.line), None, problems)
                if m is not None:
                    movements.append(m)
    return sources, presence, movements
