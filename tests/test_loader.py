from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import loader
from timeline.loader import (
    CODES,
    MAX_FILE_SIZE,
    MAX_PROBLEMS_PER_FILE,
    EventFile,
    Mapping,
    Node,
    Scalar,
    Sequence,
    find_event_files,
    load_event_file,
    load_event_files,
    parse_event_text,
)
from timeline.problems import Problem

PARSERS = {"libyaml": loader._c_parser(), "python": loader._python_parser}


@pytest.fixture(params=[name for name, parser in PARSERS.items() if parser is not None])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run the test with libyaml and with PyYAML's pure-Python parser (the fallback)."""
    monkeypatch.setattr(loader, "_event_source", PARSERS[request.param])
    yield request.param


def load(tmp_path: Path, content: bytes | str, name: str = "event.yaml") -> EventFile:
    event_file, problems = load_problems(tmp_path, content, name)
    assert problems == []
    assert event_file is not None
    return event_file


def load_problems(
    tmp_path: Path, content: bytes | str, name: str = "event.yaml"
) -> tuple[EventFile | None, list[Problem]]:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return load_event_file(path, display=name)


def value(event_file: EventFile, *keys: str | int) -> Scalar:
    node: object = event_file.root
    for key in keys:
        if isinstance(key, int):
            assert isinstance(node, Sequence)
            node = node.items[key]
        else:
            assert isinstance(node, Mapping)
            node = node.entries[key][1]
    assert isinstance(node, Scalar)
    return node


# (content, code, line, column, fragment of the message)
REFUSALS: dict[str, tuple[bytes, str, int, int, str]] = {
    "invalid utf-8": (b"title: ok\nsummary: caf\xe9 au lait\n", "Y010", 2, 13, "not valid UTF-8"),
    "invalid utf-8 after multibyte": (
        b"title: \xc3\xa9\xc3\xa9 \xff\n",
        "Y010",
        1,
        11,
        "byte 0xff",
    ),
    "utf-16": ("title: x\n".encode("utf-16"), "Y010", 1, 1, "not valid UTF-8"),
    "colon in a plain value": (b"title: Foo: bar\n", "Y020", 1, 11, "mapping values are not"),
    "unclosed quote": (b'a: "foo\nb: 2\n', "Y020", 3, 1, "quoted scalar at line 1, column 4"),
    "bad indentation": (b"a:\n  b: 1\n c: 2\n", "Y020", 3, 2, "invalid YAML"),
    "unclosed flow list": (b"tags: [a, b\ndate: 2025\n", "Y020", 2, 5, "invalid YAML"),
    "tab indentation": (b"a:\n\tb: 1\n", "Y021", 2, 1, "tab is used for indentation"),
    "tab after spaces": (b"a:\n  b: 1\n \tc: 2\n", "Y021", 3, 2, "tab"),
    "tab at the top level": (b"\ttitle: x\n", "Y021", 1, 1, "tab"),
    "duplicate key": (b"title: a\ndate: 2025\ntitle: b\n", "Y030", 3, 1, "first at line 1"),
    "duplicate quoted key": (b"title: a\n'title': b\n", "Y030", 2, 1, "duplicate key 'title'"),
    "duplicate nested key": (
        b"sources:\n  - title: a\n    title: b\n",
        "Y030",
        3,
        5,
        "again at line 3",
    ),
    "anchor": (b"a: &x 1\n", "Y032", 1, 4, "anchors are not allowed (&x)"),
    "alias": (b"a: [1]\nb: *x\n", "Y033", 2, 4, "aliases are not allowed (*x)"),
    "tag !!str": (b"date: !!str 2025\n", "Y034", 1, 7, "tags are not allowed (!!str)"),
    "python tag": (
        b"a: !!python/object/apply:os.system [ls]\n",
        "Y034",
        1,
        4,
        "!!python/object/apply:os.system",
    ),
    "local tag on quoted": (b'a: !x "y"\n', "Y034", 1, 4, "(!x)"),
    "non-specific tag": (b"a: ! 1\n", "Y034", 1, 4, "tags are not allowed"),
    "tag on a mapping": (b"a: !!map {b: 1}\n", "Y034", 1, 4, "!!map"),
    "merge key": (b"base: {a: 1}\n<<: {b: 2}\n", "Y035", 2, 1, "merge keys"),
    "too deep": (b"a: " + b"[" * 9 + b"]" * 9 + b"\n", "Y036", 1, 11, "deeper than 8"),
    "two documents": (b"a: 1\n---\nb: 2\n", "Y022", 2, 1, "second YAML document"),
    "a list": (b"- a\n- b\n", "Y024", 1, 1, "got a list"),
    "a scalar": (b"just text\n", "Y024", 1, 1, "got the text 'just text'"),
    "a null": (b"~\n", "Y024", 1, 1, "got the text '~'"),
    "empty": (b"", "Y023", 0, 0, "empty"),
    "only comments": (b"# nothing yet\n\n   \n", "Y023", 0, 0, "empty"),
    "only a document start": (b"---\n# later\n", "Y023", 0, 0, "empty"),
    "a list as key": (b"? [a, b]\n: 1\n", "Y031", 1, 3, "cannot be a key"),
    "a mapping as key in flow": (b"{{a: 1}: 2}\n", "Y031", 1, 2, "cannot be a key"),
    "bell character": (b"title: a\x07b\n", "Y011", 1, 9, "U+0007"),
    "escape in a comment": (b"# note \x1b[31m\na: 1\n", "Y011", 1, 8, "U+001B"),
    "NUL": (b"a: 1\nb: \x00\n", "Y011", 2, 4, "U+0000"),
    "DEL": (b"a: x\x7f\n", "Y011", 1, 5, "U+007F"),
    "C1 NEL": ("a: x\x85y\n".encode(), "Y011", 1, 5, "U+0085"),
    "line separator": ("a: x\u2028y\n".encode(), "Y011", 1, 5, "line separator"),
    "escaped control character": (b'a: "x\\x07"\n', "Y011", 1, 4, "written as an escape"),
    "bidi override": ("title: abc\u202edef\n".encode(), "Y012", 1, 11, "U+202E"),
    "bidi isolate in a comment": ("a: 1  # \u2066x\u2069\n".encode(), "Y012", 1, 9, "U+2066"),
    "escaped bidi override": (b'a: "\\u202e"\n', "Y012", 1, 4, "written as an escape"),
    "control character after BOM and CRLF": (
        b"\xef\xbb\xbfa: 1\r\nb: \x01\r\n",
        "Y011",
        2,
        4,
        "U+0001",
    ),
    "syntax error after BOM and CRLF": (
        b"\xef\xbb\xbfa: x\r\nb: [}\r\n",
        "Y020",
        2,
        5,
        "invalid YAML",
    ),
}


@pytest.mark.parametrize(
    ("content", "code", "line", "column", "fragment"),
    list(REFUSALS.values()),
    ids=list(REFUSALS),
)
def test_refusals_name_code_line_column_and_hint(
    tmp_path: Path,
    parser: str,
    content: bytes,
    code: str,
    line: int,
    column: int,
    fragment: str,
) -> None:
    event_file, problems = load_problems(tmp_path, content)
    assert event_file is None
    first = problems[0]
    assert (first.code, first.line, first.column) == (code, line, column), first.format()
    assert fragment in first.message
    assert first.path == "event.yaml"
    assert first.hint
    assert code in CODES


def test_every_code_is_documented_and_tested() -> None:
    tested = {code for _, code, *_ in REFUSALS.values()}
    tested |= {"Y001", "Y002", "Y003", "Y004", "Y005", "Y099"}  # tested below
    assert tested == set(CODES)
    assert all(description for description in CODES.values())


def test_all_problems_of_a_file_are_reported_in_order(tmp_path: Path) -> None:
    content = "title: a\ndate: &d 2025\ntitle: b\nx: !!int 1\ndate: 2026\ntags: [a, *d]\n"
    _, problems = load_problems(tmp_path, content)
    found = [(p.code, p.line, p.column, p.field) for p in problems]
    assert found == [
        ("Y032", 2, 7, "date"),
        ("Y030", 3, 1, "title"),
        ("Y034", 4, 4, "x"),
        ("Y030", 5, 1, "date"),
        ("Y033", 6, 11, "tags[1]"),
    ]


def test_duplicate_key_names_both_lines_and_field_path(tmp_path: Path) -> None:
    content = "title: a\nsources:\n  - url: x\n  - url: y\n    title: t\n    url: z\n"
    _, problems = load_problems(tmp_path, content)
    assert [p.format() for p in problems] == [
        "event.yaml:6:5: Y030 sources[1].url: duplicate key 'url': first at line 4, "
        "again at line 6\n    hint: keep one of the two; "
        "YAML tools would silently keep only the last"
    ]


def test_characters_are_all_reported_and_parsing_goes_on(tmp_path: Path) -> None:
    content = "a: x\x07\nb: \u202e\na: dup\n"
    _, problems = load_problems(tmp_path, content)
    assert [(p.code, p.line, p.column) for p in problems] == [
        ("Y011", 1, 5),
        ("Y012", 2, 4),
        ("Y030", 3, 1),
    ]


def test_problems_stop_at_the_limit(tmp_path: Path) -> None:
    content = "".join(f"a: {number}\n" for number in range(50))
    _, problems = load_problems(tmp_path, content)
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert problems[0].code == "Y099"  # a whole-file problem sorts first
    assert {p.code for p in problems[1:]} == {"Y030"}


def test_too_many_characters_stop_at_the_limit(tmp_path: Path) -> None:
    _, problems = load_problems(tmp_path, "a: " + "\x07" * 50 + "\na: 1\n")
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert [p.code for p in problems[:2]] == ["Y099", "Y011"]
    assert problems[-1].column == 3 + MAX_PROBLEMS_PER_FILE


def test_tab_as_a_separator_is_named_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # libyaml accepts 'a:<tab>b'; PyYAML's own parser does not.
    monkeypatch.setattr(loader, "_event_source", loader._python_parser)
    _, problems = load_problems(tmp_path, "a:\tb\n")
    assert [(p.code, p.line, p.column) for p in problems] == [("Y021", 1, 3)]
    assert problems[0].message.startswith("a tab is not allowed here")


def test_syntax_error_stops_the_file_but_keeps_earlier_problems(tmp_path: Path) -> None:
    _, problems = load_problems(tmp_path, "a: 1\na: 2\nb: [\n")
    assert [p.code for p in problems] == ["Y030", "Y020"]


def test_too_large_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_FILE_SIZE + b"\n")

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("opened a file over the limit")

    monkeypatch.setattr("builtins.open", no_open)
    event_file, problems = load_event_file(path, display="big.yaml")
    assert event_file is None
    assert [(p.code, p.line, p.column) for p in problems] == [("Y004", 0, 0)]
    assert "limit" in problems[0].message


def test_exactly_the_size_limit_is_accepted(tmp_path: Path) -> None:
    body = b"a: "
    content = body + b"x" * (MAX_FILE_SIZE - len(body) - 1) + b"\n"
    assert len(content) == MAX_FILE_SIZE
    assert len(value(load(tmp_path, content), "a").text) == MAX_FILE_SIZE - 4


@pytest.mark.parametrize(
    "content",
    [
        b"a: " + b"[" * 100_000 + b"]" * 100_000,
        b"[" * 100_000,
        b"a:\n" + b"".join(b"  " * depth + b"- \n" for depth in range(400)),
        b"{a: " * 30_000 + b"1" + b"}" * 30_000,
    ],
    ids=["flow lists", "unclosed flow lists", "block lists", "flow mappings"],
)
def test_deep_nesting_is_refused_quickly(tmp_path: Path, parser: str, content: bytes) -> None:
    start = time.perf_counter()
    event_file, problems = load_problems(tmp_path, content)
    elapsed = time.perf_counter() - start
    assert event_file is None
    assert [p.code for p in problems] == ["Y036"]
    assert elapsed < 5, "refusing deep nesting must not parse the whole file"


def test_deep_nesting_beyond_the_size_limit_never_recurses(parser: str) -> None:
    _, problems = parse_event_text(b"[" * 1_000_000 + b"]" * 1_000_000, "deep.yaml")
    assert [p.code for p in problems] == ["Y036"]


BILLION_LAUGHS = b"""\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_alias_bomb_is_refused_without_expanding(tmp_path: Path, parser: str) -> None:
    assert len(BILLION_LAUGHS) < 400
    event_file, problems = load_problems(tmp_path, BILLION_LAUGHS)
    assert event_file is None
    assert [(p.code, p.line, p.column) for p in problems[:3]] == [
        ("Y099", 0, 0),
        ("Y032", 1, 4),
        ("Y032", 2, 4),
    ]
    assert {p.code for p in problems} == {"Y099", "Y032", "Y033"}


def test_values_are_kept_as_written(tmp_path: Path, parser: str) -> None:
    event_file = load(
        tmp_path,
        "answer: no\nnumber: 012\ndate: 2025-04-21\ntime: 12:30\ntilde: ~\nnull: null\n"
        "empty:\nfloat: 1e3\nyes: Yes\nquoted: 'no'\ndouble: \"a\\tb\\u00e9\"\n"
        "folded: plain text\n  over lines\n",
    )
    texts = {key: node.text for key, (_, node) in event_file.root.entries.items()}
    assert texts == {
        "answer": "no",
        "number": "012",
        "date": "2025-04-21",
        "time": "12:30",
        "tilde": "~",
        "null": "null",
        "empty": "",
        "float": "1e3",
        "yes": "Yes",
        "quoted": "no",
        "double": "a\tbé",
        "folded": "plain text over lines",
    }
    nulls = {key for key, (_, node) in event_file.root.entries.items() if node.is_null}  # type: ignore[union-attr]
    assert nulls == {"tilde", "null", "empty"}
    assert not value(event_file, "quoted").is_null
    assert value(event_file, "quoted").quoted
    assert not value(event_file, "answer").quoted


def test_quoted_null_is_text(tmp_path: Path) -> None:
    event_file = load(tmp_path, "a: 'null'\nb: \"~\"\nc: ''\n")
    assert [value(event_file, key).is_null for key in "abc"] == [False, False, False]


def test_block_scalars(tmp_path: Path, parser: str) -> None:
    event_file = load(
        tmp_path, "summary: |\n  Line one\n  line: two\n\nbody: >-\n  folded\n  text\n"
    )
    summary = value(event_file, "summary")
    assert summary == Scalar("Line one\nline: two\n", 1, 10, True)
    assert value(event_file, "body") == Scalar("folded text", 5, 7, True)


def test_positions_of_keys_values_and_collections(tmp_path: Path, parser: str) -> None:
    event_file = load(
        tmp_path,
        "title: Putin ratifies\ntags: [treaty, russia-iran]\nsources:\n"
        "  - title: TASS report\n    url: https://tass.com/x\n  - {title: Other, url: u}\n",
    )
    root = event_file.root
    assert (root.line, root.column) == (1, 1)
    key, title = root.entries["title"]
    assert (key.text, key.line, key.column) == ("title", 1, 1)
    assert title == Scalar("Putin ratifies", 1, 8, False)
    tags = root.entries["tags"][1]
    assert isinstance(tags, Sequence)
    assert (tags.line, tags.column) == (2, 7)
    assert [(t.text, t.line, t.column) for t in tags.items if isinstance(t, Scalar)] == [
        ("treaty", 2, 8),
        ("russia-iran", 2, 16),
    ]
    sources = root.entries["sources"][1]
    assert isinstance(sources, Sequence)
    first, second = sources.items
    assert isinstance(first, Mapping) and isinstance(second, Mapping)
    assert (first.line, first.column) == (4, 5)
    assert (second.line, second.column) == (6, 5)
    assert value(event_file, "sources", 0, "url") == Scalar("https://tass.com/x", 5, 10, False)
    assert value(event_file, "sources", 1, "url") == Scalar("u", 6, 25, False)
    assert list(first.entries) == ["title", "url"]


def test_bom_and_crlf_are_accepted_with_right_columns(tmp_path: Path, parser: str) -> None:
    event_file = load(
        tmp_path, b"\xef\xbb\xbftitle: x\r\ndate: 2025\r\nsummary: |\r\n  a\r\n  b\r\n"
    )
    assert value(event_file, "title") == Scalar("x", 1, 8, False)
    assert value(event_file, "date") == Scalar("2025", 2, 7, False)
    assert value(event_file, "summary").text == "a\nb\n"


def test_non_ascii_columns_count_characters(tmp_path: Path) -> None:
    event_file = load(tmp_path, 'ключ: значение\nb: ["é", x]\n')
    assert value(event_file, "ключ") == Scalar("значение", 1, 7, False)
    assert value(event_file, "b", 1) == Scalar("x", 2, 10, False)


def test_non_string_keys_are_text(tmp_path: Path) -> None:
    event_file = load(tmp_path, "1: a\ntrue: b\n2025-01-01: c\n~: d\n")
    assert list(event_file.root.entries) == ["1", "true", "2025-01-01", "~"]


def test_quoted_merge_key_is_an_ordinary_key(tmp_path: Path) -> None:
    assert value(load(tmp_path, "'<<': x\n"), "<<").text == "x"


def test_directives_and_document_markers_are_accepted(tmp_path: Path) -> None:
    event_file = load(tmp_path, "%YAML 1.1\n---\ntitle: x\n...\n")
    assert value(event_file, "title") == Scalar("x", 3, 8, False)


def test_eight_levels_are_allowed(tmp_path: Path) -> None:
    event_file = load(tmp_path, "a: " + "[" * 7 + "x" + "]" * 7 + "\n")
    node = event_file.root.entries["a"][1]
    for _ in range(7):
        assert isinstance(node, Sequence)
        node = node.items[0]
    assert node == Scalar("x", 1, 11, False)


def test_event_file_records_path_and_display(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("title: x\n")
    event_file, problems = load_event_file(path, display="events/a.yaml")
    assert problems == []
    assert event_file is not None
    assert (event_file.path, event_file.display) == (path, "events/a.yaml")


def test_display_defaults_to_relative_to_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "events" / "2025").mkdir(parents=True)
    path = tmp_path / "events" / "2025" / "a.yaml"
    path.write_text("title: x\n")
    monkeypatch.chdir(tmp_path)
    event_file, _ = load_event_file(path)
    assert event_file is not None
    assert event_file.display == "events/2025/a.yaml"


def tree(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("title: x\n")


def test_find_event_files_order_suffixes_and_hidden_names(tmp_path: Path) -> None:
    events = tmp_path / "events"
    tree(
        events,
        "b.yaml",
        "a.yml",
        "a-z.yaml",
        "a/c.yaml",
        "a/b/d.yaml",
        "B.YAML",
        "README.md",
        "notes.txt",
        ".hidden.yaml",
        ".drafts/x.yaml",
        "z/.e.yaml",
    )
    files, problems = find_event_files([events], root=tmp_path)
    assert problems == []
    assert [path.relative_to(events).as_posix() for path in files] == [
        "B.YAML",
        "a/b/d.yaml",
        "a/c.yaml",
        "a-z.yaml",
        "a.yml",
        "b.yaml",
    ]


def test_find_event_files_keeps_given_files_and_drops_duplicates(tmp_path: Path) -> None:
    tree(tmp_path, "events/a.yaml", "events/b.yaml", "notes.txt", ".explicit.yaml")
    given_paths = [
        tmp_path / "notes.txt",
        tmp_path / "events",
        tmp_path / "events" / "a.yaml",
        tmp_path / ".explicit.yaml",
    ]
    files, problems = find_event_files(given_paths)
    assert problems == []
    assert [path.name for path in files] == ["notes.txt", "a.yaml", "b.yaml", ".explicit.yaml"]


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    files, problems = find_event_files([tmp_path / "nope"], root=tmp_path)
    assert files == []
    assert [(p.path, p.code, p.line) for p in problems] == [("nope", "Y001", 0)]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
def test_symlinks_are_refused(tmp_path: Path) -> None:
    tree(tmp_path, "real/a.yaml", "events/b.yaml")
    events = tmp_path / "events"
    (events / "link.yaml").symlink_to(tmp_path / "real" / "a.yaml")
    (events / "linked-folder").symlink_to(tmp_path / "real", target_is_directory=True)
    (events / "broken.yml").symlink_to(tmp_path / "missing.yaml")
    (events / "other-link").symlink_to(tmp_path / "real" / "a.yaml")  # not named like an event
    (events / "sub").mkdir()
    (events / "sub" / "z.yaml").symlink_to(tmp_path / "real" / "a.yaml")
    (tmp_path / "events-link").symlink_to(events, target_is_directory=True)
    files, problems = find_event_files([events, tmp_path / "events-link"], root=tmp_path)
    assert [path.name for path in files] == ["b.yaml"]
    assert [(p.path, p.code) for p in problems] == [
        ("events/broken.yml", "Y002"),
        ("events/link.yaml", "Y002"),
        ("events/linked-folder", "Y002"),
        ("events/sub/z.yaml", "Y002"),
        ("events-link", "Y002"),
    ]
    event_file, problems = load_event_file(events / "link.yaml", display="link.yaml")
    assert event_file is None
    assert [p.code for p in problems] == ["Y002"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_not_a_regular_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    files, problems = find_event_files([tmp_path], root=tmp_path)
    assert files == []
    assert [(p.path, p.code) for p in problems] == [("pipe.yaml", "Y003")]
    files, problems = find_event_files([tmp_path / "pipe.yaml"], root=tmp_path)
    assert [(p.path, p.code) for p in problems] == [("pipe.yaml", "Y003")]
    _, problems = load_event_file(tmp_path / "pipe.yaml", display="pipe.yaml")
    assert [p.code for p in problems] == ["Y003"]


def test_unreadable_file_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("title: x\n")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    _, problems = load_event_file(path, display="secret.yaml")
    assert [(p.code, p.message) for p in problems] == [("Y005", "cannot read: Permission denied")]


def test_unreadable_folder_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path, "events/a.yaml")

    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", refuse)
    files, problems = find_event_files([tmp_path / "events"], root=tmp_path)
    assert files == []
    assert [(p.path, p.code, p.message) for p in problems] == [
        ("events", "Y005", "cannot read: Permission denied")
    ]


def test_load_event_files_returns_good_files_and_all_problems(tmp_path: Path) -> None:
    tree(tmp_path, "events/a.yaml", "events/c.yaml")
    (tmp_path / "events" / "b.yaml").write_text("title: x\ntitle: y\n")
    (tmp_path / "events" / "d.yaml").write_text("- x\n")
    loaded, problems = load_event_files([tmp_path / "events", tmp_path / "gone"], root=tmp_path)
    assert [event_file.display for event_file in loaded] == ["events/a.yaml", "events/c.yaml"]
    assert [(p.path, p.code) for p in problems] == [
        ("gone", "Y001"),
        ("events/b.yaml", "Y030"),
        ("events/d.yaml", "Y024"),
    ]


SAFE_TEXT = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc"),
        blacklist_characters="\u2028\u2029\ufffe\uffff\u202a\u202b\u202c\u202d\u202e"
        "\u2066\u2067\u2068\u2069\x85",
    )
    | st.sampled_from("\t\n\r :#-?,[]{}&*!|>'\"%@`"),
    max_size=30,
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fields=st.dictionaries(SAFE_TEXT, SAFE_TEXT | st.lists(SAFE_TEXT, max_size=3), min_size=1),
    style=st.sampled_from([None, '"']),
    allow_unicode=st.booleans(),
)
def test_dumped_texts_load_back_unchanged(
    tmp_path: Path,
    fields: dict[str, str | list[str]],
    style: str | None,
    allow_unicode: bool,
) -> None:
    content = yaml.safe_dump(fields, default_style=style, allow_unicode=allow_unicode)
    event_file = load(tmp_path, content)

    assert plain(event_file.root) == fields


YAMLISH = st.text(st.sampled_from("ab\n: -#&*!|>'\"[]{},?\t\n\r~<\\\x07\u202eé"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(content=st.binary(max_size=80) | YAMLISH.map(str.encode))
def test_any_input_gives_a_tree_or_problems_never_an_exception(content: bytes) -> None:
    oracles = {"libyaml": getattr(yaml, "CBaseLoader", None), "python": yaml.BaseLoader}
    for name, parser in PARSERS.items():
        if parser is None:
            continue
        loader._event_source = parser
        try:
            root, problems = parse_event_text(content, "fuzz.yaml")
        finally:
            loader._event_source = PARSERS["libyaml"] or loader._python_parser
        assert (root is None) == bool(problems)
        assert all(p.code in CODES and p.line >= 0 and p.column >= 0 for p in problems)
        if root is not None:
            # PyYAML's BaseLoader also keeps every scalar as a string: the same tree.
            assert plain(root) == yaml.load(content, Loader=oracles[name])


def plain(node: Node) -> object:
    if isinstance(node, Scalar):
        return node.text
    if isinstance(node, Sequence):
        return [plain(item) for item in node.items]
    return {key: plain(item) for key, (_, item) in node.entries.items()}


def test_falls_back_to_the_python_parser_without_libyaml(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "yaml._yaml", None)
    assert loader._c_parser() is None
