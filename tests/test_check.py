from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_ROOT, WriteEvent
from timeline.check import check_paths
from timeline.config import Settings, load_settings
from timeline.problems import Severity


def codes(settings: Settings, paths: list[Path] | None = None) -> list[str]:
    return [p.code for p in check_paths(settings, paths).problems]


def test_the_example_timeline_is_clean() -> None:
    result = check_paths(load_settings(start=EXAMPLE_ROOT))
    assert [p.format() for p in result.problems] == []
    assert result.timeline is not None
    assert len(result.timeline) >= 10
    assert result.files == len(list((EXAMPLE_ROOT / "events").rglob("*.yaml")))


def test_ids_collide_across_folders(write_event: WriteEvent, settings: Settings) -> None:
    write_event("2024/same.yaml", "title: A\ndate: 2024\n")
    write_event("2025/same.yaml", "title: B\ndate: 2025\n")
    (problem,) = check_paths(settings).problems
    assert problem.code == "E202"
    assert "events/2024/same.yaml" in problem.message
    assert problem.path == "events/2025/same.yaml"


def test_file_name_must_be_a_slug(write_event: WriteEvent, settings: Settings) -> None:
    write_event("Apollo Upper.yaml", "title: A\ndate: 2024\n")
    (problem,) = check_paths(settings).problems
    assert problem.code == "E201"
    # The whole file name is quoted, so it can be copied as it is.
    assert "rename the file to 'apollo-upper.yaml':" in (problem.hint or "")


def test_related_must_exist_and_points_at_the_item(
    write_event: WriteEvent, settings: Settings
) -> None:
    write_event("a.yaml", "title: A\ndate: 2024\nrelated:\n  - b\n  - bb\n")
    write_event("b.yaml", "title: B\ndate: 2024\n")
    (problem,) = check_paths(settings).problems
    assert (problem.code, problem.line, problem.column, problem.field) == (
        "E203",
        5,
        5,
        "related[1]",
    )
    assert problem.hint == "did you mean 'b'?"


def test_related_to_itself(write_event: WriteEvent, settings: Settings) -> None:
    write_event("a.yaml", "title: A\ndate: 2024\nrelated: [a]\n")
    assert codes(settings) == ["E203"]


def test_checking_one_file_still_knows_the_other_ids(
    write_event: WriteEvent, settings: Settings
) -> None:
    one = write_event("a.yaml", "title: A\ndate: 2024\nrelated: [b]\n")
    write_event("b.yaml", "title: B\ndate: 2024\n")
    assert codes(settings, [one]) == []


def test_policies(write_event: WriteEvent, project: Path) -> None:
    write_event("a.yaml", "title: A\ndate: 2024\ntags: [war, peace]\n")
    settings = Settings(root=project, require_sources=True, allowed_tags=("war",))
    assert sorted(codes(settings)) == ["E204", "E205"]


def test_same_title_and_date_is_a_warning(write_event: WriteEvent, settings: Settings) -> None:
    write_event("a.yaml", "title: Treaty signed\ndate: Jan 2025\n")
    write_event("b.yaml", "title: treaty signed\ndate: 2025-01\n")
    result = check_paths(settings)
    (problem,) = result.problems
    assert (problem.code, problem.severity) == ("W201", Severity.WARNING)
    assert result.timeline is not None  # warnings do not stop anything


def test_sort_order_rule(write_event: WriteEvent, project: Path) -> None:
    write_event("day.yaml", "title: Day\ndate: 2025-01-01\n")
    write_event("month.yaml", "title: Month\ndate: Jan 2025\n")
    write_event("year.yaml", "title: Year\ndate: 2025\n")
    write_event("b-tie.yaml", "title: Tie b\ndate: 2025-01-01\n")
    write_event("a-tie.yaml", "title: Tie a\ndate: 2025-01-01\norder: 1\n")
    write_event("early.yaml", "title: Early\ndate: 44 BC\n")
    ascending = check_paths(Settings(root=project)).timeline
    assert ascending is not None
    ids = [e.id for e in ascending]
    assert ids == ["early", "year", "month", "b-tie", "day", "a-tie"]
    descending = check_paths(Settings(root=project, sort="descending")).timeline
    assert descending is not None
    assert [e.id for e in descending] == list(reversed(ids))


def test_drafts_are_left_out_unless_asked(write_event: WriteEvent, project: Path) -> None:
    write_event("a.yaml", "title: A\ndate: 2024\ndraft: true\n")
    write_event("b.yaml", "title: B\ndate: 2024\n")
    published = check_paths(Settings(root=project)).timeline
    assert published is not None and [e.id for e in published] == ["b"]
    everything = check_paths(Settings(root=project, drafts=True)).timeline
    assert everything is not None and len(everything) == 2


def test_lookups(write_event: WriteEvent, settings: Settings) -> None:
    write_event("a.yaml", "title: A\ndate: 2024\ntags: [x]\nactors: [P]\nrelated: [b]\n")
    write_event("b.yaml", "title: B\ndate: 2025\ntags: [x, y]\n")
    timeline = check_paths(settings).timeline
    assert timeline is not None
    assert [e.id for e in timeline.by_tag["x"]] == ["a", "b"]
    assert [e.id for e in timeline.by_actor["P"]] == ["a"]
    assert sorted(timeline.by_year) == [2024, 2025]
    assert [e.id for e in timeline.backlinks["b"]] == ["a"]
    assert timeline.neighbours(timeline.by_id["a"]) == (None, timeline.by_id["b"])


def test_settings_from_mkdocs_yml(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        "site_name: x\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n"
        "  - search\n"
        "  - timeline:\n"
        "      events_dir: stories\n"
        "      languages: [en, ru]\n"
        "      sort: descending\n",
        encoding="utf-8",
    )
    settings = load_settings(start=project / "events")
    assert settings.root == project.resolve()
    assert settings.events_dir == "stories"
    assert settings.languages == ("en", "ru")
    assert settings.descending


def test_bad_settings_are_one_clear_error(project: Path) -> None:
    from timeline.errors import ConfigError

    (project / "mkdocs.yml").write_text(
        "plugins:\n  - timeline:\n      sort: sideways\n      colour: red\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(start=project)
    assert "unknown option 'colour'" in caught.value.message
    assert "sort: expected one of ascending, descending, got 'sideways'" in caught.value.message


def test_a_broken_file_is_still_an_id_for_related_links(
    write_event: WriteEvent, settings: Settings
) -> None:
    write_event("a.yaml", "titel: A\ndate: 2024\n")  # broken: unknown field, no title
    write_event("b.yaml", "title: B\ndate: 2024\nrelated: [a]\n")
    codes = sorted(p.code for p in check_paths(settings).problems)
    assert codes == ["E101", "E102"]  # no E203 in b.yaml


def test_an_empty_date_is_one_problem(write_event: WriteEvent, settings: Settings) -> None:
    write_event("a.yaml", "title: A\ndate:\n")
    write_event("b.yaml", "title: B\ndate: ~\n")
    assert [p.code for p in check_paths(settings).problems] == ["E104", "E104"]


def test_ids_of_the_sites_own_pages_are_refused(
    write_event: WriteEvent, settings: Settings
) -> None:
    write_event("tags.yaml", "title: Tags\ndate: 2020\n")
    (problem,) = check_paths(settings).problems
    assert problem.code == "E206"
    assert "e.g. to 'tags-2020.yaml';" in (problem.hint or "")


@pytest.mark.parametrize(
    ("config", "fragment"),
    [
        ("plugins: 5\n", "plugins in mkdocs.yml: expected a list"),
        ("plugins:\n  - timeline: [x]\n", "expected options, got ['x']"),
        ("plugins:\n  - timeline:\n      locale: xx\n", "locale: expected a locale"),
        ("plugins:\n  - timeline:\n      languages: [en, klingon]\n", "'klingon'"),
    ],
)
def test_malformed_settings_are_config_errors(project: Path, config: str, fragment: str) -> None:
    from timeline.errors import ConfigError

    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(start=project)
    assert fragment in caught.value.message


def test_related_problem_points_at_its_item_after_a_repeat(
    write_event: WriteEvent, settings: Settings
) -> None:
    write_event("a.yaml", "title: A\ndate: 2024\nrelated:\n  - b\n  - b\n  - nope\n")
    write_event("b.yaml", "title: B\ndate: 2024\n")
    problem = next(p for p in check_paths(settings).problems if p.code == "E203")
    assert (problem.line, problem.column) == (6, 5)


BROKEN_FILES = {
    "yaml syntax": b"title: [A\ndate: 2024\n",
    "duplicate key": b"title: A\ntitle: B\ndate: 2024\n",
    "not utf-8": b"title: caf\xe9\ndate: 2024\n",
    "not a mapping": b"- title: A\n",
    "too large": b"title: A\ndate: 2024\nsummary: " + b"x" * (300 * 1024) + b"\n",
    "an alias": b"title: &t A\ndate: 2024\nsummary: *t\n",
    "empty": b"",
}


@pytest.mark.parametrize("kind", [*BROKEN_FILES, "a symbolic link", "not a regular file"])
def test_a_file_that_cannot_be_parsed_is_one_problem(
    kind: str, write_event: WriteEvent, settings: Settings, project: Path
) -> None:
    import os

    write_event("b.yaml", "title: B\ndate: 2024\nrelated: [broken-one]\n")
    write_event("c.yaml", "title: C\ndate: 2024\nrelated: [broken-one, b]\n")
    broken = project / "events/2024/broken-one.yaml"
    broken.parent.mkdir(parents=True)
    if kind == "a symbolic link":
        broken.symlink_to(project / "events/b.yaml")
    elif kind == "not a regular file":
        os.mkfifo(broken)
    else:
        broken.write_bytes(BROKEN_FILES[kind])
    problems = check_paths(settings).problems
    assert {p.path for p in problems} == {"events/2024/broken-one.yaml"}, [
        p.format() for p in problems
    ]
    assert "E203" not in {p.code for p in problems}


def test_an_id_too_long_for_a_page_file_name(write_event: WriteEvent, settings: Settings) -> None:
    write_event(f"{'a' * 120}.yaml", "title: Fits\ndate: 2024\n")
    write_event(f"{'b' * 121}.yaml", "title: Too long\ndate: 2024\n")
    (problem,) = check_paths(settings).problems
    assert problem.code == "E207"
    assert problem.path == f"events/{'b' * 121}.yaml"
    assert "121 characters" in problem.message


def test_each_file_is_read_before_the_next_is_loaded(
    write_event: WriteEvent, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One file's tree at a time: all of them loaded first, then read, left most of a
    # 100,000-event build's memory in fragments.
    import timeline.check as check
    import timeline.loader as loader

    for number in range(3):
        write_event(f"e{number}.yaml", f"title: E{number}\ndate: 202{number}\n")
    steps: list[str] = []
    load, read = loader.load_event_file, check.read_event

    def loading(path: Path, **options: object) -> object:
        steps.append(f"load {path.stem}")
        return load(path, **options)  # type: ignore[arg-type]

    def reading(file: loader.EventFile, settings: Settings) -> object:
        steps.append(f"read {file.path.stem}")
        return read(file, settings)

    monkeypatch.setattr(loader, "load_event_file", loading)
    monkeypatch.setattr(check, "read_event", reading)
    result = check_paths(settings)
    assert result.timeline is not None and len(result.timeline) == 3
    assert steps == [f"{step} e{n}" for n in range(3) for step in ("load", "read")]
