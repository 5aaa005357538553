"""One canonical form for event files (and sources/, eras/, places/ files), keeping
every value's text and every comment.

ruamel.yaml's round-trip mode re-emits the file (end-of-line comments, quoting and
block scalar styles ride along on its nodes), with a resolver that reads every
scalar as text, like our loader, so nothing is re-typed on the way. Whole-line
comments are taken out first and put back before the field or list item they
preceded, because ruamel attaches them to the *previous* node, which would move
them to the wrong place when fields are reordered.

Nothing is trusted blindly: the result is read back with our loader and must give
the same text for every scalar and the same comments, or the file is left alone.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections import Counter, OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from timeline.loader import Mapping, Node, Scalar, Sequence, parse_event_text
from timeline.problems import Problem
from timeline.schema import EVENT_FIELDS, SOURCE_DESCRIPTION_FIELDS, Field
from timeline.yaml_writer import (
    NULL_WORDS,
    Style,
    double_quoted,
    fits_flow,
    style,
    typed_field,
)

if TYPE_CHECKING:
    from timeline.config import Settings

CODES: Final = {
    "F001": "the file does not load cleanly, so it is not reformatted",
    "F002": "the formatter could not keep every value and comment; the file is left as it is",
}


@dataclass(frozen=True)
class FileKind:
    """What a data file holds, as its canonical form needs it: its fields, in order."""

    name: str
    fields: tuple[Field, ...]
    # Text fields whose plain value is a number by nature (a place's lat and lon):
    # other readers seeing a number there is right, so they are not quoted.
    numbers: frozenset[str] = field(default_factory=frozenset)
    # Fields written as the author wrote them (a GeoJSON geometry's nested lists).
    verbatim: frozenset[str] = field(default_factory=frozenset)


@cache
def file_kinds() -> dict[str, FileKind]:
    """Every kind of file fmt formats, by name: the schemas each folder is read with."""
    from timeline.eras import ERA_FIELDS
    from timeline.places import PLACE_FIELDS

    return {
        "event": FileKind("event", EVENT_FIELDS),
        "source": FileKind("source", SOURCE_DESCRIPTION_FIELDS),
        "era": FileKind("era", ERA_FIELDS),
        "place": FileKind(
            "place", PLACE_FIELDS, frozenset({"lat", "lon"}), frozenset({"geometry"})
        ),
    }


@cache
def _order(kind: FileKind) -> dict[str, tuple[str, ...]]:
    """Field order of the file ('') and of each list of mappings in it (sources, media)."""
    return {
        "": tuple(f.name for f in kind.fields),
        **{f.name: tuple(i.name for i in f.item_fields) for f in kind.fields if f.item_fields},
    }


_SCAN_LOADER: Final[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextResolver(VersionedResolver):
    """Every scalar is text: no booleans, numbers or dates, as in our loader."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode:
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


def _yaml() -> YAML:
    handler = YAML(typ="rt")
    handler.Resolver = _TextResolver
    handler.preserve_quotes = True
    handler.width = 1_000_000  # never re-wrap a value: lines are the author's
    handler.indent(mapping=2, sequence=4, offset=2)
    return handler


@dataclass(frozen=True)
class Formatted:
    """The canonical text of one file, or why it was left alone."""

    text: str | None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.text is not None


def format_text(data: bytes | str, display: str = "<text>", kind: str = "event") -> Formatted:
    """The canonical form of a file's text; refuses files that do not load cleanly.

    ``kind`` is what the file holds: 'event', or 'source', 'era', 'place' for the
    files of sources/, eras/ and places/ (see ``file_kinds``).
    """
    file_kind = file_kinds()[kind]
    raw = data.encode("utf-8") if isinstance(data, str) else data
    before, problems = parse_event_text(raw, display)
    if before is None or problems:
        first = problems[0] if problems else None
        reason = f": {first.location}: {first.code} {first.message}" if first else ""
        return Formatted(None, (Problem(display, 0, 0, "F001", CODES["F001"] + reason),))
    text = raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    try:
        # Some moves settle in a second pass (an end-of-line comment that ruamel puts
        # under a block scalar): format until the text stops changing.
        result = _format(text, file_kind)
        settled = result == text  # already canonical: nothing moved, nothing to settle
        for _attempt in range(3):
            if settled:
                break
            again = _format(result, file_kind)
            settled, result = again == result, again
        if not settled:
            return _refused(display, "the canonical form does not settle")
    except (RuamelError, yaml.YAMLError) as error:
        return _refused(display, f"ruamel.yaml: {error}".splitlines()[0])
    except Exception as error:  # any slip in here leaves the file alone, never half-done
        return _refused(display, f"{type(error).__name__}: {error}".splitlines()[0])
    after, problems = parse_event_text(result.encode("utf-8"), display)
    if after is None or problems:
        return _refused(display, "the result would not load")
    if _values(before) != _values(after):
        return _refused(display, "a value would change")
    if Counter(comments(text)) != Counter(comments(result)):
        return _refused(display, "a comment would be lost")
    return Formatted(result)


def _refused(display: str, why: str) -> Formatted:
    hint = "please report it, with the file"
    return Formatted(None, (Problem(display, 0, 0, "F002", f"{CODES['F002']} ({why})", hint),))


def _values(node: Node) -> Any:
    """What the loader reads, without positions or styles: the data fmt must keep."""
    if isinstance(node, Scalar):
        return (node.text, node.is_null)
    if isinstance(node, Sequence):
        return [_values(item) for item in node.items]
    return {key: _values(value) for key, (_key, value) in node.entries.items()}


# -- comments -------------------------------------------------------------------------


def _scalar_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(start index, end index, first line, last line) of every scalar token."""
    spans = []
    # The same scanner as the loader's (libyaml when built): the pure-Python one refuses
    # some texts libyaml accepts, such as a tab inside a plain scalar.
    for token in yaml.scan(text, Loader=_SCAN_LOADER):
        if isinstance(token, yaml.ScalarToken):
            start, end = token.start_mark, token.end_mark
            last = end.line - 1 if end.column == 0 and end.line > start.line else end.line
            spans.append((start.index, end.index, start.line, last))
    return spans


def comments(text: str) -> list[str]:
    """Every comment of a (valid) YAML text, in order, without the '#' spacing around it."""
    lines = text.splitlines(keepends=True)
    return [lines[number][at:].rstrip() for number, at in _comment_starts(text)]


def _comment_starts(text: str) -> list[tuple[int, int]]:
    """(line number, column of '#') for every line of a valid YAML text with a comment."""
    spans = _scalar_spans(text)
    found = []
    offset = 0
    span_index = 0
    for number, line in enumerate(text.splitlines(keepends=True)):
        start = 0
        while True:
            at = line.find("#", start)
            if at < 0:
                break
            index = offset + at
            while span_index < len(spans) and spans[span_index][1] <= index:
                span_index += 1
            inside = span_index < len(spans) and spans[span_index][0] <= index
            if not inside and (at == 0 or line[at - 1] in " \t"):
                found.append((number, at))
                break
            start = at + 1
        offset += len(line)
    return found


def _tidy_end_comments(text: str) -> str:
    """Two spaces before every end-of-line comment (ruamel keeps the author's column)."""
    starts = dict(_comment_starts(text))
    out = []
    for number, line in enumerate(text.splitlines(keepends=True)):
        at = starts.get(number)
        if at is not None and line[:at].strip():
            line = line[:at].rstrip(" \t") + "  " + line[at:]
        out.append(line)
    return "".join(out)


def _content_lines(text: str) -> set[int]:
    """0-based numbers of lines that belong to a scalar spanning several lines."""
    lines: set[int] = set()
    for _start, _end, first, last in _scalar_spans(text):
        if last > first:
            lines.update(range(first + 1, last + 1))
    return lines


_NodePath = tuple[str | int, ...]


def _anchors(root: Mapping) -> list[tuple[int, _NodePath]]:
    """(1-based line, path) of every field and list item: where comments attach."""
    found: list[tuple[int, _NodePath]] = []
    pending: list[tuple[Node, _NodePath]] = [(root, ())]
    while pending:
        node, path = pending.pop()
        if isinstance(node, Mapping):
            for name, (key, value) in node.entries.items():
                found.append((key.line, (*path, name)))
                pending.append((value, (*path, name)))
        elif isinstance(node, Sequence):
            for index, item in enumerate(node.items):
                found.append((item.line, (*path, index)))
                pending.append((item, (*path, index)))
    # The outermost node starting on a line is the one a comment above it belongs to.
    found.sort(key=lambda entry: (entry[0], len(entry[1])))
    return found


_START: Final[_NodePath] = ("<start>",)
_END: Final[_NodePath] = ("<end>",)


def _take_line_comments(text: str) -> tuple[str, dict[_NodePath, list[str]]]:
    """Remove whole-line comments and blank lines; return them keyed by what follows them."""
    root, _problems = parse_event_text(text.encode("utf-8"), "-")
    assert root is not None
    anchors = _anchors(root)
    content = _content_lines(text)
    kept: list[str] = []
    taken: dict[_NodePath, list[str]] = {}
    waiting: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if number not in content and (not stripped or stripped.startswith("#")):
            if stripped:
                waiting.append((number + 1, stripped))
            continue
        kept.append(line)
    lines_with_nodes = sorted({line for line, _path in anchors})
    first_node_line = lines_with_nodes[0] if lines_with_nodes else 0
    for line_number, comment in waiting:
        if line_number < first_node_line:
            taken.setdefault(_START, []).append(comment)
            continue
        anchor = next((path for line, path in anchors if line > line_number), _END)
        taken.setdefault(anchor, []).append(comment)
    return "\n".join(kept) + "\n", taken


def _put_line_comments(text: str, taken: dict[_NodePath, list[str]]) -> str:
    """Put whole-line comments back above the node each one preceded."""
    if not taken:
        return text
    root, problems = parse_event_text(text.encode("utf-8"), "-")
    assert root is not None and not problems
    line_of = {path: line for line, path in reversed(_anchors(root))}
    lines = text.splitlines()
    before: dict[int, list[str]] = {}
    for path, found in taken.items():
        if path in (_START, _END):
            continue
        line = line_of[path]
        indent = len(lines[line - 1]) - len(lines[line - 1].lstrip(" "))
        before.setdefault(line, []).extend(" " * indent + comment for comment in found)
    out = list(taken.get(_START, []))
    for number, text_line in enumerate(lines, start=1):
        out.extend(before.get(number, []))
        out.append(text_line)
    out.extend(taken.get(_END, []))
    return "\n".join(out) + "\n"


# -- the canonical form ---------------------------------------------------------------


def _quote_tabbed_plain(text: str) -> str:
    """Double-quote plain scalars that hold a tab, which ruamel's scanner refuses."""
    if "\t" not in text:
        return text
    replacements = []
    for token in yaml.scan(text, Loader=_SCAN_LOADER):
        if isinstance(token, yaml.ScalarToken) and token.plain and "\t" in token.value:
            quoted = double_quoted(token.value)
            replacements.append((token.start_mark.index, token.end_mark.index, quoted))
    for start, end, quoted in reversed(replacements):
        text = text[:start] + quoted + text[end:]
    return text


def _format(text: str, kind: FileKind) -> str:
    bare, taken = _take_line_comments(_quote_tabbed_plain(text))
    handler = _yaml()
    data = handler.load(bare)
    _canonical(data, "", "", -2, kind=kind)
    stream = io.StringIO()
    handler.dump(data, stream)
    return _tidy_end_comments(_put_line_comments(stream.getvalue(), taken))


def _canonical(
    node: Any,
    order_key: str | None,
    name: str = "",
    indent: int = 0,
    *,
    kind: FileKind,
    pinned: bool = False,
) -> Any:
    """Reorder fields and choose styles in place; returns the (possibly new) node.

    ``order_key`` names the schema order of a mapping's fields: '' for the file,
    'sources' or 'media' for their items, None for anything else (order kept).
    A ``pinned`` flow collection keeps its flow style (see below).
    """
    if isinstance(node, CommentedMap):
        order = _order(kind).get(order_key, ()) if order_key is not None else ()
        keys = list(node)
        ranked = sorted(
            keys, key=lambda k: (order.index(k) if k in order else len(order), keys.index(k))
        )
        for key in ranked:
            # Re-inserted in order, with the key in its canonical quoting; comments
            # stay with it (ruamel files them under the key's text).
            value = OrderedDict.pop(node, key)
            canonical_key = _scalar(key, in_flow=True) if isinstance(key, str) else key
            OrderedDict.__setitem__(node, canonical_key, value)
        flow = pinned and _is_flat_flow(node)
        for key in ranked:
            child_order = key if order_key == "" and isinstance(key, str) else None
            child = node[key]
            if order_key == "" and key in kind.verbatim:
                continue
            spec = _field(kind, order_key, key)
            typed = typed_field(spec) or (
                spec is not None and order_key == "" and spec.name in kind.numbers
            )
            if flow:
                child = _scalar(child, in_flow=True, typed=typed)
            elif isinstance(child, str):
                child = _scalar(child, typed=typed)
            else:
                child = _canonical(child, child_order, str(key), indent + 2, kind=kind)
            # Past CommentedMap.__setitem__, which would keep the old quoting style.
            OrderedDict.__setitem__(node, key, child)
        if not flow:
            node.fa.set_block_style()
        return node
    if isinstance(node, CommentedSeq):
        commented = bool(node.ca.items or node.ca.comment or node.ca.end)
        # ruamel cannot carry comments across a change between flow and block style:
        # a commented flow list stays one (`tags: [a, b]  # why` keeps its comment),
        # and so does a flow collection on a commented line of a block list.
        flow = (commented or pinned) and _is_flat_flow(node)
        for index, item in enumerate(node):
            if flow:
                item = _scalar(item, in_flow=True)
            else:
                item = _canonical(
                    item, order_key, "", indent + 4, kind=kind, pinned=index in node.ca.items
                )
            list.__setitem__(node, index, item)
        if not node or flow or (not commented and _fits_flow(node, name, indent)):
            node.fa.set_flow_style()  # block style has no way to write an empty list
        else:
            node.fa.set_block_style()
        return node
    if isinstance(node, str):
        return _scalar(node)
    return node


@cache
def _by_name(kind: FileKind) -> dict[str, Field]:
    return {f.name: f for f in kind.fields}


def _field(kind: FileKind, order_key: str | None, key: Any) -> Field | None:
    """The schema field a mapping entry is: the file's, or a source's or image's."""
    by_name = _by_name(kind)
    if order_key == "":
        return by_name.get(key)
    if order_key is not None and order_key in by_name:
        return next((f for f in by_name[order_key].item_fields if f.name == key), None)
    return None


def _is_flat_flow(node: CommentedMap | CommentedSeq) -> bool:
    """A flow-style collection of scalars only."""
    values = node.values() if isinstance(node, CommentedMap) else node
    return bool(node.fa.flow_style()) and all(isinstance(value, str) for value in values)


def _scalar(value: str, *, in_flow: bool = False, typed: bool = False) -> str:
    """One scalar in the style the one quoting rule gives it (timeline.yaml_writer.style).

    Two things are the author's: a folded block (their line wrapping) and a plain
    null (``~``, an empty value), which is no text to quote.
    """
    if isinstance(value, FoldedScalarString | LiteralScalarString):
        return value
    quoted = isinstance(value, DoubleQuotedScalarString | SingleQuotedScalarString)
    if not quoted and value in NULL_WORDS:
        return value
    chosen = style(str(value), in_flow=in_flow, typed=typed)
    if chosen is Style.PLAIN:
        return str(value)
    return cast(str, _RUAMEL_STYLES[chosen](str(value)))


_RUAMEL_STYLES: Final = {
    Style.SINGLE: SingleQuotedScalarString,
    Style.DOUBLE: DoubleQuotedScalarString,
    Style.LITERAL: LiteralScalarString,
}


def _fits_flow(node: CommentedSeq, field: str, indent: int) -> bool:
    """Whether a list is short, plain words: `[treaty, space-race]` (quoted numbers too)."""
    if not all(isinstance(item, str) for item in node):
        return False
    if any(isinstance(item, LiteralScalarString | FoldedScalarString) for item in node):
        return False
    return fits_flow(field, [str(item) for item in node], indent)


# -- files ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FileResult:
    """What fmt did (or would do) to one file."""

    path: Path
    display: str
    changed: bool
    problems: tuple[Problem, ...] = ()


def format_files(
    paths: Iterable[Path],
    *,
    root: Path,
    write: bool,
    folders: dict[Path, str] | None = None,
) -> list[FileResult]:
    """Format files (folders are searched); with ``write`` false, only report.

    ``folders`` maps a folder to the kind of files under it ('source' for sources/,
    …; see ``file_kinds``); any other file is an event file.
    """
    from timeline.loader import find_event_files, read_event_bytes

    kinds = {folder.resolve(): kind for folder, kind in (folders or {}).items()}
    files, problems = find_event_files(paths, root=root)
    results = [FileResult(Path(p.path), p.path, False, (p,)) for p in problems]
    for path in files:
        display = _display(path, root)
        # The loader's limits (size, regular file, no link) before any parsing: fmt
        # reads what check reads, and refuses what check refuses.
        data, problems = read_event_bytes(path, display)
        if data is None:
            results.append(FileResult(path, display, False, tuple(problems)))
            continue
        formatted = format_text(data, display, _kind_of(path, kinds))
        if formatted.text is None:
            results.append(FileResult(path, display, False, formatted.problems))
            continue
        changed = formatted.text.encode("utf-8") != data
        if changed and write:
            try:
                _replace_file(path, formatted.text.encode("utf-8"))
            except OSError as error:
                problem = Problem(display, 0, 0, "Y005", f"cannot write the file: {error.strerror}")
                results.append(FileResult(path, display, False, (problem,)))
                continue
        results.append(FileResult(path, display, changed))
    return results


def _replace_file(path: Path, content: bytes) -> None:
    """Write beside the file, then rename over it: an interrupted run leaves it whole.

    The temporary name is unique (mkstemp), so two runs at once never share one, and
    each removes only its own; a file left by a killed run is never in the way.
    """
    descriptor, name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".timeline-fmt", dir=path.parent
    )
    temporary = Path(name)
    try:
        with open(descriptor, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, os.stat(path).st_mode & 0o7777)  # keep the file's permissions
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _kind_of(path: Path, kinds: dict[Path, str]) -> str:
    """The kind of the innermost given folder holding ``path``; 'event' outside them all."""
    resolved = path.resolve()
    for folder in (resolved, *resolved.parents):
        if folder in kinds:
            return kinds[folder]
    return "event"


def data_folders(settings: Settings) -> dict[Path, str]:
    """The project's folders fmt formats by default, with the kind of their files."""
    from timeline.folders import folder_path
    from timeline.sources import sources_path

    found = {settings.events_path: "event", sources_path(settings): "source"}
    found[folder_path(settings, "eras")] = "era"
    found[folder_path(settings, "places")] = "place"
    return found


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
