"""Read the hand-written YAML event files (sources, presence and movements in one file).

The loader keeps the line of every mapping and of each of its keys, so a problem names
the line an analyst must edit. It reads YAML 1.2's booleans only (``true``/``false``:
``country: NO`` stays Norway) and leaves dates as the text written (``2015-06`` and
``2015-06-12`` alike), because the precision of a date is part of the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

import yaml
from yaml.composer import Composer

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


class LineLoader(_Base, Composer):
    """A safe loader whose mappings are :class:`Fields` that know their lines.

    It composes one node at a time (:meth:`Composer.compose_node` over the parser's
    events), so that a long file is read record by record, never as one tree of nodes.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {
        first: [
            (tag, rx)
            for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
        ]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def __init__(self, text: str) -> None:
        _Base.__init__(self, text)
        self.anchors: dict[str, Any] = {}

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


class _AliasBudget:
    """Values that aliases add, counted over a whole file read record by record.

    A node counts as written where it is composed; one reached through an alias, in its
    own record or an earlier one, counts as added.
    """

    def __init__(self) -> None:
        self.written = 0
        self.added = 0

    def check(self, root: Any) -> None:
        """Raise :class:`_AliasBomb` if aliases expand the file past the budget, or refer
        to their own anchor (a document that never ends)."""
        since = root.start_mark.index
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
        written = sum(1 for n in nodes.values() if n.start_mark.index >= since)
        self.written += written
        self.added += size[id(root)] - written
        if self.added > MAX_ALIAS_VALUES + self.written:
            worst = max(refs, key=lambda k: size.get(k, 0) * refs[k])
            raise _AliasBomb(
                nodes[worst].start_mark.line + 1,
                f"aliases expand the file to {shown(self.written + self.added)} values; geo "
                f"reads at most {MAX_ALIAS_VALUES:,} more than a file writes out "
                "(write the values out)",
            )


class _Whole:
    """A section's value read whole (not a list of records, or not a section)."""

    def __init__(self, value: Any) -> None:
        self.value = value


def _compose(loader: LineLoader) -> Any:
    """The next node of the stream (a root: no parent, no index)."""
    compose: Any = loader.compose_node
    return compose(None, None)


def _document(loader: LineLoader, budget: _AliasBudget) -> Any:
    node = _compose(loader)
    budget.check(node)
    try:
        return loader.construct_document(node)
    except _CONSTRUCT_ERRORS:  # the node itself, e.g. "!!map x"
        raise _unreadable(node) from None


def _sections(text: str, problems: f.Problems) -> Iterator[tuple[str | None, int, Any]]:
    """``(section, line, record)`` for each record of each section, as it is read.

    A section whose value is not a list of records gives its value once, as
    :class:`_Whole`; a document that is not a mapping gives ``(None, 1, document)``.
    """
    loader = LineLoader(text)
    budget = _AliasBudget()
    try:
        loader.get_event()  # the stream's start
        if loader.check_event(yaml.StreamEndEvent):
            yield None, 1, None
            return
        loader.get_event()  # the document's start
        if not loader.check_event(yaml.MappingStartEvent) or loader.peek_event().anchor:
            doc = _document(loader, budget)
            if isinstance(doc, (Fields, list)):
                _duplicates(doc, problems)
            yield None, 1, doc
        else:
            loader.get_event()
            seen: set[str] = set()
            while not loader.check_event(yaml.MappingEndEvent):
                key: Any = _compose(loader)
                line = key.start_mark.line + 1
                if not isinstance(key, yaml.ScalarNode):
                    problems.add("a section name must be text", line=line, field="file")
                    _document(loader, budget)
                    continue
                name = str(key.value) if len(str(key.value)) <= 40 else shown(str(key.value), 40)
                if name in seen:
                    problems.add("given twice in the same record", line=line, field=name)
                seen.add(name)
                if name in SECTIONS and loader.check_event(yaml.SequenceStartEvent):
                    if loader.peek_event().anchor:  # an anchored list: read it whole
                        yield name, line, _Whole(_document(loader, budget))
                        continue
                    loader.get_event()
                    while not loader.check_event(yaml.SequenceEndEvent):
                        item = _document(loader, budget)
                        _duplicates(item, problems)
                        yield name, line, item
                    loader.get_event()
                else:
                    yield name, line, _Whole(_document(loader, budget))
            loader.get_event()
        end = loader.get_event()  # the document's end
        if not loader.check_event(yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                end.start_mark,
                "but found another document",
                loader.peek_event().start_mark,
            )
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
    out: Out = ([], [], [])
    before = len(problems.items)
    try:
        for section, line, value in _sections(text, problems):
            if section is None:
                _not_sections(value, problems, out)
            elif isinstance(value, _Whole):
                _whole(section, line, value.value, problems, out)
            else:
                _record(section, line, value, problems, out)
    except (yaml.YAMLError, _AliasBomb, RecursionError) as exc:
        # A file that cannot be read as YAML: that alone is its problem, however far the
        # records before it were read.
        del problems.items[before:]
        _unreadable_file(text, exc, problems)
        return [], [], []
    return out


def _unreadable_file(text: str, exc: Exception, problems: f.Problems) -> None:
    if isinstance(exc, yaml.reader.ReaderError):  # a raw control character
        at = text.count("\n", 0, exc.position) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        problems.add(
            f"not valid YAML: {exc.reason} (U+{char:04X}); remove it", line=at, field="yaml"
        )
    elif isinstance(exc, yaml.YAMLError):
        mark = getattr(exc, "problem_mark", None)
        where = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        problems.add(f"not valid YAML: {what}", line=where, field="yaml")
    elif isinstance(exc, _AliasBomb):
        problems.add(exc.why, line=exc.line, field="file")
    else:
        problems.add("nested too deeply to be an event file", line=1, field="file")


Out = tuple[list[Source], list[Presence], list[Movement]]


def _not_sections(doc: Any, problems: f.Problems, out: Out) -> None:
    if doc is None:
        problems.add(
            "the file is empty; expected sources, presence or movements", line=1, field="file"
        )
    elif not isinstance(doc, Fields):
        problems.add(f"expected a mapping with {', '.join(SECTIONS)}", line=1, field="file")
    else:  # an anchored mapping, read whole
        for key in doc:
            _whole(key, doc.line_of(key), doc[key], problems, out)


def _whole(section: str, line: int, items: Any, problems: f.Problems, out: Out) -> None:
    if section not in SECTIONS:
        problems.add(f"unknown section (known: {', '.join(SECTIONS)})", line=line, field=section)
        return
    if items is None:
        return
    if not isinstance(items, list):
        problems.add(
            "expected a list of records (each starting with '- ')", line=line, field=section
        )
        return
    for item in items:
        _record(section, line, item, problems, out)


def _record(section: str, line: int, item: Any, problems: f.Problems, out: Out) -> None:
    if not isinstance(item, Fields):
        problems.add("expected a record (key: value lines)", line=line, field=section)
        return
    sources, presence, movements = out
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
