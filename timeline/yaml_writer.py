"""Writing event files: YAML that reads back, with our loader, as exactly the same text."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Final

import yaml

Value = str | Sequence[str] | Sequence[Mapping[str, str]]

FLOW_WIDTH: Final = 80
"""Longest line a list is written on in flow style (``tags: [a, b]``)."""

# A list item that can stand unquoted in a flow list (`[a, b]`).
PLAIN_FLOW: Final = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^\n,\[\]{}:?]*[^\s:?,\[\]{}])?")
# Plain scalars that YAML 1.2 (editors) or 1.1 (PyYAML and friends) read as booleans,
# numbers, dates or times rather than text. Our loader reads them as text anyway;
# quoting them in text fields makes every other reader agree, and editors stop
# flagging `title: 1984` as "expected string".
NOT_TEXT: Final = re.compile(
    r"(?:true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)"
    r"|[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)"
    r"|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9].*)?"
)

_NULLS = {"", "~", "null", "Null", "NULL"}
# A conservative plain scalar: starts with a word character or a few safe marks,
# and holds nothing YAML could read as structure (': ', ' #', flow marks at the start).
_PLAIN = re.compile(r"(?:[\w(\"'.$/+]|-(?=\S))[^\t\n\r]*", re.UNICODE)


def _plain_ok(text: str) -> bool:
    if text in _NULLS or text != text.strip() or not _PLAIN.fullmatch(text):
        return False
    if text[0] in "\"'" or ": " in text or " #" in text or text.endswith(":"):
        return False
    if not text.isprintable():
        return False
    try:
        # The last word: what PyYAML's base loader (like ours, no implicit typing) reads.
        read = yaml.load(f"k: {text}\n", Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        return False
    return isinstance(read, dict) and read.get("k") == text


def scalar(text: str, indent: int) -> str:
    """The text after ``key:`` (or ``-``): plain, double-quoted or a literal block."""
    lines = text.split("\n")
    if (
        len(lines) > 1
        and text == text.strip()
        and all(line.isprintable() and line == line.rstrip() for line in lines)
    ):
        pad = " " * indent
        return " |-\n" + "\n".join(pad + line if line else "" for line in lines)
    if _plain_ok(text):
        return " " + text
    return " " + quoted(text)


def single_quote_reads_better(value: str) -> bool:
    """Whether ``'…'`` needs fewer escapes than ``"…"`` for this text (and can hold it).

    The one quoting rule: `timeline fmt`, `timeline new` and the importers all use it.
    A quotation (`'"We choose to go to the Moon"'`) would otherwise come out as
    `"\\"We choose…\\""`; single quotes escape nothing but themselves.
    """
    escapes = value.count('"') + value.count("\\")
    return '"' in value and value.isprintable() and escapes > value.count("'")


def quoted(text: str) -> str:
    """``text`` quoted as `timeline fmt` quotes it: ``'"a quotation"'`` stays readable."""
    if single_quote_reads_better(text):
        return "'" + text.replace("'", "''") + "'"
    # JSON strings are YAML double-quoted scalars; ensure_ascii=False keeps text readable.
    return json.dumps(text, ensure_ascii=False)


def dump_event(fields: Sequence[tuple[str, Value]]) -> str:
    """An event file: scalars, lists of text, and lists of mappings (sources, media).

    Laid out as `timeline fmt` lays it out where that is simple to know (the schema's
    field order, short lists of plain words as ``[a, b]``), so that fmt, which the
    importer runs over the result, mostly finds nothing to move.
    """
    from timeline.schema import EVENT_FIELDS

    order = {spec.name: index for index, spec in enumerate(EVENT_FIELDS)}
    fields = sorted(fields, key=lambda entry: order.get(entry[0], len(order)))
    lines: list[str] = []
    for name, value in fields:
        if isinstance(value, str):
            lines.append(f"{name}:{scalar(value, 2)}")
            continue
        if not value:
            continue
        words = [item for item in value if isinstance(item, str)]
        if len(words) == len(value) and all(
            PLAIN_FLOW.fullmatch(w) and not NOT_TEXT.fullmatch(w) and _plain_ok(w) for w in words
        ):
            flow = f"{name}: [{', '.join(words)}]"
            if len(flow) <= FLOW_WIDTH:
                lines.append(flow)
                continue
        lines.append(f"{name}:")
        for item in value:
            if isinstance(item, str):
                lines.append(f"  -{scalar(item, 4)}")
                continue
            prefix = "  - "
            for key, text in item.items():
                lines.append(f"{prefix}{key}:{scalar(text, 6)}")
                prefix = "    "
    return "\n".join(lines) + "\n"
