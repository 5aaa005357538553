"""Writing YAML scalars and event files: the one quoting rule.

Every writer of event text goes through :func:`style`: `timeline new`, the
importers (:func:`dump_event`) and `timeline fmt` (which maps the style onto
ruamel's scalar types). A scalar is written plain where it reads back as exactly
the same text, both with our loader and with the YAML readers around it (editors,
PyYAML's safe loader); in a ``|`` block where it spans lines; quoted otherwise.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

import yaml

if TYPE_CHECKING:
    from timeline.schema import Field

Value = str | Sequence[str] | Sequence[Mapping[str, str]]

FLOW_WIDTH: Final = 80
"""Longest line a list is written on in flow style (``tags: [a, b]``)."""

# A list item that can stand unquoted in a flow list (`[a, b]`): also no ':' or '?'
# anywhere, where PyYAML's pure-Python scanner ends a plain scalar.
PLAIN_FLOW: Final = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^\n,\[\]{}:?]*[^\s:?,\[\]{}])?")
# The same in a block (after `key:` or `-`): YAML's indicators may not start it, but
# '-' may when a letter follows ('-foo'), as PyYAML and libyaml agree.
_PLAIN_BLOCK: Final = re.compile(r"(?:[^\s\-?:,\[\]{}#&*!|>'\"%@`]|-(?=\S))(?:.*[^\s:])?")
# Plain scalars that YAML 1.2 (editors) or 1.1 (PyYAML and friends) read as booleans,
# numbers, dates or times rather than text. Our loader reads them as text anyway;
# quoting them in text fields makes every other reader agree, and editors stop
# flagging `title: 1984` as "expected string".
NOT_TEXT: Final = re.compile(
    r"(?:true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)"
    r"|[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)"
    r"|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?[0-9_]+"  # ruamel's YAML 1.2 reader: `-_` is an int to it, and it fails
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9].*)?"
)
NULL_WORDS: Final = frozenset(("", "~", "null", "Null", "NULL"))
"""Plain scalars that mean "no value" (a quoted ``"null"`` is text)."""
# The merge key and YAML 1.1's value key: other readers choke on them in any field.
_SPECIAL: Final = frozenset(("<<", "="))
# Characters no plain, single-quoted or block scalar may hold, so a double-quoted one
# writes them as escapes: controls (tab too: editors and ruamel's scanner trip on it),
# YAML 1.1's line breaks (NEL, U+2028/9), surrogates, non-characters and the
# byte-order mark, as YAML's emitters (PyYAML's, ruamel's: fmt's) escape them; and the
# bidirectional overrides, which the loader refuses (an escape at least shows them).
_ESCAPED: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufeff\ufffe\uffff]"
)
_DOUBLE_QUOTED_ESCAPES: Final = re.compile('["\\\\]|' + _ESCAPED.pattern)
# YAML's short escapes, as its emitters write them.
_SHORT_ESCAPES: Final = {
    "\0": "0",
    "\x07": "a",
    "\x08": "b",
    "\t": "t",
    "\n": "n",
    "\x0b": "v",
    "\x0c": "f",
    "\r": "r",
    "\x1b": "e",
    '"': '"',
    "\\": "\\",
    "\x85": "N",
    "\u2028": "L",
    "\u2029": "P",
}
# The parser our loader is built on (libyaml when PyYAML has it) has the last word at
# run time; the tests hold every written scalar to the pure-Python parser as well
# (asking both here would make writing six times slower: benchmarks/yaml_writer.py).
_BASE_LOADER: Final[Any] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class Style(enum.Enum):
    """How one scalar is written."""

    PLAIN = "plain"
    SINGLE = "single"  # '…': escapes nothing but itself
    DOUBLE = "double"  # "…": JSON-style escapes hold any text
    LITERAL = "literal"  # a | block: text of several lines, as written


def reads_as_text(text: str, *, typed: bool = False) -> bool:
    """Whether other YAML readers take this plain text for text (or, if ``typed``, its type).

    A ``typed`` field (a date, a boolean, a number) may be written plain as what
    other readers see it as: ``date: 2025-04-21``, ``draft: yes``.
    """
    return text not in _SPECIAL and (typed or not NOT_TEXT.fullmatch(text))


@lru_cache(maxsize=65536)
def plain_reads_back(text: str, *, in_flow: bool = False) -> bool:
    """Whether ``text`` written plain (after ``key:``, or in ``[…]``) reads back as itself."""
    if text in NULL_WORDS or _ESCAPED.search(text) or text != text.strip() or "\n" in text:
        return False
    pattern = PLAIN_FLOW if in_flow else _PLAIN_BLOCK
    if not pattern.fullmatch(text) or ": " in text or " #" in text:
        return False
    if text.startswith(("---", "...")):  # document markers, at the start of a line
        return False
    return _reads_back(f"[{text}]" if in_flow else text, text, in_flow=in_flow)


def _reads_back(written: str, text: str, *, in_flow: bool = False) -> bool:
    """The last word: what the YAML parser reads (no implicit typing, like our loader)."""
    try:
        read = yaml.load(f"k: {written}\n", Loader=_BASE_LOADER)
    except yaml.YAMLError:
        return False
    value = read.get("k") if isinstance(read, dict) else None
    return bool(value == ([text] if in_flow else text))


def _literal_lines(text: str) -> list[str] | None:
    """The lines of a ``|`` / ``|-`` block that reads back as ``text``, or None."""
    body = text.removesuffix("\n")
    lines = body.split("\n")
    if (
        "\n" not in body
        or body != body.strip()
        or any(line != line.rstrip() or _ESCAPED.search(line) for line in lines)
    ):
        return None
    return lines


@lru_cache(maxsize=65536)
def style(text: str, *, typed: bool = False, in_flow: bool = False) -> Style:
    """The one quoting rule: how ``text`` is written as a value (or a ``[…]`` item)."""
    if "\n" in text and not in_flow and _literal_lines(text) is not None:
        return Style.LITERAL
    if reads_as_text(text, typed=typed) and plain_reads_back(text, in_flow=in_flow):
        return Style.PLAIN
    return Style.SINGLE if single_quote_reads_better(text) else Style.DOUBLE


def typed_field(field: Field | None) -> bool:
    """Whether a schema field's plain value may read as non-text elsewhere: that is its type."""
    from timeline.schema import Kind

    return field is not None and field.kind in (Kind.DATE, Kind.BOOL, Kind.INTEGER)


def single_quote_reads_better(value: str) -> bool:
    """Whether ``'…'`` needs fewer escapes than ``"…"`` for this text (and can hold it).

    A quotation (`'"We choose to go to the Moon"'`) would otherwise come out as
    `"\\"We choose…\\""`; single quotes escape nothing but themselves, so they are
    taken only for one-line text with no character that needs an escape.
    """
    escapes = value.count('"') + value.count("\\")
    return (
        '"' in value
        and "\n" not in value
        and not _ESCAPED.search(value)
        and escapes > value.count("'")
    )


def double_quoted(text: str) -> str:
    """``text`` as a double-quoted scalar, escaped as YAML's emitters (and so fmt) escape it."""
    return '"' + _DOUBLE_QUOTED_ESCAPES.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    short = _SHORT_ESCAPES.get(char)
    if short is not None:
        return "\\" + short
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def quoted(text: str) -> str:
    """``text`` quoted as the rule quotes it: ``'"a quotation"'`` stays readable."""
    if single_quote_reads_better(text):
        return "'" + text.replace("'", "''") + "'"
    return double_quoted(text)


def yaml_text(text: str, *, typed: bool = False, in_flow: bool = False) -> str:
    """``text`` as a one-line YAML scalar that reads back as exactly ``text``."""
    if style(text, typed=typed, in_flow=in_flow) is Style.PLAIN:
        return text
    return quoted(text)


def flow_list(values: Sequence[str]) -> str:
    """A flow list such as ``[treaty, space-race]``, quoting items that need it."""
    return "[" + ", ".join(yaml_text(value, in_flow=True) for value in values) + "]"


def fits_flow(name: str, values: Sequence[str], indent: int = 0) -> bool:
    """Whether ``name: [a, b]`` is how a list is written: short, of words a ``[…]`` can hold.

    Words that need quotes only to stay text (``"1984"``) may be in one.
    """
    if not all(plain_reads_back(value, in_flow=True) for value in values):
        return False
    return indent + len(name) + 2 + len(flow_list(values)) <= FLOW_WIDTH


def scalar(text: str, indent: int, *, typed: bool = False) -> str:
    """The text after ``key:`` (or ``-``): plain, quoted, or a ``|`` block at ``indent``."""
    chosen = style(text, typed=typed)
    lines = _literal_lines(text) if chosen is Style.LITERAL else None
    if lines is None:
        return " " + yaml_text(text, typed=typed)
    pad = " " * indent
    head = " |\n" if text.endswith("\n") else " |-\n"
    return head + "\n".join(pad + line if line else "" for line in lines)


def dump_event(fields: Sequence[tuple[str, Value]]) -> str:
    """An event file: scalars, lists of text, and lists of mappings (sources, media).

    Laid out as `timeline fmt` lays it out where that is simple to know (the schema's
    field order, short lists of plain words as ``[a, b]``), so that fmt, which the
    importer runs over the result, mostly finds nothing to move.
    """
    from timeline.schema import EVENT_FIELDS, FIELDS_BY_NAME

    order = {spec.name: index for index, spec in enumerate(EVENT_FIELDS)}
    fields = sorted(fields, key=lambda entry: order.get(entry[0], len(order)))
    lines: list[str] = []
    for name, value in fields:
        spec = FIELDS_BY_NAME.get(name)
        if isinstance(value, str):
            lines.append(f"{name}:{scalar(value, 2, typed=typed_field(spec))}")
            continue
        if not value:
            continue
        words = [item for item in value if isinstance(item, str)]
        if len(words) == len(value) and fits_flow(name, words):
            lines.append(f"{name}: {flow_list(words)}")
            continue
        lines.append(f"{name}:")
        for item in value:
            if isinstance(item, str):
                lines.append(f"  -{scalar(item, 4)}")
                continue
            prefix = "  - "
            item_fields = {f.name: f for f in spec.item_fields} if spec else {}
            ranks = {key: rank for rank, key in enumerate(item_fields)}
            for key, text in sorted(item.items(), key=lambda kv: ranks.get(kv[0], len(ranks))):
                typed = typed_field(item_fields.get(key))
                lines.append(f"{prefix}{key}:{scalar(text, 6, typed=typed)}")
                prefix = "    "
    return "\n".join(lines) + "\n"
