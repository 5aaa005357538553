"""Safe YAML reading: every scalar kept as the author's text, with its line and column.

Event files come in pull requests, so they are untrusted. The loader builds a small
tree (``Mapping``/``Sequence``/``Scalar``) straight from the parser's event stream in
one iterative pass, which lets it refuse anchors, aliases, tags and deep nesting
before anything expands or recurses, and keeps YAML's implicit typing (``no`` →
False, ``2025-04-21`` → a date) away from the caller: the schema decides types.

Folder expansion (``find_event_files``) recurses into sub-folders, takes files whose
suffix is ``.yaml`` or ``.yml`` (any case), and silently skips hidden names (starting
with ``.``: ``.git``, editor lock files) the way MkDocs skips hidden docs. Paths given
explicitly are always read, whatever their name.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final, Protocol, TypeAlias

import yaml

from timeline.problems import Problem

__all__ = [
    "CODES",
    "MAX_DEPTH",
    "MAX_FILE_SIZE",
    "MAX_PROBLEMS_PER_FILE",
    "EventFile",
    "Mapping",
    "Node",
    "Scalar",
    "Sequence",
    "find_event_files",
    "load_event_file",
    "load_event_files",
    "load_found",
    "parse_event_text",
    "read_event_bytes",
]

MAX_FILE_SIZE: Final = 256 * 1024
"""Largest event file read, in bytes; checked with ``stat`` before reading."""

MAX_DEPTH: Final = 8
"""Most nested collections allowed, counting the root mapping as 1."""

MAX_PROBLEMS_PER_FILE: Final = 20
"""After this many problems in one file, the rest of it is skipped (Y099)."""

CODES: Final[dict[str, str]] = {
    "Y001": "the path does not exist",
    "Y002": "symbolic links are refused (files and folders)",
    "Y003": "not a regular file (a device, a pipe, a socket)",
    "Y004": "the file is larger than the size limit",
    "Y005": "the file or folder cannot be read (permissions, I/O error)",
    "Y010": "the file is not valid UTF-8",
    "Y011": "a control character or invisible line separator in the text",
    "Y012": "a Unicode bidirectional override or isolate (the 'Trojan Source' trick)",
    "Y020": "YAML syntax error",
    "Y021": "a tab used for indentation, or elsewhere YAML allows only spaces",
    "Y022": "more than one YAML document in the file",
    "Y023": "the file is empty (or holds only comments)",
    "Y024": "the top level is not a mapping of fields",
    "Y030": "the same key twice in one mapping",
    "Y031": "a list or mapping used as a key",
    "Y032": "an anchor (&name)",
    "Y033": "an alias (*name)",
    "Y034": "an explicit tag (!tag, !!str)",
    "Y035": "a merge key (<<)",
    "Y036": "nesting deeper than the limit",
    "Y099": "too many problems in one file; the rest was not checked",
}

_NULLS: Final = frozenset(("", "~", "null", "Null", "NULL"))
_YAML_SUFFIXES: Final = (".yaml", ".yml")
_BOM: Final = b"\xef\xbb\xbf"

# C0 controls except tab/LF/CR, DEL, C1 (includes NEL), U+2028/U+2029 (YAML counts them
# as line breaks, editors do not, so every later line number would be off), and the
# non-characters libyaml refuses. One regex pass over the text keeps the clean case fast.
FORBIDDEN_CHARACTERS: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)
_BIDI: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAK: Final = re.compile("\r\n|\r|\n")
_LINE_BREAK_BYTES: Final = re.compile(b"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Scalar:
    """A scalar value or key, as written.

    ``text`` is the raw text of a plain scalar, or the unescaped value of a quoted
    or block one; ``quoted`` is true for ``'…'``, ``"…"``, ``|`` and ``>`` styles.
    """

    text: str
    line: int
    column: int
    quoted: bool = False

    @property
    def is_null(self) -> bool:
        """True for a plain empty value, ``~`` or ``null`` (a quoted ``"null"`` is text)."""
        return not self.quoted and self.text in _NULLS


@dataclass(frozen=True, slots=True)
class Sequence:
    """A list, with the position where it starts."""

    items: tuple[Node, ...]
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Mapping:
    """A mapping: key text → (the key as written, with its position; the value)."""

    entries: dict[str, tuple[Scalar, Node]]
    line: int
    column: int


Node: TypeAlias = Scalar | Sequence | Mapping


@dataclass(frozen=True, slots=True)
class EventFile:
    """One loaded event file."""

    path: Path
    display: str
    root: Mapping


class _MappingFrame:
    __slots__ = ("column", "entries", "key", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column
        self.entries: dict[str, tuple[Scalar, Node]] = {}
        # None while a key is expected; the key node while its value is expected.
        self.key: Node | None = None


class _SequenceFrame:
    __slots__ = ("column", "items", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column
        self.items: list[Node] = []


_Frame: TypeAlias = _MappingFrame | _SequenceFrame


class _Stop(Exception):
    """Abandon the rest of a file (its problems are already recorded)."""


class _Mark(Protocol):
    """Where a YAML event or error is: 0-based, as PyYAML and libyaml give it."""

    line: int
    column: int


# Events are typed loosely: the C and Python parsers produce different classes.
_EventSource: TypeAlias = Callable[[str], Callable[[], Any]]


def _c_parser() -> _EventSource | None:
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml
        return None
    return lambda text: CParser(text).get_event


def _python_parser(text: str) -> Callable[[], Any]:
    return yaml.SafeLoader(text).get_event


_event_source: _EventSource = _c_parser() or _python_parser
_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not hang


def find_event_files(
    paths: Iterable[Path], *, root: Path | None = None
) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders into the event files to read, refusing what is unsafe.

    Args:
        paths: files (read whatever their name) and folders (searched recursively for
            ``.yaml``/``.yml`` files, hidden names skipped).
        root: the folder messages are relative to; the working directory by default.

    Returns:
        The files in a stable order (folders sorted by name at each level, duplicates
        dropped), and a Problem for each path refused: missing (Y001), a symbolic link
        (Y002), not a regular file (Y003), unreadable (Y005).
    """
    base = _base(root)
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            files.append(path)

    for path in paths:
        path = Path(path)
        shown = _display(path, base)
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            problems.append(
                Problem(shown, 0, 0, "Y001", "no such file or folder", "check the spelling")
            )
            continue
        except OSError as error:
            problems.append(_unreadable(shown, error))
            continue
        if stat.S_ISLNK(info.st_mode):
            problems.append(_symlink(shown))
        elif stat.S_ISDIR(info.st_mode):
            for found in _walk(path, base, problems):
                add(found)
        elif stat.S_ISREG(info.st_mode):
            add(path)
        else:
            problems.append(_not_regular(shown))
    return files, problems


def _walk(folder: Path, base: str, problems: list[Problem]) -> list[Path]:
    """Event files under ``folder`` in tree order: names sorted (by code point) at each level."""
    found: list[Path] = []
    # A stack of iterators rather than recursion: files and problems come out in one
    # order, as in a sorted tree listing, however deep the folders go.
    pending = [iter(_sorted_entries(folder, base, problems))]
    while pending:
        entry = next(pending[-1], None)
        if entry is None:
            pending.pop()
            continue
        name = entry.name
        if name.startswith("."):
            continue
        path = Path(entry.path)
        is_event = name.lower().endswith(_YAML_SUFFIXES)
        try:
            if entry.is_symlink():
                # Report links that would matter: to a folder, or named like an event.
                if is_event or entry.is_dir(follow_symlinks=True):
                    problems.append(_symlink(_display(path, base)))
            elif entry.is_dir(follow_symlinks=False):
                pending.append(iter(_sorted_entries(path, base, problems)))
            elif is_event:
                if entry.is_file(follow_symlinks=False):
                    found.append(path)
                else:
                    problems.append(_not_regular(_display(path, base)))
        except OSError as error:
            problems.append(_unreadable(_display(path, base), error))
    return found


def _sorted_entries(folder: Path, base: str, problems: list[Problem]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as scan:
            return sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        problems.append(_unreadable(_display(folder, base), error))
        return []


def load_event_files(
    paths: Iterable[Path], *, root: Path | None = None
) -> tuple[list[EventFile], list[Problem]]:
    """Find and load event files; every file is either returned or has a Problem.

    Args:
        paths: files and folders, as for ``find_event_files``.
        root: the folder messages are relative to; the working directory by default.

    Returns:
        The loaded files in ``find_event_files`` order, and every problem found.
    """
    base = _base(root)
    files, problems = find_event_files(paths, root=Path(base))
    loaded: list[EventFile] = []
    for event_file, file_problems in load_found(files, root=Path(base)):
        if event_file is not None:
            loaded.append(event_file)
        problems.extend(file_problems)
    return loaded, problems


def load_found(
    files: Iterable[Path], *, root: Path | None = None
) -> Iterator[tuple[EventFile | None, list[Problem]]]:
    """Load files that ``find_event_files`` found, one at a time, as they are asked for.

    A caller that reads each tree and lets it go holds one file's tree at a time, not
    every file's (at 100,000 events those trees, freed at once, left most of the
    build's memory in fragments it could not give back).
    """
    base = _base(root)
    for path in files:
        yield load_event_file(path, display=_display(path, base))


def load_event_file(
    path: Path, *, display: str | None = None
) -> tuple[EventFile | None, list[Problem]]:
    """Read one event file into a tree of texts with positions, or refuse it.

    Args:
        path: the file to read; a symbolic link or non-regular file is refused.
        display: the path as shown in problems; relative to the working directory
            (with ``/`` separators) by default.

    Returns:
        The loaded file and no problems, or None and at least one problem.
    """
    path = Path(path)
    shown = display if display is not None else _display(path, _base(None))
    data, problems = read_event_bytes(path, shown)
    if data is None:
        return None, problems
    root, problems = parse_event_text(data, shown)
    if root is None or problems:
        return None, problems
    return EventFile(path, shown, root), []


def read_event_bytes(path: Path, display: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of an event file within the limits: a regular file, not a link, small.

    Shared by everything that reads event files (check, build, fmt), so that none of
    them reads a 50 MB file or blocks on a pipe that the others refuse.
    """
    try:
        # O_NOFOLLOW + fstat: one open that refuses a link and checks the very file read,
        # with no window between a check and the read.
        descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except FileNotFoundError:
        return None, [Problem(display, 0, 0, "Y001", "no such file", "check the spelling")]
    except OSError as error:
        if os.path.islink(path):
            return None, [_symlink(display)]
        return None, [_unreadable(display, error)]
    try:
        info = os.fstat(descriptor)
    except OSError as error:
        os.close(descriptor)
        return None, [_unreadable(display, error)]
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_SIZE:
        os.close(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return None, [_not_regular(display)]
        return None, [_too_large(display, info.st_size)]
    try:
        with open(descriptor, "rb") as stream:
            # Read one byte past the limit: the file may have grown since the stat.
            data = stream.read(MAX_FILE_SIZE + 1)
    except OSError as error:
        return None, [_unreadable(display, error)]
    if len(data) > MAX_FILE_SIZE:
        return None, [_too_large(display, len(data))]
    return data, []


def parse_event_text(data: bytes, display: str) -> tuple[Mapping | None, list[Problem]]:
    """Parse the bytes of an event file; ``display`` names it in problems."""
    if data.startswith(_BOM):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [_bad_utf8(data, error, display)]
    problems: list[Problem] = []
    if FORBIDDEN_CHARACTERS.search(text) is not None:
        problems = _forbidden_characters(text, display)
        if len(problems) > MAX_PROBLEMS_PER_FILE:
            return None, [_too_many(display, MAX_PROBLEMS_PER_FILE), *problems[:-1]]
        # A space keeps every later line and column where the author sees it, and lets
        # the parser go on to find the file's other problems.
        text = FORBIDDEN_CHARACTERS.sub(" ", text)
    builder = _TreeBuilder(display, problems)
    try:
        root = builder.build(text)
    except _Stop:
        root = None
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_error(error, text, display))
        root = None
    except yaml.YAMLError as error:
        problems.append(_other_yaml_error(error, text, display))
        root = None
    problems.sort(key=lambda problem: (problem.line, problem.column))
    return (None if problems else root), problems


class _TreeBuilder:
    """Builds the tree from the event stream, iteratively, collecting problems."""

    __slots__ = ("display", "problems", "stack")

    def __init__(self, display: str, problems: list[Problem]) -> None:
        self.display = display
        self.problems = problems
        self.stack: list[_Frame] = []

    def build(self, text: str) -> Mapping | None:
        get_event = _event_source(text)
        stack = self.stack
        documents: list[Node] = []
        in_document = False
        scalar_event = yaml.ScalarEvent
        mapping_start = yaml.MappingStartEvent
        mapping_end = yaml.MappingEndEvent
        sequence_start = yaml.SequenceStartEvent
        sequence_end = yaml.SequenceEndEvent
        while True:
            event: Any = get_event()
            if event is None:
                break
            kind = event.__class__
            node: Node
            if kind is scalar_event:
                mark = event.start_mark
                node = Scalar(event.value, mark.line + 1, mark.column + 1, bool(event.style))
                if event.anchor is not None or event.tag is not None:
                    self._check_properties(event)
                # Double quotes can smuggle in by escape what the text scan refused.
                if event.style == '"' and FORBIDDEN_CHARACTERS.search(event.value) is not None:
                    self._check_escapes(node)
            elif kind is mapping_end or kind is sequence_end:
                frame = stack.pop()
                if isinstance(frame, _MappingFrame):
                    node = Mapping(frame.entries, frame.line, frame.column)
                else:
                    node = Sequence(tuple(frame.items), frame.line, frame.column)
            elif kind is mapping_start or kind is sequence_start:
                self._start_collection(event)
                continue
            elif kind is yaml.AliasEvent:
                mark = event.start_mark
                self._add_problem(
                    mark,
                    "Y033",
                    f"aliases are not allowed (*{event.anchor})",
                    "repeat the value instead of referring to an anchor",
                )
                node = Scalar("", mark.line + 1, mark.column + 1, True)
            elif kind is yaml.DocumentStartEvent:
                if in_document:
                    self._add_problem(
                        event.start_mark,
                        "Y022",
                        "a second YAML document starts here; an event file holds one",
                        "remove the '---' line, or move the second event to its own file",
                    )
                    raise _Stop
                in_document = True
                continue
            else:  # stream start/end, document end
                continue
            if stack:
                self._add(stack[-1], node)
            else:
                documents.append(node)
        if not documents:
            self._add_problem(
                None,
                "Y023",
                "the file is empty",
                "an event file needs at least 'title:' and 'date:'",
            )
            return None
        root = documents[0]
        if isinstance(root, Mapping):
            return root
        if isinstance(root, Scalar) and root.is_null and not root.text:
            # '---' alone, or a document with only comments after an explicit start.
            self._add_problem(
                None,
                "Y023",
                "the file is empty",
                "an event file needs at least 'title:' and 'date:'",
            )
            return None
        what = "a list" if isinstance(root, Sequence) else f"the text {root.text!r}"
        self.problems.append(
            Problem(
                self.display,
                root.line,
                root.column,
                "Y024",
                f"expected a mapping of fields such as 'title: …', got {what}",
                "write one 'field: value' per line at the top level",
            )
        )
        return None

    def _start_collection(self, event: Any) -> None:
        stack = self.stack
        mark = event.start_mark
        if event.anchor is not None or event.tag is not None:
            self._check_properties(event)
        if stack:
            top = stack[-1]
            if isinstance(top, _MappingFrame) and top.key is None:
                self._add_problem(
                    mark,
                    "Y031",
                    "a list or mapping cannot be a key",
                    "keys are plain names such as 'title'",
                )
        if len(stack) >= MAX_DEPTH:
            problem = _too_deep(self.display, mark.line + 1, mark.column + 1)
            self.problems.append(replace(problem, field=self._field(None)))
            raise _Stop
        if event.__class__ is yaml.MappingStartEvent:
            stack.append(_MappingFrame(mark.line + 1, mark.column + 1))
        else:
            stack.append(_SequenceFrame(mark.line + 1, mark.column + 1))

    def _add(self, frame: _Frame, node: Node) -> None:
        if isinstance(frame, _SequenceFrame):
            frame.items.append(node)
            return
        key = frame.key
        if key is None:
            if isinstance(node, Scalar):
                self._check_key(frame, node)
            frame.key = node
            return
        frame.key = None
        # Complex keys were reported when they started; a duplicate keeps the first value.
        if isinstance(key, Scalar) and key.text not in frame.entries:
            frame.entries[key.text] = (key, node)

    def _check_key(self, frame: _MappingFrame, key: Scalar) -> None:
        first = frame.entries.get(key.text)
        if first is not None:
            first_key = first[0]
            self.problems.append(
                Problem(
                    self.display,
                    key.line,
                    key.column,
                    "Y030",
                    f"duplicate key {key.text!r}: first at line {first_key.line}, "
                    f"again at line {key.line}",
                    "keep one of the two; YAML tools would silently keep only the last",
                    self._field(key.text),
                )
            )
            self._check_count()
        elif key.text == "<<" and not key.quoted:
            self.problems.append(
                Problem(
                    self.display,
                    key.line,
                    key.column,
                    "Y035",
                    "merge keys ('<<') are not allowed",
                    "write the fields out in full",
                    self._field(None),
                )
            )
            self._check_count()

    def _check_properties(self, event: Any) -> None:
        mark = event.start_mark
        if event.anchor is not None:
            self._add_problem(
                mark,
                "Y032",
                f"anchors are not allowed (&{event.anchor})",
                "remove the anchor; write each value out in full",
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            written = tag.replace("tag:yaml.org,2002:", "!!")
            self._add_problem(
                mark,
                "Y034",
                f"tags are not allowed ({written})",
                "remove the tag; every value is read as text and the schema gives its type",
            )

    def _check_escapes(self, scalar: Scalar) -> None:
        for problem in _forbidden_characters(scalar.text, self.display):
            self.problems.append(
                replace(
                    problem,
                    line=scalar.line,
                    column=scalar.column,
                    message=f"{problem.message} (written as an escape)",
                    field=self._field(None),
                )
            )
            self._check_count()

    def _add_problem(self, mark: _Mark | None, code: str, message: str, hint: str) -> None:
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        self.problems.append(
            Problem(self.display, line, column, code, message, hint, self._field(None))
        )
        self._check_count()

    def _check_count(self) -> None:
        if len(self.problems) >= MAX_PROBLEMS_PER_FILE:
            self.problems.append(_too_many(self.display, len(self.problems)))
            raise _Stop

    def _field(self, key: str | None) -> str | None:
        """Dotted path of the value being read, e.g. ``sources[0].url``."""
        parts: list[str] = []
        for frame in self.stack:
            if isinstance(frame, _SequenceFrame):
                parts.append(f"[{len(frame.items)}]")
            elif isinstance(frame.key, Scalar):
                parts.append(("." if parts else "") + frame.key.text)
            else:
                break
        if key is not None:
            parts.append(("." if parts else "") + key)
        return "".join(parts) or None


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset``, with YAML's line breaks."""
    line = 1
    line_start = 0
    for match in _LINE_BREAK.finditer(text, 0, offset):
        line += 1
        line_start = match.end()
    return line, offset - line_start + 1


def _forbidden_characters(text: str, display: str) -> list[Problem]:
    problems: list[Problem] = []
    for match in FORBIDDEN_CHARACTERS.finditer(text):
        if len(problems) > MAX_PROBLEMS_PER_FILE:
            break  # one more than the limit tells the caller there were too many
        char = match.group()
        line, column = _position(text, match.start())
        name = f"U+{ord(char):04X}"
        if char in _BIDI:
            problems.append(
                Problem(
                    display,
                    line,
                    column,
                    "Y012",
                    f"invisible bidirectional control character {name}",
                    "delete it: it can make the text display differently from what it is",
                )
            )
        elif char in "\u2028\u2029":
            problems.append(
                Problem(
                    display,
                    line,
                    column,
                    "Y011",
                    f"invisible line separator {name}",
                    "replace it with an ordinary line break or a space",
                )
            )
        else:
            problems.append(
                Problem(
                    display,
                    line,
                    column,
                    "Y011",
                    f"control character {name} is not allowed",
                    "delete it (it is often left over from copying and pasting)",
                )
            )
    return problems


def _bad_utf8(data: bytes, error: UnicodeDecodeError, display: str) -> Problem:
    offset = error.start
    line = 1
    line_start = 0
    for match in _LINE_BREAK_BYTES.finditer(data, 0, offset):
        line += 1
        line_start = match.end()
    # The bytes before the first bad one decode cleanly, so the column is in characters.
    column = len(data[line_start:offset].decode("utf-8")) + 1
    return Problem(
        display,
        line,
        column,
        "Y010",
        f"not valid UTF-8 (byte 0x{data[offset]:02x}: {error.reason})",
        "save the file as UTF-8; it may have been saved as Latin-1, Windows-1252 or UTF-16",
    )


# libyaml's and PyYAML's wordings of common mistakes → what to do about them.
_SYNTAX_HINTS: Final = (
    ("mapping values are not allowed", "quote the value if it contains ': ', e.g. title: 'A: B'"),
    (
        "could not find expected ':'",
        "each line needs 'field: value'; check for a missing colon or an unclosed quote",
    ),
    ("found unexpected end of stream", "a quote or bracket is opened but never closed"),
    ("did not find expected key", "keys of one mapping must start in the same column"),
    ("expected <block end>", "keys of one mapping must start in the same column"),
    ("did not find expected '-' indicator", "items of one list must start in the same column"),
    ("block sequence entries are not allowed", "a '- ' list item must start its own line"),
    ("unknown escape", "in double quotes '\\' starts an escape; use single quotes or write '\\\\'"),
    ("expected ',' or ']'", "separate list items with ', ' and close the list with ']'"),
    ("expected ',' or '}'", "separate entries with ', ' and close the mapping with '}'"),
    ("expected node content", "a value is missing; check commas and brackets"),
    ("expected the node content", "a value is missing; check commas and brackets"),
    (
        "cannot start any token",
        "quote values that start with @ or `, e.g. handle: '@name'",
    ),
)


_SYNTAX_HINT: Final = "check this line and the one above: indentation, colons, quotes, brackets"


def _syntax_error(error: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    problem = error.problem or "not valid YAML"
    hint: str | None
    tab = _indentation_tab(text, line) if line else None
    if tab is not None or "tab character" in problem or "'\\t'" in problem:
        if tab is not None:
            line, column = tab
            message = "a tab is used for indentation; YAML indents with spaces only"
        else:
            message = "a tab is not allowed here; YAML separates with spaces"
        hint = "replace the tab with spaces (set your editor to insert spaces for tabs)"
        return Problem(display, line, column, "Y021", message, hint)
    if "maximum nesting depth" in problem:
        # libyaml's own limit (1000) can trip before the tree builder sees the 9th level.
        return _too_deep(display, line, column)
    message = f"invalid YAML: {problem}"
    context = error.context_mark
    if error.context and context is not None:
        where = (context.line + 1, context.column + 1)
        if where != (line, column):
            message += f" ({error.context} at line {where[0]}, column {where[1]})"
    hint = next((hint for wording, hint in _SYNTAX_HINTS if wording in problem), None)
    return Problem(display, line, column, "Y020", message, hint or _SYNTAX_HINT)


def _indentation_tab(text: str, line: int) -> tuple[int, int] | None:
    """Line and column of a tab in the leading whitespace of ``line``, if any."""
    lines = _LINE_BREAK.split(text, maxsplit=line)
    if line > len(lines):
        return None
    content = lines[line - 1]
    indent = len(content) - len(content.lstrip(" \t"))
    position = content.find("\t", 0, indent)
    return (line, position + 1) if position >= 0 else None


def _other_yaml_error(error: yaml.YAMLError, text: str, display: str) -> Problem:
    position = getattr(error, "position", None)
    line, column = _position(text, position) if isinstance(position, int) else (0, 0)
    return Problem(display, line, column, "Y020", f"invalid YAML: {error}", _SYNTAX_HINT)


def _base(root: Path | None) -> str:
    return os.path.abspath(root if root is not None else os.curdir)


def _display(path: Path, base: str) -> str:
    """``path`` relative to ``base`` when inside it, with '/' separators."""
    absolute = os.path.abspath(path)
    inside = base.rstrip(os.sep) + os.sep
    if absolute.startswith(inside) and os.sep == "/":
        return absolute[len(inside) :]  # the common case, without relpath's work
    try:
        relative = os.path.relpath(absolute, base)
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return Path(path).as_posix()
    return Path(relative).as_posix()


def _symlink(shown: str) -> Problem:
    return Problem(
        shown,
        0,
        0,
        "Y002",
        "symbolic links are not followed",
        "move or copy the real file or folder into the events folder",
    )


def _not_regular(shown: str) -> Problem:
    return Problem(shown, 0, 0, "Y003", "not a regular file", "event files are plain text files")


def _too_large(shown: str, size: int) -> Problem:
    return Problem(
        shown,
        0,
        0,
        "Y004",
        f"the file is {size:,} bytes; the limit is {MAX_FILE_SIZE:,}",
        "put long text in a Markdown page and link to it",
    )


def _unreadable(shown: str, error: OSError) -> Problem:
    reason = error.strerror or str(error)
    return Problem(shown, 0, 0, "Y005", f"cannot read: {reason}", "check the permissions")


def _too_deep(shown: str, line: int, column: int) -> Problem:
    return Problem(
        shown,
        line,
        column,
        "Y036",
        f"nesting deeper than {MAX_DEPTH} levels",
        "event fields need only a few levels: a list of sources, each a mapping",
    )


def _too_many(shown: str, count: int) -> Problem:
    return Problem(
        shown,
        0,
        0,
        "Y099",
        f"{count} problems; the rest of the file was not checked",
        "fix these and run again",
    )
