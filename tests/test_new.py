from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.cli import main
from timeline.config import Settings
from timeline.dates import parse_date
from timeline.loader import load_event_file
from timeline.new import (
    NewEventError,
    date_prefix,
    id_slug,
    plan_event,
    split_phrase,
    unique_id,
)
from timeline.schema import ID_PATTERN
from timeline.yaml_writer import yaml_text


@pytest.fixture
def run(project: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(project)
    return CliRunner()


@pytest.mark.parametrize(
    ("phrase", "date_text", "title"),
    [
        ("Apr 21 2025 ratification", "Apr 21 2025", "ratification"),
        ("Jan 2025: treaty signed", "Jan 2025", "treaty signed"),
        ("2025 Q2 growth slows", "2025 Q2", "growth slows"),
        ("44 BC Caesar is killed", "44 BC", "Caesar is killed"),
        ("April 21, 2025 — Putin signs", "April 21, 2025", "Putin signs"),
        ("2025-04-21 2025 budget", "2025-04-21", "2025 budget"),
        ("Apr 21 2025 the summit", "Apr 21 2025", "the summit"),
    ],
)
def test_split_phrase(phrase: str, date_text: str, title: str) -> None:
    _date, text, rest = split_phrase(phrase)
    assert (text, rest) == (date_text, title)


def test_split_phrase_needs_a_leading_date() -> None:
    with pytest.raises(NewEventError, match="no date at the start"):
        split_phrase("ratification on Apr 21 2025")


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("Apr 21 2025", "2025-04-21"),
        ("2025-04-21T14:30", "2025-04-21"),
        ("Jan 2025", "2025-01"),
        ("2025", "2025"),
        ("circa 1990", "1990"),
        ("spring 2025", "2025-spring"),
        ("2025 Q2", "2025-q2"),
        ("1990s", "1990s"),
        ("20th century", "20th-century"),
        ("44 BC", "44bc"),
        ("21–22 April 2025", "2025-04-21"),
    ],
)
def test_date_prefix_keeps_the_precision(text: str, prefix: str) -> None:
    assert date_prefix(parse_date(text)) == prefix


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Putin ratifies the treaty", "putin-ratifies-the-treaty"),
        ("Ærøskøbing Straße", "aeroskobing-strasse"),
        ("Путин ратифицирует договор", "putin-ratifitsiruet-dogovor"),
        ("北京会谈", "bei-jing-hui-tan"),
        ("Don't panic!", "dont-panic"),
        ("!!!", "event"),
        ("", "event"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert id_slug(title) == slug


@given(st.text(max_size=200))
def test_slugs_are_always_valid_ids(title: str) -> None:
    slug = id_slug(title)
    assert ID_PATTERN.match(slug)
    assert len(slug) <= 60


@settings(deadline=None)  # no timing assertions: CI machines are shared
@given(st.text(max_size=80))
def test_yaml_text_reads_back_the_same(value: str) -> None:
    from timeline.loader import Scalar, parse_event_text

    root, problems = parse_event_text(f"k: {yaml_text(value)}\n".encode(), "-")
    if problems:  # characters the loader refuses whatever the quoting
        assert all(p.code in ("Y011", "Y012") for p in problems), problems
        return
    assert root is not None
    node = root.entries["k"][1]
    assert isinstance(node, Scalar)
    assert node.text == value


def test_unique_id() -> None:
    assert unique_id("a", set()) == "a"
    assert unique_id("a", {"a", "a-2"}) == "a-3"


def test_new_writes_a_file_that_passes_check(run: CliRunner, project: Path) -> None:
    result = run.invoke(main, ["new", "Apr 21 2025 ratification", "--tag", "treaty"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "events/2025/2025-04-21-ratification.yaml\n"
    text = (project / "events/2025/2025-04-21-ratification.yaml").read_text()
    assert text.splitlines()[:4] == [
        "# yaml-language-server: $schema=../../event.schema.json",
        "title: ratification",
        "date: Apr 21 2025",
        "tags: [treaty]",
    ]
    assert "# sources:" in text
    assert (project / "event.schema.json").is_file()
    check = run.invoke(main, ["check", "--strict"])
    assert check.exit_code == 0, check.output
    assert run.invoke(main, ["fmt", "--check"]).exit_code == 0  # already canonical


def test_new_never_collides_with_an_id_anywhere(run: CliRunner, project: Path) -> None:
    (project / "events/old").mkdir()
    (project / "events/old/2025-ratification.yaml").write_text("title: x\ndate: 2025\n")
    result = run.invoke(main, ["new", "2025 Ratification"])
    assert result.stdout == "events/2025/2025-ratification-2.yaml\n"
    again = run.invoke(main, ["new", "2025 Ratification"])
    assert again.stdout == "events/2025/2025-ratification-3.yaml\n"


def test_new_refuses_an_explicit_id_that_is_taken(run: CliRunner, project: Path) -> None:
    assert run.invoke(main, ["new", "2025 alpha", "--id", "taken"]).exit_code == 0
    result = run.invoke(main, ["new", "2025 beta", "--id", "taken"])
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert "Traceback" not in result.output


def test_new_options_and_quoting(run: CliRunner, project: Path) -> None:
    result = run.invoke(
        main, ["new", "--date", "44 BC", "--title", "#1: Caesar's end", "--tag", "rome, italy"]
    )
    assert result.exit_code == 0, result.output
    path = project / result.stdout.strip()
    assert path.relative_to(project).as_posix() == "events/44bc/44bc-1-caesars-end.yaml"
    file, problems = load_event_file(path)
    assert file is not None and not problems
    assert file.root.entries["title"][1].text == "#1: Caesar's end"  # type: ignore[union-attr]
    assert run.invoke(main, ["check"]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["hello world"], "no date at the start of 'hello world'"),
        (["Apr 21 2025"], "no title after the date 'Apr 21 2025'"),
        (["--date", "Aprl 2025", "--title", "x"], "--date: "),
        (["2025 x", "--id", "Not An Id"], "is not a valid id"),
        ([], "no date given"),
    ],
)
def test_new_user_mistakes(run: CliRunner, args: list[str], message: str) -> None:
    result = run.invoke(main, ["new", *args])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_new_reads_dates_in_the_configured_languages(run: CliRunner, project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - timeline:\n      languages: [en, ru]\n"
    )
    result = run.invoke(main, ["new", "21 апреля 2025 Путин ратифицирует договор"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "events/2025/2025-04-21-putin-ratifitsiruet-dogovor.yaml\n"
    assert run.invoke(main, ["check"]).exit_code == 0


def test_new_warns_when_the_schema_file_is_stale(run: CliRunner, project: Path) -> None:
    (project / "event.schema.json").write_text("{}\n")
    result = run.invoke(main, ["new", "2025 x"])
    assert "out of date" in result.stderr
    assert (project / "event.schema.json").read_text() == "{}\n"


def test_plan_in_a_subfolder_events_dir(tmp_path: Path) -> None:
    settings = Settings(root=tmp_path, events_dir="content/events")
    new = plan_event(settings, "Jan 2025 x")
    assert new.path == tmp_path / "content/events/2025/2025-01-x.yaml"
    assert new.text.startswith("# yaml-language-server: $schema=../../../event.schema.json\n")


def test_example_project_schema_file_is_current() -> None:
    from tests.conftest import EXAMPLE_ROOT
    from timeline.new import schema_text

    assert (EXAMPLE_ROOT / "event.schema.json").read_text(encoding="utf-8") == schema_text(), (
        "refresh it: timeline schema -o event.schema.json"
    )


@settings(deadline=None)  # no timing assertions: CI machines are shared
@given(st.lists(st.text(max_size=20), max_size=5))
def test_flow_list_reads_back_the_same(items: list[str]) -> None:
    from timeline.loader import Scalar, Sequence, parse_event_text
    from timeline.yaml_writer import flow_list

    root, problems = parse_event_text(f"tags: {flow_list(items)}\n".encode(), "-")
    if problems:  # characters the loader refuses whatever the quoting
        assert all(p.code in ("Y011", "Y012", "Y099") for p in problems)
        return
    assert root is not None
    node = root.entries["tags"][1]
    assert isinstance(node, Sequence)
    assert [item.text for item in node.items if isinstance(item, Scalar)] == items


def test_new_does_not_follow_a_schema_symlink_nor_crash_on_a_file_as_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "events").mkdir()
    outside = tmp_path / "outside.json"
    (tmp_path / "event.schema.json").symlink_to(outside)
    result = CliRunner().invoke(main, ["new", "Apr 21 2025 Ratified"])
    assert result.exit_code == 0, result.output
    assert not outside.exists()
    assert "not a regular file" in result.output

    (tmp_path / "events" / "2026").write_text("a file where a folder should be")
    blocked = CliRunner().invoke(main, ["new", "2026-01-02 Blocked"])
    assert blocked.exit_code == 1
    assert "cannot write" in blocked.output
    assert "Traceback" not in blocked.output


@pytest.mark.parametrize("title", ["a" * 400, "bad \x1b]0;title\x07 text", "red \x1b[31m text"])
def test_new_refuses_what_check_would_refuse_and_writes_nothing(
    run: CliRunner, project: Path, title: str
) -> None:
    result = run.invoke(main, ["new", "--date", "2025", "--title", title])
    assert result.exit_code == 1
    assert "not written: title: " in result.output
    assert "Traceback" not in result.output
    assert [p for p in project.rglob("*") if p.is_file()] == []


def test_new_refuses_a_control_character_in_a_tag(run: CliRunner, project: Path) -> None:
    result = run.invoke(main, ["new", "2025 Launch", "--tag", "bell\x07"])
    assert result.exit_code == 1
    assert "not written: tags[0]: control character U+0007" in result.output
    assert not list((project / "events").iterdir())


def test_new_says_an_ambiguous_date_is_ambiguous(run: CliRunner, project: Path) -> None:
    result = run.invoke(main, ["new", "03/04/1969 Apollo 9 launches"])
    assert result.exit_code == 1
    said = run.invoke(main, ["date", "03/04/1969"])
    assert "'03/04/1969' is ambiguous: 3 April 1969 or 4 March 1969?" in result.output
    assert "is ambiguous" in said.output
    assert "set date_order" in result.output
    assert not list((project / "events").iterdir())


def _example_timeline_names() -> list[str]:
    """The actors, places and publishers of the example timeline (events/)."""
    from tests.conftest import EXAMPLE_ROOT
    from timeline.loader import Scalar, Sequence, load_event_files

    files, _problems = load_event_files([EXAMPLE_ROOT / "events"], root=EXAMPLE_ROOT)
    names: set[str] = set()
    for file in files:
        for field in ("actors", "places"):
            if field in file.root.entries:
                node = file.root.entries[field][1]
                assert isinstance(node, Sequence)
                names.update(item.text for item in node.items if isinstance(item, Scalar))
        if "sources" in file.root.entries:
            sources = file.root.entries["sources"][1]
            assert isinstance(sources, Sequence)
            for source in sources.items:
                if hasattr(source, "entries") and "publisher" in source.entries:
                    names.add(source.entries["publisher"][1].text)
    names.discard("Wikipedia")  # a generic name, not the example's subject
    assert len(names) > 10  # the example timeline is there to be compared with
    return sorted(names)


def test_no_example_timeline_text_in_new_files_hints_or_help(run: CliRunner) -> None:
    import re

    from tests.conftest import EXAMPLE_ROOT

    names = _example_timeline_names()
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b", re.IGNORECASE)
    assert pattern.search("tags: [israel, russia-iran]")  # the pattern can find them
    assert run.invoke(main, ["new", "Jul 20 1969 Apollo 11 lands"]).exit_code == 0
    written = next((Path.cwd() / "events").rglob("*.yaml")).read_text()
    texts = {"the new file": written}
    for command in ("new", "fmt", "import", "check", "date"):
        texts[f"{command} --help"] = run.invoke(main, [command, "--help"]).output
    for path in (EXAMPLE_ROOT / "timeline").rglob("*"):
        if path.is_file() and path.suffix in (".py", ".html", ".md", ".js", ".json", ".j2"):
            texts[str(path.relative_to(EXAMPLE_ROOT))] = path.read_text(encoding="utf-8")
    found = {
        where: match.group() for where, text in texts.items() if (match := pattern.search(text))
    }
    assert found == {}
