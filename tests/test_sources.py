"""Richer sources and the sources registry (sources/*.yaml cited by id)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_ROOT, WriteEvent
from timeline.check import check_paths
from timeline.config import Settings, load_settings
from timeline.dates import Precision
from timeline.guide_pages import problems_page
from timeline.schema import CODES as FIELD_CODES
from timeline.sources import CODES as REGISTRY_CODES
from timeline.sources import load_registry, sources_path

WriteSource = Callable[[str, str], Path]


@pytest.fixture
def write_source(project: Path) -> WriteSource:
    def write(name: str, text: str) -> Path:
        path = project / "sources" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


RICH = """
title: A
date: 2025
sources:
  - title: Report
    url: https://example.org/r
    authors: [Jane Doe, Ali Rezaei]
    published: March 2025
    accessed: 2025-04-02
    archived: https://web.archive.org/web/20250402/https://example.org/r
    archived_date: 2025-04-02
    language: fa-IR
    locator: p. 4
    quote: It happened.
"""


def test_every_new_source_field_is_read(write_event: WriteEvent, settings: Settings) -> None:
    write_event("a.yaml", RICH)
    result = check_paths(settings)
    assert result.problems == ()
    assert result.timeline is not None
    (source,) = result.timeline.events[0].sources
    assert source.authors == ("Jane Doe", "Ali Rezaei")
    assert source.published is not None and source.published.precision is Precision.MONTH
    assert source.accessed is not None and source.accessed.precision is Precision.DAY
    assert source.archived == "https://web.archive.org/web/20250402/https://example.org/r"
    assert source.archived_date is not None and source.archived_date.edtf == "2025-04-02"
    assert (source.language, source.locator, source.quote) == ("fa-IR", "p. 4", "It happened.")
    assert source.path == "events/a.yaml"
    assert source.mark("url") == (5, 10)
    assert source.to_json()["archived_date"]["edtf"] == "2025-04-02"


@pytest.mark.parametrize(
    ("source", "code", "line", "column", "field", "fragment"),
    [
        ("  - title: R\n    language: english\n", "E107", 5, 15, "sources[0].language", "fa-IR"),
        (
            "  - title: R\n    archived: web.archive.org/x\n",
            "E106",
            5,
            15,
            "sources[0].archived",
            "",
        ),
        (
            "  - title: R\n    archived_date: someday\n",
            "E105",
            5,
            20,
            "sources[0].archived_date",
            "",
        ),
        (
            "  - title: R\n    archived_date: 2025\n",
            "E113",
            5,
            20,
            "sources[0].archived_date",
            "archived",
        ),
        ("  - title: R\n    authors: Jane\n", "E103", 5, 14, "sources[0].authors", "list"),
        ("  - title: R\n    locator: [1]\n", "E103", 5, 14, "sources[0].locator", "text"),
        ("  - title: R\n    published: Marhc 2025\n", "E105", 5, 16, "sources[0].published", ""),
        ("  - id: Not An Id\n", "E107", 4, 9, "sources[0].id", "source id"),
        ("  - id: x\n    title: R\n", "E112", 5, 5, "sources[0].title", "sources/x.yaml"),
        ("  - publisher: X\n", "E102", 4, 5, "sources[0]", "`id`"),
    ],
)
def test_source_field_problems(
    write_event: WriteEvent,
    settings: Settings,
    source: str,
    code: str,
    line: int,
    column: int,
    field: str,
    fragment: str,
) -> None:
    write_event("x.yaml", "title: A\ndate: 2025\nsources:\n" + source)
    result = check_paths(settings)
    found = [(p.code, p.line, p.column, p.field) for p in result.problems]
    assert (code, line, column, field) in found, [p.format() for p in result.problems]
    problem = next(p for p in result.problems if p.code == code)
    assert fragment in problem.message + (problem.hint or "")
    assert result.timeline is None


def test_a_cited_source_is_filled_in_from_the_registry(
    write_event: WriteEvent, write_source: WriteSource, settings: Settings
) -> None:
    write_source("tass-ratification.yaml", "title: Putin ratifies\npublisher: TASS\n")
    write_event(
        "a.yaml",
        "title: A\ndate: 2025\nsources:\n  - id: tass-ratification\n    quote: Q\n"
        "    locator: para 1\n  - title: Inline\n",
    )
    write_event("b.yaml", "title: B\ndate: 2025\nsources:\n  - id: tass-ratification\n")
    result = check_paths(settings)
    assert result.problems == ()
    assert result.timeline is not None
    a, b = result.timeline.by_id["a"], result.timeline.by_id["b"]
    assert [s.title for s in a.sources] == ["Putin ratifies", "Inline"]
    cited = a.sources[0]
    assert (cited.id, cited.publisher, cited.quote, cited.locator) == (
        "tass-ratification",
        "TASS",
        "Q",
        "para 1",
    )
    # The registry file is where the source is written; each event keeps its own quote.
    assert cited.path == "sources/tass-ratification.yaml"
    assert b.sources[0].quote is None


def test_an_unknown_id_is_reported_with_did_you_mean(
    write_event: WriteEvent, write_source: WriteSource, settings: Settings
) -> None:
    write_source("tass-ratification.yaml", "title: T\n")
    write_event("a.yaml", "title: A\ndate: 2025\nsources:\n  - id: tass-ratificaton\n")
    result = check_paths(settings)
    (problem,) = result.problems
    assert (problem.code, problem.line, problem.column, problem.field) == (
        "E303",
        4,
        9,
        "sources[0].id",
    )
    assert problem.hint == "did you mean 'tass-ratification'?"
    assert result.timeline is None


def test_an_unknown_id_without_a_close_one_says_where_to_declare_it(
    write_event: WriteEvent, settings: Settings
) -> None:
    write_event("a.yaml", "title: A\ndate: 2025\nsources:\n  - id: report\n")
    (problem,) = check_paths(settings).problems
    assert problem.code == "E303"
    assert problem.hint == "add sources/report.yaml with at least a title or url"


@pytest.mark.parametrize(
    ("name", "text", "code", "line", "column", "field"),
    [
        ("Bad Name.yaml", "title: T\n", "E301", 0, 0, None),
        ("x.yaml", "title: T\nquote: Q\n", "E101", 2, 1, "quote"),
        ("x.yaml", "title: T\nid: x\n", "E101", 2, 1, "id"),
        ("x.yaml", "publisher: P\n", "E102", 1, 1, "title"),
        ("x.yaml", "title: T\nurl: ftp://x\n", "E106", 2, 6, "url"),
        ("x.yaml", "title: T\narchived_date: 2025\n", "E113", 2, 16, "archived_date"),
        ("x.yaml", "title: T\ntitle: U\n", "Y030", 2, 1, "title"),
    ],
)
def test_registry_file_problems(
    write_source: WriteSource,
    settings: Settings,
    name: str,
    text: str,
    code: str,
    line: int,
    column: int,
    field: str | None,
) -> None:
    write_source(name, text)
    registry, problems = load_registry(settings)
    found = [(p.code, p.line, p.column, p.field) for p in problems]
    assert (code, line, column, field) in found, [p.format() for p in problems]
    assert all(p.path == f"sources/{name}" for p in problems)
    assert len(registry) == 0


def test_a_broken_registry_file_does_not_make_its_citations_unknown(
    write_event: WriteEvent, write_source: WriteSource, settings: Settings
) -> None:
    write_source("x.yaml", "title: T\nurl: nope\n")
    write_event("a.yaml", "title: A\ndate: 2025\nsources:\n  - id: x\n")
    assert [p.code for p in check_paths(settings).problems] == ["E106"]


def test_the_same_id_in_two_folders(write_source: WriteSource, settings: Settings) -> None:
    write_source("a/x.yaml", "title: T\n")
    write_source("b/x.yaml", "title: U\n")
    registry, problems = load_registry(settings)
    (problem,) = problems
    assert (problem.code, problem.path) == ("E302", "sources/b/x.yaml")
    assert "sources/a/x.yaml" in problem.message
    assert registry.sources["x"].title == "T"


def test_the_registry_sits_beside_the_events_folder(tmp_path: Path) -> None:
    settings = Settings(root=tmp_path, events_dir="data/events")
    assert sources_path(settings) == tmp_path / "data" / "sources"


def test_the_example_cites_its_seed_article_by_id() -> None:
    result = check_paths(load_settings(start=EXAMPLE_ROOT))
    assert result.timeline is not None
    cited = [s for e in result.timeline for s in e.sources if s.id]
    assert len(cited) >= 10
    assert {s.id for s in cited} == {"seed-commentary-2025-04-22"}
    assert all(s.published is not None for s in cited)


def test_every_new_code_is_documented() -> None:
    page = problems_page()
    for code in ("E112", "E113", *REGISTRY_CODES):
        assert f"| `{code}` |" in page
        assert code in FIELD_CODES or code in REGISTRY_CODES


def test_fmt_writes_a_citation_id_first() -> None:
    from timeline.fmt import format_text

    formatted = format_text("title: A\ndate: 2025\nsources:\n  - quote: Q\n    id: x\n")
    assert formatted.text == "title: A\ndate: 2025\nsources:\n  - id: x\n    quote: Q\n"


def test_source_files_named_on_the_command_line_are_not_read_as_events(
    project: Path, write_event: WriteEvent, write_source: WriteSource, settings: Settings
) -> None:
    source = write_source("report.yaml", "title: Report\n")
    event = write_event("a.yaml", "title: A\ndate: 2024\nsources:\n  - id: report\n")
    result = check_paths(settings, [source, event])
    assert result.problems == ()
    write_source("report.yaml", "title: Report\nurl: nope\n")
    assert [p.code for p in check_paths(settings, [source]).problems] == ["E106"]


def test_a_badly_named_registry_file_still_has_its_fields_checked(
    write_source: WriteSource, settings: Settings
) -> None:
    write_source("Bad Name.yaml", "title: T\nurl: nope\n")
    _registry, problems = load_registry(settings)
    assert sorted(p.code for p in problems) == ["E106", "E301"]
    bad_name = next(p for p in problems if p.code == "E301")
    assert "not a valid source id" in bad_name.message
    assert "'nasa-apollo-11-press-kit'" in (bad_name.hint or "")
