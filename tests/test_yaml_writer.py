from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from timeline.loader import Scalar, Sequence, parse_event_text
from timeline.yaml_writer import (
    NOT_TEXT,
    Style,
    dump_event,
    flow_list,
    scalar,
    style,
    yaml_text,
)

# Both of PyYAML's safe loaders: libyaml's (what our loader parses with) and the
# pure-Python one (what it falls back to, and what many other tools use).
SAFE_LOADERS: list[Any] = [
    loader for loader in (getattr(yaml, "CSafeLoader", None), yaml.SafeLoader) if loader
]
# Strings YAML reads as something else, or cannot start a plain scalar with.
AWKWARD = [
    "@handle",
    "`code`",
    ":colon",
    "a: b",
    "ends with:",
    "# not a comment",
    "a #b",
    "yes",
    "No",
    "on",
    "OFF",
    "~",
    "null",
    "",
    "<<",
    "=",
    "1984",
    "012",
    "0x1F",
    "1e3",
    ".inf",
    "-.5",
    "12:30",
    "2025-04-21",
    "2025-04-21 10:00",
    "- item",
    "-5",
    "-foo",
    "?x",
    "!tag",
    "&anchor",
    "*alias",
    "%directive",
    "[a, b]",
    "{a: b}",
    "a, b",
    "'single'",
    '"double"',
    "it's",
    '"We choose" it\'s',
    "back\\slash",
    " leading",
    "trailing ",
    "tab\there",
    "line one\nline two",
    "trailing newline\n",
    "two newlines\n\n",
    "\nleading newline",
    "  indented\nsecond",
    "line \nwith trailing space",
    "Ünïcödé — “quotes” 東京 😀",
    "nbsp\u00a0inside",
    "zero\u200dwidth joiner",
    "bell\x07",
    "del\x7f",
    "nel\x85",
    "line\u2028separator",
    "bidi\u202eoverride",
    "\ufeffbom",
    "---",
    "...",
]
# Any text but lone surrogates: those are not Unicode text, and libyaml refuses even
# their escapes (test_a_surrogate_is_escaped_not_written_raw covers them).
text = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.text(st.sampled_from("ab1 -:#?,[]{}&*!|>'\"%@`~\\\t\n.="), max_size=12),
)


def safe_read(document: str) -> Any:
    values = [yaml.load(document, Loader=loader) for loader in SAFE_LOADERS]
    assert all(value == values[0] for value in values), values
    return values[0]


@settings(deadline=None)  # no timing assertions: CI machines are shared
@given(text)
@example("yes")
@example("line one\nline two")
def test_every_one_line_scalar_reads_back_through_the_safe_loader(value: str) -> None:
    assert "\n" not in yaml_text(value)
    assert safe_read(f"k: {yaml_text(value)}\n") == {"k": value}


@settings(deadline=None)  # no timing assertions: CI machines are shared
@given(text)
def test_every_block_scalar_reads_back_through_the_safe_loader(value: str) -> None:
    document = f"k:{scalar(value, 2)}\nnext: x\n"
    assert safe_read(document) == {"k": value, "next": "x"}
    nested = f"items:\n  - title:{scalar(value, 6)}\n    url: u\n"
    assert safe_read(nested) == {"items": [{"title": value, "url": "u"}]}


@settings(deadline=None)  # no timing assertions: CI machines are shared
@given(st.lists(text, max_size=5))
def test_every_flow_list_reads_back_through_the_safe_loader(values: list[str]) -> None:
    assert safe_read(f"tags: {flow_list(values)}\n") == {"tags": values}


@settings(deadline=None)  # no timing assertions: CI machines are shared
@given(text)
def test_our_loader_reads_the_same_text_or_refuses_the_character(value: str) -> None:
    root, problems = parse_event_text(f"k:{scalar(value, 2)}\n".encode(), "-")
    if problems:  # control characters, bidi overrides: refused whatever the quoting
        assert {p.code for p in problems} <= {"Y011", "Y012"}, problems
        return
    assert root is not None
    node = root.entries["k"][1]
    assert isinstance(node, Scalar) and node.text == value
    root, problems = parse_event_text(f"k: {flow_list([value, 'x'])}\n".encode(), "-")
    if not problems:
        assert root is not None
        items = root.entries["k"][1]
        assert isinstance(items, Sequence)
        assert [i.text for i in items.items if isinstance(i, Scalar)] == [value, "x"]


@settings(deadline=None)  # no timing assertions: CI machines are shared
@given(text)
def test_plain_only_where_every_reader_sees_text(value: str) -> None:
    if style(value) is Style.PLAIN:
        assert yaml.safe_load(f"k: {value}\n") == {"k": value}
        assert not NOT_TEXT.fullmatch(value)


@pytest.mark.parametrize(
    ("value", "typed", "written"),
    [
        ("Apollo 11", False, "Apollo 11"),
        ("it's", False, "it's"),
        ("yes", False, '"yes"'),
        ("1984", False, '"1984"'),
        ("2025-04-21", False, '"2025-04-21"'),
        ("2025-04-21", True, "2025-04-21"),
        ("<<", True, '"<<"'),
        ("@handle", False, '"@handle"'),
        ("a: b", False, '"a: b"'),
        ("-foo", False, "-foo"),
        ('"We choose"', False, "'\"We choose\"'"),
        ("tab\there", False, '"tab\\there"'),
        ("line\u2028sep", False, '"line\\Lsep"'),
        ("bell\x07 del\x7f bom\ufeff", False, '"bell\\a del\\x7F bom\\uFEFF"'),
        ("nbsp\u00a0inside", False, "nbsp\u00a0inside"),
    ],
)
def test_the_quoting_rule(value: str, typed: bool, written: str) -> None:
    assert yaml_text(value, typed=typed) == written


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("a\nb", " |-\n  a\n  b"),
        ("a\n\nb\n", " |\n  a\n\n  b"),
        ("a \nb", ' "a \\nb"'),
        (" a\nb", ' " a\\nb"'),
    ],
)
def test_text_of_several_lines_is_a_block_where_a_block_can_hold_it(
    value: str, written: str
) -> None:
    assert scalar(value, 2) == written


def test_a_flow_list_quotes_what_would_end_or_retype_an_item() -> None:
    assert flow_list(["treaty", "a, b", "1984", "?x", "x:y"]) == (
        '[treaty, "a, b", "1984", "?x", "x:y"]'
    )


def test_a_surrogate_is_escaped_not_written_raw() -> None:
    written = yaml_text("a\ud800b")
    assert written == '"a\\uD800b"'
    assert written.isascii()


def test_an_event_file_quotes_text_but_not_its_dates() -> None:
    written = dump_event(
        [
            ("title", "1984"),
            ("date", "2025-04-21"),
            ("tags", ["yes", "treaty"]),
            ("sources", [{"title": "no", "published": "2025-04-22"}]),
        ]
    )
    assert written == (
        'title: "1984"\n'
        "date: 2025-04-21\n"
        'tags: ["yes", treaty]\n'
        "sources:\n"
        '  - title: "no"\n'
        "    published: 2025-04-22\n"
    )


@settings(deadline=None)  # no timing assertions: CI machines are shared
@given(
    title=text,
    summary=text,
    tags=st.lists(text, max_size=4),
    source_title=text,
)
def test_fmt_finds_nothing_to_change_in_what_the_writer_writes(
    title: str, summary: str, tags: list[str], source_title: str
) -> None:
    """The writer and fmt follow one rule: fmt leaves dump_event's output as it is."""
    from timeline.fmt import format_text

    written = dump_event(
        [
            ("tags", tags),
            ("summary", summary),
            ("title", title),
            ("date", "2025-04-21"),
            ("sources", [{"url": "https://example.org/", "title": source_title}]),
        ]
    )
    formatted = format_text(written)
    if formatted.text is None:  # characters the loader refuses whatever the quoting
        assert {p.code for p in formatted.problems} == {"F001"}, formatted.problems
        return
    assert formatted.text == written
