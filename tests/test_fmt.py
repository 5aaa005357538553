from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from tests.conftest import EXAMPLE_ROOT
from timeline.cli import main
from timeline.fmt import comments, format_text
from timeline.loader import Mapping, Node, Scalar, Sequence, parse_event_text
from timeline.yaml_writer import yaml_text


def values(node: Node) -> object:
    if isinstance(node, Scalar):
        return (node.text, node.is_null)
    if isinstance(node, Sequence):
        return [values(item) for item in node.items]
    assert isinstance(node, Mapping)
    return {key: values(value) for key, (_key, value) in node.entries.items()}


def load(text: str) -> Mapping:
    root, problems = parse_event_text(text.encode(), "-")
    assert root is not None and not problems, problems
    return root


def fmt(text: str) -> str:
    result = format_text(text)
    assert result.text is not None, result.problems
    return result.text


def test_canonical_form() -> None:
    text = (
        "# yaml-language-server: $schema=../../event.schema.json\n"
        "tags:\n- treaty\n- 'russia-iran'\n"
        "date: 2025-04-21      # as TASS reports it\n"
        "extra: kept\n"
        "# the headline\n"
        "title: 'Putin ratifies: the treaty'\n"
        "sources:\n"
        "- url: https://tass.com/1\n"
        "  # the wire\n"
        '  title: "Putin ratifies"\n'
        'summary: "Line one\\nline two\\n"\n'
        "draft: no\n"
    )
    assert fmt(text) == (
        "# yaml-language-server: $schema=../../event.schema.json\n"
        "# the headline\n"
        'title: "Putin ratifies: the treaty"\n'
        "date: 2025-04-21  # as TASS reports it\n"
        "summary: |\n  Line one\n  line two\n"
        "tags: [treaty, russia-iran]\n"
        "sources:\n"
        "  # the wire\n"
        "  - title: Putin ratifies\n"
        "    url: https://tass.com/1\n"
        "draft: no\n"
        "extra: kept\n"
    )


def test_keys_are_unquoted_where_plain_reads_the_same() -> None:
    out = fmt('"title": x  # why\n\'date\': 2025\n"no": 3\n"a: b": c\n')
    assert out == 'title: x  # why\ndate: 2025\n"no": "3"\n"a: b": c\n'


def test_long_lists_go_to_block_style() -> None:
    words = [f"actor-number-{n}" for n in range(8)]
    out = fmt(f"title: x\ndate: 2025\nactors: [{', '.join(words)}]\n")
    assert "actors:\n  - actor-number-0\n" in out


@pytest.mark.parametrize(
    "value",
    ["no", "012", "12:30", "2025-04-21", "~", "null", "", "'", "a: b", "#x", "x #y", "- a", "@a"],
)
def test_quoting_never_changes_meaning(value: str) -> None:
    for written in (json.dumps(value), "'" + value.replace("'", "''") + "'"):
        text = f"title: {written}\ndate: 2025\ntags: [{written}, b]\n"
        out = fmt(text)
        assert values(load(out)) == values(load(text))


def test_refuses_files_that_do_not_load() -> None:
    for bad in ("title: [x\n", "title: a\ntitle: b\n", "a: &x 1\nb: *x\n", "- a\n"):
        result = format_text(bad, "bad.yaml")
        assert result.text is None
        assert result.problems[0].code == "F001"


def test_an_internal_slip_leaves_the_file_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import timeline.fmt

    def slip(text: str, taken: object) -> str:
        raise KeyError("lost")

    monkeypatch.setattr(timeline.fmt, "_put_line_comments", slip)
    result = format_text("# c\ntitle: a\n", "a.yaml")
    assert result.text is None
    assert result.problems[0].code == "F002"
    assert "KeyError" in result.problems[0].message


def test_comments_found_outside_scalars_only() -> None:
    text = 'a: "x # not" # yes\nb: |\n  # not either\n# full line\nc: d#e\n'
    assert comments(text) == ["# yes", "# full line"]


# -- property tests ---------------------------------------------------------------------

# Examples per property test; raise it for a deep run: TIMELINE_FMT_EXAMPLES=5000 pytest ...
EXAMPLES = int(os.environ.get("TIMELINE_FMT_EXAMPLES", "500"))

FIELDS = ["title", "date", "summary", "tags", "actors", "sources", "draft", "zzz", "as_of"]
SOURCE_FIELDS = ["url", "title", "publisher", "quote", "extra"]
TRICKY = [
    "no",
    "yes",
    "012",
    "0x1F",
    "1e3",
    "12:30",
    "2025-04-21",
    "~",
    "null",
    "NULL",
    "",
    "true",
    "a: b",
    "#x",
    "x #y",
    "- a",
    "@a",
    "'q'",
    '"q"',
    "a, b",
    "[a]",
    "{a}",
    "*x",
    "&y",
    "!t",
    "%p",
    "`b`",
    "? q",
    " lead",
    "trail ",
    "tab\tin",
    "a\\b",
    "Путин",
    "北京",
    "é ü",
    "multi\nline",
    "multi\nline\n",
    "para\n\nother\n",
    " indented\nfirst\n",
]
words = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12
)
scalar_text = st.one_of(st.sampled_from(TRICKY), words)
comment_text = st.text(st.sampled_from("abc xyz#:'\"-é"), max_size=10).map(lambda t: "#" + t)


@st.composite
def scalar(draw: st.DrawFn, indent: int, *, flow: bool = False) -> str:
    value = draw(scalar_text)
    styles = ["double", "single"]
    if not flow:
        styles.append("literal")
    style = draw(st.sampled_from(["plain", *styles]))
    if style == "plain":
        plain = yaml_text(value)
        if plain == value and not (flow and any(c in value for c in ",[]{}")):
            return value
        style = "double"
    if style == "single" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if (
        style == "literal"
        and value.strip()
        and all(line.strip() == line and line for line in value.rstrip("\n").split("\n"))
    ):
        body = "\n".join(" " * (indent + 2) + line for line in value.rstrip("\n").split("\n"))
        return ("|" if value.endswith("\n") else "|-") + "\n" + body
    return json.dumps(value, ensure_ascii=False)


@st.composite
def event_text(draw: st.DrawFn) -> str:
    names = draw(st.lists(st.sampled_from(FIELDS), unique=True, min_size=1))
    lines: list[str] = []

    def maybe_comment(indent: int) -> None:
        if draw(st.booleans()):
            lines.append(" " * indent + draw(comment_text))

    def eol() -> str:
        return (" " + draw(comment_text)) if draw(st.integers(0, 3)) == 0 else ""

    maybe_comment(0)
    for name in names:
        maybe_comment(0)
        if name in ("tags", "actors"):
            items = draw(st.lists(scalar(2, flow=True), max_size=5))
            if draw(st.booleans()) and items:
                lines.append(f"{name}:{eol()}")
                for item in items:
                    maybe_comment(0)
                    lines.append(f"- {item}" if "\n" not in item else f"- {json.dumps(item)}")
            else:
                lines.append(f"{name}: [{', '.join(items)}]{eol()}")
        elif name == "sources":
            lines.append("sources:")
            for _ in range(draw(st.integers(1, 3))):
                keys = draw(st.lists(st.sampled_from(SOURCE_FIELDS), unique=True, min_size=1))
                for index, key in enumerate(keys):
                    maybe_comment(2)
                    value = draw(scalar(4))
                    tail = eol() if "\n" not in value else ""
                    lines.append(f"{'  - ' if index == 0 else '    '}{key}: {value}{tail}")
        else:
            value = draw(scalar(0))
            tail = eol() if "\n" not in value else ""
            lines.append(f"{name}: {value}{tail}")
    maybe_comment(0)
    return "\n".join(lines) + "\n"


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event_text())
def test_fmt_keeps_every_value_and_comment_and_is_idempotent(text: str) -> None:
    root, problems = parse_event_text(text.encode(), "-")
    assume(root is not None and not problems)
    assert root is not None
    result = format_text(text)
    assert result.text is not None, (result.problems, text)
    out = result.text
    assert values(load(out)) == values(root)
    assert Counter(comments(out)) == Counter(comments(text))
    assert fmt(out) == out
    for reader in READERS:
        assert_text_fields_are_text(reader(out), load(out))


def yaml_12(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def yaml_11(text: str) -> Any:
    return yaml.safe_load(text)


READERS = (yaml_12, yaml_11)
TYPED = ("date", "as_of", "draft")


def assert_text_fields_are_text(data: Any, root: Mapping) -> None:
    """Other YAML readers (editors: 1.2; PyYAML: 1.1) see text wherever the schema wants it."""

    def check(value: Any, node: Node) -> None:
        if isinstance(node, Scalar):
            assert isinstance(value, str) or (value is None and node.is_null), (value, node)
        elif isinstance(node, Sequence):
            for item, item_node in zip(value, node.items, strict=True):
                check(item, item_node)
        else:
            for key, (_key, child) in node.entries.items():
                check(value[key], child)

    for key, (_key, node) in root.entries.items():
        if key not in TYPED:
            check(data[key], node)


@st.composite
def layout_text(draw: st.DrawFn) -> str:
    """Events laid out every which way: indentation, blank lines, nesting, CRLF, '---'."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append("---")
    names = draw(st.lists(st.sampled_from([*FIELDS, "media", "nested", "matrix"]), unique=True))
    step = draw(st.sampled_from([2, 4]))
    dash = draw(st.sampled_from(["", "  "]))

    def blank() -> None:
        if draw(st.integers(0, 4)) == 0:
            lines.append("")

    def comment(indent: int) -> None:
        if draw(st.integers(0, 2)) == 0:
            lines.append(" " * indent + draw(comment_text))

    def eol() -> str:
        return (" " + draw(comment_text)) if draw(st.integers(0, 3)) == 0 else ""

    for name in names:
        blank()
        comment(0)
        key = draw(st.sampled_from([name, f'"{name}"', f"'{name}'"]))
        if name in ("sources", "media", "nested"):
            lines.append(f"{key}:{eol()}")
            for _ in range(draw(st.integers(1, 3))):
                keys = draw(st.lists(st.sampled_from(SOURCE_FIELDS), unique=True, min_size=1))
                for index, item_key in enumerate(keys):
                    comment(len(dash) + 2 * (index > 0))
                    value = draw(scalar(len(dash) + step))
                    lead = f"{dash}- " if index == 0 else " " * (len(dash) + 2)
                    lines.append(
                        f"{lead}{item_key}: {value}{eol() if chr(10) not in value else ''}"
                    )
                    blank()
        elif name == "matrix":
            lines.append(f"{key}:")
            for row in draw(st.lists(st.lists(scalar(0, flow=True), max_size=3), max_size=3)):
                lines.append(f"{dash}- [{', '.join(row)}]{eol()}")
        elif name in ("tags", "actors"):
            items = draw(st.lists(scalar(0, flow=True), max_size=4))
            if items and draw(st.booleans()):
                lines.append(f"{key}:{eol()}")
                for item in items:
                    comment(len(dash))
                    lines.append(f"{dash}- {item}{eol()}")
            else:
                lines.append(f"{key}: [{', '.join(items)}]{eol()}")
        else:
            value = draw(scalar(0))
            lines.append(f"{key}: {value}{eol() if chr(10) not in value else ''}")
    comment(0)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + newline


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layout_text())
def test_fmt_any_layout_keeps_values_and_comments(text: str) -> None:
    root, problems = parse_event_text(text.encode(), "-")
    assume(root is not None and not problems)
    assert root is not None
    result = format_text(text)
    assert result.text is not None, (result.problems, text)
    out = result.text
    assert values(load(out)) == values(root)
    assert Counter(comments(out)) == Counter(comments(text.replace("\r\n", "\n")))
    assert fmt(out) == out
    for reader in READERS:
        assert_text_fields_are_text(reader(out), load(out))


# -- the command ------------------------------------------------------------------------


@pytest.fixture
def run(project: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(project)
    return CliRunner()


def test_fmt_command(run: CliRunner, project: Path) -> None:
    messy = project / "events/a.yaml"
    messy.write_text("date: 2025\ntitle: 'A'\n")
    clean = project / "events/b.yaml"
    clean.write_text("title: B\ndate: 2025\n")
    broken = project / "events/c.yaml"
    broken.write_text("title: [C\n")

    check = run.invoke(main, ["fmt", "--check"])
    assert check.exit_code == 1
    assert check.stdout == "would reformat events/a.yaml\n"
    assert "events/c.yaml: F001" in check.stderr
    assert messy.read_text() == "date: 2025\ntitle: 'A'\n"

    result = run.invoke(main, ["fmt", "events/a.yaml", "events/b.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "reformatted events/a.yaml\n"
    assert messy.read_text() == "title: A\ndate: 2025\n"
    assert run.invoke(main, ["fmt", "--check", "events/a.yaml"]).exit_code == 0
    assert broken.read_text() == "title: [C\n"


def test_example_events_are_formatted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE_ROOT)
    result = CliRunner().invoke(main, ["fmt", "--check"])
    assert result.exit_code == 0, result.output


def test_fmt_replaces_files_whole_and_keeps_their_mode(run: CliRunner, project: Path) -> None:
    messy = project / "events/a.yaml"
    messy.write_text("date: 2025\ntitle: 'A'\n")
    messy.chmod(0o640)
    assert run.invoke(main, ["fmt"]).exit_code == 0
    assert messy.read_text() == "title: A\ndate: 2025\n"
    assert messy.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in (project / "events").iterdir()) == ["a.yaml"]


def test_fmt_applies_the_loaders_size_limit(run: CliRunner, project: Path) -> None:
    big = project / "events/big.yaml"
    text = "date: 2025\ntitle: Big\nsummary: " + "word " * 60_000 + "\n"
    big.write_text(text)  # 300 KB: over the limit check and build refuse
    result = run.invoke(main, ["fmt"])
    assert result.exit_code == 1
    assert (
        f"events/big.yaml: Y004 the file is {len(text):,} bytes; the limit is 262,144"
        in result.stderr
    )
    assert big.read_text() == text


def test_a_temp_file_left_by_a_killed_run_is_not_in_the_way(run: CliRunner, project: Path) -> None:
    messy = project / "events/a.yaml"
    messy.write_text("date: 2025\ntitle: 'A'\n")
    leftover = project / "events/.a.yaml.timeline-fmt"  # the name fmt used to reuse
    leftover.write_text("half")
    result = run.invoke(main, ["fmt"])
    assert result.exit_code == 0, result.output
    assert messy.read_text() == "title: A\ndate: 2025\n"
    assert leftover.read_text() == "half"  # not ours: left alone


@pytest.mark.slow
def test_two_fmt_runs_at_once_both_succeed(project: Path) -> None:
    import subprocess
    import sys

    for number in range(300):
        (project / f"events/e{number:03d}.yaml").write_text(
            f"date: 2025\ntitle: 'Event {number}'\ntags: ['a', 'b']\n"
        )
    command = [sys.executable, "-m", "timeline", "fmt"]
    runs = [
        subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=300) for process in runs]
    for process, (_out, err) in zip(runs, outputs, strict=True):
        assert process.returncode == 0, err.decode()
    names = sorted(p.name for p in (project / "events").iterdir())
    assert names == [f"e{number:03d}.yaml" for number in range(300)]  # no temp file left
    assert (
        project / "events/e007.yaml"
    ).read_text() == "title: Event 7\ndate: 2025\ntags: [a, b]\n"


def test_fmt_keeps_a_quoted_quotation_readable() -> None:
    text = "title: '\"We choose to go to the Moon\"'\ndate: 1962-09-12\n"
    assert fmt(text) == text
    assert fmt('title: "\\"We choose\\" it\'s"\ndate: 1962\n') == (
        "title: '\"We choose\" it''s'\ndate: 1962\n"
    )
    assert fmt('title: "it\'s"\ndate: 1962\n') == "title: it's\ndate: 1962\n"
    assert yaml_text('"We choose"') == "'\"We choose\"'"


# -- registry files: sources/, eras/, places/ -------------------------------------------


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        (
            "source",
            "language: en\n# the wire copy\npublished: 2025-04-21\ntitle: 'Putin ratifies'\n"
            "authors:\n- A. Writer\n- B. Writer\nurl: https://tass.com/1\n",
            "title: Putin ratifies\nurl: https://tass.com/1\nauthors: [A. Writer, B. Writer]\n"
            "# the wire copy\npublished: 2025-04-21\nlanguage: en\n",
        ),
        (
            "era",
            "colour: '#c0d8f0'\nend: 1991  # the USSR ends\ntitle: The Cold War\ndate: 1947\n"
            'lanes:\n- europe\nsummary: "Two blocs.\\n"\n',
            # One line and its newline: double-quoted, as yaml_writer.style writes it.
            "title: The Cold War\ndate: 1947\nend: 1991  # the USSR ends\n"
            'summary: "Two blocs.\\n"\ncolour: "#c0d8f0"\nlanes: [europe]\n',
        ),
        (
            "place",
            "lon: 116.4074\nlat: 39.9042\nname: 'Beijing'\naliases:\n- Peking\nwikidata: Q956\n",
            "name: Beijing\naliases: [Peking]\nlat: 39.9042\nlon: 116.4074\nwikidata: Q956\n",
        ),
    ],
)
def test_registry_files_take_their_own_fields_order(kind: str, text: str, expected: str) -> None:
    result = format_text(text, kind=kind)
    assert result.text == expected, result.problems
    assert format_text(expected, kind=kind).text == expected  # canonical is a fixed point


def test_a_places_numbers_stay_plain_and_its_geometry_as_written() -> None:
    text = (
        "geometry: {type: LineString, coordinates: [[30.5, 50.4], [37.6, 55.8]]}\n"
        "name: Route\nlat: '12.5'\n"
    )
    out = format_text(text, kind="place").text
    assert out == (
        "name: Route\nlat: 12.5\n"
        "geometry: {type: LineString, coordinates: [[30.5, 50.4], [37.6, 55.8]]}\n"
    )
    # Read as an event file, lat is an unknown field of text: quoted so it stays text.
    assert format_text("title: T\ndate: 2025\nlat: 12.5\n").text == (
        'title: T\ndate: 2025\nlat: "12.5"\n'
    )


def test_fmt_formats_the_registry_folders_by_default(run: CliRunner, project: Path) -> None:
    (project / "events/a.yaml").write_text("title: A\ndate: 2025\n")
    for folder, name, text in (
        ("sources", "tass.yaml", "url: https://tass.com/1\ntitle: TASS\n"),
        ("eras", "cold-war.yaml", "date: 1947\ntitle: The Cold War\n"),
        ("places", "beijing.yaml", "lat: 39.9\nname: Beijing\nlon: 116.4\n"),
        ("places", "broken.yaml", "name: [B\n"),
    ):
        (project / folder).mkdir(exist_ok=True)
        (project / folder / name).write_text(text)
    check = run.invoke(main, ["fmt", "--check"])
    assert check.exit_code == 1
    assert check.stdout.splitlines() == [
        "would reformat sources/tass.yaml",
        "would reformat eras/cold-war.yaml",
        "would reformat places/beijing.yaml",
    ]
    assert "places/broken.yaml: F001" in check.stderr
    result = run.invoke(main, ["fmt", "sources", "eras", "places/beijing.yaml"])
    assert result.exit_code == 0, result.output
    assert (project / "sources/tass.yaml").read_text() == "title: TASS\nurl: https://tass.com/1\n"
    assert (project / "eras/cold-war.yaml").read_text() == "title: The Cold War\ndate: 1947\n"
    assert (project / "places/beijing.yaml").read_text() == (
        "name: Beijing\nlat: 39.9\nlon: 116.4\n"
    )
    # Replaced whole, through a temporary file beside it that is gone afterwards.
    assert sorted(p.name for p in (project / "places").iterdir()) == ["beijing.yaml", "broken.yaml"]
    assert (project / "places/broken.yaml").read_text() == "name: [B\n"


def test_a_registry_file_is_left_alone_when_a_value_would_change(run: CliRunner) -> None:
    from timeline.fmt import file_kinds

    assert set(file_kinds()) == {"event", "source", "era", "place"}
    # fmt's own check: what the loader reads before and after must be the same.
    broken = format_text("title: [B\n", "sources/b.yaml", kind="source")
    assert broken.text is None and broken.problems[0].code == "F001"


def test_underscores_alone_are_quoted_for_ruamels_reader() -> None:
    """ruamel's YAML 1.2 reader takes `-_` for an int and fails on it (found by the
    layout property above): fmt quotes it, as it quotes other non-text plain scalars."""
    text = 'title: "A"\ndate: 2025-01-02\nsummary: -_\ntags: [_]\n'
    out = format_text(text).text
    assert out is not None
    loaded = yaml_12(out)
    assert (loaded["summary"], loaded["tags"]) == ("-_", ["_"])
